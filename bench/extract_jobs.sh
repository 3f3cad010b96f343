#!/bin/sh
# The corpus-scale run of issue 7: generates the benchmark corpus as JSONL,
# runs `extract` over all of it with --jobs 1 and with --jobs N, checks that
# each output has one line per input record, no error records, and that the
# two outputs are byte-identical; prints wall time, MB/s, docs/s and peak RSS.
#
#   bench/extract_jobs.sh BUILD_DIR [MB] [JOBS] [WORK_DIR]
#
# BUILD_DIR: a Release build (holds bench/warta_bench and tools/extract).
# MB: corpus size in MB of text (default 100). JOBS: the parallel run (default 2).
# WORK_DIR: where the corpus and outputs go (default /tmp/warta-bench; never the repo).
# Exit status 0 when every check passes, 1 otherwise.
set -eu
build=${1:?usage: extract_jobs.sh BUILD_DIR [MB] [JOBS] [WORK_DIR]}
mb=${2:-100}
jobs=${3:-2}
work=${4:-/tmp/warta-bench}
bench=$build/bench/warta_bench
extract=$build/tools/extract
mkdir -p "$work"
corpus=$work/corpus$mb.jsonl

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
if [ ! -s "$corpus" ] || [ ! -s "$work/corpus$mb.txt" ] || [ "$corpus" -ot "$bench" ]; then
    "$bench" --write-corpus "$corpus" --mb "$mb" | tee "$work/corpus$mb.txt"
fi
text_mb=$(sed -n 's/.*documents, \([0-9.]*\) MB of text.*/\1/p' "$work/corpus$mb.txt")
records=$(wc -l < "$corpus")
echo "input: $records records, $text_mb MB of text ($corpus)"

status=0
printf '%-8s %9s %9s %9s %12s %9s %7s\n' jobs "wall s" "MB/s" "docs/s" "max RSS MB" "user s" lines
for j in 1 "$jobs"; do
    out=$work/out-j$j.jsonl
    /usr/bin/time -f '%e %M %U' -o "$work/time-j$j" "$extract" --jobs "$j" --quiet --output "$out" "$corpus"
    read -r wall rss user < "$work/time-j$j"
    lines=$(wc -l < "$out")
    awk -v j="$j" -v w="$wall" -v mb="$text_mb" -v n="$records" -v r="$rss" -v u="$user" -v l="$lines" \
        'BEGIN { printf "%-8s %9.2f %9.1f %9.0f %12.1f %9.2f %7d\n", j, w, mb / w, n / w, r / 1024, u, l }'
    if [ "$lines" -ne "$records" ]; then
        echo "FAIL: --jobs $j wrote $lines lines for $records records"
        status=1
    fi
    errors=$(grep -c '"error":{"code"' "$out" || true)
    if [ "$errors" -ne 0 ]; then
        echo "FAIL: --jobs $j: $errors error records"
        status=1
    fi
done
if cmp "$work/out-j1.jsonl" "$work/out-j$jobs.jsonl"; then
    echo "outputs of --jobs 1 and --jobs $jobs are byte-identical"
else
    status=1
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
