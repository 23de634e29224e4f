#include "views.h"

#include "annotations.h"

#include "gotemplate.h"
#include "humanize.h"
#include "network_views.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hako::cli {

namespace {

uint64_t usec(const QVariantMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toULongLong();
}

int exitStatusOf(const QVariantMap &map)
{
    const int signal = map.value(QStringLiteral("ExitSignal")).toInt();
    // The API says -1 while there is no exit status; docker says 0.
    return signal > 0 ? 128 + signal : std::max(0, map.value(QStringLiteral("ExitCode")).toInt());
}

QJsonObject stateObject(const QVariantMap &c)
{
    const QString status = dockerStateName(c.value(QStringLiteral("State")).toString());
    // docker reports the host pid; GetContainer names it HostPid, ListContainers Pid.
    const QVariant pid = c.contains(QStringLiteral("HostPid")) ? c.value(QStringLiteral("HostPid"))
                                                              : c.value(QStringLiteral("Pid"));
    const bool live = status == QLatin1String("running") || status == QLatin1String("paused");
    return QJsonObject{
        {QStringLiteral("Status"), status},
        {QStringLiteral("Running"), live},
        {QStringLiteral("Paused"), status == QLatin1String("paused")},
        {QStringLiteral("Restarting"), false},
        {QStringLiteral("OOMKilled"), c.value(QStringLiteral("OOMKilled")).toBool()},
        {QStringLiteral("Dead"), false},
        {QStringLiteral("Pid"), live ? pid.toLongLong() : 0},
        {QStringLiteral("ExitCode"), exitStatusOf(c)},
        {QStringLiteral("Error"), c.value(QStringLiteral("Error")).toString()},
        {QStringLiteral("StartedAt"), rfc3339(usec(c, "StartedUsec"))},
        {QStringLiteral("FinishedAt"), rfc3339(usec(c, "FinishedUsec"))},
    };
}

QString userText(const QJsonObject &process)
{
    const QJsonObject user = process.value(QStringLiteral("user")).toObject();
    const int uid = user.value(QStringLiteral("uid")).toInt();
    const int gid = user.value(QStringLiteral("gid")).toInt();
    if (uid == 0 && gid == 0)
        return QString();
    return QStringLiteral("%1:%2").arg(uid).arg(gid);
}

QJsonObject configObject(const QVariantMap &c, const QJsonObject &spec)
{
    const QJsonObject process = spec.value(QStringLiteral("process")).toObject();
    const bool tty = process.value(QStringLiteral("terminal")).toBool();
    return QJsonObject{
        {QStringLiteral("Hostname"), spec.value(QStringLiteral("hostname")).toString()},
        {QStringLiteral("User"), userText(process)},
        {QStringLiteral("Tty"), tty},
        {QStringLiteral("AttachStdin"), false},
        {QStringLiteral("OpenStdin"), tty},
        {QStringLiteral("Env"), process.value(QStringLiteral("env")).toArray()},
        {QStringLiteral("Cmd"), process.value(QStringLiteral("args")).toArray()},
        {QStringLiteral("Image"), c.value(QStringLiteral("Image")).toString()},
        {QStringLiteral("WorkingDir"), process.value(QStringLiteral("cwd")).toString()},
        {QStringLiteral("Entrypoint"), QJsonValue::Null},
        {QStringLiteral("Labels"), QJsonObject{}},
    };
}

// Docker's HostConfig.*Mode for a namespace (type as in linux.namespaces): "host" when the
// spec lacks it, "container:<id>" when joined from a container (the annotation the hakoctl
// flags write), "ns:<path>" when joined by path, else Docker's word for its own (`own`).
QString namespaceMode(const QJsonObject &spec, const QString &type, const QString &own)
{
    const QString joined = spec.value(QStringLiteral("annotations")).toObject()
                               .value(QStringLiteral("org.hako.namespace.") + type).toString();
    if (!joined.isEmpty())
        return joined;
    const QJsonArray namespaces = spec.value(QStringLiteral("linux")).toObject().value(QStringLiteral("namespaces")).toArray();
    for (const QJsonValue &ns : namespaces) {
        if (ns.toObject().value(QStringLiteral("type")).toString() != type)
            continue;
        const QString path = ns.toObject().value(QStringLiteral("path")).toString();
        return path.isEmpty() ? own : QStringLiteral("ns:") + path;
    }
    return QStringLiteral("host");
}

// Hako's settings recorded as annotations (core/annotations.h), such as AutoRemove.
bool annotationIsTrue(const QJsonObject &spec, std::string_view key)
{
    const QString name = QString::fromLatin1(key.data(), qsizetype(key.size()));
    return spec.value(QStringLiteral("annotations")).toObject().value(name).toString() == QLatin1String("true");
}

// docker's HostConfig.UsernsMode: "" without a user namespace of Hako's remapping, else
// "remap" (the default user) or "remap:USER".
QString usernsMode(const QJsonObject &spec)
{
    const QString key = QString::fromLatin1(kUsernsRemapAnnotation.data(), qsizetype(kUsernsRemapAnnotation.size()));
    const QJsonValue user = spec.value(QStringLiteral("annotations")).toObject().value(key);
    if (!user.isString())
        return QString();
    const QString name = user.toString();
    const QString defaultUser = QString::fromLatin1(kDefaultRemapUser.data(), qsizetype(kDefaultRemapUser.size()));
    return name.isEmpty() || name == defaultUser ? QStringLiteral("remap") : QStringLiteral("remap:") + name;
}

QJsonObject hostConfigObject(const QJsonObject &spec)
{
    const QJsonObject linux = spec.value(QStringLiteral("linux")).toObject();
    const QJsonObject resources = linux.value(QStringLiteral("resources")).toObject();
    const QJsonObject memory = resources.value(QStringLiteral("memory")).toObject();
    const QJsonObject cpu = resources.value(QStringLiteral("cpu")).toObject();
    const QJsonObject pids = resources.value(QStringLiteral("pids")).toObject();
    QJsonObject host{
        {QStringLiteral("NetworkMode"), networkMode(spec, namespaceMode(spec, QStringLiteral("network"), QStringLiteral("none")))},
        {QStringLiteral("PidMode"), namespaceMode(spec, QStringLiteral("pid"), QString())},
        {QStringLiteral("IpcMode"), namespaceMode(spec, QStringLiteral("ipc"), QStringLiteral("private"))},
        {QStringLiteral("UTSMode"), namespaceMode(spec, QStringLiteral("uts"), QString())},
        {QStringLiteral("CgroupnsMode"), namespaceMode(spec, QStringLiteral("cgroup"), QStringLiteral("private"))},
        {QStringLiteral("UsernsMode"), usernsMode(spec)},
        {QStringLiteral("Privileged"), false},
        {QStringLiteral("AutoRemove"), annotationIsTrue(spec, kAutoRemoveAnnotation)},
        {QStringLiteral("ReadonlyRootfs"), spec.value(QStringLiteral("root")).toObject().value(QStringLiteral("readonly")).toBool()},
        {QStringLiteral("Memory"), memory.value(QStringLiteral("limit")).toInteger()},
        {QStringLiteral("MemorySwap"), memory.value(QStringLiteral("swap")).toInteger()},
        {QStringLiteral("CpuShares"), cpu.value(QStringLiteral("shares")).toInteger()},
        {QStringLiteral("CpuQuota"), cpu.value(QStringLiteral("quota")).toInteger()},
        {QStringLiteral("CpuPeriod"), cpu.value(QStringLiteral("period")).toInteger()},
        {QStringLiteral("CpusetCpus"), cpu.value(QStringLiteral("cpus")).toString()},
        {QStringLiteral("CpusetMems"), cpu.value(QStringLiteral("mems")).toString()},
        {QStringLiteral("MemoryReservation"), memory.value(QStringLiteral("reservation")).toInteger()},
        {QStringLiteral("OomKillDisable"), memory.value(QStringLiteral("disableOOMKiller")).toBool()},
        {QStringLiteral("BlkioWeight"), resources.value(QStringLiteral("blockIO")).toObject().value(QStringLiteral("weight")).toInteger()},
        {QStringLiteral("PidsLimit"), pids.value(QStringLiteral("limit")).toInteger()},
        {QStringLiteral("MaskedPaths"), linux.value(QStringLiteral("maskedPaths")).toArray()},
        {QStringLiteral("ReadonlyPaths"), linux.value(QStringLiteral("readonlyPaths")).toArray()},
    };
    const QJsonObject network = networkHostConfig(spec); // PortBindings, Dns, ExtraHosts...
    for (auto it = network.begin(); it != network.end(); ++it)
        host.insert(it.key(), it.value());
    return host;
}

} // namespace

QJsonObject inspectObject(const QVariantMap &c)
{
    const QJsonObject spec = QJsonDocument::fromJson(c.value(QStringLiteral("Spec")).toString().toUtf8()).object();
    const QJsonArray args = spec.value(QStringLiteral("process")).toObject().value(QStringLiteral("args")).toArray();
    QJsonObject namespaces;
    const QVariantMap ns = c.value(QStringLiteral("Namespaces")).toMap();
    for (auto it = ns.begin(); it != ns.end(); ++it)
        namespaces.insert(it.key(), it.value().toLongLong());
    return QJsonObject{
        {QStringLiteral("Id"), c.value(QStringLiteral("Id")).toString()},
        {QStringLiteral("Created"), rfc3339(usec(c, "CreatedUsec"))},
        {QStringLiteral("Path"), args.isEmpty() ? QString() : args.first().toString()},
        {QStringLiteral("Args"), QJsonArray::fromVariantList(args.toVariantList().mid(1))},
        {QStringLiteral("State"), stateObject(c)},
        {QStringLiteral("Image"), c.value(QStringLiteral("Image")).toString()},
        {QStringLiteral("Name"), QLatin1Char('/') + c.value(QStringLiteral("Name")).toString()},
        {QStringLiteral("Config"), configObject(c, spec)},
        {QStringLiteral("HostConfig"), hostConfigObject(spec)},
        {QStringLiteral("NetworkSettings"), containerNetworkSettings(c, spec)},
        {QStringLiteral("Namespaces"), namespaces},
    };
}

QJsonObject psRow(const QVariantMap &e, bool noTrunc, uint64_t now)
{
    const QString id = e.value(QStringLiteral("Id")).toString();
    // The helper sends the command as a list of arguments (as); docker shows them joined.
    const QVariant raw = e.value(QStringLiteral("Command"));
    QString command = raw.canConvert<QStringList>() ? raw.toStringList().join(QLatin1Char(' '))
                                                    : raw.toString();
    if (!noTrunc)
        command = ellipsis(command, 20);
    const StatusInput status{e.value(QStringLiteral("State")).toString(), exitStatusOf(e),
                             usec(e, "StartedUsec"), usec(e, "FinishedUsec"),
                             e.value(QStringLiteral("OOMKilled")).toBool()};
    return QJsonObject{
        {QStringLiteral("ID"), noTrunc ? id : id.left(12)},
        {QStringLiteral("Names"), e.value(QStringLiteral("Name")).toString()},
        {QStringLiteral("Image"), e.value(QStringLiteral("Image")).toString()},
        {QStringLiteral("Command"), goQuote(command)},
        {QStringLiteral("CreatedAt"), rfc3339(usec(e, "CreatedUsec"))},
        {QStringLiteral("RunningFor"), ago(usec(e, "CreatedUsec"), now)},
        {QStringLiteral("Status"), statusText(status, now)},
        {QStringLiteral("State"), dockerStateName(status.state)},
        {QStringLiteral("Ports"), QString()},
        {QStringLiteral("Labels"), QString()},
        {QStringLiteral("Mounts"), QString()},
        {QStringLiteral("Networks"), QString()},
        {QStringLiteral("Size"), QString()},
    };
}

QString defaultPsFormat()
{
    return QStringLiteral("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}");
}

QJsonObject psHeaders()
{
    return QJsonObject{
        {QStringLiteral("ID"), QStringLiteral("CONTAINER ID")}, {QStringLiteral("Names"), QStringLiteral("NAMES")},
        {QStringLiteral("Image"), QStringLiteral("IMAGE")},     {QStringLiteral("Command"), QStringLiteral("COMMAND")},
        {QStringLiteral("CreatedAt"), QStringLiteral("CREATED AT")}, {QStringLiteral("RunningFor"), QStringLiteral("CREATED")},
        {QStringLiteral("Status"), QStringLiteral("STATUS")},   {QStringLiteral("State"), QStringLiteral("STATE")},
        {QStringLiteral("Ports"), QStringLiteral("PORTS")},     {QStringLiteral("Labels"), QStringLiteral("LABELS")},
        {QStringLiteral("Mounts"), QStringLiteral("MOUNTS")},   {QStringLiteral("Networks"), QStringLiteral("NETWORKS")},
        {QStringLiteral("Size"), QStringLiteral("SIZE")},
    };
}

std::optional<QString> renderRows(const QString &format, const QJsonObject &headers,
                                  const QList<QJsonObject> &rows, QString *error)
{
    QString body = unescapeFormat(format);
    const bool table = body.startsWith(QLatin1String("table"));
    if (table)
        body = body.mid(5).trimmed();
    QStringList lines;
    if (table) {
        const auto header = renderTemplate(body, headers, error);
        if (!header)
            return std::nullopt;
        lines.append(*header);
    }
    for (const QJsonObject &row : rows) {
        const auto line = renderTemplate(body, row, error);
        if (!line)
            return std::nullopt;
        lines.append(*line);
    }
    if (table)
        return alignColumns(lines);
    QString out;
    for (const QString &line : lines)
        out += line + QLatin1Char('\n');
    return out;
}

QString alignColumns(const QStringList &lines)
{
    QList<qsizetype> widths;
    for (const QString &line : lines) {
        const QStringList cells = line.split(QLatin1Char('\t'));
        for (qsizetype i = 0; i + 1 < cells.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], std::max<qsizetype>(cells[i].size() + 3, 10));
        }
    }
    QString out;
    for (const QString &line : lines) {
        const QStringList cells = line.split(QLatin1Char('\t'));
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i)
            text += i + 1 < cells.size() ? cells[i].leftJustified(widths[i]) : cells[i];
        out += text + QLatin1Char('\n');
    }
    return out;
}

std::optional<LogRecord> parseCriLine(const QByteArray &line)
{
    const auto fields = splitCriLine(line);
    if (!fields)
        return std::nullopt;
    return LogRecord{QString::fromLatin1(fields->time), QString::fromLatin1(fields->stream),
                     fields->text.toByteArray(), fields->partial};
}

std::optional<CriFields> splitCriLine(QByteArrayView line)
{
    const qsizetype first = line.indexOf(' ');
    const qsizetype second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (second < 0)
        return std::nullopt;
    const qsizetype third = line.indexOf(' ', second + 1);
    const QByteArrayView tag = third < 0 ? line.sliced(second + 1) : line.sliced(second + 1, third - second - 1);
    if (tag != "F" && tag != "P")
        return std::nullopt;
    return CriFields{line.first(first), line.sliced(first + 1, second - first - 1),
                     third < 0 ? QByteArrayView() : line.sliced(third + 1), tag == "P"};
}

} // namespace hako::cli
