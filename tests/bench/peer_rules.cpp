// The peers' rules out of the standard library's own text: the parser gives each regime, rule and
// invariant its byte span, and the spans of what the peers do not encode are cut out, so no rule
// is written twice and the cut library is compiled by the same `load_library` as any other.
#include "peer_rules.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lexgate/parse.hpp"

#ifndef LEXGATE_PEER_RULES_FILE
#error "LEXGATE_PEER_RULES_FILE names tests/bench/peers/rules.mjs"
#endif

namespace lexgate::bench {

namespace {

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "bench: peer rules: %s\n", why.c_str());
  std::exit(2);
}

// The cut text of one rule file, or "" when nothing of it is left but its definitions.
std::string cut(const ast::rule_file& file, const std::set<std::string>& keep,
                std::set<std::string>& found) {
  std::vector<span> drop;
  for (const auto& regime : file.regimes) {
    std::vector<span> rules_dropped;
    for (const auto& rule : regime.rules) {
      const std::string id = regime.id.value + "." + rule.id.value;
      if (keep.count(id) != 0) {
        found.insert(id);
      } else {
        rules_dropped.push_back(rule.where);
      }
    }
    if (rules_dropped.size() == regime.rules.size()) {
      drop.push_back(regime.where);
    } else {
      drop.insert(drop.end(), rules_dropped.begin(), rules_dropped.end());
    }
  }
  for (const auto& invariant : file.invariants) drop.push_back(invariant.where);
  std::sort(drop.begin(), drop.end(), [](span a, span b) { return a.begin < b.begin; });
  const std::string& text = file.source->text();
  std::string out;
  std::uint32_t at = 0;
  for (const span s : drop) {
    out.append(text, at, s.begin - at);
    at = s.end;
  }
  out.append(text, at);
  return out;
}

// The full rule ids the peers' harness names (`regime.rule`), in the order it names them.
std::vector<std::string> peer_rule_ids() {
  std::ifstream in(LEXGATE_PEER_RULES_FILE);
  if (!in) fail(std::string("cannot read ") + LEXGATE_PEER_RULES_FILE);
  std::stringstream text;
  text << in.rdbuf();
  // Each rule of the harness is named by its full id, the one quoted string shaped
  // `word.word.word` in it (`title: '…'`, or the second argument of cnRequires/govBan). Quotes
  // are not paired up (comments hold apostrophes): each one is tried as an opening quote.
  const std::string s = text.str();
  const auto id_char = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
  };
  std::vector<std::string> ids;
  for (std::size_t open = s.find('\''); open != std::string::npos; open = s.find('\'', open + 1)) {
    std::size_t end = open + 1;
    while (end < s.size() && id_char(s[end])) ++end;
    if (end == s.size() || s[end] != '\'' || end == open + 1) continue;
    const std::string quoted = s.substr(open + 1, end - open - 1);
    if (std::count(quoted.begin(), quoted.end(), '.') == 2 &&
        std::find(ids.begin(), ids.end(), quoted) == ids.end()) {
      ids.push_back(quoted);
    }
  }
  if (ids.empty()) fail(std::string("no rule ids in ") + LEXGATE_PEER_RULES_FILE);
  return ids;
}

library build() {
  const std::vector<std::string> ids = peer_rule_ids();
  const std::set<std::string> keep(ids.begin(), ids.end());
  std::set<std::string> found;
  std::vector<source_ptr> files;
  for (const auto& source : standard_library_sources()) {
    diagnostic_bag bag;
    const auto parsed = parse_rules(source, bag);
    if (!parsed) fail("the standard library file " + source->name() + " does not parse");
    files.push_back(std::make_shared<const source_file>(source->name(), cut(*parsed, keep, found)));
  }
  for (const auto& id : ids) {
    if (found.count(id) == 0) fail(id + " is not a rule of the standard library");
  }
  diagnostic_bag bag;
  auto lib = load_library(files, bag, "peers");
  if (!lib) {
    for (const auto& d : bag.sorted()) std::fprintf(stderr, "%s\n", render_diagnostic(d).c_str());
    fail("the cut library does not compile");
  }
  if (lib->rule_count() != ids.size())
    fail("the cut library does not hold exactly the peers' rules");
  return *lib;
}

}  // namespace

const library& peer_library() {
  static const library lib = build();
  return lib;
}

}  // namespace lexgate::bench
