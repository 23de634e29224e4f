// The spec `docker run IMAGE` would produce, as the starting point for `hakoctl run`.
#include "spec.h"

#include "seccomp_profile.h"

#include <sys/resource.h>

#include <algorithm>
#include <utility>

namespace hako {

namespace {

// Docker's ceiling for the open-files limit; hosts often allow far more than a container needs.
constexpr uint64_t kNofileCeiling = 1048576;

// Docker's default capability set, in Docker's order.
std::vector<std::string> dockerCapabilities()
{
    return {
        "CAP_CHOWN",      "CAP_DAC_OVERRIDE", "CAP_FSETID",  "CAP_FOWNER",
        "CAP_MKNOD",      "CAP_NET_RAW",      "CAP_SETGID",  "CAP_SETUID",
        "CAP_SETFCAP",    "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL",         "CAP_AUDIT_WRITE",
    };
}

// Raising a hard limit needs CAP_SYS_RESOURCE, which the engine may not have, so the
// container inherits what this process has (capped) instead of a fixed number that could
// exceed the host's hard limit and make every start fail.
Rlimit nofileLimit()
{
    rlimit current{};
    if (getrlimit(RLIMIT_NOFILE, &current) != 0)
        current.rlim_cur = current.rlim_max = 1024;
    const uint64_t hard = std::min<uint64_t>(current.rlim_max, kNofileCeiling);
    const uint64_t soft = std::min<uint64_t>(current.rlim_cur, hard);
    return {"RLIMIT_NOFILE", soft, hard};
}

Process defaultProcess()
{
    Process process;
    process.args = {"sh"};
    process.env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                   "TERM=xterm"};
    Capabilities caps;
    caps.bounding = caps.effective = caps.permitted = dockerCapabilities();
    process.capabilities = std::move(caps);
    process.rlimits = {nofileLimit()};
    return process;
}

std::vector<Mount> defaultMounts()
{
    return {
        {"/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}},
        {"/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}},
        {"/dev/pts",
         "devpts",
         "devpts",
         {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}},
        {"/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}},
        {"/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}},
        {"/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}},
        {"/sys/fs/cgroup", "cgroup", "cgroup", {"nosuid", "noexec", "nodev", "relatime", "ro"}},
    };
}

// Docker's device cgroup rules: nothing by default, mknod of any node (creating one is
// harmless while opening it is refused), and use of the standard nodes the engine creates
// in /dev plus the terminal devices and tun. Without them a process with CAP_MKNOD could
// make a node for the host's disk and read it.
std::vector<DeviceRule> defaultDeviceRules()
{
    std::vector<DeviceRule> rules = {
        {false, "", std::nullopt, std::nullopt, "rwm"}, // deny everything ("a")
        {true, "c", std::nullopt, std::nullopt, "m"},
        {true, "b", std::nullopt, std::nullopt, "m"},
    };
    constexpr std::pair<int64_t, std::optional<int64_t>> kCharDevices[] = {
        {1, 3},              // null
        {1, 5},              // zero
        {1, 7},              // full
        {1, 8},              // random
        {1, 9},              // urandom
        {5, 0},              // tty
        {5, 1},              // console
        {5, 2},              // ptmx
        {136, std::nullopt}, // pts/*
        {10, 200},           // net/tun
    };
    for (const auto &[major, minor] : kCharDevices)
        rules.push_back({true, "c", major, minor, "rwm"});
    return rules;
}

Linux defaultLinux()
{
    Linux linux;
    for (NamespaceType type : {NamespaceType::Pid, NamespaceType::Network, NamespaceType::Mount,
                               NamespaceType::Ipc, NamespaceType::Uts, NamespaceType::Cgroup})
        linux.namespaces.push_back({type, ""});
    linux.maskedPaths = {
        "/proc/acpi",
        "/proc/asound",
        "/proc/kcore",
        "/proc/keys",
        "/proc/latency_stats",
        "/proc/timer_list",
        "/proc/timer_stats",
        "/proc/sched_debug",
        "/proc/scsi",
        "/sys/firmware",
        "/sys/devices/virtual/powercap",
    };
    linux.readonlyPaths = {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                           "/proc/sysrq-trigger"};
    linux.resources = Resources{};
    linux.resources->devices = defaultDeviceRules();
    return linux;
}

} // namespace

Spec defaultSpec()
{
    Spec spec;
    spec.process = defaultProcess();
    spec.mounts = defaultMounts();
    spec.linux = defaultLinux();
    // The filter for the capabilities above; whoever changes them (--cap-add, --privileged)
    // recomputes it, since some rules depend on them.
    spec.linux.seccomp = defaultSeccomp(spec.process.capabilities->bounding);
    // root.path comes from the image and hostname from the container id, both set by the engine.
    return spec;
}

} // namespace hako
