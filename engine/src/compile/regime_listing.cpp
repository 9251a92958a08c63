// The regimes as `library::regimes()` lists them, built from the compiled program on first use
// (see program.hpp).
#include "compile/program.hpp"

namespace lexgate::detail {

namespace {

std::string text(std::string_view view) {
  return std::string(view);
}

rule_info listed(const rule_text& r) {
  rule_info out;
  out.id = text(r.id);
  out.local_id = text(r.local_id);
  out.regime = text(r.regime);
  out.cite = text(r.cite);
  out.severity = r.severity;
  out.forbids = r.forbids;
  out.message = text(r.message);
  out.remedy = text(r.remedy);
  out.effective = r.effective;
  out.until = r.until;
  out.file = text(r.file);
  out.where = r.where;
  return out;
}

regime_info listed(const compiled_regime& compiled) {
  const regime_text& r = compiled.info;
  regime_info out;
  out.id = text(r.id);
  out.title = text(r.title);
  out.authority = text(r.authority);
  out.jurisdiction = text(r.jurisdiction);
  out.instrument = text(r.instrument);
  out.reach = r.reach;
  out.effective = r.effective;
  out.until = r.until;
  out.sources.assign(r.sources.begin(), r.sources.end());
  out.file = text(r.file);
  out.where = r.where;
  out.rules.reserve(compiled.rules.size());
  for (const auto& rule : compiled.rules) out.rules.push_back(listed(rule.info));
  return out;
}

}  // namespace

const std::vector<regime_info>& regime_listing::of(std::span<const compiled_regime> regimes) const {
  std::call_once(once_, [&] {
    regimes_.reserve(regimes.size());
    for (const auto& r : regimes) regimes_.push_back(listed(r));
  });
  return regimes_;
}

}  // namespace lexgate::detail
