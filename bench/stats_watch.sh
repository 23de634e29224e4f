#!/usr/bin/env bash
# 100 running containers watched at 1 Hz: what hako-helper spends computing and sending their
# stats (CPU % of one core, target <= 1 %; resident memory), what the desktop app spends with
# the overview open (target <= 5 %), and the cost of one container's sample against the floor
# of reading the same kernel files directly (bench_stats_floor).
#
# Needs root and Hako on the system bus (the README's first command sets that up), plus a
# build with bench_stats_floor. It starts COUNT containers named stats-watch-<pid>-N
# (`sleep`) and removes them at the end, whatever happens.
#
#   sudo bench/stats_watch.sh [SECONDS] [COUNT]        (default 60 s, 100 containers)
#   HAKO=build/app/gui/hako HAKOCTL=build/app/cli/hakoctl \
#       FLOOR=build/bench/bench_stats_floor sudo -E bench/stats_watch.sh
set -euo pipefail
seconds=${1:-60}
count=${2:-100}
hako=${HAKO:-hako}
hakoctl=${HAKOCTL:-hakoctl}
floor=${FLOOR:-build/bench/bench_stats_floor}
prefix=stats-watch-$$
ticks=$(getconf CLK_TCK)

for tool in "$hako" "$hakoctl" xvfb-run; do
    command -v "$tool" >/dev/null || { echo "stats_watch: $tool is missing" >&2; exit 1; }
done
[ -x "$floor" ] || { echo "stats_watch: no $floor (cmake --build build --target bench_stats_floor)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "stats_watch: run as root" >&2; exit 1; }

# CPU time (user + system) of a process in clock ticks, and its resident memory in kB.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
percent() { awk -v t="$1" -v hz="$ticks" -v s="$2" 'BEGIN { printf "%.2f", 100 * t / hz / s }'; }

# The CPU % a process spends over `seconds`, as the other commands run.
measure_cpu() {
    local pid=$1 before after
    before=$(cpu_ticks "$pid")
    sleep "$seconds"
    after=$(cpu_ticks "$pid")
    echo $((after - before))
}

watchers=()
cleanup() {
    for pid in "${watchers[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for i in $(seq "$count"); do echo "$prefix-$i"; done | xargs -r "$hakoctl" rm -f >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$hakoctl" ps -q >/dev/null # activates the helper
echo "stats_watch: starting $count containers"
for i in $(seq "$count"); do
    "$hakoctl" run -d --name "$prefix-$i" busybox sleep 3600 >/dev/null
done
helper=$(pgrep -o -x hako-helper) || { echo "stats_watch: no hako-helper process" >&2; exit 1; }
running=$("$hakoctl" ps -q | wc -l)

echo "stats_watch: $seconds s without a watcher (the baseline)"
idle=$(measure_cpu "$helper")
rss_idle=$(rss_kb "$helper")

echo "stats_watch: $seconds s with hakoctl stats watching every container at 1 Hz"
"$hakoctl" stats --format '{{.Name}} {{.CPUPerc}} {{.MemUsage}}' >/dev/null &
watchers+=($!)
sleep 2 # the subscription is in place and the readers are open
watched=$(measure_cpu "$helper")
rss_watched=$(rss_kb "$helper")
kill "${watchers[-1]}"; wait "${watchers[-1]}" 2>/dev/null || true

echo "stats_watch: $seconds s with the app open (overview and table columns live)"
xvfb-run -a -s '-screen 0 1600x1000x24' "$hako" >/dev/null 2>&1 &
watchers+=($!)
app=""
for _ in $(seq 100); do
    app=$(pgrep -n -x hako || true)
    [ -n "$app" ] && break
    sleep 0.1
done
[ -n "$app" ] || { echo "stats_watch: the app did not start" >&2; exit 1; }
sleep 3 # first paint, subscription, the first frames
app_before=$(cpu_ticks "$app")
helper_app=$(measure_cpu "$helper")
app_after=$(cpu_ticks "$app")
app_rss=$(rss_kb "$app")

echo
echo "hako-helper, $running running containers watched at 1 Hz for $seconds s"
echo "  CPU without a watcher     $(percent "$idle" "$seconds") % of one core"
echo "  CPU with hakoctl stats    $(percent "$watched" "$seconds") % of one core   (target <= 1 %)"
echo "  CPU with the app open     $(percent "$helper_app" "$seconds") % of one core"
echo "  VmRSS                     ${rss_idle} kB idle, ${rss_watched} kB watched"
per_sample=$(awk -v t="$((watched - idle))" -v hz="$ticks" -v n="$running" -v s="$seconds" \
    'BEGIN { printf "%.1f", t / hz / (n * s) * 1e6 }')
echo "  cost per container sample ${per_sample} us (helper CPU over the baseline / samples)"
echo "hako (the app), overview open: $(percent "$((app_after - app_before))" "$seconds") % of one core   (target <= 5 %), VmRSS ${app_rss} kB"
echo
"$floor" --rounds 21
