#!/bin/sh
# docker pull through Hako against skopeo, both from a loopback docker-registry:
#   sudo bench/pull_bench.sh BUILD_DIR [RUNS=5] [MB=100]
# Pushes a ~MB megabyte four-layer image (tests/registry/make-test-image.sh --bulk), then RUNS
# times pulls it with bench_pull_image into a fresh state root (download, verify, unpack) and
# with `skopeo copy docker://… dir:…` into a fresh dir (download and verify only: skopeo
# does not unpack). Prints both medians and Hako's time as a multiple of skopeo's.
set -eu
build=$(cd "$1" && pwd)
runs=${2:-5}
mb=${3:-100}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/hako-pull-bench.XXXXXX)
cleanup() {
    [ -f "$work/registry/registry.pid" ] && kill "$(cat "$work/registry/registry.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$("$here/../tests/registry/serve.sh" "$work/registry")
"$here/../tests/registry/make-test-image.sh" "$port" --bulk "$mb"
ref="127.0.0.1:$port/test/bulk:latest"
echo "image: $ref ($(du -sh "$work/registry/storage" | cut -f1) in the registry)"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }

: > "$work/hako.times"
: > "$work/skopeo.times"
for i in $(seq "$runs"); do
    rm -rf "$work/state" && mkdir "$work/state"
    "$build/bench/bench_pull_image" "$ref" "$work/state" | cut -d' ' -f1 >> "$work/hako.times"
    rm -rf "$work/skopeo"
    start=$(now)
    skopeo copy -q --src-tls-verify=false "docker://$ref" "dir:$work/skopeo" > /dev/null
    echo "$(now) - $start" | bc >> "$work/skopeo.times"
done
hako=$(median < "$work/hako.times")
skopeo=$(median < "$work/skopeo.times")
echo "hako pull (download+verify+unpack): median ${hako}s over $runs runs: $(tr '\n' ' ' < "$work/hako.times")"
echo "skopeo copy (download+verify):      median ${skopeo}s over $runs runs: $(tr '\n' ' ' < "$work/skopeo.times")"
echo "ratio hako/skopeo: $(echo "scale=2; $hako / $skopeo" | bc)x"
