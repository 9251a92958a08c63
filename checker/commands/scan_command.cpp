// `lexgate scan`: many profiles on all cores, one JSON line per profile, a summary at the end.
// Profiles come from YAML files, and from JSON Lines (one profile per line: `.jsonl` files, or
// any file or standard input with `--jsonl`).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "commands/commands.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/profile_json.hpp"

namespace lexgate::cli {

namespace {

struct scan_options {
  std::string input;
  std::vector<std::string> rule_dirs;
  std::string as_of;
  unsigned threads = 0;
  bool jsonl = false;
  gate_options gate;
};

/// A file to scan: a YAML profile, or a JSON Lines file held whole in memory.
struct input_file {
  std::string path;
  bool jsonl = false;
  std::string text;   ///< JSON Lines only.
  source_ptr source;  ///< JSON Lines only: names the file in profiles and diagnostics.
};

/// One profile to scan: a YAML file, or one line of a JSON Lines file.
struct work_item {
  std::size_t file = 0;
  std::uint32_t line = 0;  ///< 1-based, JSON Lines only.
  std::string_view text;   ///< The line, JSON Lines only.
};

struct scan_result {
  std::string line;  ///< The JSON line for this profile.
  bool error = false;
  bool failed = false;
  verdict overall = verdict::clear;
};

bool is_jsonl(const std::filesystem::path& p) {
  return p.extension() == ".jsonl";
}

// The files named by the input: a directory's `*.yaml`, `*.yml` and `*.jsonl` files (sorted),
// one file, or paths on standard input (with `--jsonl`, standard input is JSON Lines itself).
std::vector<input_file> input_files(const scan_options& o, diagnostic_bag& bag) {
  namespace fs = std::filesystem;
  std::vector<input_file> out;
  if (o.input == "-") {
    if (o.jsonl) {
      out.push_back({"-", true, std::string(std::istreambuf_iterator<char>(std::cin), {}), {}});
      return out;
    }
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty()) out.push_back({line, is_jsonl(line), {}, {}});
    }
    return out;
  }
  std::error_code ec;
  if (fs::is_regular_file(o.input, ec)) {
    out.push_back({o.input, o.jsonl || is_jsonl(o.input), {}, {}});
    return out;
  }
  if (!fs::is_directory(o.input, ec)) {
    bag.error("io.scan", "`" + o.input + "` is neither a directory nor a file", o.input,
              "scan takes a directory of profiles, a file, or `-` to read paths (or, with "
              "--jsonl, JSON Lines) from standard input");
    return out;
  }
  for (fs::recursive_directory_iterator it(o.input, ec), end; !ec && it != end; it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml" || ext == ".jsonl")) {
      out.push_back({it->path().string(), ext == ".jsonl", {}, {}});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const input_file& a, const input_file& b) { return a.path < b.path; });
  return out;
}

// Reads the JSON Lines files and lists every profile to scan, in input order.
std::vector<work_item> work_items(std::vector<input_file>& files, diagnostic_bag& bag) {
  std::vector<work_item> out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    input_file& f = files[i];
    if (!f.jsonl) {
      out.push_back({i, 0, {}});
      continue;
    }
    if (f.path != "-") {
      // Read straight into the string the lines will view: a JSON Lines file can be large, and
      // source_file would index its lines and then be copied.
      std::ifstream in(f.path, std::ios::binary);
      std::ostringstream text;
      if (in) text << in.rdbuf();
      if (!in || in.bad()) {
        bag.error("io.read", "cannot read JSON Lines file: " + std::string(std::strerror(errno)),
                  f.path);
        continue;
      }
      f.text = std::move(text).str();
    }
    f.source = std::make_shared<const source_file>(f.path, std::string());
    const std::string_view text = f.text;
    std::uint32_t line = 0;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++line;
      const std::string_view row = text.substr(start, end - start);
      // Blank lines separate nothing in JSON Lines; they are skipped, not errors.
      if (row.find_first_not_of(" \t\r") != std::string_view::npos) out.push_back({i, line, row});
      start = end + 1;
    }
  }
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

scan_result scan_one(const library& rules, const input_file& file, const work_item& item,
                     json_profile_reader& reader, const evaluate_options& eval,
                     const gate_options& gate) {
  scan_result out;
  diagnostic_bag bag;
  std::optional<profile> p;
  if (file.jsonl) {
    p = reader.load(item.text, item.line, file.source, rules.profile_schema(), bag);
  } else if (std::string why; auto source = read_source_file(file.path, why)) {
    p = load_profile(source, rules.profile_schema(), bag);
  } else {
    bag.error("io.read", "cannot read profile: " + why, file.path);
  }
  if (!p) {
    out.error = true;
    out.line = error_line(file, item, bag).dump();
    return out;
  }
  const report r = evaluate(rules, *p, eval);
  out.overall = r.overall;
  out.failed = fails(r, gate);
  json line;
  line["profile"] = file.path;
  if (file.jsonl) line["line"] = item.line;
  line["id"] = r.profile_id;
  line["verdict"] = to_string(r.overall);
  json markets = json::object();
  json findings = json::array();
  for (const auto& m : r.markets) {
    markets[m.market] = to_string(m.market_verdict);
    for (const auto& f : m.findings) {
      // Evidence is located by line and column in a YAML file, by JSON pointer in a JSON line.
      json evidence = json::array();
      for (const auto& e : f.evidence) {
        json item_json = {{"path", e.path}, {"value", e.value}};
        if (file.jsonl) {
          item_json["pointer"] = json_pointer(e.path);
        } else {
          item_json["line"] = e.where.line;
          item_json["column"] = e.where.column;
        }
        evidence.push_back(std::move(item_json));
      }
      findings.push_back({{"market", m.market},
                          {"rule", f.rule},
                          {"severity", to_string(f.severity)},
                          {"status", to_string(f.status)},
                          {"evidence", std::move(evidence)}});
    }
  }
  line["markets"] = std::move(markets);
  line["findings"] = std::move(findings);
  out.line = line.dump();
  return out;
}

exit_code run_scan(const scan_options& o) {
  evaluate_options eval;
  if (!o.as_of.empty()) {
    auto d = parse_as_of(o.as_of);
    if (!d) return exit_code::error;
    eval.as_of = *d;
  }
  auto rules = load_rules(o.rule_dirs);
  if (!rules) return exit_code::error;
  diagnostic_bag bag;
  auto files = input_files(o, bag);
  const auto paths = work_items(files, bag);
  print_diagnostics(bag);
  if (bag.has_errors()) return exit_code::error;

  const unsigned threads =
      std::max(1u, o.threads != 0 ? o.threads : std::thread::hardware_concurrency());
  // Workers claim chunks of profiles in order; the main thread writes each chunk's lines as soon
  // as it and all before it are done, so output is in input order whatever the thread count.
  // Chunks, not single profiles, so the hand-off costs one lock and one wake-up per chunk: a
  // JSON line is judged in microseconds, less than a thread switch.
  const std::size_t chunk =
      std::clamp<std::size_t>(paths.size() / (std::size_t{threads} * 16), 1, 64);
  const std::size_t chunks = (paths.size() + chunk - 1) / chunk;
  std::vector<std::vector<scan_result>> results(chunks);
  std::vector<char> done(chunks, 0);
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      json_profile_reader reader;  // one simdjson parser per thread, reused line after line
      for (std::size_t c = next++; c < chunks; c = next++) {
        std::vector<scan_result> batch;
        const std::size_t end = std::min(paths.size(), (c + 1) * chunk);
        batch.reserve(end - c * chunk);
        for (std::size_t i = c * chunk; i < end; ++i) {
          batch.push_back(scan_one(*rules, files[paths[i].file], paths[i], reader, eval, o.gate));
        }
        {
          std::lock_guard lock(mutex);
          results[c] = std::move(batch);
          done[c] = 1;
        }
        ready.notify_one();
      }
    });
  }
  const bool progress = ::isatty(STDERR_FILENO) != 0;
  std::size_t counts[4] = {0, 0, 0, 0};
  std::size_t errors = 0;
  bool failed = false;
  std::size_t written = 0;
  std::string buffer;
  for (std::size_t c = 0; c < chunks; ++c) {
    std::vector<scan_result> batch;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done[c] != 0; });
      batch = std::move(results[c]);
    }
    for (const auto& r : batch) {
      buffer += r.line;
      buffer += '\n';
      if (r.error) {
        ++errors;
      } else {
        ++counts[static_cast<int>(r.overall)];
        failed = failed || r.failed;
      }
      ++written;
      if (progress && written % 100 == 0) {
        std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
        std::cerr << "\rlexgate scan: " << written << "/" << paths.size() << std::flush;
      }
    }
    if (buffer.size() >= (1u << 16)) {
      std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  std::cout.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  for (auto& w : workers) w.join();
  std::cout.flush();
  if (progress) std::cerr << "\r";
  std::cerr << "lexgate scan: " << paths.size() << " profiles on " << threads
            << " threads: " << counts[static_cast<int>(verdict::blocked)] << " blocked, "
            << counts[static_cast<int>(verdict::indeterminate)] << " indeterminate, "
            << counts[static_cast<int>(verdict::attention)] << " attention, "
            << counts[static_cast<int>(verdict::clear)] << " clear, " << errors << " with errors\n";
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
  cmd->add_option("--as-of", o->as_of, "Judge the rules in force on this date; default: today");
  cmd->add_option("--threads", o->threads, "Worker threads; default: every core");
  cmd->add_option("--fail-on", o->gate.fail_on, "Lowest severity that fails the gate (exit 1)")
      ->check(CLI::IsMember({"block", "warn", "never"}))
      ->capture_default_str();
  cmd->add_flag("--allow-indeterminate", o->gate.allow_indeterminate,
                "Do not fail on findings left indeterminate by missing facts");
  cmd->callback([o, &result] { result = run_scan(*o); });
}

}  // namespace lexgate::cli
