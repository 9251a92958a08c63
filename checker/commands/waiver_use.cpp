#include "commands/waiver_use.hpp"

#include <iostream>

#include "lexgate/diagnostic.hpp"

namespace lexgate::cli {

waiver_use::waiver_use(const std::vector<waiver>& waivers)
    : waivers_(waivers), used_(std::make_unique<std::atomic<bool>[]>(waivers.size())) {}

void waiver_use::note(const report& r) {
  for (std::size_t i = 0; i < waivers_.size(); ++i) {
    if (used_[i].load(std::memory_order_relaxed)) continue;
    bool named = false;
    for (const auto& m : r.markets) {
      for (const auto& f : m.findings) named = named || waiver_names(waivers_[i], r, m, f);
    }
    if (named) used_[i].store(true, std::memory_order_relaxed);
  }
}

void waiver_use::warn_unused(const std::string& file) const {
  for (std::size_t i = 0; i < waivers_.size(); ++i) {
    if (used_[i].load(std::memory_order_relaxed)) continue;
    const waiver& w = waivers_[i];
    std::cerr << printable(file) << ":" << w.where.line << ":" << w.where.column
              << ": warning[waiver.unused]: the waiver for " << printable(w.rule)
              << (w.market.empty() ? "" : " in " + printable(w.market))
              << (w.profile.empty() ? "" : " (profile " + printable(w.profile) + ")")
              << " names no finding of this run\n"
              << "  = help: remove it, or check its rule, market and profile\n";
  }
}

}  // namespace lexgate::cli
