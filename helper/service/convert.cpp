#include "convert.h"

#include <ctime>

namespace hako::helper {

namespace {

qulonglong usec(int64_t nanos)
{
    return nanos > 0 ? qulonglong(nanos / 1000) : 0;
}

} // namespace

QStringList toStringList(const std::vector<std::string> &values)
{
    QStringList out;
    out.reserve(qsizetype(values.size()));
    for (const std::string &v : values)
        out << QString::fromStdString(v);
    return out;
}

int exitStatusOf(const ContainerState &state)
{
    return state.exitStatus().value_or(-1);
}

QVariantMap containerEntry(const ContainerState &state, const std::vector<std::string> &command)
{
    const bool running = state.status == Status::Running || state.status == Status::Paused;
    return {
        {"Id", QString::fromStdString(state.id)},
        {"Name", QString::fromStdString(state.name)},
        {"Image", QString::fromStdString(state.image)},
        {"ImageId", QString::fromStdString(state.imageId)},
        {"State", QString::fromStdString(std::string(statusName(state.status)))},
        {"Status", QString::fromStdString(state.describe())},
        {"Command", toStringList(command)},
        {"Pid", uint(running && state.pid.pid > 0 ? state.pid.pid : 0)},
        {"ExitCode", state.exitCode.value_or(-1)},
        {"ExitSignal", state.exitSignal.value_or(0)},
        {"ExitStatus", exitStatusOf(state)},
        {"OOMKilled", state.oomKilled},
        {"CreatedUsec", usec(state.createdAt)},
        {"StartedUsec", usec(state.startedAt)},
        {"FinishedUsec", usec(state.finishedAt)},
        {"Error", QString::fromStdString(state.error)},
        {"RestartCount", state.restartCount},
    };
}

QVariantMap statsEntry(const QString &id, const QString &name, const ResourceSample &before,
                       const ResourceSample &now, bool paused)
{
    const CgroupStats &cg = now.cgroup;
    const double cpu = cpuPercent(before, now);
    // docker stats shows an unlimited container's memory against the host's.
    const uint64_t memoryLimit = cg.memoryLimit.value_or(now.hostMemory);
    return {
        {"Id", id},
        {"Name", name},
        {"TimeUsec", usec(now.wallNs)},
        {"CpuPercent", cpu},
        {"CpuLimitCores", now.cpuLimitCores},
        {"CpuLimited", now.cpuLimited},
        // CpuPercent is per core: 50 % of one core under a 0.5-core limit is 100 % of it.
        {"CpuPercentOfLimit", now.cpuLimitCores > 0 ? cpu / now.cpuLimitCores : 0.0},
        {"CpuUsageNsec", qulonglong(cg.cpuUsageNs)},
        {"MemoryUsage", qulonglong(cg.memoryUsage)},
        {"MemoryLimit", qulonglong(memoryLimit)},
        {"MemoryLimited", cg.memoryLimit.has_value()},
        {"MemoryPercent", memoryLimit > 0 ? 100.0 * double(cg.memoryUsage) / double(memoryLimit) : 0.0},
        {"Pids", qulonglong(cg.pids)},
        {"PidsLimit", qulonglong(cg.pidsLimit.value_or(0))},
        {"BlockReadBytes", qulonglong(cg.blockReadBytes)},
        {"BlockWriteBytes", qulonglong(cg.blockWriteBytes)},
        {"NetRxBytes", qulonglong(now.network.rxBytes)},
        {"NetTxBytes", qulonglong(now.network.txBytes)},
        {"NetRxPackets", qulonglong(now.network.rxPackets)},
        {"NetTxPackets", qulonglong(now.network.txPackets)},
        {"Paused", paused || cg.frozen},
    };
}

QVariantMap containerDetails(const ContainerInfo &info)
{
    QVariantMap map = containerEntry(info.state, info.spec.process.args);
    map.insert("Spec", QString::fromStdString(toJsonText(info.spec)));
    map.insert("HostPid", map.value("Pid"));
    QVariantMap namespaces;
    for (const NamespaceInfo &ns : info.namespaces) {
        const QString kind = QString::fromStdString(ns.kind);
        namespaces.insert(kind, qulonglong(ns.inode));
        namespaces.insert("Host" + kind, qulonglong(ns.hostInode));
    }
    map.insert("Namespaces", namespaces);
    // The keys are always there (empty lists while it does not run), so clients need not ask.
    map.insert("Endpoints", QVariant::fromValue(endpointEntries(info.endpoints)));
    const bool running = info.state.status == Status::Running || info.state.status == Status::Paused;
    // A malformed annotation is reported at create and start; here it only yields fewer ports.
    std::vector<SpecIssue> ignored;
    map.insert("Ports", QVariant::fromValue(
                            portEntries(running ? networkSettings(info.spec, &ignored).ports
                                                : std::vector<PortMapping>{})));
    return map;
}

QVariantMap logEntry(const LogLine &line)
{
    return {{"Time", qlonglong(line.time)},
            {"Stream", QString::fromStdString(line.stream)},
            {"Text", QString::fromStdString(line.text)},
            {"Partial", line.partial}};
}

std::string criLine(const LogLine &line)
{
    const time_t seconds = time_t(line.time / 1000000000);
    const long nanos = long(line.time % 1000000000);
    struct tm utc {};
    ::gmtime_r(&seconds, &utc);
    char stamp[64];
    const size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(stamp + n, sizeof stamp - n, ".%09ldZ", nanos);
    return std::string(stamp) + ' ' + line.stream + (line.partial ? " P " : " F ") + line.text + '\n';
}

} // namespace hako::helper
