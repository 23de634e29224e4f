// docker top: the container's processes are the host processes whose PID namespace is the
// one of the container's PID 1.
#include "host_info.h"

#include "proc.h"

#include <QDir>
#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

#include <optional>

namespace hako::helper {

namespace {

std::optional<ino_t> pidNamespace(const QString &pid)
{
    struct stat st {};
    if (::stat(qPrintable("/proc/" + pid + "/ns/pid"), &st) != 0)
        return std::nullopt;
    return st.st_ino;
}

QByteArray readProc(const QString &pid, const char *file)
{
    QFile f("/proc/" + pid + '/' + file);
    return f.open(QIODevice::ReadOnly) ? f.read(64 * 1024) : QByteArray{};
}

// The value of "Key:" in /proc/<pid>/status.
QByteArray statusField(const QByteArray &status, const QByteArray &key)
{
    for (const QByteArray &line : status.split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed();
    return {};
}

// CPU time over the process's lifetime, as a percentage of one CPU.
double cpuPercent(const QByteArray &stat)
{
    // Fields after the command (which may contain spaces) start after the last ')'.
    const QList<QByteArray> f = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 20)
        return 0;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const double cpu = (f[11].toDouble() + f[12].toDouble()) / ticks; // utime, stime
    const double started = f[19].toDouble() / ticks;                  // starttime
    QFile uptimeFile("/proc/uptime");
    const QByteArray uptime = uptimeFile.open(QIODevice::ReadOnly) ? uptimeFile.readAll() : QByteArray{};
    const double elapsed = uptime.split(' ').value(0).toDouble() - started;
    return elapsed > 0 ? 100.0 * cpu / elapsed : 0;
}

QVariantMap processEntry(const QString &pid)
{
    const QByteArray status = readProc(pid, "status");
    QByteArray cmdline = readProc(pid, "cmdline");
    if (cmdline.endsWith('\0'))
        cmdline.chop(1);
    cmdline.replace('\0', ' ');
    const QList<QByteArray> nspid = statusField(status, "NSpid").split('\t');
    return {{"Pid", nspid.last().trimmed().toUInt()},
            {"HostPid", pid.toUInt()},
            {"User", statusField(status, "Uid").split('\t').value(1).toUInt()}, // effective
            {"CpuPercent", cpuPercent(readProc(pid, "stat"))},
            {"Command", cmdline.isEmpty() ? "[" + statusField(status, "Name") + "]"
                                          : QString::fromUtf8(cmdline)}};
}

} // namespace

QList<QVariantMap> containerProcesses(const ContainerState &state)
{
    QList<QVariantMap> out;
    if (!isAlive(state.pid))
        return out;
    const auto target = pidNamespace(QString::number(state.pid.pid));
    if (!target)
        return out;
    for (const QString &pid : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        pid.toUInt(&numeric);
        if (numeric && pidNamespace(pid) == target)
            out << processEntry(pid);
    }
    return out;
}

} // namespace hako::helper
