#!/usr/bin/env bash
# Compares two adr binaries on the same logs, in the same hyperfine runs: the before and
# after figures of a change, as ratios on one machine at one time.
#
# Usage: scripts/bench-compare.sh BEFORE AFTER [REPO...]
#   BEFORE, AFTER  two adr binaries (release builds: `make install` or scripts/bench.sh's)
#   REPO           generated repositories (../shared/bench/gen-adr-repo.py); default: a
#                  1,000 records x 20,000 commits one made here
# Environment: ADR_BENCH_RUNS (default 20), ADR_BENCH_OUT (default bench-out/compare).
#
# Each binary gets its own copy of each repository, so one's caches never meet the
# other's. Measurements only: the script fails only when a command fails.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 BEFORE AFTER [REPO...]" >&2; exit 64; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="$(realpath "$1")" after="$(realpath "$2")"
shift 2
runs="${ADR_BENCH_RUNS:-20}"
out="${ADR_BENCH_OUT:-$root/bench-out/compare}"
work="$(mktemp -d "${TMPDIR:-/tmp}/adr-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 TZ=UTC NO_COLOR=1 ADR_DATE=1992-01-12
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
unset VISUAL EDITOR ADR_TEMPLATE
mkdir -p "$HOME"

repos=("$@")
if [[ ${#repos[@]} -eq 0 ]]; then
  python3 "$root/../shared/bench/gen-adr-repo.py" "$work/r1000" --adrs 1000 --commits 20000 \
    --seed 1 --repack >&2
  repos=("$work/r1000")
fi

# The floor for process start-up: a static Swift program that prints a line.
printf 'print("0.1.0")\n' >"$work/hello.swift"
swiftc -O -static-stdlib "$work/hello.swift" -o "$work/hello" 2>/dev/null

for repo in "${repos[@]}"; do
  name="$(basename "$repo")"
  log="$(git -C "$repo" ls-files | sed -n 's|/[^/]*\.md$||p' | sort | uniq -c | sort -rn | awk 'NR==1{print $2}')"
  for side in before after; do
    rm -rf "$work/$side-$name"
    cp -a "$repo" "$work/$side-$name"
  done
  b="$work/before-$name" a="$work/after-$name"
  # Warm the caches the warm runs read.
  (cd "$b" && "$before" list >/dev/null && "$before" log --format json >/dev/null)
  (cd "$a" && "$after" list >/dev/null && "$after" log --format json >/dev/null)
  echo "==> $name: start-up, list, toc (log folder $log)" >&2
  hyperfine -N --warmup 3 --runs "$runs" --style basic \
    --export-markdown "$out/$name-read.md" \
    --command-name "static hello" "$work/hello" \
    --command-name "before --version" "$before --version" \
    --command-name "after --version" "$after --version" \
    --command-name "grep -m1 -h '^# ' (every record)" \
    "sh -c 'grep -m1 -h \"^# \" $a/$log/*.md'" \
    --command-name "before list" "$before -C $b list" \
    --command-name "after list" "$after -C $a list" \
    --command-name "before generate toc" "$before -C $b generate toc" \
    --command-name "after generate toc" "$after -C $a generate toc" \
    --command-name "before show 5" "$before -C $b show 5" \
    --command-name "after show 5" "$after -C $a show 5" >&2
  echo "==> $name: adr new (a fresh copy each run)" >&2
  hyperfine --warmup 2 --runs "$runs" --style basic \
    --export-markdown "$out/$name-new.md" \
    --prepare "rm -rf '$work/new' && cp -a '$a' '$work/new'" \
    --command-name "before new --no-edit" "cd '$work/new' && '$before' new --no-edit A decision >/dev/null" \
    --command-name "after new --no-edit" "cd '$work/new' && '$after' new --no-edit A decision >/dev/null" >&2
  echo "==> $name: history, warm and cold" >&2
  hyperfine -N --warmup 2 --runs "$runs" --style basic \
    --export-markdown "$out/$name-warm.md" \
    --command-name "before log --format json (warm)" "$before -C $b log --format json" \
    --command-name "after log --format json (warm)" "$after -C $a log --format json" \
    --command-name "before log (warm, text)" "$before -C $b log" \
    --command-name "after log (warm, text)" "$after -C $a log" >&2
  hyperfine -N --warmup 1 --runs "$(( runs < 10 ? runs : 10 ))" --style basic \
    --export-markdown "$out/$name-cold.md" \
    --command-name "before log --format json --no-cache" "$before -C $b log --format json --no-cache" \
    --command-name "after log --format json --no-cache" "$after -C $a log --format json --no-cache" \
    --command-name "git log -M --name-status -- $log" \
    "git -C $a log -M --name-status --format=%H -- $log" >&2
done
echo "reports in $out" >&2
