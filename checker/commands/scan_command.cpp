// `lexgate scan`: many profiles on all cores, one JSON line per profile, a summary at the end.
// Profiles come from YAML files, and from JSON Lines (one profile per line: `.jsonl` files, or
// any file or standard input with `--jsonl`).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include <system_error>
#include <thread>
#include <unordered_map>

#include "commands/artifact_drift.hpp"
#include "commands/commands.hpp"
#include "commands/scan_feed.hpp"
#include "commands/scan_walk.hpp"
#include "commands/shared_options.hpp"
#include "commands/text_set.hpp"
#include "commands/waiver_use.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/profile_json.hpp"
#include "lexgate/waivers.hpp"
#include "report/json_writer.hpp"
#include "report/reports.hpp"
#include "report/typed_value_writer.hpp"

namespace lexgate::cli {

namespace {

struct scan_options {
  std::string input;
  std::vector<std::string> rule_dirs;
  std::vector<std::string> add_dirs;
  std::string as_of;
  unsigned threads = 0;
  bool jsonl = false;
  gate_options gate;
  scan_filters filters;
  std::string format = "jsonl";
  std::string waivers;
  artifact_options artifacts;
};

/// A profile's id and where it was read: the profile's file (an index into the input files)
/// and, for a JSON line, its line. Named in text only for a duplicate id.
struct profile_seen {
  std::string id;
  std::size_t file = 0;
  std::uint32_t line = 0;
};

/// The scan of consecutive profiles: their JSON lines and what they add to the summary.
struct chunk_result {
  std::string lines;  ///< One JSON line per profile, each ending in a line break.
  std::size_t profiles = 0;
  std::size_t verdicts[verdict_count] = {};  ///< By `verdict`.
  std::size_t errors = 0;
  bool failed = false;
  std::vector<profile_seen> ids;  ///< In order.
  std::vector<report> reports;  ///< For SARIF and JUnit, which cover every profile.
  std::string diagnostics;      ///< With SARIF and JUnit, errors go to stderr, rendered.
};

bool is_jsonl(const std::filesystem::path& p) {
  return p.extension() == ".jsonl";
}

// The files named by the input: a directory's `*.yaml`, `*.yml` and `*.jsonl` files (sorted),
// one file, or paths on standard input (with `--jsonl`, standard input is JSON Lines itself).
std::vector<input_file> input_files(const scan_options& o, diagnostic_bag& bag,
                                    std::size_t& not_profiles) {
  namespace fs = std::filesystem;
  std::vector<input_file> out;
  if (o.input == "-") {
    if (o.jsonl) {
      out.push_back(input_file{"-", true, {}});  // read as it is scanned
      return out;
    }
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty()) out.push_back(input_file{line, is_jsonl(line), {}});
    }
    return out;
  }
  std::error_code ec;
  if (fs::is_regular_file(o.input, ec)) {
    out.push_back(input_file{o.input, o.jsonl || is_jsonl(o.input), {}});
    return out;
  }
  if (!fs::is_directory(o.input, ec)) {
    bag.error("io.scan", "`" + o.input + "` is neither a directory nor a file", o.input,
              "scan takes a directory of profiles, a file, or `-` to read paths (or, with "
              "--jsonl, JSON Lines) from standard input");
    return out;
  }
  // A repository: hidden folders, excluded paths and YAML that is not a profile left out.
  auto walk = walk_for_profiles(o.input, o.filters);
  not_profiles = walk.not_profiles.size();
  for (const auto& path : walk.not_profiles) {
    spdlog::info("{}: not a profile (no top-level `profile:`); skipped", path);
  }
  for (auto& path : walk.yaml) out.push_back(input_file{std::move(path), false, {}});
  for (auto& path : walk.jsonl) out.push_back(input_file{std::move(path), true, {}});
  for (const auto& p : walk.problems) bag.error(p.code, p.message, p.path, p.hint);
  if (!walk.error.empty()) {
    bag.error("io.scan", "cannot read `" + o.input + "`: " + walk.error, o.input);
  }
  std::sort(out.begin(), out.end(),
            [](const input_file& a, const input_file& b) { return a.path < b.path; });
  return out;
}

using json = nlohmann::ordered_json;

json error_line(const input_file& file, const work_item& item, const diagnostic_bag& bag) {
  json line;
  line["profile"] = file.path;
  if (file.jsonl) line["line"] = item.line;
  json errors = json::array();
  for (const auto& d : bag.sorted()) {
    json e = {{"code", d.code}, {"message", d.message}, {"line", d.where.line}};
    if (file.jsonl) {
      e["pointer"] = d.pointer;
    } else {
      e["column"] = d.where.column;
    }
    errors.push_back(std::move(e));
  }
  line["error"] = std::move(errors);
  return line;
}

// An evidence path's members as written in a line: the item's opening up to its value,
// `{"path":"<path>","value":`, and, for a JSON line, `"pointer":"<JSON pointer>"`.
struct evidence_texts {
  std::string open;
  std::string pointer;
};

// The members of evidence paths, by path: a fleet's findings cite the same few paths line after
// line, and one lookup spares quoting the path and building its pointer again. Bounded: it
// starts afresh when full.
class pointer_texts {
 public:
  /// The texts of a value of the profile's path. A profile reused from line to line keeps its
  /// values in place, mostly with the same paths: the texts are remembered by the value's address
  /// too, and found there by comparing the path, without hashing it.
  const evidence_texts& of(const value& v) {
    const auto address = reinterpret_cast<std::uintptr_t>(&v);
    recent& r = recent_[((address >> 3) * 0x9E3779B97F4A7C15ull) >> (64 - kRecentBits)];
    if (r.v == &v && *r.path == v.path) return *r.texts;
    const auto& [path, texts] = entry(v.path);
    r = {&v, &path, &texts};
    return texts;
  }

  const evidence_texts& of(std::string_view path) { return entry(path).second; }

 private:
  const std::pair<const std::string, evidence_texts>& entry(std::string_view path) {
    if (auto it = known_.find(path); it != known_.end()) return *it;
    if (known_.size() >= 4096) {
      known_.clear();
      recent_.fill({});  // they referred to the entries just dropped
    }
    using report_writers::operator""_key;
    evidence_texts texts;
    {
      report_writers::json_writer w(texts.pointer);
      w.key("pointer"_key);
      w.json_pointer_value(path);
    }
    {
      report_writers::json_writer w(texts.open);
      w.begin_object();
      w.member("path"_key, path);
      w.key("value"_key);
    }
    return *known_.emplace(std::string(path), std::move(texts)).first;
  }

  // A value met recently, and the entry of `known_` for its path then.
  struct recent {
    const value* v = nullptr;
    const std::string* path = nullptr;
    const evidence_texts* texts = nullptr;
  };
  static constexpr unsigned kRecentBits = 8;
  // Paths are a few dozen bytes, looked up several times a line (text_set.hpp).
  std::unordered_map<std::string, evidence_texts, text_hash, std::equal_to<>> known_;
  std::array<recent, std::size_t{1} << kRecentBits> recent_{};
};

// The names of verdicts, finding statuses and severities as a line writes them, quoted: written
// from `to_string` once, then copied, where each was measured and escaped again several times a
// line. A value not in the table (one added to the enum later) is written from `to_string`.
template <class Enum, std::size_t N>
class quoted_names {
 public:
  explicit quoted_names(const std::array<Enum, N>& values) {
    for (const Enum v : values) {
      const auto i = static_cast<std::size_t>(v);
      if (i >= N) continue;
      report_writers::json_writer w(texts_[i]);
      w.value(to_string(v));
    }
  }
  void member(report_writers::json_writer& line, report_writers::json_key name, Enum v) const {
    line.key(name);
    value(line, v);
  }
  void value(report_writers::json_writer& line, Enum v) const {
    const auto i = static_cast<std::size_t>(v);
    if (i < N && !texts_[i].empty()) {
      line.json_value(texts_[i]);
    } else {
      line.value(to_string(v));
    }
  }

 private:
  std::array<std::string, N> texts_{};
};

struct line_names {
  quoted_names<verdict, verdict_count> verdicts{
      {verdict::clear, verdict::attention, verdict::uncovered, verdict::indeterminate,
       verdict::blocked}};
  quoted_names<finding_status, 4> statuses{{finding_status::violation,
                                            finding_status::indeterminate,
                                            finding_status::waived, finding_status::upcoming}};
  quoted_names<rule_severity, 3> severities{
      {rule_severity::block, rule_severity::warn, rule_severity::info}};
};

// What one worker thread keeps from one profile to the next.
struct worker_state {
  json_profile_reader reader;  // simdjson's buffers
  profile json_profile;        // JSON lines are typed into it, reusing its memory
  std::optional<profile> yaml_profile;
  report judged;                // evaluated into, reusing its memory
  evaluation_state evaluation;  // the evaluator's working memory, reused likewise
  pointer_texts pointers;       // evidence paths and pointers already written
  line_names names;             // verdicts, statuses and severities as written
  bool lines = true;            // `--format jsonl`: a JSON line per profile
  const derivation* observed = nullptr;  // `--artifacts`: every profile gets them
  const artifact_options* artifacts = nullptr;
  waiver_use* waivers_used = nullptr;  // `--waivers`: which named a finding, over every thread
};

void write_line(const input_file& file, const work_item& item, const report& r,
                pointer_texts& pointers, const line_names& names, std::string& out);

// Scans one profile: appends its JSON line to `out.lines` and counts it.
void scan_one(const library& rules, const input_file& file, const work_item& item,
              worker_state& state, const evaluate_options& eval, const scan_options& o,
              const std::vector<waiver>& waivers, chunk_result& out) {
  ++out.profiles;
  diagnostic_bag bag;
  const profile* p = nullptr;
  if (file.jsonl) {
    // A line never names how company names resolved (`check --explain` does): not recorded.
    state.json_profile.keep_resolutions = false;
    // The line lies in a block padded for the reader (text_block::padding).
    static_assert(text_block::padding >= json_profile_reader::line_padding);
    if (state.reader.load_padded_into(item.text, item.line, file.source, rules.profile_schema(),
                                      bag, state.json_profile)) {
      p = &state.json_profile;
    }
  } else if (std::string why; auto source = read_source_file(file.path, why)) {
    state.yaml_profile = load_profile(source, rules.profile_schema(), bag);
    if (state.yaml_profile) p = &*state.yaml_profile;
  } else {
    bag.error("io.read", "cannot read profile: " + why, file.path);
  }
  if (p == nullptr) {
    ++out.errors;
    if (!state.lines) {
      for (const auto& d : bag.sorted()) out.diagnostics += render_diagnostic(d);
      return;
    }
    // A file name that is not UTF-8 is refused, and named here with U+FFFD in its place.
    out.lines += error_line(file, item, bag).dump(-1, ' ', false, json::error_handler_t::replace);
    out.lines += '\n';
    return;
  }
  if (state.observed != nullptr) {
    evaluate_deployed(rules, *p, *state.observed, *state.artifacts, eval, state.judged);
  } else {
    evaluate(rules, *p, eval, state.evaluation, state.judged);
  }
  if (!waivers.empty()) {
    apply_waivers(state.judged, waivers);
    state.waivers_used->note(state.judged);
  }
  const report& r = state.judged;
  ++out.verdicts[static_cast<int>(r.overall)];
  out.failed = out.failed || fails(r, o.gate) ||
               (state.artifacts != nullptr && drift_fails_gate(r, *state.artifacts));
  // Made in place, the id copied once (a temporary's was copied, then moved).
  profile_seen& seen = out.ids.emplace_back();
  seen.id = r.profile_id;
  seen.file = item.file;
  seen.line = item.line;
  if (!state.lines) {
    out.reports.push_back(r);
    return;
  }

  write_line(file, item, r, state.pointers, state.names, out.lines);
  out.lines += '\n';
}

// Appends the JSON line of a judged profile, without its line break.
void write_line(const input_file& file, const work_item& item, const report& r,
                pointer_texts& pointers, const line_names& names, std::string& out) {
  using report_writers::operator""_key;
  report_writers::json_writer line(out);
  line.begin_object();
  line.member("profile"_key, file.path);
  if (file.jsonl) line.member("line"_key, std::int64_t{item.line});
  line.member("id"_key, r.profile_id);
  names.verdicts.member(line, "verdict"_key, r.overall);
  line.key("markets"_key);
  line.begin_object();
  for (const auto& m : r.markets) {
    line.key(m.market);
    names.verdicts.value(line, m.market_verdict);
  }
  line.end_object();
  line.key("findings"_key);
  line.begin_array();
  for (const auto& m : r.markets) {
    for (const auto& f : m.findings) {
      line.begin_object();
      line.member("market"_key, m.market);
      line.member("rule"_key, f.rule);
      names.severities.member(line, "severity"_key, f.severity);
      names.statuses.member(line, "status"_key, f.status);
      line.key("missing"_key);
      line.begin_array();
      for (const auto& m : f.missing) line.value(m);
      line.end_array();
      if (f.waiver) {
        line.key("waiver"_key);
        line.begin_object();
        line.member("approver"_key, f.waiver->approver);
        line.member("expires"_key, f.waiver->expires.to_string());
        line.member("expired"_key, f.waiver->expired);
        line.end_object();
      }
      // Evidence is located by line and column in a YAML file, by JSON pointer in a JSON line.
      line.key("evidence"_key);
      line.begin_array();
      for (const auto& e : f.evidence) {
        // `{"path":"...","value":` (and `"pointer":"..."` below) written as they were cached;
        // the pointer as if it were a value: the member after it gets its comma all the same.
        // The profile's value itself, where the report refers to it (evidence_in_place).
        const evidence_texts& texts = e.read != nullptr ? pointers.of(*e.read) : pointers.of(e.path);
        line.json_open_member(texts.open);
        report_writers::write_typed(line, e.read != nullptr ? *e.read : e.data);
        if (file.jsonl) {
          line.json_value(texts.pointer);
        } else {
          line.member("line"_key, std::int64_t{e.where.line});
          line.member("column"_key, std::int64_t{e.where.column});
        }
        line.end_object();
      }
      line.end_array();
      line.end_object();
    }
  }
  line.end_array();
  if (r.drift) {
    line.key("drift"_key);
    line.begin_array();
    for (const auto& d : *r.drift) {
      line.begin_object();
      line.member("kind"_key, to_string(d.kind));
      line.member("path"_key, d.path);
      if (!d.evidence.empty()) {
        line.member("file"_key, d.evidence.front().file);
        line.member("line"_key, std::int64_t{d.evidence.front().where.line});
        line.member("column"_key, std::int64_t{d.evidence.front().where.column});
      }
      line.end_object();
    }
    line.end_array();
  }
  line.end_object();
}

// Warns about profile ids used more than once: reports and dashboards key on the id.
// `chunks` are the ids of consecutive chunks, in order.
void warn_duplicate_ids(std::vector<std::vector<profile_seen>>& chunks,
                        const std::vector<input_file>& files) {
  // Nearly every fleet has none: a hash set finds that out faster than sorting every id, and
  // the ids stay in their chunks until one repeats.
  {
    std::size_t count = 0;
    for (const auto& c : chunks) count += c.size();
    text_set seen(count);
    bool repeated = false;
    for (const auto& c : chunks) {
      for (const auto& p : c) repeated = repeated || !seen.insert(p.id);
      if (repeated) break;
    }
    if (!repeated) return;
  }
  std::vector<profile_seen> ids;
  for (auto& c : chunks) {
    ids.insert(ids.end(), std::make_move_iterator(c.begin()), std::make_move_iterator(c.end()));
  }
  std::stable_sort(ids.begin(), ids.end(),
                   [](const auto& a, const auto& b) { return a.id < b.id; });
  auto place = [&files](const profile_seen& p) {
    const input_file& f = files[p.file];
    return f.jsonl ? f.path + ":" + std::to_string(p.line) : f.path;
  };
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t j = i + 1;
    while (j < ids.size() && ids[j].id == ids[i].id) ++j;
    if (j - i > 1) {
      std::string where;
      for (std::size_t k = i; k < j && k < i + 5; ++k) where += (k == i ? "" : ", ") + place(ids[k]);
      if (j - i > 5) where += " and " + std::to_string(j - i - 5) + " more";
      std::cerr << "warning[scan.duplicate-id]: profile id `" << printable(ids[i].id)
                << "` is used by " << (j - i) << " profiles: " << printable(where)
                << "\n  = help: give each deployment its own product id\n";
    }
    i = j;
  }
}

exit_code run_scan(const scan_options& o) {
  evaluate_options eval;
  // A JSON line has no messages, sources or remedies, and writes evidence typed, not rendered,
  // from the profile's values themselves: each line is written before the next profile loads.
  // With artifacts, the profile judged is one made for the evaluation (evaluate_deployed), gone
  // when the line is written: evidence is copied. SARIF and JUnit show everything.
  eval.detail = o.format == "jsonl" ? report_detail::evidence_in_place : report_detail::full;
  eval.gate = policy_of(o.gate);
  if (!o.as_of.empty()) {
    auto d = parse_as_of(o.as_of);
    if (!d) return exit_code::error;
    eval.as_of = *d;
  }
  auto rules = load_rules(o.rule_dirs, o.add_dirs);
  if (!rules) return exit_code::error;
  bool artifacts_ok = true;
  const auto observed = read_observed(o.artifacts, *rules, artifacts_ok);
  if (!artifacts_ok) return exit_code::error;
  if (observed && eval.detail == report_detail::evidence_in_place) {
    eval.detail = report_detail::evidence_typed;
  }
  std::vector<waiver> waivers;
  if (!o.waivers.empty()) {
    diagnostic_bag wbag;
    std::string why;
    auto source = read_source_file(o.waivers, why);
    std::optional<std::vector<waiver>> loaded;
    if (!source) {
      wbag.error("io.read", "cannot read waivers: " + why, o.waivers);
    } else {
      loaded = load_waivers(source, *rules, wbag);
    }
    print_diagnostics(wbag);
    if (!loaded) return exit_code::error;
    waivers = std::move(*loaded);
  }
  waiver_use waivers_used(waivers);
  diagnostic_bag bag;
  std::size_t not_profiles = 0;
  auto files = input_files(o, bag, not_profiles);
  scan_feed feed(files);
  feed.readable(bag);
  print_diagnostics(bag);
  if (bag.has_errors()) return exit_code::error;

  const unsigned wanted =
      std::max(1u, o.threads != 0 ? o.threads : std::thread::hardware_concurrency());
  // The main thread reads the input a block at a time and hands its profiles out in chunks;
  // workers claim chunks in order; the main thread writes each chunk's lines as soon as it and
  // all before it are done, so output is in input order whatever the thread count. Chunks, not
  // single profiles, so the hand-off costs one lock and one wake-up per chunk: a JSON line is
  // judged in microseconds, less than a thread switch. Blocks are read ahead of the chunk
  // written last only so far: enough to keep every worker busy, few enough that memory holds
  // a few blocks and their lines' results, not the whole input.
  constexpr std::size_t chunk = 64;
  constexpr std::size_t yaml_chunk = 4;
  const std::size_t max_blocks = 2 + (std::size_t{wanted} + 3) / 4;
  struct chunk_work {
    std::size_t index = 0;  // in input order
    std::vector<work_item> items;
  };
  std::mutex mutex;
  std::condition_variable work_ready;    // workers wait for chunks
  std::condition_variable result_ready;  // the main thread waits for results
  std::deque<chunk_work> queue;          // chunks not yet claimed
  bool closed = false;                   // no more chunks will come
  std::deque<chunk_result> results;      // chunk `written_chunks + i` at i, until written
  std::deque<char> done;                 // whether it is
  std::size_t written_chunks = 0;

  auto work = [&] {
    worker_state state;
    state.lines = o.format == "jsonl";
    state.waivers_used = &waivers_used;
    if (observed) {
      state.observed = &*observed;
      state.artifacts = &o.artifacts;
    }
    // Of the longest chunk so far: the next one is about as long. Reserved with a quarter
    // more, so a chunk's lines seldom outgrow their string (each time they do, every byte
    // written so far is copied again).
    std::size_t line_bytes = 0;
    for (;;) {
      chunk_work claimed;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return !queue.empty() || closed; });
        if (queue.empty()) return;
        claimed = std::move(queue.front());
        queue.pop_front();
      }
      chunk_result batch;
      batch.lines.reserve(line_bytes + line_bytes / 4);
      batch.ids.reserve(claimed.items.size());  // one each, never moved as the list grows
      for (const work_item& item : claimed.items) {
        scan_one(*rules, files[item.file], item, state, eval, o, waivers, batch);
      }
      line_bytes = std::max(line_bytes, batch.lines.size());
      {
        std::lock_guard lock(mutex);
        results[claimed.index - written_chunks] = std::move(batch);
        done[claimed.index - written_chunks] = 1;
      }
      result_ready.notify_one();
    }
  };
  std::vector<std::thread> workers;
  bool refused = false;  // the system refused a thread: no more are asked for
  auto close_queue = [&] {
    {
      std::lock_guard lock(mutex);
      closed = true;
    }
    work_ready.notify_all();
  };

  std::vector<text_block> blocks;  // read into; a block is free again once its lines are written
  std::vector<std::size_t> free_blocks;
  std::size_t blocks_in_use = 0;
  std::deque<std::pair<std::size_t, bool>> chunk_block;  // per chunk not written: its block,
                                                         // and whether it is the block's last
  std::vector<work_item> items;
  diagnostic_bag read_bag;
  bool reading = true;
  std::size_t created = 0;  // chunks handed out
  std::size_t total = 0;    // profiles handed out

  const bool progress = ::isatty(STDERR_FILENO) != 0;
  std::size_t counts[verdict_count] = {};
  std::size_t errors = 0;
  bool failed = false;
  std::size_t written = 0;
  std::string buffer;
  std::vector<std::vector<profile_seen>> ids;  // by chunk
  std::vector<report> reports;
  for (;;) {
    chunk_result batch;
    bool judged = false;
    {
      std::unique_lock lock(mutex);
      for (;;) {
        if (!done.empty() && done.front() != 0) {
          batch = std::move(results.front());
          results.pop_front();
          done.pop_front();
          ++written_chunks;
          judged = true;
          break;
        }
        if (reading ? blocks_in_use < max_blocks : written_chunks == created) break;
        result_ready.wait(lock);
      }
    }
    if (!judged) {
      if (!reading) break;
      // Read the next profiles, and hand them out.
      std::size_t b = blocks.size();
      if (free_blocks.empty()) {
        blocks.emplace_back();
      } else {
        b = free_blocks.back();
        free_blocks.pop_back();
      }
      items.clear();
      if (!feed.next(blocks[b], items, read_bag)) {
        free_blocks.push_back(b);
        reading = false;
        close_queue();
        continue;
      }
      ++blocks_in_use;
      {
        // A YAML file takes a hundred times a JSON line's time: its chunks are smaller, so a
        // folder of a few dozen keeps every worker busy.
        const std::size_t size = files[items.front().file].jsonl ? chunk : yaml_chunk;
        std::lock_guard lock(mutex);
        for (std::size_t i = 0; i < items.size(); i += size) {
          const std::size_t end = std::min(items.size(), i + size);
          queue.push_back({created++, {items.begin() + static_cast<std::ptrdiff_t>(i),
                                       items.begin() + static_cast<std::ptrdiff_t>(end)}});
          results.emplace_back();
          done.push_back(0);
          chunk_block.emplace_back(b, end == items.size());
        }
      }
      work_ready.notify_all();
      total += items.size();
      // A worker for each 64 profiles, up to the number wanted: a small input does not start
      // threads it cannot keep busy. The system may refuse a thread: the scan goes on with
      // those it has (at least one).
      while (!refused && workers.size() < wanted && workers.size() * chunk < total) {
        try {
          workers.emplace_back(work);
        } catch (const std::system_error& e) {
          if (workers.empty()) throw;
          spdlog::warn("scan: {} of {} threads started ({})", workers.size(),
                       std::min<std::size_t>(wanted, (total + chunk - 1) / chunk), e.what());
          refused = true;
        }
      }
      continue;
    }
    if (chunk_block.front().second) {
      free_blocks.push_back(chunk_block.front().first);
      --blocks_in_use;
    }
    chunk_block.pop_front();
    // A chunk's lines, once they reach the size of a write, go out as they are (after what the
    // buffer holds): appending them to the buffer first copied every byte of the output once
    // more.
    if (batch.lines.size() >= (1u << 16)) {
      if (!buffer.empty()) {
        std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
      }
      std::cout.write(batch.lines.data(), static_cast<std::streamsize>(batch.lines.size()));
    } else {
      buffer += batch.lines;
    }
    std::cerr << batch.diagnostics;
    if (!batch.ids.empty()) ids.push_back(std::move(batch.ids));
    reports.insert(reports.end(), std::make_move_iterator(batch.reports.begin()),
                   std::make_move_iterator(batch.reports.end()));
    for (int v = 0; v < verdict_count; ++v) counts[v] += batch.verdicts[v];
    errors += batch.errors;
    failed = failed || batch.failed;
    const std::size_t before = written;
    written += batch.profiles;
    if (buffer.size() >= (1u << 16) || (progress && written / 100 != before / 100)) {
      std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
      // The total is known once the input is read to its end.
      if (progress) {
        std::cerr << "\rlexgate scan: " << written;
        if (!reading) std::cerr << "/" << total;
        std::cerr << std::flush;
      }
    }
  }
  for (auto& w : workers) w.join();
  const unsigned threads = static_cast<unsigned>(workers.size());
  if (read_bag.has_errors()) {
    // The lines judged before a read failed are written; the scan fails all the same.
    if (o.format == "jsonl") {
      std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    }
    std::cout.flush();
    if (progress && written > 0) std::cerr << "\n";
    print_diagnostics(read_bag);
    return exit_code::error;
  }
  if (total == 0) {
    // Nothing judged is not a pass: an empty folder or input would otherwise gate nothing.
    diagnostic_bag empty;
    empty.error("scan.empty", "no profile to judge in `" + o.input + "`", o.input,
                "scan takes `*.yaml`, `*.yml` and `*.jsonl` profiles; a gate with nothing to "
                "judge fails");
    print_diagnostics(empty);
    return exit_code::error;
  }
  if (o.format == "sarif") buffer += report_writers::render_sarif(reports, *rules);
  if (o.format == "junit") buffer += report_writers::render_junit(reports);
  std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  std::cout.flush();
  warn_duplicate_ids(ids, files);
  waivers_used.warn_unused(o.waivers);
  if (progress) std::cerr << "\r";
  std::cerr << "lexgate scan: " << total << (total == 1 ? " profile on " : " profiles on ")
            << threads << (threads == 1 ? " thread: " : " threads: ") << counts[static_cast<int>(verdict::blocked)] << " blocked, "
            << counts[static_cast<int>(verdict::indeterminate)] << " indeterminate, "
            << counts[static_cast<int>(verdict::uncovered)] << " uncovered, "
            << counts[static_cast<int>(verdict::attention)] << " attention, "
            << counts[static_cast<int>(verdict::clear)] << " clear, " << errors << " with errors";
  if (not_profiles > 0) {
    std::cerr << "; " << not_profiles << (not_profiles == 1 ? " YAML file" : " YAML files")
              << " skipped (no top-level `profile:`)";
  }
  std::cerr << "\n";
  if (errors > 0) return exit_code::error;
  return failed ? exit_code::findings : exit_code::clear;
}

}  // namespace

void add_scan_command(CLI::App& app, exit_code& result) {
  auto o = std::make_shared<scan_options>();
  auto* cmd = app.add_subcommand(
      "scan",
      "Check every profile under a directory (or paths on stdin, or JSON Lines), one JSON line "
      "each");
  cmd->add_option("input", o->input,
                  "A directory of *.yaml and *.jsonl profiles, a file, or - for paths on stdin "
                  "(with --jsonl: JSON Lines on stdin)")
      ->required();
  cmd->add_flag("--jsonl", o->jsonl,
                "The input file, or standard input, is JSON Lines: one JSON profile per line");
  cmd->add_option("--rules", o->rule_dirs, "Rule library directory (repeatable)");
  add_overlay_option(*cmd, o->add_dirs);
  cmd->add_option("--as-of", o->as_of, "Judge the rules in force on this date; default: today")
      ->check(non_empty_date());
  cmd->add_option("--threads", o->threads, "Worker threads (at most 1024); default: every core")
      ->check(CLI::Range(0u, 1024u));
  cmd->add_option("--fail-on", o->gate.fail_on, "Lowest severity that fails the gate (exit 1)")
      ->check(CLI::IsMember({"block", "warn", "never"}))
      ->capture_default_str();
  cmd->add_flag("--allow-indeterminate", o->gate.allow_indeterminate,
                "Do not fail on findings left indeterminate by missing facts");
  cmd->add_flag("--allow-uncovered", o->gate.allow_uncovered,
                "Do not fail on markets no regime of the library covers");
  cmd->add_option("--exclude", o->filters.exclude,
                  "Leave out files and folders matching this glob, relative to the directory "
                  "(repeatable; `*` also matches `/`)");
  cmd->add_option("--include", o->filters.include,
                  "Read only files matching this glob, relative to the directory (repeatable)");
  cmd->add_option("--format", o->format,
                  "jsonl: one JSON line per profile; sarif, junit: one report of every profile")
      ->check(CLI::IsMember({"jsonl", "sarif", "junit"}))
      ->capture_default_str();
  cmd->add_option("--waivers", o->waivers,
                  "YAML list of accepted findings (rule, justification, approver, expires)");
  add_artifact_options(*cmd, o->artifacts);
  cmd->callback([o, &result] { result = run_scan(*o); });
}

}  // namespace lexgate::cli
