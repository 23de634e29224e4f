#!/usr/bin/env bash
# End-to-end start latency: `hakoctl run --rm busybox /bin/true` — D-Bus, the polkit check,
# create, start, wait, remove — against `crun run` of /bin/true on the same busybox rootfs,
# side by side in one hyperfine run. Target: Hako ≤ 1.5 × crun (medians).
#
# Needs root, hyperfine, crun, and an installed Hako on the system bus (the README's first
# command sets that up). Usage: sudo bench/e2e_latency.sh [RUNS]   (default 40)
set -euo pipefail
runs=${1:-40}
hakoctl=${HAKOCTL:-hakoctl}
rootfs=${HAKO_ROOTFS:-/var/lib/hako/images/busybox/rootfs}

for tool in hyperfine crun "$hakoctl"; do
    command -v "$tool" >/dev/null || { echo "e2e_latency: $tool is missing" >&2; exit 1; }
done
"$hakoctl" run --rm busybox true # makes the embedded image on first use, warms the helper
[ -x "$rootfs/bin/busybox" ] || { echo "e2e_latency: no busybox rootfs at $rootfs" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle=$work/bundle
mkdir -p "$bundle" "$work/crun-state"
(cd "$bundle" && crun spec)
# The same rootfs (read-only: crun has no overlay of its own), /bin/true, no terminal.
sed -i -e "s|\"path\": \"rootfs\"|\"path\": \"$rootfs\"|" \
       -e 's|"readonly": false|"readonly": true|' \
       -e 's|"terminal": true|"terminal": false|' \
       -e 's|"sh"$|"/bin/true"|' "$bundle/config.json"

# crun 1.8 refuses a hybrid cgroup layout: it runs in a private mount namespace with the
# cgroup2 mount hidden. hakoctl runs in the same namespace; the helper (outside) is unaffected.
cat > "$work/run.sh" <<SCRIPT
set -e
if grep -q ' /sys/fs/cgroup/unified ' /proc/self/mountinfo; then
    umount /sys/fs/cgroup/unified
    mount -t tmpfs none /sys/fs/cgroup/unified
fi
hyperfine --style basic --warmup 3 --runs $runs --export-json $work/result.json \
    -n hakoctl "$hakoctl run --rm busybox /bin/true" \
    -n crun "crun --root $work/crun-state run --bundle $bundle b\\\$RANDOM\\\$RANDOM"
SCRIPT
unshare -m --propagation private bash "$work/run.sh"

median() { # the median of command $1 from hyperfine's JSON, in ms
    tr -d '\n ' < "$work/result.json" | grep -o "\"command\":\"$1\"[^}]*\"median\":[0-9.e-]*" |
        sed 's/.*"median"://' | awk '{ printf "%.2f", $1 * 1000 }'
}
hako=$(median hakoctl)
crun=$(median crun)
ratio=$(awk -v h="$hako" -v c="$crun" 'BEGIN { printf "%.2f", h / c }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5) ? "met" : "MISSED" }')
echo
echo "e2e start latency, medians over $runs runs: hakoctl run --rm $hako ms, crun run $crun ms"
echo "ratio hakoctl/crun $ratio  (target <= 1.50: $verdict)"
