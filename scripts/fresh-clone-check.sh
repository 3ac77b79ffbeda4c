#!/usr/bin/env bash
# What a new user gets: clones this repository's HEAD into an empty temporary folder (nothing beside it),
# runs the README's test command there, and prints the tests run, failed and skipped per module (from the
# Surefire and Failsafe reports), every skip message, and the elapsed time.
#
#   scripts/fresh-clone-check.sh           # exit status: the build's; the clone is removed when it passed
#
# Only committed work is checked. The build uses ~/.m2 as any build does (nothing is installed into it).
set -uo pipefail

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
head=$(git -C "$repo" rev-parse HEAD)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jwkgate-fresh-clone.XXXXXX")
clone="$tmp/jwkgate"
log="$tmp/build.log"

# the README's second command: the code-block line that ends with "# tests"
command=$(sed -n 's/^\(\.\/mvnw [^#]*\)#[[:space:]]*tests[[:space:]]*$/\1/p' "$repo/README.md" | head -1 | sed 's/[[:space:]]*$//')
if [ -z "$command" ]; then
  echo "README.md has no test command (a line './mvnw … # tests')" >&2
  exit 2
fi

echo "==> cloning $head into $clone"
git clone -q --no-checkout "$repo" "$clone" && git -C "$clone" checkout -q --detach "$head" || exit 2
if [ -e "$tmp/shared" ]; then
  echo "$tmp/shared exists: not a fresh clone" >&2
  exit 2
fi
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "==> chromium and chromedriver are installed: AdminConsoleIT runs"
else
  echo "==> chromium or chromedriver is missing: AdminConsoleIT is skipped (and fails when CI=true)"
fi
echo "==> running the README's test command in the clone: $command (full log: $log)"

start=$(date +%s)
(cd "$clone" && $command) > "$log" 2>&1 &
build=$!
# progress: one line per module as Maven reaches it, and the result
tail -n +1 -f "$log" --pid="$build" 2>/dev/null | grep --line-buffered -E '^\[INFO\] Building jwkgate|BUILD (SUCCESS|FAILURE)'
wait "$build"
status=$?
elapsed=$(( $(date +%s) - start ))

# one <testsuite ... tests= failures= errors= skipped=> line per report file
count() {
  local dir=$1 attribute=$2
  [ -d "$dir" ] || { echo 0; return; }
  find "$dir" -maxdepth 1 -name 'TEST-*.xml' -print0 | xargs -0r grep -ho "<testsuite [^>]*" \
    | grep -o " $attribute=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s += $1} END {print s + 0}'
}

echo
printf '%-20s %-28s %-28s\n' "module" "unit tests (surefire)" "integration tests (failsafe)"
printf '%-20s %-28s %-28s\n' "" "run/failed/errors/skipped" "run/failed/errors/skipped"
totals=(0 0 0 0 0 0 0 0)
for pom in "$clone"/*/pom.xml; do
  module=$(basename "$(dirname "$pom")")
  row=()
  for kind in surefire failsafe; do
    for attribute in tests failures errors skipped; do
      row+=("$(count "$clone/$module/target/$kind-reports" "$attribute")")
    done
  done
  for i in "${!row[@]}"; do totals[$i]=$(( totals[i] + row[i] )); done
  printf '%-20s %-28s %-28s\n' "$module" "${row[0]}/${row[1]}/${row[2]}/${row[3]}" "${row[4]}/${row[5]}/${row[6]}/${row[7]}"
done
printf '%-20s %-28s %-28s\n' "total" "${totals[0]}/${totals[1]}/${totals[2]}/${totals[3]}" \
  "${totals[4]}/${totals[5]}/${totals[6]}/${totals[7]}"

skips=$(find "$clone" -path '*/target/*-reports/TEST-*.xml' -print0 | xargs -0r grep -ho '<skipped message="[^"]*"' \
  | sed 's/<skipped message="//; s/"$//' | sort | uniq -c)
if [ -n "$skips" ]; then
  echo
  echo "skipped, and why:"
  echo "$skips"
fi

echo
printf 'elapsed: %d min %02d s, build exit status %d\n' $(( elapsed / 60 )) $(( elapsed % 60 )) "$status"
if [ "$status" -eq 0 ]; then
  rm -rf "$tmp"
  echo "PASSED: a fresh clone of $head passes '$command'"
else
  echo "FAILED: see $log (the clone is kept in $clone)"
  grep -E '^\[ERROR\]' "$log" | head -30
fi
exit "$status"
