#!/usr/bin/env bash
# Gives every in.yaml of the YAML test suite to `lexgate check` as a profile: each must end in a
# verdict or a clean error (exit 0, 1 or 2, a message for 2), never a signal or a hang. The
# hang limit is generous (each input takes milliseconds): a sanitizer build on a busy machine
# must not fail it by being slow, only a run that does not end.
# Skips (exit 77) when ../shared/conformance is absent, as in a user's clone.
#   yaml_test_suite.sh LEXGATE_BINARY SOURCE_DIR
set -uo pipefail
lexgate_bin=$1
suite="$2/../shared/conformance/yaml-test-suite"
if [ ! -d "$suite" ]; then
  echo "skipped: ../shared/conformance/yaml-test-suite is not present"
  exit 77
fi
checked=0
bad=0
while IFS= read -r -d '' file; do
  checked=$((checked + 1))
  err=$(timeout 20 "$lexgate_bin" check "$file" --as-of 2025-03-01 2>&1 >/dev/null)
  code=$?
  case $code in
    0|1) ;;
    2) if [ -z "$err" ]; then echo "no message for exit 2: $file"; bad=$((bad + 1)); fi ;;
    124) echo "did not end within 20 seconds: $file"; bad=$((bad + 1)) ;;
    *) echo "exit $code (signal or crash): $file"; bad=$((bad + 1)) ;;
  esac
done < <(find "$suite" -name in.yaml -print0 | sort -z)
echo "$checked YAML test-suite inputs checked, $bad bad"
[ "$checked" -gt 0 ] && [ "$bad" -eq 0 ]
