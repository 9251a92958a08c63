#!/usr/bin/env bash
# Runs the commands docs/ci.md and .pre-commit-hooks.yaml show, with the built lexgate, and
# checks what they produce. Usage: documented_commands.sh LEXGATE_BINARY SOURCE_DIR
set -euo pipefail
lexgate_bin=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/deploy"
ln -s "$lexgate_bin" "$work/bin/lexgate"
export PATH="$work/bin:$PATH"
cd "$work"
fail() { echo "documented_commands: $*" >&2; exit 1; }
cp "$source_dir/fixtures/profiles/deepseek-gov-au.yaml" deploy/profile.yaml
# Only the Commonwealth market: no regime covers AU-NSW, and an uncovered market fails the gate
# whatever the waivers say.
sed -i 's/markets: \[AU, AU-NSW\]/markets: [AU]/' deploy/profile.yaml
grep -q 'markets: \[AU\]' deploy/profile.yaml || fail "the profile's markets changed"
cat > deploy/waivers.yaml <<'WAIVERS'
- rule: au.pspf_direction_001_2025.deepseek_on_government_systems
  justification: exemption requested
  approver: CISO
  expires: 2099-12-31
WAIVERS
export GITHUB_STEP_SUMMARY="$work/summary.md"

# GitHub Actions: the report steps succeed, the gate passes with the waiver.
lexgate check deploy/profile.yaml --format markdown --report sarif=lexgate.sarif \
  --fail-on never >> "$GITHUB_STEP_SUMMARY"
grep -q '"version": "2.1.0"' lexgate.sarif || fail "no SARIF written"
grep -q '| AU | ' "$GITHUB_STEP_SUMMARY" || fail "no Markdown summary written"
lexgate check deploy/profile.yaml --waivers deploy/waivers.yaml > /dev/null ||
  fail "the waived gate should pass"

# GitLab CI: JUnit and JSON artifacts; the gate fails on the blocked profile.
set +e
lexgate check deploy/profile.yaml --report junit=lexgate-junit.xml --report json=lexgate.json \
  > /dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "the gate should fail with exit 1, got $code"
grep -q '<testsuites' lexgate-junit.xml || fail "no JUnit written"
grep -q '"verdict": "blocked"' lexgate.json || fail "no JSON written"

# pre-commit: the hook's entry, with a matching file name, as pre-commit would call it.
entry=$(sed -n 's/^  entry: //p' "$source_dir/.pre-commit-hooks.yaml")
pattern=$(sed -n "s/^  files: '\(.*\)'$/\1/p" "$source_dir/.pre-commit-hooks.yaml")
cp deploy/profile.yaml deploy/deployment-au.yaml
cp "$source_dir/fixtures/profiles/consumer-deepseek-au.yaml" deploy/deployment-consumer.yaml
echo deploy/deployment-au.yaml | grep -Eq "$pattern" || fail "hook pattern does not match"
echo deploy/other.yaml | grep -Eq "$pattern" && fail "hook pattern matches a non-profile"
set +e
$entry deploy/deployment-au.yaml > /dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "hook should fail on a blocked profile, got $code"
$entry deploy/deployment-consumer.yaml > /dev/null || fail "hook should pass a clear profile"
echo "documented CI commands: ok"
