// Which waivers of a run named a finding (layer: CLI). A waiver that names none (a rule
// renamed or now clear, a market or profile misspelt) accepts nothing; a reviewer should know
// it is stale rather than trust it.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "lexgate/waivers.hpp"

namespace lexgate::cli {

class waiver_use {
 public:
  explicit waiver_use(const std::vector<waiver>& waivers);

  /// Marks each waiver that names a finding of `r`. Safe from several threads at once (scan's
  /// workers), and cheap once every waiver is marked.
  void note(const report& r);
  /// Warns on stderr, at its line of `file`, about each waiver no report named
  /// (`warning[waiver.unused]`). The gate does not change.
  void warn_unused(const std::string& file) const;

 private:
  const std::vector<waiver>& waivers_;
  std::unique_ptr<std::atomic<bool>[]> used_;
};

}  // namespace lexgate::cli
