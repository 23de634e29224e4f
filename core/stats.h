// What a container uses, read from its cgroup and its network namespace: the raw, cumulative
// counters of one moment. Rates and percentages need two samples and are computed by whoever
// keeps the previous one (the helper, for docker-stats-like figures).
#pragma once

#include "proc.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hako {

struct CgroupLayout;

// The cgroup's own figures (cgroup.h: Cgroup::stats()). v1 and v2 fill the same fields.
struct CgroupStats {
    uint64_t cpuUsageNs = 0;         // cpuacct.usage / cpu.stat usage_usec × 1000
    uint64_t memoryUsage = 0;        // usage minus inactive file cache, as docker stats shows
    uint64_t memoryCache = 0;        // the inactive file cache left out of memoryUsage
    std::optional<uint64_t> memoryLimit; // nullopt: unlimited
    uint64_t pids = 0;
    std::optional<uint64_t> pidsLimit;   // nullopt: unlimited
    uint64_t blockReadBytes = 0;     // every device, summed
    uint64_t blockWriteBytes = 0;
    uint64_t oomKills = 0;           // processes the kernel's OOM killer took in this cgroup
    bool frozen = false;
};

struct NetworkStats {
    uint64_t rxBytes = 0, txBytes = 0, rxPackets = 0, txPackets = 0; // every link but lo
};

struct ResourceSample {
    int64_t monotonicNs = 0; // CLOCK_MONOTONIC when read: rates divide by its differences
    int64_t wallNs = 0;      // CLOCK_REALTIME, for display
    CgroupStats cgroup;
    NetworkStats network;
    // The CPU the container may use, in cores: quota / period, else the number of cpus in
    // its cpuset, else the host's online cpus. cpuLimited is false in the last case.
    double cpuLimitCores = 0;
    bool cpuLimited = false;
    uint64_t hostMemory = 0; // MemTotal, the limit docker shows for an unlimited container
    unsigned onlineCpus = 0;
};

// Reads samples of one running container cheaply and repeatedly (the helper samples every
// watched container once a second): it keeps the cgroup's directories and the container's
// process identity, and reads each file with a single open/read/close.
class StatsReader {
public:
    // `pid`: the container's PID 1 (its network namespace is read through /proc/<pid>/net/dev,
    // only while that pid still has the recorded start time).
    StatsReader(const CgroupLayout &layout, const std::string &cgroupRelativePath, ProcessId pid);
    ~StatsReader();
    StatsReader(StatsReader &&) noexcept;
    StatsReader &operator=(StatsReader &&) noexcept;

    // Throws Error when the cgroup is gone (the container stopped).
    ResourceSample read() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The counters of /proc/<pid>/net/dev, summed over every link but lo.
NetworkStats parseNetDev(std::string_view procNetDev);

// CPU % as docker stats shows it (100 = one core): usage delta over wall-time delta.
double cpuPercent(const ResourceSample &before, const ResourceSample &after);

} // namespace hako
