#!/bin/bash
# Import of a ~200 MB image of 4 layers: Hako's unpackLayer against GNU `tar -x` of the same
# layer tars into fresh directories, N runs each (interleaved), medians and their ratio.
#   cmake --build build --target bench_unpack_layers && sudo bench/import_bench.sh build [N]
set -euo pipefail
build=${1:-build}
runs=${2:-5}
bin=$build/bench/bench_unpack_layers
[[ -x $bin ]] || { echo "build $bin first" >&2; exit 1; }
[[ $(id -u) == 0 ]] || { echo "run as root (owners are kept)" >&2; exit 1; }

work=$(mktemp -d /var/tmp/hako-import-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Four layers of real files: many small ones (docs, headers, Python), and big ones (libraries).
make_layer() { # name, then paths under /usr
    local name=$1; shift
    tar --numeric-owner -cf "$work/$name.tar" -C / "$@" 2>/dev/null || true
}
make_layer l1 usr/share/man
make_layer l2 usr/lib/python3
make_layer l3 usr/sbin usr/lib/x86_64-linux-gnu/perl
make_layer l4 usr/include/linux usr/include/x86_64-linux-gnu
layers=("$work"/l1.tar "$work"/l2.tar "$work"/l3.tar "$work"/l4.tar)
total=$(du -cb "${layers[@]}" | tail -1 | cut -f1)
echo "layers: ${#layers[@]}, $((total / 1000000)) MB of tar; $runs runs each, page cache warm"

ms() { date +%s%N; }
hako_times=() tar_times=()
for ((i = 0; i < runs; i++)); do
    rm -rf "$work/out"; mkdir "$work/out"; sync
    hako_times+=("$("$bin" "$work/out" "${layers[@]}")")
    rm -rf "$work/out"; mkdir "$work/out"; sync
    start=$(ms)
    for n in "${!layers[@]}"; do
        mkdir "$work/out/$n"
        tar -x --numeric-owner --xattrs --xattrs-include='*' -p -f "${layers[$n]}" -C "$work/out/$n"
    done
    elapsed=$(( ($(ms) - start) / 100000 ))
    tar_times+=("$((elapsed / 10)).$((elapsed % 10))")
done
rm -rf "$work/out"

median() { printf '%s\n' "$@" | awk '{printf "%.1f\n", $1}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
hako=$(median "${hako_times[@]}")
tarm=$(median "${tar_times[@]}")
echo "hako unpackLayer  median $hako ms   (runs: ${hako_times[*]})"
echo "tar -x            median $tarm ms   (runs: ${tar_times[*]})"
awk -v h="$hako" -v t="$tarm" 'BEGIN {r = h / t; printf "ratio hako/tar (median) %.2f  target <= 1.20: %s\n", r, (r <= 1.2 ? "met" : "not met")}'
