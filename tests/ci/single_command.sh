#!/usr/bin/env bash
# `lexgate` builds only the command it runs when the arguments can mean nothing else
# (checker/commands/command_set.cpp). Every help screen, usage error, report and exit code must
# be the one it gives with every command built: `-v -q CMD ...` takes that path, `-vq CMD ...`
# (the same two flags, combined) is left to CLI11 with every command built; both must print the
# same bytes and exit alike. Usage: single_command.sh LEXGATE_BINARY SOURCE_DIR
set -uo pipefail
lexgate_bin=$1
cd "$2" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
compared=0
# `scan` reads paths from standard input when given none: both runs read the same, nothing.
: >"$work/stdin"

# Runs the arguments both ways and compares stdout, stderr and the exit code.
same() {
  "$lexgate_bin" -v -q "$@" <"$work/stdin" >"$work/one.out" 2>"$work/one.err"
  local one=$?
  "$lexgate_bin" -vq "$@" <"$work/stdin" >"$work/all.out" 2>"$work/all.err"
  local all=$?
  compared=$((compared + 1))
  if [ "$one" != "$all" ] || ! cmp -s "$work/one.out" "$work/all.out" ||
    ! cmp -s "$work/one.err" "$work/all.err"; then
    echo "single_command: \`lexgate $*\` differs (exit $one, with every command built $all)" >&2
    diff "$work/all.out" "$work/one.out" >&2
    diff "$work/all.err" "$work/one.err" >&2
    failures=$((failures + 1))
  fi
}

commands=$("$lexgate_bin" --help | awk '/^Subcommands:/ { s = 1; next } s && /^  [a-z]/ { print $1 }')
[ "$(echo "$commands" | wc -w)" -ge 8 ] || { echo "single_command: no command list" >&2; exit 1; }
profile=fixtures/profiles/helpdesk-multi-market.yaml
for c in $commands; do
  same "$c" --help
  same "$c" -h
  same "$c"
  same "$c" --no-such-option
  same "$c" --format nope "$profile"
  same "$c" --as-of 2025-02-30 "$profile"
  same "$c" "$profile" --rules
  same "$c" a b c
done
for p in fixtures/profiles/*.yaml; do
  for format in text json sarif; do
    same check "$p" --as-of 2025-06-01 --format "$format" --no-conflicts
  done
done
same check "$profile" --as-of 2025-06-01
same check "$profile" --fail-on bogus
same check "$profile" --timeout 0
same check /nonexistent.yaml
same list --jurisdiction IT
same explain eu.gdpr
same lint

echo "single_command: $compared argument lists compared, $failures differ"
[ "$failures" -eq 0 ]
