#!/usr/bin/env bash
# The same generated profiles scanned as YAML files and as JSON Lines get the same ids,
# verdicts, findings and evidence (paths and values): the two loaders agree.
#   compare_formats.sh GENERATOR LEXGATE COUNT
set -euo pipefail
gen=$1 lexgate=$2 count=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$gen" --count "$count" --seed 11 --yaml-dir "$dir/yaml" --jsonl "$dir/all.jsonl"
rc=0
"$lexgate" scan "$dir/yaml" --as-of 2025-06-01 >"$dir/yaml.out" 2>/dev/null || rc=$?
[ "$rc" -le 1 ] || { echo "FAIL: YAML scan exited $rc" >&2; exit 1; }
rc=0
"$lexgate" scan "$dir/all.jsonl" --as-of 2025-06-01 >"$dir/jsonl.out" 2>/dev/null || rc=$?
[ "$rc" -le 1 ] || { echo "FAIL: JSON Lines scan exited $rc" >&2; exit 1; }
python3 - "$dir/yaml.out" "$dir/jsonl.out" "$count" <<'PY'
import json, sys
def rows(path):
    out = []
    for line in open(path):
        r = json.loads(line)
        for f in r["findings"]:
            f["evidence"] = [(e["path"], e["value"]) for e in f["evidence"]]
        out.append((r["id"], r["verdict"], r["markets"], r["findings"]))
    return out
y, j = rows(sys.argv[1]), rows(sys.argv[2])
assert len(y) == len(j) == int(sys.argv[3]), (len(y), len(j))
bad = [a[0] for a, b in zip(y, j) if a != b]
if bad:
    sys.exit("FAIL: YAML and JSON Lines disagree on " + ", ".join(bad[:5]))
print(f"{len(y)} profiles: YAML and JSON Lines agree")
PY
