#!/usr/bin/env bash
# The desktop app's start-up: from exec of `hako --exit-after-first-paint` to the first
# painted main window listing 100 containers (median over RUNS; target <= 300 ms), and the
# app's resident memory at that moment. Runs on Qt's offscreen platform, and under Xvfb
# (the xcb platform, as on a desktop) when xvfb-run is installed.
#
# Needs root and Hako on the system bus (the README's first command sets that up; the
# helper is D-Bus activated). It creates 100 containers (created, not started) named
# app-startup-<pid>-N and removes them at the end, whatever happens.
#
#   sudo bench/app_startup.sh [RUNS]          (default 20)
#   HAKO=build/app/gui/hako HAKOCTL=build/app/cli/hakoctl sudo -E bench/app_startup.sh
set -euo pipefail

# Inner mode (under xvfb-run): the timed runs on one platform; prints "median rss".
if [ "${1:-}" = "--measure" ]; then
    platform=$2 runs=$3 hako=$4 expected=$5
    times=() rss=0
    for _ in $(seq "$runs"); do
        start=$(date +%s%6N)
        line=$(QT_QPA_PLATFORM=$platform "$hako" --exit-after-first-paint 2>/dev/null | grep '^first paint')
        count=$(sed -E 's/^first paint with ([0-9]+) containers.*/\1/' <<<"$line")
        painted=$(sed -E 's/.* at ([0-9]+) us since the epoch.*/\1/' <<<"$line")
        rss=$(sed -E 's/.*VmRSS ([0-9-]+) kB.*/\1/' <<<"$line")
        if [ "$count" != "$expected" ]; then
            echo "app_startup: hako listed '$count' containers, expected $expected: $line" >&2
            exit 1
        fi
        times+=($(( (painted - start) / 1000 )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    echo "$median $rss"
    exit 0
fi

runs=${1:-20}
count=100
hako=${HAKO:-hako}
hakoctl=${HAKOCTL:-hakoctl}
prefix=app-startup-$$

for tool in "$hako" "$hakoctl"; do
    command -v "$tool" >/dev/null || { echo "app_startup: $tool is missing" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "app_startup: run as root (the containers need it)" >&2; exit 1; }
hako=$(command -v "$hako")
"$hakoctl" ps -a >/dev/null # activates the helper; fails here if Hako is not installed

cleanup() { # by name: rm goes on past the ones not created
    for i in $(seq "$count"); do echo "$prefix-$i"; done | xargs -r "$hakoctl" rm -f >/dev/null 2>&1 || true
}
trap cleanup EXIT
existing=$("$hakoctl" ps -aq | wc -l)
echo "app_startup: creating $count containers (the helper already has $existing)"
for i in $(seq "$count"); do
    "$hakoctl" create --name "$prefix-$i" busybox sleep 1 >/dev/null
done
expected=$((existing + count))

# One untimed run: the first start pays for cold caches (fonts, the libraries' pages).
QT_QPA_PLATFORM=offscreen "$hako" --exit-after-first-paint >/dev/null 2>&1 || true

report() { # platform median rss
    verdict=$(awk -v m="$2" 'BEGIN { print (m <= 300) ? "met" : "MISSED" }')
    echo "$1: median $2 ms from exec to the first painted list of $expected containers" \
         "($runs runs; target <= 300 ms: $verdict), VmRSS then $3 kB"
}
read -r median rss < <("$0" --measure offscreen "$runs" "$hako" "$expected")
report offscreen "$median" "$rss"
if command -v xvfb-run >/dev/null; then
    read -r median rss < <(xvfb-run -a -s "-screen 0 1280x800x24" "$0" --measure xcb "$runs" "$hako" "$expected")
    report "xcb (Xvfb)" "$median" "$rss"
else
    echo "xcb: skipped, xvfb-run is not installed"
fi
