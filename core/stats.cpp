// Samples of a running container: its cgroup's figures, the CPU it may use, and the traffic
// of its network namespace. Built once per watched container and read once per interval,
// so everything that does not change while it runs is found up front.
#include "stats.h"

#include "cgroup.h"
#include "cgroup_controllers.h"
#include "error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <sstream>

namespace hako {

namespace {

int64_t clockNs(clockid_t clock)
{
    timespec ts{};
    ::clock_gettime(clock, &ts);
    return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

// One open, read, close; nullopt when the file cannot be opened or read.
std::optional<std::string> readAt(int dirFd, const char *name)
{
    const UniqueFd fd(::openat(dirFd, name, O_RDONLY | O_CLOEXEC));
    std::string text;
    if (!fd || !cgroup_detail::readFromStart(fd.get(), text))
        return std::nullopt;
    return text;
}

// Field 22 of /proc/<pid>/stat, counted from the last ')' (the command may hold spaces).
std::optional<uint64_t> startTimeOf(const std::string &stat)
{
    const size_t close = stat.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int index = 3; index < 22 && fields >> field; ++index) {
    }
    uint64_t start = 0;
    if (!(fields >> start))
        return std::nullopt;
    return start;
}

uint64_t hostMemTotal()
{
    const std::optional<std::string> text = readAt(AT_FDCWD, "/proc/meminfo");
    if (!text)
        return 0;
    std::istringstream lines(*text);
    std::string key;
    uint64_t kib = 0;
    while (lines >> key >> kib) {
        if (key == "MemTotal:")
            return kib * 1024;
        lines.ignore(64, '\n'); // the unit
    }
    return 0;
}

} // namespace

// /proc/net/dev: two header lines, then "  eth0: rxBytes rxPackets errs drop fifo frame
// compressed multicast txBytes txPackets …" per link.
NetworkStats parseNetDev(std::string_view text)
{
    NetworkStats stats;
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        const size_t colon = line.find(':');
        if (colon == std::string::npos)
            continue; // a header
        std::istringstream name(line.substr(0, colon));
        std::string link;
        name >> link;
        if (link == "lo")
            continue;
        std::istringstream fields(line.substr(colon + 1));
        uint64_t value[10] = {};
        for (uint64_t &v : value)
            fields >> v;
        if (!fields)
            continue;
        stats.rxBytes += value[0];
        stats.rxPackets += value[1];
        stats.txBytes += value[8];
        stats.txPackets += value[9];
    }
    return stats;
}

struct StatsReader::Impl {
    std::unique_ptr<Cgroup> cgroup;
    // /proc/<pid>/net/dev, opened through /proc/<pid> while the pid had the recorded start
    // time, so it is the container's network namespace even if the pid is reused later.
    // Kept open and re-read from the start each sample (the namespace lives as long as this
    // reader; the helper drops readers of stopped containers).
    UniqueFd netDev;
    uint64_t hostMemory = 0;
    unsigned onlineCpus = 1;
};

StatsReader::StatsReader(const CgroupLayout &layout, const std::string &cgroupRelativePath,
                         ProcessId pid)
    : impl_(std::make_unique<Impl>())
{
    impl_->cgroup = makeCgroup(layout, cgroupRelativePath);
    const std::string proc = "/proc/" + std::to_string(pid.pid);
    UniqueFd dir(::open(proc.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const std::optional<std::string> stat = dir ? readAt(dir.get(), "stat") : std::nullopt;
    if (!pid.valid() || !stat || startTimeOf(*stat) != pid.startTime)
        throw StateError("process " + std::to_string(pid.pid) + " is no longer running");
    impl_->netDev = UniqueFd(::openat(dir.get(), "net/dev", O_RDONLY | O_CLOEXEC));
    if (!impl_->netDev)
        throw StateError("process " + std::to_string(pid.pid) + " is no longer running");
    impl_->hostMemory = hostMemTotal();
    const long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
    impl_->onlineCpus = cpus > 0 ? static_cast<unsigned>(cpus) : 1;
}

StatsReader::~StatsReader() = default;
StatsReader::StatsReader(StatsReader &&) noexcept = default;
StatsReader &StatsReader::operator=(StatsReader &&) noexcept = default;

ResourceSample StatsReader::read() const
{
    ResourceSample sample;
    sample.monotonicNs = clockNs(CLOCK_MONOTONIC);
    sample.wallNs = clockNs(CLOCK_REALTIME);
    try {
        sample.cgroup = impl_->cgroup->stats();
    } catch (const NotFoundError &e) {
        throw StateError(std::string("the container has stopped: ") + e.what());
    }
    std::string netDev;
    if (!cgroup_detail::readFromStart(impl_->netDev.get(), netDev))
        throw StateError(std::string("cannot read the container's network counters: ") +
                         std::strerror(errno));
    sample.network = parseNetDev(netDev);
    sample.hostMemory = impl_->hostMemory;
    sample.onlineCpus = impl_->onlineCpus;
    const CpuLimit limit = impl_->cgroup->cpuLimit();
    if (limit.quotaCores) {
        sample.cpuLimitCores = *limit.quotaCores;
        sample.cpuLimited = true;
    } else if (limit.cpusetCpus && *limit.cpusetCpus < impl_->onlineCpus) {
        sample.cpuLimitCores = *limit.cpusetCpus;
        sample.cpuLimited = true;
    } else {
        sample.cpuLimitCores = impl_->onlineCpus;
    }
    return sample;
}

double cpuPercent(const ResourceSample &before, const ResourceSample &after)
{
    const int64_t elapsed = after.monotonicNs - before.monotonicNs;
    if (elapsed <= 0 || after.cgroup.cpuUsageNs < before.cgroup.cpuUsageNs)
        return 0;
    const auto used = static_cast<double>(after.cgroup.cpuUsageNs - before.cgroup.cpuUsageNs);
    return used / static_cast<double>(elapsed) * 100.0;
}

} // namespace hako
