#!/usr/bin/env bash
# Generates profiles and checks that each one loads: `lexgate check` must end in a verdict
# (exit 0 or 1) for every file, never in a profile error (exit 2).
#   check_generated.sh GENERATOR LEXGATE COUNT
set -euo pipefail
gen=$1 lexgate=$2 count=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$gen" --count "$count" --seed 7 --yaml-dir "$dir/yaml"
n=0
for f in "$dir"/yaml/*.yaml; do
  rc=0
  "$lexgate" check "$f" --as-of 2025-06-01 --format json >/dev/null 2>"$dir/err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "FAIL: $f: exit $rc" >&2
    cat "$dir/err" >&2
    cat "$f" >&2
    exit 1
  fi
  n=$((n + 1))
done
[ "$n" -eq "$count" ] || { echo "FAIL: generated $n profiles, wanted $count" >&2; exit 1; }
echo "$n generated profiles load"
