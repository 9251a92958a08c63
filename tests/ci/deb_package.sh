#!/usr/bin/env bash
# The Debian package as a user gets it: packs this build tree with CPack (the configuration
# scripts/package uses for its Release build; here the objects already built are reused),
# extracts it with dpkg-deb -x into a folder of its own, and runs `check` and `plan` from there,
# so the program must find its solver module relative to itself.
# Usage: deb_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
command -v dpkg-deb >/dev/null || { echo "skipped: dpkg-deb is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb_package: $*" >&2; exit 1; }

cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >/dev/null 2>&1 ||
  fail "cpack failed"
deb=$(ls "$work"/out/lexgate_*.deb)
dpkg-deb -c "$deb" > "$work/contents.txt"
grep -q ' ./usr/bin/lexgate$' "$work/contents.txt" || fail "no /usr/bin/lexgate in the package"
grep -q ' ./usr/lib/lexgate/liblexgate_analyse.so$' "$work/contents.txt" ||
  fail "no solver module in /usr/lib/lexgate"
dpkg-deb -f "$deb" Depends > "$work/depends.txt"
grep -q 'libz3' "$work/depends.txt" || fail "the package does not depend on Z3"

# Extracted somewhere no build path leads to, with nothing pointing at the module.
mkdir -p "$work/root/opt/somewhere"
dpkg-deb -x "$deb" "$work/root/opt/somewhere"
lexgate=$work/root/opt/somewhere/usr/bin/lexgate
unset LEXGATE_ANALYSE_MODULE
cd "$source_dir"

"$lexgate" --version | grep -q '^lexgate ' || fail "--version"
set +e
"$lexgate" check fixtures/profiles/deepseek-gov-au.yaml --as-of 2025-03-01 > "$work/check.txt"
code=$?
set -e
[ "$code" -eq 1 ] || fail "check of a blocked profile exited $code, not 1"
grep -q 'au.pspf_direction_001_2025.deepseek_on_government_systems' "$work/check.txt" ||
  fail "check did not report the PSPF finding"

# `plan` loads the solver module from ../lib/lexgate/ beside the program.
set +e
"$lexgate" plan fixtures/profiles/plan-cn-tw-one-model.yaml --as-of 2025-03-01 --format json \
  > "$work/plan.json" 2> "$work/plan.err"
code=$?
set -e
[ "$code" -ne 2 ] || { cat "$work/plan.err" >&2; fail "plan failed (exit 2)"; }
grep -q '"plan"' "$work/plan.json" || fail "plan wrote no plan"
echo "deb_package: $(basename "$deb") installs, checks and plans from $work/root/opt/somewhere"
