// The isolation check's judge (internal to core): the probe's report, parsed defensively,
// plus facts read on the host, turned into one verdict per key. Pure: no file, no process,
// so each rule is tested with constructed inputs (tests/unit/test_isolation_judge.cpp).
#pragma once

#include "effective_security.h"
#include "isolation_check.h"
#include "spec.h"

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hako
{

// A value the probe reported, or why there is none (its own error text, or a missing or
// malformed field). The report is untrusted input: nothing in it is assumed present.
template <typename T> struct Probed {
    std::optional<T> value;
    std::string why = "missing from the probe's report";

    Probed() = default;
    Probed(T v) : value(std::move(v)) {} // NOLINT: a value reads as a Probed
    static Probed failed(std::string reason)
    {
        Probed p;
        p.why = std::move(reason);
        return p;
    }
    bool ok() const { return value.has_value(); }
    const T &operator*() const { return *value; }
    const T *operator->() const { return &*value; }
};

// One line of a mountinfo.
struct MountEntry {
    std::string mountPoint, root, fsType, source, device; // device: "major:minor"
};

// A call the seccomp filter should refuse, made by the probe in a child process.
struct SyscallExperiment {
    std::string syscall;             // "keyctl"
    std::string call;                // "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0)"
    std::optional<long long> result; // the return value, when the call returned
    std::string errnoName;           // "EPERM", when it returned -1
    std::string signal;              // "SIGSYS", when the call killed the child
};

struct CgroupFileValue {
    std::string file;  // the path it was read from
    std::string value; // trimmed
};

struct ProbeReport {
    std::string failure; // set when there is no usable report at all (the exec failed, bad JSON)
    Probed<int64_t> pid, processCount;
    Probed<std::vector<std::string>> initCommand;       // /proc/1/cmdline
    std::map<std::string, Probed<uint64_t>> namespaces; // "pid", "net", "ipc", "uts", "mnt", "user"
    Probed<std::string> hostname;
    Probed<std::vector<std::string>> interfaces;
    Probed<int64_t> shmSegments, messageQueues, semaphoreSets;
    Probed<int64_t> mountCount;
    Probed<MountEntry> rootMount;
    Probed<std::vector<MountEntry>> subtreeMounts; // mounts of a part of a file system (binds)
    Probed<uint64_t> capEff, capPrm, capBnd;
    Probed<int> seccompMode, seccompFilters;
    Probed<bool> noNewPrivileges;
    Probed<std::vector<uint32_t>> uids; // real, effective, saved, fs
    Probed<std::vector<IdMapping>> uidMap, gidMap;
    std::map<std::string, Probed<SyscallExperiment>> experiments; // by syscall name
    Probed<int> cgroupVersion;
    // "memory", "pids", "cpu_quota", "cpu_period" (v1) or "cpu_max" (v2).
    std::map<std::string, Probed<CgroupFileValue>> cgroupLimits;
    Probed<std::string> executableLink;       // readlink /proc/self/exe
    Probed<std::string> executableWrite;      // open O_WRONLY: "ok" or the errno name
    Probed<std::string> executableAppend;     // when the open succeeded: "ok" or the errno name
    Probed<std::vector<std::string>> openFds; // ls /proc/self/fd: only stdio expected
};

// hako-probe's stdout. Never throws: malformed JSON sets `failure`, a missing or odd field
// leaves that field's `why` saying so.
ProbeReport parseProbeReport(std::string_view json);

// Read on the host, outside the container's reach.
struct HostFacts {
    pid_t containerPid = 0;
    std::vector<std::string> containerCommand; // /proc/<pid>/cmdline of the container's PID 1
    std::vector<std::string> hostInitCommand;  // /proc/1/cmdline
    // Namespace kind → inode (0: unreadable): the container's PID 1, the host's init, and the
    // engine's own process (what a container that shares a namespace shares).
    std::map<std::string, uint64_t> container, host, engine;
    std::string hostname;
    std::vector<std::string> interfaces; // the host's, /proc/1/net/dev
    // What Hako itself gave a bridge-mode container (network.json): its interfaces (eth0 …,
    // veth peers that only share a name with the host's) and the files it bind-mounts over
    // /etc/resolv.conf, /etc/hosts and /etc/hostname. Neither is the host's.
    std::vector<std::string> ownInterfaces;
    std::vector<std::string> networkFileMounts;
    std::optional<MountEntry> rootMount; // the host's "/", /proc/1/mountinfo
    // Interface file name ("memory.limit_in_bytes", "pids.max", "cpu.cfs_quota_us",
    // "cpu.cfs_period_us", "memory.max", "cpu.max") → where it was read and its value.
    std::map<std::string, CgroupFileValue> cgroupFiles;
    std::string cgroupError;  // why cgroupFiles is empty, when it is
    uint64_t pageSize = 4096; // memory limits are kept in whole pages
};

// One check per key, in isolation_check.h's order.
std::vector<IsolationCheck> judgeIsolation(const Spec &spec, const ProbeReport &probe,
                                           const HostFacts &host,
                                           const EffectiveSecurity &security);

// The rules for each key, shared by the judge's files (isolation_check.cpp,
// isolation_judge_security.cpp); not an interface for callers.
namespace isolation_detail
{
IsolationCheck judgeUser(const Spec &, const ProbeReport &, const HostFacts &,
                         const EffectiveSecurity &);
IsolationCheck judgeCapabilities(const Spec &, const ProbeReport &, const HostFacts &,
                                 const EffectiveSecurity &);
IsolationCheck judgeSeccomp(const Spec &, const ProbeReport &, const HostFacts &,
                            const EffectiveSecurity &);
IsolationCheck judgeLimits(const Spec &, const ProbeReport &, const HostFacts &);
std::string nsText(const std::string &kind, uint64_t inode); // "pid:[4026531836]"
std::string joined(const std::vector<std::string> &words, const std::string &separator = " ");
} // namespace isolation_detail

} // namespace hako
