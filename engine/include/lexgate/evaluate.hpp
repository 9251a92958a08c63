// Evaluation: a compiled library × a profile × an as-of date → a report model (layer: evaluate).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lexgate/artifacts.hpp"
#include "lexgate/date.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"

namespace lexgate {

enum class finding_status { violation, indeterminate, waived, upcoming };

/// Ordered from best to worst, so the worst of several is their maximum: blocked >
/// indeterminate > uncovered > attention > clear (design §5).
enum class verdict { clear, attention, uncovered, indeterminate, blocked };
inline constexpr int verdict_count = 5;

/// What happened to one rule in one market (for reports that list every rule, like JUnit).
enum class rule_outcome { passed, not_applicable, violation, indeterminate };

/// A profile value that decided a finding.
struct evidence_item {
  std::string path;     ///< `product.models[0].provider`
  std::string value;    ///< Rendered: `"DeepSeek"`.
  location where;       ///< In the profile file; line 0 for values the profile does not state.
  /// The value itself, for typed output (JSON). Without paths (its own and its items' `path`
  /// are empty): `path` above says where it sits.
  lexgate::value data;
  /// At `report_detail::evidence_in_place`: the profile's value itself, in place of `path`,
  /// `value` and `data` (left empty; its own `path` says where it sits). Valid while the profile
  /// judged lives unchanged. Null at every other detail, and for a value that is not the
  /// profile's (`market` in a rule), whose item is filled as at `evidence_typed`.
  const lexgate::value* read = nullptr;
};

struct waiver_note {
  std::string justification;
  std::string approver;
  date expires;
  bool expired = false;
};

/// A rule's or invariant's finding in one market. The fields that repeat the library's text
/// (`rule`, `regime`, `jurisdiction`, `cite`, `sources`, `remedy`, `member_state`) refer to it
/// rather than copy it: they are valid while the report they came in lives (it keeps the library's
/// text, `report::library_text`, and any text of its own, `report::own_text`). A finding copied
/// out of its report must not outlive both.
struct finding {
  std::string_view rule;
  std::string_view regime;  ///< Empty for an invariant's finding.
  std::string_view jurisdiction;
  rule_severity severity = rule_severity::block;
  finding_status status = finding_status::violation;
  std::string message;  ///< With its placeholders filled in.
  std::string_view cite;
  std::span<const std::string_view> sources;
  std::string_view remedy;
  std::vector<std::string> missing;  ///< Facts the profile omits that left the outcome unknown.
  /// Facts of the rule's `unless` exception that the profile does not state. An exception must
  /// be established: unstated, it does not hold, and the rule applies ("no exemption stated").
  std::vector<std::string> unstated_exceptions;
  /// For a market that stands for several (`EU`), the member state whose own rules gave this
  /// finding; empty for rules of the market itself.
  std::string_view member_state;
  std::vector<evidence_item> evidence;
  std::optional<date> effective;      ///< For `upcoming`: the day it comes into force.
  std::optional<waiver_note> waiver;  ///< The waiver that waives it, or that expired.
};

struct rule_result {
  /// The rule's id. Text of the library that judged the profile, kept alive by the report
  /// (`report::library_text`): a report lists every rule it judged, and copying each id into
  /// the report cost more than judging the rule.
  std::string_view rule;
  rule_severity severity = rule_severity::block;
  rule_outcome outcome = rule_outcome::passed;
};

struct market_report {
  std::string market;
  verdict market_verdict = verdict::clear;
  /// Whether a regime in force reaches this market by its jurisdiction (territory or
  /// government). A market no regime covers is `uncovered`: nothing was checked for it.
  bool covered = false;
  /// Those regimes, by id (filled at `report_detail::full` only); library text, like a
  /// finding's `regime`.
  std::vector<std::string_view> coverage;
  /// For `EU`: the member states whose own regimes were judged as part of this market (library
  /// text).
  std::vector<std::string_view> member_states;
  /// Whether this market fails the gate of `report::gate`.
  bool fails_gate = false;
  std::vector<finding> findings;
  std::vector<rule_result> evaluated;  ///< Every rule in force that covered this market.
};

/// Rules of different markets that no single deployment can satisfy together (see plan.hpp).
struct conflict {
  std::vector<std::string> markets;
  std::vector<std::string> rules;
  std::vector<std::string> invariants;  ///< Facts about the world the conflict rests on.
  std::vector<std::string> attributes;
  std::string explanation;
};

struct report_summary {
  std::uint32_t rules_evaluated = 0;
  std::uint32_t violations = 0;
  std::uint32_t indeterminate = 0;
  std::uint32_t waived = 0;
  std::uint32_t upcoming = 0;
  std::uint32_t uncovered = 0;  ///< Markets no regime in force covers.
};

/// The lowest severity that fails the gate (`--fail-on`).
enum class fail_threshold : std::uint8_t { block, warn, never };

/// When a report fails the gate (exit 1): the CLI's `--fail-on`, `--allow-indeterminate` and
/// `--allow-uncovered`. Every report format shows the outcome under the same policy, so the
/// verdict, the exit code and the reports agree.
struct gate_policy {
  fail_threshold fail_on = fail_threshold::block;
  bool allow_indeterminate = false;
  bool allow_uncovered = false;
};

struct report {
  date as_of;
  std::string_view library_name;    ///< Library text, like a finding's `rule`.
  std::string_view library_digest;  ///< Library text, like a finding's `rule`.
  std::string profile_id;
  std::string profile_path;
  verdict overall = verdict::clear;
  gate_policy gate{};        ///< The policy `fails_gate` was decided under.
  bool fails_gate = false;   ///< Whether any market fails the gate, or the drift does: exit 1.
  /// Whether the drift alone fails the gate (`check --artifacts` under `--drift fail`: the
  /// artifacts deploy what the profile does not list, or contradict it), whatever the findings.
  bool drift_fails_gate = false;
  std::vector<market_report> markets;
  std::vector<conflict> conflicts;
  /// Why the conflict analysis gave up (its time or memory budget); empty when it ran or was not
  /// needed. The verdict stands either way: conflicts explain findings, they never clear them.
  std::string conflicts_not_analysed;
  report_summary summary;
  /// How the profile's company names resolved when it loaded (`profile::resolutions`). Left to
  /// the caller, which copies it once per profile: `evaluate` never touches it.
  std::vector<name_resolution> names;
  /// How the profile differs from its deployment artifacts (`check --artifacts`); absent when
  /// no artifacts were read.
  std::optional<std::vector<drift_item>> drift;
  /// The compiled library that judged the profile, whose text the report refers to
  /// (`library_name`, `library_digest`, `markets[].evaluated[].rule`, `coverage`,
  /// `member_states`, and a finding's `rule`, `regime`,
  /// `jurisdiction`, `cite`, `sources`, `remedy` and `member_state`): shared, so the report stays
  /// valid when the caller's `library` goes. Copies of the report share it too; what is copied
  /// out of a report (a finding, a market) refers to it and must not outlive it.
  std::shared_ptr<const void> library_text;
  /// Text the report's views refer to that is not the library's: an invariant's remedy, text
  /// made printable (report writers). Shared by copies of the report, like `library_text`.
  /// Each is a `std::string`, a `std::vector<std::string>` or a `std::vector<std::string_view>`.
  std::vector<std::shared_ptr<const void>> own_text;
};

/// How much of each finding `evaluate` fills in. Verdicts, statuses and `evaluated` are always
/// complete; a caller that prints less (a fleet scan, a gate) need not pay for the rest.
enum class report_detail : std::uint8_t {
  full,      ///< Everything.
  evidence,  ///< No `message`, `cite`, `sources` or `remedy` (left empty).
  verdicts,  ///< Nor `missing` or `evidence`: each finding's rule, regime, severity and status.
  /// As `evidence`, and each evidence item's rendered `value` left empty: its `data` holds the
  /// value typed, all a caller that writes evidence as JSON (`scan --format jsonl`) reads.
  evidence_typed,
  /// As `evidence_typed`, with each evidence item referring to the profile's value
  /// (`evidence_item::read`) rather than holding a copy: for a caller that is done with the
  /// report before the profile changes (`scan --format jsonl` writes each line at once).
  evidence_in_place,
};

struct evaluate_options {
  date as_of = date::today();
  /// Rules that come into force within this many days after `as_of` are reported as upcoming.
  std::int32_t upcoming_days = 90;
  report_detail detail = report_detail::full;
  gate_policy gate{};  ///< Recorded in the report, with each market's outcome under it.
};

namespace detail {
struct scratch;
}

/// The working memory of evaluations (quantifier slots, values read, missing facts, and the
/// parts of reports one evaluation no longer needs), kept from one evaluation to the next so
/// that, once warm, the evaluator allocates nothing. Owned by the caller and used by one thread
/// at a time: `scan` keeps one per worker.
class evaluation_state {
 public:
  evaluation_state();
  ~evaluation_state();
  evaluation_state(evaluation_state&&) noexcept;
  evaluation_state& operator=(evaluation_state&&) noexcept;

  detail::scratch& scratch() { return *scratch_; }

 private:
  std::unique_ptr<detail::scratch> scratch_;
};

/// Evaluates every regime and rule in force at `options.as_of` for each market of the profile.
/// Pure: the same inputs give the same report.
report evaluate(const library& rules, const profile& facts, const evaluate_options& options);

/// The same, into `out`, reusing the memory of the report `out` held and the working memory of
/// `state`: evaluating profile after profile into one report with one state allocates nothing
/// once warm. `out`'s previous content is replaced entirely (conflicts are cleared). Re-entrant:
/// evaluations with different states share nothing.
void evaluate(const library& rules, const profile& facts, const evaluate_options& options,
              evaluation_state& state, report& out);
/// The same with a fresh state: the report's memory is reused, the working memory is not.
void evaluate(const library& rules, const profile& facts, const evaluate_options& options,
              report& out);

/// The market verdict the design defines: blocked, else indeterminate, else uncovered (no
/// regime covers it), else attention (an open warn finding), else clear.
verdict market_verdict_of(const std::vector<finding>& findings, bool covered);
/// Whether one finding fails the gate under `gate`.
bool fails_gate(const finding& f, const gate_policy& gate);
/// Whether a market fails the gate: a finding that fails it, or no coverage (unless allowed).
bool fails_gate(const market_report& m, const gate_policy& gate);
/// Recomputes market verdicts, the overall verdict, the gate's outcome (under `r.gate`) and the
/// summary from the findings (after waivers change statuses).
void recompute_verdicts(report& r);

const char* to_string(verdict v);
const char* to_string(finding_status s);
const char* to_string(rule_severity s);
const char* to_string(rule_outcome o);
const char* to_string(fail_threshold t);

}  // namespace lexgate
