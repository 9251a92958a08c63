#!/usr/bin/env python3
"""Prints scripts/bench's results as a Markdown table: figure | measured | target | met?

Reads the files scripts/bench wrote into RESULTS_DIR: micro.json (Google Benchmark, median of
repetitions), true_us and check_us (median process wall time), scan_*_ms (wall time of `lexgate
scan`), peer_*.json (the Node harness's JSON summaries)."""
import json
import os
import sys

out = sys.argv[1]


def read(name):
    path = os.path.join(out, name)
    return open(path).read().strip() if os.path.exists(path) else None


micro = {}
for b in json.load(open(os.path.join(out, "micro.json")))["benchmarks"]:
    # The median of the repetitions; a single run when there was only one.
    if b.get("aggregate_name") == "median" or (
            b.get("run_type") == "iteration" and b["run_name"] not in micro):
        micro[b["run_name"]] = b


def median_us(name):
    # CPU time of the benchmark thread: on a machine shared with other work it is the figure
    # that repeats; wall time would add whatever else ran on the core.
    b = micro[name]
    scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3}[b["time_unit"]]
    return b["cpu_time"] * scale


def peer(engine, mode=None):
    text = read(f"peer_{engine}.json")
    if not text:
        return None, None
    data = json.loads(text)
    modes = [m for m in data["modes"] if not m["mode"].startswith("probe")]
    if mode:
        modes = [m for m in modes if m["mode"] == mode]
    best = max(modes, key=lambda m: m["evals_per_sec"])
    return best["evals_per_sec"], f'{data["engine"]}, {best["mode"]}'


rows = []


def row(figure, measured, target, met):
    rows.append((figure, measured, target, "—" if met is None else ("yes" if met else "**no**")))


yaml_count = len(os.listdir(os.path.join(out, "yaml")))
jsonl_count = sum(1 for _ in open(os.path.join(out, "profiles.jsonl")))

evaluate_us = median_us("evaluate_one_profile")
hand_us = median_us("handwritten_one_profile")
compile_us = median_us("compile_standard_library")
load_us = median_us("load_standard_library")
row("evaluate one profile, whole standard library (median)", f"{evaluate_us:.2f} µs", "≤ 5 µs",
    evaluate_us <= 5)
row("interpreter ÷ hand-written C++ predicates", f"{evaluate_us / hand_us:.2f}× "
    f"({hand_us:.2f} µs hand-written)", "≤ 5×", evaluate_us / hand_us <= 5)
# The peers return the ids of the rules a profile violates; lexgate's like for like is
# evaluation at `report_detail::verdicts` into a reused report (the outcome of every rule in
# every market, without messages or evidence), as a scan or a gate that prints verdicts runs it.
for detail, label in (("0", "full report"), ("1", "evidence"), ("2", "verdicts")):
    name = f"evaluate_reusing_report/detail:{detail}"
    if name in micro:
        row(f"evaluate one profile into a reused report, detail `{label}`",
            f"{median_us(name):.2f} µs", "no target", None)
verdicts_name = "evaluate_reusing_report/detail:2"
verdicts_us = median_us(verdicts_name) if verdicts_name in micro else evaluate_us
# The target compares engines on the same rules: lexgate judging only the rules the harness
# encodes (`evaluate_peer_rules`, the library cut down to them). lexgate judging its whole
# library is shown beside it, for scale.
peer_rules_us = median_us("evaluate_peer_rules") if "evaluate_peer_rules" in micro else None
for engine, label in (("cedar", "Cedar"), ("jre", "json-rules-engine")):
    rate, how = peer(engine)
    figure = f"lexgate ÷ {label} (evaluations/s), the same 20 rules"
    if rate is None or peer_rules_us is None:
        row(figure, "not run", "≥ 100×", False)
        if rate is None:
            continue
    else:
        same = 1e6 / peer_rules_us
        row(figure, f"{same / rate:.0f}× ({same:,.0f}/s verdicts vs {rate:,}/s, {how})", "≥ 100×",
            same / rate >= 100)
    whole = 1e6 / verdicts_us
    row(f"lexgate (whole library) ÷ {label} (20 rules)",
        f"{whole / rate:.0f}× ({whole:,.0f}/s verdicts)", "no target", None)
rate, how = peer("plain", "plain predicates")
if rate and peer_rules_us is not None:
    row("lexgate ÷ the same 20 rules as plain JS", f"{1e6 / peer_rules_us / rate:.2f}× ({rate:,}/s)",
        "no target", None)
row("load + check + compile the standard library", f"{compile_us / 1000:.2f} ms", "≤ 2 ms",
    compile_us <= 2000)
row("load the standard library as `lexgate` does (program compiled at build time)",
    f"{load_us:.1f} µs", "no target", None)
true_us = float(read("true_us"))
check_us = float(read("check_us"))
row("`lexgate check` process ÷ `/bin/true` (median wall)",
    f"{check_us / true_us:.2f}× ({check_us / 1000:.2f} ms vs {true_us / 1000:.2f} ms)", "≤ 4×",
    check_us / true_us <= 4)
conflicts_us = read("check_conflicts_us")
if conflicts_us:
    row("`lexgate check` of a blocked profile with its conflict analysis (Z3 loaded)",
        f"{float(conflicts_us) / 1000:.2f} ms", "no target", None)
scan1 = yaml_count / (float(read("scan_yaml_1_ms")) / 1000)
scan2 = yaml_count / (float(read("scan_yaml_2_ms")) / 1000)
yamlcpp = 1e6 / median_us("yaml_cpp_bare_load")
row("`lexgate scan` of YAML files, 1 thread ÷ yaml-cpp `YAML::Load`",
    f"{scan1 / yamlcpp:.0%} ({scan1:,.0f} vs {yamlcpp:,.0f} profiles/s)", "≥ 80%",
    scan1 / yamlcpp >= 0.8)
row("`lexgate scan` of YAML files, 2 threads ÷ 1 thread", f"{scan2 / scan1:.2f}× "
    f"({scan2:,.0f} profiles/s)", "≥ 1.8×", scan2 / scan1 >= 1.8)
jsonl_ms = read("scan_jsonl_1_ms")
if jsonl_ms:
    rate = jsonl_count / (float(jsonl_ms) / 1000)
    row("`lexgate scan --jsonl`, 1 thread (parse + evaluate + output)", f"{rate:,.0f} profiles/s",
        "≥ 200,000/s per core", rate >= 200000)
    jsonl2 = read("scan_jsonl_2_ms")
    if jsonl2:
        rate2 = jsonl_count / (float(jsonl2) / 1000)
        row("`lexgate scan --jsonl`, 2 threads", f"{rate2:,.0f} profiles/s ({rate2 / rate:.2f}×)",
            "no target", None)
else:
    row("`lexgate scan --jsonl`, 1 thread", "not available", "≥ 200,000/s per core", False)
row("profile load, YAML (lexgate: parse + validate + type)",
    f'{median_us("load_profile_yaml"):.1f} µs', "no target", None)
row("yaml-cpp `YAML::Load` of the same text", f'{median_us("yaml_cpp_bare_load"):.1f} µs',
    "no target", None)
if "load_profile_json" in micro:
    row("profile load, one JSON line (simdjson + validate + type)",
        f'{median_us("load_profile_json"):.2f} µs', "no target", None)
if "load_profile_json_reusing" in micro:
    row("profile load, one JSON line into a reused profile (as `scan` does)",
        f'{median_us("load_profile_json_reusing"):.2f} µs', "no target", None)

widths = [max(len(r[i]) for r in rows + [("figure", "measured", "target", "met?")])
          for i in range(4)]
print("| " + " | ".join(h.ljust(w) for h, w in zip(("figure", "measured", "target", "met?"),
                                                   widths)) + " |")
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
print(f"\n{yaml_count} YAML profiles, {jsonl_count} JSON lines, seed 42; as of 2025-06-01")
