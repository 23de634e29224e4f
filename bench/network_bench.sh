#!/usr/bin/env bash
# What Hako's networking costs (docs/networking.md):
#  (a) TCP throughput between two containers on Hako's default bridge (veth → bridge hako0 →
#      veth, Hako's nftables table loaded) against the floor: two bare network namespaces joined
#      by one veth pair made with `ip`. iperf3, one stream, RUNS runs of 5 s each, the two
#      alternating; medians in Gbit/s and the ratio hako/floor (1.00 would be the floor itself).
#  (b) What a network adds to a container's start: medians of STARTS runs (interleaved) of
#      `hakoctl run --rm busybox true` with --network none, --network bridge, and bridge with a
#      published port (-p), each difference to none in ms.
#
# Nothing here touches the machine's network: the script re-runs itself in a network namespace
# of its own (unshare --net) and starts there a private dbus-daemon and hako-helper with a
# temporary state root, so bridge hako0, the veths, table `ip hako` and the floor's namespaces
# all live and die in that namespace. Root's calls need no polkitd, so none is started.
#
# Needs root, iperf3, jq, nsenter, dbus-daemon and a build of the three programs:
#   cmake --build build --target hako-helper hako-monitor hakoctl
#   sudo bench/network_bench.sh build [RUNS] [STARTS]        (default 5 runs, 30 starts)
# HAKO_HELPER, HAKO_MONITOR and HAKOCTL override the programs' paths.
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME and printf use the locale's decimal point
build=${1:-build}
runs=${2:-5}
starts=${3:-30}
seconds=5
helper=${HAKO_HELPER:-$build/helper/service/hako-helper}
monitor=${HAKO_MONITOR:-$build/helper/monitor/hako-monitor}
hakoctl=${HAKOCTL:-$build/app/cli/hakoctl}

fail() { echo "network_bench: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root"
for tool in iperf3 jq nsenter unshare dbus-daemon ip ss; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
for program in "$helper" "$monitor" "$hakoctl"; do
    [ -x "$program" ] || fail "no $program (cmake --build $build --target hako-helper hako-monitor hakoctl)"
done
helper=$(realpath "$helper"); monitor=$(realpath "$monitor"); hakoctl=$(realpath "$hakoctl")

# Into a network namespace of our own, with only loopback (as tests/in-netns.sh does).
if [ -z "${HAKO_NETWORK_BENCH_INNER:-}" ]; then
    exec unshare --net -- env HAKO_NETWORK_BENCH_INNER=1 HAKO_HELPER="$helper" \
        HAKO_MONITOR="$monitor" HAKOCTL="$hakoctl" bash "$0" "$build" "$runs" "$starts"
fi
ip link set lo up

work=$(mktemp -d /tmp/hako-network-bench-XXXXXX)
pids=() # every background process of ours, ended by pid at exit
cleanup() {
    "$hakoctl" ps -aq 2>/dev/null | xargs -r "$hakoctl" rm -f >/dev/null 2>&1 || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

# A private bus that lets root own and call anything; no service activation.
cat > "$work/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <listen>unix:path=$work/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="root"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$work/bus.conf" --nofork >"$work/dbus.log" 2>&1 &
pids+=($!)
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$work/bus
for _ in $(seq 100); do [ -S "$work/bus" ] && break; sleep 0.05; done
[ -S "$work/bus" ] || fail "the private dbus-daemon did not start (see $work/dbus.log)"
"$helper" --state-root "$work/state" --monitor "$monitor" >"$work/helper.log" 2>&1 &
pids+=($!)
for _ in $(seq 150); do "$hakoctl" ps -q >/dev/null 2>&1 && break; sleep 0.1; done
"$hakoctl" ps -q >/dev/null || { cat "$work/helper.log" >&2; fail "hako-helper did not come up"; }

median() { # of the numbers on stdin
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
in_netns() { local pid=$1; shift; nsenter --net="/proc/$pid/ns/net" "$@"; }
ipv4_of() { in_netns "$1" ip -4 -o addr show dev "$2" | awk '{ split($4, a, "/"); print a[1] }'; }

# An iperf3 server in the namespace of `pid`, waited for until it listens.
serve() {
    local pid=$1 name=$2
    in_netns "$pid" iperf3 -s -D --pidfile "$work/$name.iperf3.pid" >/dev/null
    for _ in $(seq 100); do
        [ -n "$(in_netns "$pid" ss -Htln 'sport = :5201')" ] && break
        sleep 0.05
    done
    [ -n "$(in_netns "$pid" ss -Htln 'sport = :5201')" ] || fail "iperf3 server ($name) does not listen"
    pids+=("$(cat "$work/$name.iperf3.pid")")
}
# One timed run from the namespace of `pid` to `address`: Gbit/s received.
gbits() {
    in_netns "$1" iperf3 -c "$2" -t "$seconds" -J | jq '.end.sum_received.bits_per_second / 1e9'
}

# (a) Two Hako containers on the default network.
echo "network_bench: two containers on Hako's default network"
"$hakoctl" run -d --name net-bench-server --network bridge busybox sleep 3600 >/dev/null
"$hakoctl" run -d --name net-bench-client --network bridge busybox sleep 3600 >/dev/null
hako_server=$("$hakoctl" inspect -f '{{.State.Pid}}' net-bench-server)
hako_client=$("$hakoctl" inspect -f '{{.State.Pid}}' net-bench-client)
hako_address=$(ipv4_of "$hako_server" eth0)
[ -n "$hako_address" ] || fail "the server container has no IPv4 address on eth0"
# (Not /sys/class/net: sysfs shows the namespace of whoever mounted it, the machine's.)
mtu=$(in_netns "$hako_server" ip -o link show dev eth0 | sed -n 's/.* mtu \([0-9]*\) .*/\1/p')
[ -n "$mtu" ] || fail "cannot read the MTU of the server container's eth0"
serve "$hako_server" hako

# The floor: two bare network namespaces (a `sleep` each) and one veth pair, the same MTU.
# (Not in a command substitution: that would wait for the background sleep's stdout.)
bare_namespace() {
    unshare --net sleep 3600 >/dev/null 2>&1 &
    bare_pid=$!
    pids+=("$bare_pid")
    while [ "$(readlink "/proc/$bare_pid/ns/net")" = "$(readlink /proc/self/ns/net)" ]; do sleep 0.01; done
}
bare_namespace; floor_server=$bare_pid
bare_namespace; floor_client=$bare_pid
ip link add floor0 mtu "$mtu" type veth peer name floor1 mtu "$mtu"
ip link set floor0 netns "$floor_server"
ip link set floor1 netns "$floor_client"
in_netns "$floor_server" sh -c 'ip addr add 10.89.255.1/30 dev floor0 && ip link set floor0 up && ip link set lo up'
in_netns "$floor_client" sh -c 'ip addr add 10.89.255.2/30 dev floor1 && ip link set floor1 up && ip link set lo up'
serve "$floor_server" floor

echo "network_bench: $runs runs of $seconds s each, Hako and the floor alternating"
hako_runs=(); floor_runs=()
for i in $(seq "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then
        hako_runs+=("$(gbits "$hako_client" "$hako_address")")
        floor_runs+=("$(gbits "$floor_client" 10.89.255.1)")
    else
        floor_runs+=("$(gbits "$floor_client" 10.89.255.1)")
        hako_runs+=("$(gbits "$hako_client" "$hako_address")")
    fi
done
# The server's namespace must die with its container: no iperf3 may hold it (and its veth).
kill "$(cat "$work/hako.iperf3.pid")"
hako_gbits=$(printf '%s\n' "${hako_runs[@]}" | median)
floor_gbits=$(printf '%s\n' "${floor_runs[@]}" | median)
"$hakoctl" rm -f net-bench-server net-bench-client >/dev/null

# (b) Start time with and without a network: the three kinds interleaved round by round, the
# one going first rotating, so the machine's load drifts onto all of them alike. Timed with
# bash's own clock (EPOCHREALTIME: no process spawned to read it); a failed run stops the bench.
echo "network_bench: $starts starts each of hakoctl run --rm busybox true, interleaved"
kinds=(none bridge publish)
declare -A flags=([none]="--network none" [bridge]="--network bridge"
                  [publish]="--network bridge -p 127.0.0.1:18080:80")
declare -A start_times=()
time_start() { # appends the ms of one start of kind $1 to start_times[$1]
    local t0 t1
    t0=$EPOCHREALTIME
    # shellcheck disable=SC2086 # the flags are words on purpose
    "$hakoctl" run --rm ${flags[$1]} busybox true >/dev/null
    t1=$EPOCHREALTIME
    start_times[$1]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }') "
}
for kind in "${kinds[@]}" "${kinds[@]}" "${kinds[@]}"; do time_start "$kind"; done # warm-up
start_times=()
for round in $(seq 0 $((starts - 1))); do
    for k in 0 1 2; do time_start "${kinds[$(((round + k) % 3))]}"; done
done
start_ms() { tr ' ' '\n' <<<"${start_times[$1]}" | grep . | median; }
none_ms=$(start_ms none); bridge_ms=$(start_ms bridge); publish_ms=$(start_ms publish)

list() { printf '%.2f ' "$@"; }
echo
echo "throughput, iperf3 TCP one stream, medians of $runs runs of $seconds s, MTU $mtu"
printf '  hako: container -> bridge hako0 -> container  %6.2f Gbit/s   (%s)\n' "$hako_gbits" "$(list "${hako_runs[@]}")"
printf '  floor: netns -> one veth pair -> netns          %6.2f Gbit/s   (%s)\n' "$floor_gbits" "$(list "${floor_runs[@]}")"
awk -v h="$hako_gbits" -v f="$floor_gbits" 'BEGIN { printf "  ratio hako/floor %.2f\n", h / f }'
echo "start, medians of $starts runs of hakoctl run --rm ... busybox true (interleaved)"
printf '  --network none                            %7.2f ms\n' "$none_ms"
awk -v n="$none_ms" -v b="$bridge_ms" -v p="$publish_ms" 'BEGIN {
    printf "  --network bridge                          %7.2f ms   (%+.2f ms)\n", b, b - n
    printf "  --network bridge -p 127.0.0.1:18080:80    %7.2f ms   (%+.2f ms)\n", p, p - n }'
echo "load average (1 min) at the end: $(cut -d' ' -f1 /proc/loadavg)"
