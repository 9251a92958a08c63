// Reading waiver files (layer: evaluate).
#include "io/yaml_events.hpp"
#include "lexgate/waivers.hpp"
#include "source/text_check.hpp"

namespace lexgate {

std::optional<std::vector<waiver>> load_waivers(const source_ptr& file, const library& rules,
                                                diagnostic_bag& bag) {
  const std::size_t errors_before = bag.error_count();
  auto root = detail::parse_yaml(*file, bag, profile_limits{});
  if (!root) return std::nullopt;
  auto error = [&](const char* code, std::string message, const detail::yaml_node& at,
                   std::string help = {}) {
    bag.report(diagnostic_severity::error, code, std::move(message), file.get(),
               {at.offset, at.offset + 1}, std::move(help));
  };
  if (root->k != detail::yaml_node::kind::sequence) {
    error("waiver.invalid", "a waiver file is a list of waivers", *root,
          "each entry has rule, justification, approver and expires");
    return std::nullopt;
  }
  const std::vector<std::string> ids = rules.rule_ids();
  std::vector<waiver> out;
  for (const auto& entry : root->items) {
    if (entry.k != detail::yaml_node::kind::mapping) {
      error("waiver.invalid", "a waiver is a mapping", entry);
      continue;
    }
    waiver w;
    w.where = file->locate(entry.offset);
    auto text = [&](const char* key, bool required) -> std::string {
      const detail::yaml_node* n = entry.find(key);
      if (n != nullptr && (n->k != detail::yaml_node::kind::scalar || n->text.empty())) {
        // A list or mapping where one value belongs would otherwise read as "unset", and a
        // waiver meant for some markets would waive every one.
        error("waiver.type", std::string("`") + key + "` takes one non-empty value", *n,
              "write one rule, profile id, market code, name or date; one waiver per market");
        return {};
      }
      if (n == nullptr) {
        if (required) {
          error("waiver.missing", std::string("a waiver needs `") + key + "`", entry,
                "justification, approver and expires are required");
        }
        return {};
      }
      // Every report quotes a waiver (SARIF suppressions, JUnit, CI annotations): ESC, CR,
      // NEL or U+2028 would forge or break them. A justification may run over lines.
      const bool multiline = std::string_view(key) == "justification";
      if (detail::unprintable_at(n->text, multiline)) {
        error("waiver.control_character",
              std::string("`") + key +
                  "` holds a control character, a line separator or an encoded surrogate",
              *n, multiline ? "write plain text" : "write plain text on one line");
        return {};
      }
      return n->text;
    };
    for (std::size_t i = 0; i < entry.size(); ++i) {
      const std::string& key = entry.key(i).text;
      if (key != "rule" && key != "profile" && key != "market" && key != "justification" &&
          key != "approver" && key != "expires") {
        auto near = nearest_name(
            key, {"rule", "profile", "market", "justification", "approver", "expires"});
        error("waiver.unknown_key", "unknown key `" + key + "`", entry.key(i),
              near ? "did you mean `" + *near + "`?" : std::string());
      }
    }
    w.rule = text("rule", true);
    w.profile = text("profile", false);
    w.market = text("market", false);
    w.justification = text("justification", true);
    w.approver = text("approver", true);
    const std::string expires = text("expires", true);
    if (!w.market.empty() && !rules.profile_schema().jurisdictions.known(w.market)) {
      auto near = nearest_name(w.market, rules.profile_schema().jurisdictions.codes());
      error("waiver.unknown_market", "`" + w.market + "` is not a known jurisdiction",
            *entry.find("market"),
            near ? "did you mean `" + *near + "`?" : "a market is an ISO 3166 code such as `IT`");
    }
    if (!w.rule.empty() && rules.find_rule(w.rule) == nullptr) {
      auto near = nearest_name(w.rule, ids);
      error("waiver.unknown_rule", "no rule `" + w.rule + "` in the library", *entry.find("rule"),
            near ? "did you mean `" + *near + "`?" : "`lexgate list --all` lists every rule");
    }
    if (!expires.empty()) {
      if (auto d = date::parse(expires)) {
        w.expires = *d;
      } else {
        error("waiver.bad_date", "`" + expires + "` is not a date", *entry.find("expires"),
              "write YYYY-MM-DD");
      }
    }
    out.push_back(std::move(w));
  }
  if (bag.error_count() != errors_before) return std::nullopt;
  return out;
}

}  // namespace lexgate
