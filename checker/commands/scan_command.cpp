// `lexgate scan`: many profiles on all cores, one JSON line per profile, a summary at the end.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "commands/commands.hpp"
#include "lexgate/profile.hpp"

namespace lexgate::cli {

namespace {

struct scan_options {
  std::string input;
  std::vector<std::string> rule_dirs;
  std::string as_of;
  unsigned threads = 0;
  gate_options gate;
};

struct scan_result {
  std::string line;  ///< The JSON line for this profile.
  bool error = false;
  bool failed = false;
  verdict overall = verdict::clear;
};

std::vector<std::string> profile_paths(const std::string& input, diagnostic_bag& bag) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  if (input == "-") {
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty()) out.push_back(line);
    }
    return out;
  }
  std::error_code ec;
  if (!fs::is_directory(input, ec)) {
    bag.error("io.scan", "`" + input + "` is not a directory", input,
              "scan takes a directory of profiles, or `-` to read paths from standard input");
    return out;
  }
  for (fs::recursive_directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) {
      out.push_back(it->path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

scan_result scan_one(const library& rules, const std::string& path, const evaluate_options& eval,
                     const gate_options& gate) {
  using json = nlohmann::ordered_json;
  scan_result out;
  diagnostic_bag bag;
  std::string why;
  std::optional<profile> p;
  if (auto source = read_source_file(path, why)) {
    p = load_profile(source, rules.profile_schema(), bag);
  } else {
    bag.error("io.read", "cannot read profile: " + why, path);
  }
  json line;
  line["profile"] = path;
  if (!p) {
    out.error = true;
    json errors = json::array();
    for (const auto& d : bag.sorted()) {
      errors.push_back({{"code", d.code},
                        {"message", d.message},
                        {"line", d.where.line},
                        {"column", d.where.column}});
    }
    line["error"] = std::move(errors);
    out.line = line.dump();
    return out;
  }
  const report r = evaluate(rules, *p, eval);
  out.overall = r.overall;
  out.failed = fails(r, gate);
  line["id"] = r.profile_id;
  line["verdict"] = to_string(r.overall);
  json markets = json::object();
  json findings = json::array();
  for (const auto& m : r.markets) {
    markets[m.market] = to_string(m.market_verdict);
    for (const auto& f : m.findings) {
      findings.push_back({{"market", m.market},
                          {"rule", f.rule},
                          {"severity", to_string(f.severity)},
                          {"status", to_string(f.status)}});
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
  const auto paths = profile_paths(o.input, bag);
  print_diagnostics(bag);
  if (bag.has_errors()) return exit_code::error;

  const unsigned threads = std::max(1u, o.threads != 0 ? o.threads
                                                       : std::thread::hardware_concurrency());
  // Workers claim profiles in order; the main thread writes each line as soon as it and all
  // before it are done, so output is in input order whatever the thread count.
  std::vector<std::optional<scan_result>> results(paths.size());
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < paths.size(); i = next++) {
        scan_result r = scan_one(*rules, paths[i], eval, o.gate);
        {
          std::lock_guard lock(mutex);
          results[i] = std::move(r);
        }
        ready.notify_one();
      }
    });
  }
  const bool progress = ::isatty(STDERR_FILENO) != 0;
  std::size_t counts[4] = {0, 0, 0, 0};
  std::size_t errors = 0;
  bool failed = false;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    scan_result r;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return results[i].has_value(); });
      r = std::move(*results[i]);
      results[i].reset();
    }
    std::cout << r.line << '\n';
    if (r.error) {
      ++errors;
    } else {
      ++counts[static_cast<int>(r.overall)];
      failed = failed || r.failed;
    }
    if (progress && (i + 1) % 100 == 0) {
      std::cerr << "\rlexgate scan: " << (i + 1) << "/" << paths.size() << std::flush;
    }
  }
  for (auto& w : workers) w.join();
  std::cout.flush();
  if (progress) std::cerr << "\r";
  std::cerr << "lexgate scan: " << paths.size() << " profiles on " << threads << " threads: "
            << counts[static_cast<int>(verdict::blocked)] << " blocked, "
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
      "scan", "Check every profile under a directory (or paths on stdin), one JSON line each");
  cmd->add_option("input", o->input, "A directory of *.yaml profiles, or - for paths on stdin")
      ->required();
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
