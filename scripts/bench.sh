#!/usr/bin/env bash
# Benchmarks the release `adr` on a generated log of adr-tools records, with hyperfine.
#
# Usage: scripts/bench.sh            (normally through `make bench`)
# Environment:
#   ADR_BENCH_RECORDS   records in the generated log (default 1000)
#   ADR_BENCH_WARMUP    hyperfine warmup runs (default 3)
#   ADR_BENCH_RUNS      hyperfine runs per command (default: hyperfine decides)
#   ADR_BENCH_OUT       folder for the markdown/JSON reports (default bench-out/)
#   ADR_BENCH_SCRATCH   SwiftPM scratch path for the release build (default .build-release)
#   ADR_BENCH_LARGE     1: the history benchmark on 5,000 records in 100,000 commits
#   ADR_BENCH_SHAPES    real-repository shapes to time against git (default "small real";
#                       also "r5000": 5,000 records in 100,000 commits)
#   ADR_BENCH_SHAPE_DIR folder of ready-made repositories named by shape, copied instead of
#                       generating them (for example /work/benchrepos)
#   ADR_BENCH_BROWSER_RUNS page loads of the site's home page in Chromium (default 9)
#   ADR_TOOLS_DIR       folder holding adr-tools' scripts (adr, adr-new, ...) to compare
#                       against; found on PATH via `adr-new` when unset (Debian's adr-tools
#                       package installs only /usr/bin/adr: set ADR_TOOLS_DIR=/usr/bin). Never
#                       downloaded.
#
# Benchmarks are measurements, never assertions: this script fails only when a command
# it measures fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
records="${ADR_BENCH_RECORDS:-1000}"
warmup="${ADR_BENCH_WARMUP:-3}"
out="${ADR_BENCH_OUT:-$root/bench-out}"
scratch="${ADR_BENCH_SCRATCH:-$root/.build-release}"

command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 is not installed" >&2; exit 2; }

echo "==> building release binary" >&2
# The same build `make install` makes: the Swift runtime linked in statically, which
# takes about a third off start-up.
swift build -c release -Xswiftc -static-stdlib --package-path "$root" --scratch-path "$scratch" >&2
adr="$(swift build -c release -Xswiftc -static-stdlib --package-path "$root" --scratch-path "$scratch" --show-bin-path)/adr"
[[ -x "$adr" ]] || { echo "bench: no release binary at $adr" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/adr-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# An isolated, deterministic environment, like the end-to-end tests.
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 TZ=UTC NO_COLOR=1 ADR_DATE=1992-01-12
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
unset VISUAL EDITOR ADR_TEMPLATE
mkdir -p "$HOME"

# alternating_ratio DIR RUNS COMMAND... -- COMMAND...: the first command's time over the
# second's in DIR, over RUNS pairs of runs one after the other, so that both runs of a pair
# see the same phase of the machine (hyperfine times all runs of one command before the
# next, and the machine's speed can swing by a third from one minute to the next).
alternating_ratio() {
  python3 - "$@" <<'PY'
import statistics, subprocess, sys, time
folder, runs = sys.argv[1], int(sys.argv[2])
split = sys.argv.index("--", 3)
first, second = sys.argv[3:split], sys.argv[split + 1:]
def seconds(command):
    start = time.perf_counter()
    subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
ratios = sorted(seconds(first) / seconds(second) for _ in range(runs))
quartile = max(0, len(ratios) // 4 - 1)
print(f"median {statistics.median(ratios):.2f}x, quartiles {ratios[quartile]:.2f}x and "
      f"{ratios[-1 - quartile]:.2f}x, from {ratios[0]:.2f}x to {ratios[-1]:.2f}x")
PY
}

# --- the generated log ---------------------------------------------------------------
# Written directly in adr-tools' format (much faster than 1,000 `adr new` runs). Every
# tenth record supersedes the one before it and every seventh amends an earlier one, so
# the link-reading paths of toc and graph have work to do.
log_repo="$work/log"
echo "==> generating $records records in $log_repo/doc/adr" >&2
generate_log() { # generate_log FOLDER COUNT: a committed adr-tools log in FOLDER/doc/adr
mkdir -p "$1/doc/adr"
python3 - "$1/doc/adr" "$2" <<'PY'
import os, random, sys

folder, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
words = ("use adopt replace migrate split cache queue event stream store postgres kafka "
         "redis grpc rest graphql swift rust lambda terraform vault oauth search index "
         "shard replica backup audit gateway mesh batch cron").split()
titles, names = {}, {}
for n in range(1, count + 1):
    title = " ".join(rng.choice(words) for _ in range(rng.randint(2, 6))).capitalize()
    if n == 1:
        title = "Record architecture decisions"
    slug = "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())
    titles[n], names[n] = title, f"{n:04d}-{slug}.md"

status = {n: ["Accepted"] for n in titles}
for n in titles:
    def link(source, text, target):
        status[source].append(f"{text} [{target}. {titles[target]}]({names[target]})")
    if n > 1 and n % 10 == 0:
        status[n - 1] = [s for s in status[n - 1] if s != "Accepted"]
        link(n - 1, "Superceded by", n)
        link(n, "Supercedes", n - 1)
    elif n > 7 and n % 7 == 0:
        target = rng.randint(1, n - 1)
        link(n, "Amends", target)
        link(target, "Amended by", n)

for n, title in titles.items():
    body = "\n\n".join(status[n])
    text = (f"# {n}. {title}\n\nDate: 1992-01-12\n\n## Status\n\n{body}\n\n"
            "## Context\n\nThe forces at play, written out at some length so that reading a "
            "record costs what a real one does.\n\n## Decision\n\nWe will do it.\n\n"
            "## Consequences\n\nSome things get easier, others harder.\n")
    with open(os.path.join(folder, names[n]), "w") as f:
        f.write(text)
PY
git -C "$1" init -q
git -C "$1" add -A
git -C "$1" commit -qm "Generated log"
}
generate_log "$log_repo" "$records"

# --- adr-tools, if it is already installed ----------------------------------------------
adr_tools_dir="${ADR_TOOLS_DIR:-}"
if [[ -z "$adr_tools_dir" ]] && command -v adr-new >/dev/null; then
  adr_tools_dir="$(dirname "$(command -v adr-new)")"
fi
if [[ -n "$adr_tools_dir" && ! -x "$adr_tools_dir/adr" ]]; then
  echo "bench: no adr-tools 'adr' in $adr_tools_dir; not comparing" >&2
  adr_tools_dir=""
fi
if [[ -z "$adr_tools_dir" ]]; then
  echo "==> adr-tools not found (set ADR_TOOLS_DIR to compare); measuring adr alone" >&2
fi

hyperfine_args=(--warmup "$warmup" --style basic)
if [[ -n "${ADR_BENCH_RUNS:-}" ]]; then
  hyperfine_args+=(--runs "$ADR_BENCH_RUNS")
fi

# Read-only commands run in the generated log itself.
read_only=(
  --command-name "adr list" "cd '$log_repo' && '$adr' list >/dev/null"
  --command-name "adr generate toc" "cd '$log_repo' && '$adr' generate toc >/dev/null"
  --command-name "adr generate graph" "cd '$log_repo' && '$adr' generate graph >/dev/null"
)
if [[ -n "$adr_tools_dir" ]]; then
  read_only+=(
    --command-name "adr-tools list" "cd '$log_repo' && PATH='$adr_tools_dir':\$PATH adr list >/dev/null"
    --command-name "adr-tools generate toc" "cd '$log_repo' && PATH='$adr_tools_dir':\$PATH adr generate toc >/dev/null"
    --command-name "adr-tools generate graph" "cd '$log_repo' && PATH='$adr_tools_dir':\$PATH adr generate graph >/dev/null"
  )
fi
echo "==> read-only commands" >&2
hyperfine "${hyperfine_args[@]}" \
  --export-markdown "$out/read.md" --export-json "$out/read.json" \
  "${read_only[@]}"

# `adr new` changes the log, so each run gets a fresh throw-away copy.
scratch_log="$work/new"
prepare="rm -rf '$scratch_log' && cp -a '$log_repo' '$scratch_log'"
writes=(--command-name "adr new --no-edit" "cd '$scratch_log' && '$adr' new --no-edit A benchmarked decision >/dev/null")
if [[ -n "$adr_tools_dir" ]]; then
  writes+=(--command-name "adr-tools new" "cd '$scratch_log' && PATH='$adr_tools_dir':\$PATH adr new A benchmarked decision >/dev/null")
fi
echo "==> adr new" >&2
hyperfine "${hyperfine_args[@]}" --prepare "$prepare" \
  --export-markdown "$out/new.md" --export-json "$out/new.json" \
  "${writes[@]}"

# --- history benchmarks (hook) ------------------------------------------------------------
# A log with a long git history from the shared generator: 1,000 records in 20,000 commits
# (5,000 in 100,000 with ADR_BENCH_LARGE=1). `adr log --no-cache` is one pass over all of
# it; `git log -M --name-status -- decisions/` is the floor for any one-pass reader; git's
# own per-record way, `git log --follow` once per record, is timed on a sample and
# extrapolated; the warm rerun reads the cache the previous runs wrote.
history_reports=()
gen="$root/../shared/bench/gen-adr-repo.py"
if [[ -f "$gen" ]]; then
  history_adrs=1000 history_commits=20000
  if [[ "${ADR_BENCH_LARGE:-}" == 1 ]]; then history_adrs=5000 history_commits=100000; fi
  hist="$work/history"
  echo "==> generating $history_adrs records in $history_commits commits" >&2
  python3 "$gen" "$hist" --adrs "$history_adrs" --commits "$history_commits" --seed 1 --repack >&2
  sample=20
  # sed, not head: head would close the pipe early and pipefail would stop the script.
  git -C "$hist" ls-files decisions | sed -n "1,${sample}p" >"$work/sample.txt"
  per_record_sample="cd '$hist' && while read -r f; do git log --follow --format=%H -- \"\$f\" >/dev/null; done <'$work/sample.txt'"
  (cd "$hist" && "$adr" log --format json >/dev/null) # the cache the warm run reads
  hyperfine "${hyperfine_args[@]}" \
    --export-markdown "$out/history.md" --export-json "$out/history.json" \
    --command-name "adr log --format json --no-cache" \
    "cd '$hist' && '$adr' log --format json --no-cache >/dev/null" \
    --command-name "git log -M --name-status -- decisions/" \
    "cd '$hist' && git log -M --name-status --format=%H -- decisions/ >/dev/null" \
    --command-name "git log --follow, $sample records" "$per_record_sample" \
    --command-name "adr log --format json (warm: from the history cache)" \
    "cd '$hist' && '$adr' log --format json >/dev/null"
  records_now="$(git -C "$hist" ls-files decisions | wc -l)"
  python3 - "$out/history.json" "$sample" "$records_now" >>"$out/history.md" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
sample, records = int(sys.argv[2]), int(sys.argv[3])
follow = next(r for r in results if r["command"].startswith("git log --follow"))
cold = next(r for r in results if r["command"].endswith("--no-cache"))
single = next(r for r in results if r["command"].startswith("git log -M"))
print(f"\n`git log --follow` for all {records} records, extrapolated from {sample}: "
      f"{follow['mean'] / sample * records:.1f} s")
print(f"\nCold `adr log` / git's single pass: {cold['mean'] / single['mean']:.2f}x "
      f"(target 1.5x)")
PY
  # The ratio above can compare a slow phase of the machine with a fast one.
  pairs="$(alternating_ratio "$hist" 10 "$adr" log --format json --no-cache -- \
    git log -M --name-status --format=%H -- decisions/)"
  { echo; echo "The same ratio over 10 alternating pairs of runs: $pairs"; } >>"$out/history.md"
  peak() { # peak memory of `adr log --format json $1`, in MiB
    local kb
    kb="$( (cd "$hist" && /usr/bin/time -v "$adr" log --format json $1 >/dev/null) 2>&1 \
      | awk -F': ' '/Maximum resident/ {print $2}')"
    echo $((kb / 1024))
  }
  {
    echo "Peak memory of \`adr log --format json --no-cache\`: $(peak --no-cache) MiB"
    echo
    echo "Peak memory of \`adr log --format json\` from the history cache: $(peak "") MiB"
    echo
  } >>"$out/history.md"
  # The decision site on the same repository: cold (no caches) against a cold `adr log`,
  # with the history cache warm and the site new, and a rerun with nothing changed.
  site_out="$work/site"
  hyperfine "${hyperfine_args[@]}" \
    --export-markdown "$out/site.md" \
    --command-name "adr log --format json --no-cache" \
    "cd '$hist' && '$adr' log --format json --no-cache >/dev/null" \
    --command-name "adr site --no-cache" \
    "cd '$hist' && '$adr' site --no-cache --out '$site_out' >/dev/null" \
    --command-name "adr site (nothing changed)" \
    "cd '$hist' && '$adr' site --out '$site_out' >/dev/null"
  # The cold ratio again in alternating pairs, as for the history above.
  pairs="$(alternating_ratio "$hist" 15 "$adr" site --no-cache --out "$site_out" -- \
    "$adr" log --format json --no-cache)"
  {
    echo
    echo "Cold \`adr site\` / cold \`adr log\` over 15 alternating pairs of runs: $pairs (target 1.5x)"
  } >>"$out/site.md"
  hyperfine "${hyperfine_args[@]}" --prepare "rm -rf '$site_out'" \
    --export-markdown "$out/site-rebuilt.md" \
    --command-name "adr site (history cache warm, site rebuilt)" \
    "cd '$hist' && '$adr' site --out '$site_out' >/dev/null"
  { echo; cat "$out/site-rebuilt.md"; } >>"$out/site.md"
  # After one record's text changed: only the pages that show it are rendered again.
  edited="$(cd "$hist" && git ls-files '*.md' | grep -E '(^|/)[0-9]{4}-' | awk '{ line[NR] = $0 } END { if (NR) print line[int((NR + 1) / 2)] }')"
  if [[ -n "$edited" ]]; then
    (cd "$hist" && "$adr" site --out "$site_out" >/dev/null)
    hyperfine "${hyperfine_args[@]}" \
      --prepare "cd '$hist' && date +%N >>'$edited'" \
      --export-markdown "$out/site-edited.md" \
      --command-name "adr site (one record edited)" \
      "cd '$hist' && '$adr' site --out '$site_out' >/dev/null"
    (cd "$hist" && git checkout -q -- "$edited")
    { echo; cat "$out/site-edited.md"; } >>"$out/site.md"
  fi
  site_peak="$( (cd "$hist" && /usr/bin/time -v "$adr" site --no-cache --out "$site_out" >/dev/null) 2>&1 \
    | awk -F': ' '/Maximum resident/ {print int($2 / 1024)}')"
  {
    echo
    echo "Peak memory of \`adr site --no-cache\`: $site_peak MiB"
    echo
    echo "Site size: $(du -sh --apparent-size "$site_out" | cut -f1) in $(find "$site_out" -type f | wc -l) files;" \
      "search index $(du -h --apparent-size "$site_out/search-index.js" | cut -f1)," \
      "adrs.json $(du -h --apparent-size "$site_out/adrs.json" | cut -f1)"
    echo
  } >>"$out/site.md"
  # How soon the home page is ready to search and filter in Chromium, where Debian's
  # chromium and Playwright are installed (`make setup-browser`).
  if [[ -x /usr/bin/chromium ]] && python3 -c "import playwright" 2>/dev/null; then
    echo "==> the home page in Chromium" >&2
    {
      echo
      echo "The home page in Chromium (\`scripts/site-browser-bench.py\`):"
      echo
      echo '```'
      RUNS="${ADR_BENCH_BROWSER_RUNS:-9}" python3 "$root/scripts/site-browser-bench.py" "$site_out"
      echo '```'
    } >>"$out/site.md"
  fi
  { echo; echo "### adr site"; echo; cat "$out/site.md"; } >>"$out/history.md"
  history_reports+=("$out/history.md")
else
  echo "==> $gen not found; skipping the history benchmarks" >&2
fi
# --- end of history benchmarks hook -------------------------------------------------------

# --- real-repository shapes -----------------------------------------------------------------
# Real logs are not the 1,000-record benchmark: a small repository, where start-up and
# libgit2's set-up are most of the time, and a log three folders deep in a big tree that 2%
# of commits touch. Each shape is timed against `git log -M --name-status` over the log
# folder and every folder its records ever lived in (read from adr's own output), in one
# hyperfine run and in alternating pairs. ADR_BENCH_SHAPES picks shapes (default "small
# real"); ADR_BENCH_SHAPE_DIR, when set, holds ready-made repositories by shape name (copied,
# never changed) instead of generating them.
shape_reports=()
shape_args() { # the generator's arguments for a shape
  case "$1" in
    small) echo "--adrs 60 --commits 1300 --adr-activity 0.2 --src-files 3000 --log-dir docs/architecture/decisions" ;;
    real) echo "--adrs 200 --commits 20000 --adr-activity 0.1 --src-files 6000 --log-dir docs/architecture/decisions" ;;
    r5000) echo "--adrs 5000 --commits 100000" ;;
    *) return 1 ;;
  esac
}
if [[ -f "$gen" ]]; then
  for shape in ${ADR_BENCH_SHAPES:-small real}; do
    args="$(shape_args "$shape")" || { echo "bench: unknown shape $shape" >&2; exit 64; }
    repo="$work/shape-$shape"
    if [[ -n "${ADR_BENCH_SHAPE_DIR:-}" && -d "$ADR_BENCH_SHAPE_DIR/$shape" ]]; then
      cp -a "$ADR_BENCH_SHAPE_DIR/$shape" "$repo"
    else
      echo "==> generating the $shape shape ($args)" >&2
      # shellcheck disable=SC2086 # the arguments are words
      python3 "$gen" "$repo" $args --seed 1 --repack >&2
    fi
    log_dir="$(sed -n 's/.*--log-dir \([^ ]*\).*/\1/p' <<<"$args")"
    log_dir="${log_dir:-decisions}"
    # The log folder and its former folders: every folder a record's path was ever in,
    # less those inside another.
    folders="$(cd "$repo" && "$adr" log --format json --no-cache | python3 -c '
import json, os, sys
log = sys.argv[1]
found = {log}
for event in json.load(sys.stdin):
    for path in (event.get("path"), event.get("oldPath")):
        if path:
            found.add(os.path.dirname(path))
keep = [f for f in found if not any(f != o and f.startswith(o + "/") for o in found)]
print(" ".join(sorted(keep)))' "$log_dir")"
    commits="$(git -C "$repo" rev-list --count HEAD)"
    echo "==> $shape: $commits commits, log $log_dir (folders: $folders)" >&2
    hyperfine "${hyperfine_args[@]}" \
      --export-markdown "$out/shape-$shape.md" --export-json "$out/shape-$shape.json" \
      --command-name "adr log --format json --no-cache" \
      "cd '$repo' && '$adr' log --format json --no-cache >/dev/null" \
      --command-name "git log -M --name-status -- $folders" \
      "cd '$repo' && git log -M --name-status --format=%H -- $folders >/dev/null"
    python3 - "$out/shape-$shape.json" "$repo" "$adr" "$folders" "$shape" "$commits" \
      >>"$out/shape-$shape.md" <<'PY'
import json, sys
report, repo, adr, folders, shape, commits = sys.argv[1:7]
results = json.load(open(report))["results"]
ours, gits = results[0]["mean"], results[1]["mean"]
print(f"\nShape `{shape}` ({commits} commits): cold `adr log` {ours * 1000:.0f} ms, git "
      f"{gits * 1000:.0f} ms: {ours / gits:.2f}x (target 1.5x)")
PY
    # shellcheck disable=SC2086 # the folders are words
    pairs="$(alternating_ratio "$repo" 10 "$adr" log --format json --no-cache -- \
      git log -M --name-status --format=%H -- $folders)"
    { echo; echo "The same ratio over 10 alternating pairs of runs: $pairs"; } >>"$out/shape-$shape.md"
    shape_reports+=("$out/shape-$shape.md")
  done
fi

# --- adr audit ----------------------------------------------------------------------------
# `adr audit --base` on the history benchmark with a branch that adds three records and edits
# two (it reads the two trees, not the history: there is no cache to be cold or warm, so the
# first run is timed alone and then the usual warm runs); `adr audit --history` against a
# cold `adr log --no-cache` (the history cache removed before each run); `adr audit` of a
# 5,000-record log.
audit_reports=()
if [[ -n "${hist:-}" && -d "${hist:-}" ]]; then
  echo "==> adr audit" >&2
  base_branch="$(git -C "$hist" symbolic-ref --short HEAD)"
  (
    cd "$hist"
    git checkout -q -b audit-bench
    for title in "Use Redis for sessions" "Adopt gRPC internally" "Split the billing service"; do
      "$adr" new --no-edit "$title" >/dev/null
      git add -A && git commit -qm "Add $title"
    done
    for f in $(git ls-files decisions | sed -n '10p;20p'); do echo "Edited on the branch." >>"$f"; done
    git commit -qam "Edit two records"
  )
  audit_base="cd '$hist' && '$adr' audit --base '$base_branch' >/dev/null 2>&1; test \$? -le 1"
  hyperfine --style basic --runs 1 --export-markdown "$out/audit-first.md" \
    --command-name "adr audit --base (first run)" "$audit_base"
  hyperfine "${hyperfine_args[@]}" --export-markdown "$out/audit.md" \
    --command-name "adr audit --base (warm)" "$audit_base"
  hyperfine "${hyperfine_args[@]}" --export-markdown "$out/audit-history.md" \
    --prepare "rm -f '$hist/.git/adr/history-cache'" \
    --command-name "adr audit --history (no history cache)" \
    "cd '$hist' && '$adr' audit --history >/dev/null 2>&1; test \$? -le 1" \
    --command-name "adr log --format json --no-cache" \
    "cd '$hist' && '$adr' log --format json --no-cache >/dev/null"
  audit_reports+=("$out/audit-first.md" "$out/audit.md" "$out/audit-history.md")
fi
large_log="$work/log5000"
echo "==> generating 5000 records in $large_log/doc/adr" >&2
generate_log "$large_log" 5000 >&2
hyperfine "${hyperfine_args[@]}" --export-markdown "$out/audit-5000.md" \
  --command-name "adr audit, 5,000 records" \
  "cd '$large_log' && '$adr' audit >/dev/null 2>&1; test \$? -le 1"
audit_reports+=("$out/audit-5000.md")

summary="$out/summary.md"
{
  echo "# adr benchmarks"
  echo
  echo "$records records, release build, $(uname -sm), hyperfine $(hyperfine --version | awk '{print $2}')."
  echo
  echo "## Read-only commands"
  echo
  cat "$out/read.md"
  echo
  echo "## adr new (fresh copy of the log each run)"
  echo
  cat "$out/new.md"
  for report in "${history_reports[@]+"${history_reports[@]}"}"; do
    echo
    echo "## History"
    echo
    cat "$report"
  done
  for report in "${shape_reports[@]+"${shape_reports[@]}"}"; do
    echo
    echo "## History on a real repository's shape"
    echo
    cat "$report"
  done
  echo
  echo "## adr audit"
  for report in "${audit_reports[@]+"${audit_reports[@]}"}"; do
    echo
    cat "$report"
  done
} >"$summary"

echo
cat "$summary"
echo
echo "reports written to $out" >&2
