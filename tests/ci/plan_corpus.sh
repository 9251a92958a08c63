#!/usr/bin/env bash
# Every profile of the fuzz corpus, given to `lexgate plan`, ends in exit 0, 1 or 2 — never a
# signal, never a disagreement between the planner and the evaluator (`plan.internal`).
#   plan_corpus.sh LEXGATE SOURCE_DIR
set -uo pipefail
lexgate=$1
corpus=$2/tests/fuzz/corpus/profile
failures=0
count=0
for f in "$corpus"/*; do
  count=$((count + 1))
  err=$(timeout 60 "$lexgate" plan "$f" --as-of 2025-06-01 2>&1 >/dev/null)
  rc=$?
  if [ "$rc" -gt 2 ] || grep -q "error\[plan.internal\]" <<<"$err"; then
    echo "FAIL $f: exit $rc"
    echo "$err" | head -5
    failures=$((failures + 1))
  fi
done
echo "$count profiles planned, $failures failures"
[ "$failures" -eq 0 ]
