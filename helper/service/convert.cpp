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
    return map;
}

QVariantMap logEntry(const LogLine &line)
{
    return {{"Time", qlonglong(line.time)},
            {"Stream", QString::fromStdString(line.stream)},
            {"Text", QString::fromStdString(line.text)},
            {"Partial", line.partial}};
}

QVariantMap imageEntry(const Image &image, uint64_t size)
{
    return {{"Name", QString::fromStdString(image.name)},
            {"Id", QString::fromStdString(image.id)},
            {"CreatedUsec", usec(image.createdAt)},
            {"Size", qulonglong(size)},
            {"Env", toStringList(image.config.env)},
            {"Cmd", toStringList(image.config.cmd)},
            {"Entrypoint", toStringList(image.config.entrypoint)},
            {"WorkingDir", QString::fromStdString(image.config.workingDir)}};
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
