// The read-only commands: ps, inspect, logs, top, info, version (images: cmd_images.cpp).
#include "dbus_values.h"
#include "gotemplate.h"
#include "humanize.h"
#include "session.h"
#include "terminal.h"
#include "views.h"

#include <QDBusUnixFileDescriptor>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace hako::cli {

namespace {

bool isLive(const QVariantMap &entry)
{
    const QString state = entry.value(QStringLiteral("State")).toString().toLower();
    return state == QLatin1String("running") || state == QLatin1String("paused");
}

// The tail flag as docker takes it: "all" or a count.
std::optional<int> parseTail(const QString &text)
{
    if (text == QLatin1String("all"))
        return -1;
    bool ok = false;
    const int lines = text.toInt(&ok);
    if (!ok)
        return std::nullopt;
    return lines < 0 ? -1 : lines;
}

QString nanosToRfc3339(qlonglong nanos)
{
    const QString seconds = rfc3339(static_cast<uint64_t>(nanos / 1000));
    return seconds.left(20) + QStringLiteral("%1Z").arg(nanos % 1000000000, 9, 10, QLatin1Char('0'));
}

int printLogs(Session &session, const QString &ref, int tail, bool timestamps)
{
    QDBusPendingReply<QList<QVariantMap>> reply = session.manager().GetLogs(ref, tail);
    if (!finished(reply))
        return kExitHakoError;
    for (const QVariantMap &line : reply.value()) {
        const QString text = line.value(QStringLiteral("Text")).toString();
        const qlonglong nanos = line.value(QStringLiteral("Time")).toLongLong();
        QByteArray out = (timestamps ? nanosToRfc3339(nanos) + QLatin1Char(' ') + text : text).toUtf8();
        if (!line.value(QStringLiteral("Partial")).toBool())
            out += '\n';
        const bool toStderr = line.value(QStringLiteral("Stream")).toString() == QLatin1String("stderr");
        std::fwrite(out.constData(), 1, static_cast<size_t>(out.size()), toStderr ? stderr : stdout);
    }
    return 0;
}

} // namespace

int cmdPs(const ParsedArgs &args, Session &session)
{
    QDBusPendingReply<QList<QVariantMap>> reply = session.manager().ListContainers();
    if (!finished(reply))
        return kExitHakoError;
    QList<QVariantMap> entries = reply.value();
    if (!args.boolean(QStringLiteral("all")))
        entries.removeIf([](const QVariantMap &entry) { return !isLive(entry); });
    std::sort(entries.begin(), entries.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("CreatedUsec")).toULongLong() > b.value(QStringLiteral("CreatedUsec")).toULongLong();
    });
    const bool noTrunc = args.boolean(QStringLiteral("no-trunc"));
    QList<QJsonObject> rows;
    const uint64_t now = nowUsec();
    for (const QVariantMap &entry : entries)
        rows.append(psRow(entry, noTrunc, now));
    QString format = args.value(QStringLiteral("format"));
    if (args.boolean(QStringLiteral("quiet")))
        format = QStringLiteral("{{.ID}}");
    else if (format.isEmpty() || format == QLatin1String("table"))
        format = defaultPsFormat();
    QString error;
    const auto text = renderRows(format, psHeaders(), rows, &error);
    if (!text)
        return fail(error);
    printOut(*text);
    return 0;
}

int cmdInspect(const ParsedArgs &args, Session &session)
{
    int status = 0;
    QJsonArray objects;
    for (const QString &ref : args.positional) {
        QDBusPendingReply<QVariantMap> reply = session.manager().GetContainer(ref);
        reply.waitForFinished();
        std::optional<QJsonObject> found;
        if (reply.isError())
            found = inspectImageFallback(session, ref, reply.error());
        else
            found = inspectObject(plainMap(client::unmarshalNested(reply.value()))); // Endpoints, Ports: aa{sv}
        if (!found) {
            status = kExitHakoError;
            continue;
        }
        objects.append(*found);
    }
    const int printed = printInspected(objects, args.value(QStringLiteral("format")));
    return printed != 0 ? printed : status;
}

int cmdLogs(const ParsedArgs &args, Session &session)
{
    const auto tail = parseTail(args.value(QStringLiteral("tail")));
    if (!tail)
        return fail(QStringLiteral("invalid argument \"%1\" for \"-n, --tail\" flag: not a number or \"all\"")
                        .arg(args.value(QStringLiteral("tail"))));
    const QString ref = args.positional[0];
    const bool timestamps = args.boolean(QStringLiteral("timestamps"));
    if (!args.boolean(QStringLiteral("follow")))
        return printLogs(session, ref, *tail, timestamps);
    QDBusPendingReply<QDBusUnixFileDescriptor> logs = session.manager().FollowLogs(ref, *tail);
    if (!finished(logs))
        return kExitHakoError;
    RelayOptions options;
    options.output = logs.value().fileDescriptor();
    options.outputIsLog = true;
    options.withTimestamps = timestamps;
    relay(options);
    return 0;
}

int cmdTop(const ParsedArgs &args, Session &session)
{
    QDBusPendingReply<QList<QVariantMap>> reply = session.manager().ListContainerProcesses(args.positional[0]);
    if (!finished(reply))
        return kExitHakoError;
    QStringList lines{QStringLiteral("UID\tPID\tCONTAINER PID\tC\tCMD")};
    for (const QVariantMap &p : reply.value())
        lines.append(QStringList{p.value(QStringLiteral("User")).toString(), p.value(QStringLiteral("HostPid")).toString(),
                                 p.value(QStringLiteral("Pid")).toString(),
                                 QString::number(p.value(QStringLiteral("CpuPercent")).toDouble(), 'f', 0),
                                 p.value(QStringLiteral("Command")).toString()}.join(QLatin1Char('\t')));
    printOut(alignColumns(lines));
    return 0;
}

} // namespace hako::cli
