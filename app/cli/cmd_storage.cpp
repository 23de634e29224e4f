// system df and the volume commands: ls, create, rm, inspect.
#include "dbus_values.h"
#include "gotemplate.h"
#include "humanize.h"
#include "session.h"
#include "storage_views.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hako::cli {

namespace {

std::optional<QList<QVariantMap>> listVolumes(Session &session)
{
    QDBusPendingReply<QList<QVariantMap>> reply = session.manager().ListVolumes();
    if (!finished(reply))
        return std::nullopt;
    return plainMaps(reply.value());
}

std::optional<QList<QVariantMap>> listOf(QDBusPendingReply<QList<QVariantMap>> reply)
{
    if (!finished(reply))
        return std::nullopt;
    return plainMaps(reply.value());
}

// `base`'s entries with `extra`'s fields added where `key` matches (GetDiskUsage's sizes
// beside ListImages' tags and dates...); the base's own fields win.
QList<QVariantMap> joined(const QList<QVariantMap> &base, const QList<QVariantMap> &extra, const QString &key)
{
    QList<QVariantMap> out;
    for (QVariantMap entry : base) {
        for (const QVariantMap &other : extra) {
            if (other.value(key) != entry.value(key))
                continue;
            for (auto it = other.begin(); it != other.end(); ++it)
                if (!entry.contains(it.key()))
                    entry.insert(it.key(), it.value());
        }
        out.append(entry);
    }
    return out;
}

} // namespace

int cmdSystemDf(const ParsedArgs &args, Session &session)
{
    QDBusPendingReply<QVariantMap> reply = session.manager().GetDiskUsage();
    if (!finished(reply))
        return kExitHakoError;
    const QVariantMap usage = reply.value();
    DiskUsage df;
    df.images = mapList(usage.value(QStringLiteral("Images")));
    df.containers = mapList(usage.value(QStringLiteral("Containers")));
    df.volumes = mapList(usage.value(QStringLiteral("Volumes")));
    df.layersSize = usage.value(QStringLiteral("LayersSize")).toULongLong();
    if (!args.boolean(QStringLiteral("verbose"))) {
        printOut(diskUsageSummary(df));
        return 0;
    }
    const auto images = listOf(session.manager().ListImages());
    const auto containers = listOf(session.manager().ListContainers());
    const auto volumes = listVolumes(session);
    if (!images || !containers || !volumes)
        return kExitHakoError;
    df.images = joined(df.images, *images, QStringLiteral("Id"));
    df.containers = joined(df.containers, *containers, QStringLiteral("Id"));
    df.volumes = joined(df.volumes, *volumes, QStringLiteral("Name"));
    printOut(diskUsageVerbose(df, nowUsec()));
    return 0;
}

int cmdVolumeLs(const ParsedArgs &args, Session &session)
{
    auto volumes = listVolumes(session);
    if (!volumes)
        return kExitHakoError;
    std::sort(volumes->begin(), volumes->end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("Name")).toString() < b.value(QStringLiteral("Name")).toString();
    });
    printOut(volumeTable(*volumes, args.boolean(QStringLiteral("quiet"))));
    return 0;
}

int cmdVolumeCreate(const ParsedArgs &args, Session &session)
{
    QVariantMap labels;
    for (const QString &label : args.values(QStringLiteral("label"))) {
        const qsizetype eq = label.indexOf(QLatin1Char('='));
        labels.insert(eq < 0 ? label : label.left(eq), eq < 0 ? QString() : label.mid(eq + 1));
    }
    // a{ss} on the wire: the helper reads the labels as strings.
    QMap<QString, QString> stringLabels;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        stringLabels.insert(it.key(), it.value().toString());
    QVariantMap options;
    if (!stringLabels.isEmpty())
        options.insert(QStringLiteral("Labels"), QVariant::fromValue(stringLabels));
    QDBusPendingReply<QVariantMap> reply = session.manager().CreateVolume(args.positional.value(0), options);
    if (!finished(reply))
        return kExitHakoError;
    printOut(reply.value().value(QStringLiteral("Name")).toString() + QLatin1Char('\n'));
    return 0;
}

int cmdVolumeRm(const ParsedArgs &args, Session &session)
{
    const bool force = args.boolean(QStringLiteral("force"));
    return forEachRef(args.positional, [&](const QString &name) { return session.manager().RemoveVolume(name, force); });
}

int cmdVolumeInspect(const ParsedArgs &args, Session &session)
{
    const auto volumes = listVolumes(session);
    if (!volumes)
        return kExitHakoError;
    int status = 0;
    QJsonArray objects;
    for (const QString &name : args.positional) {
        const auto it = std::find_if(volumes->begin(), volumes->end(), [&](const QVariantMap &volume) {
            return volume.value(QStringLiteral("Name")).toString() == name;
        });
        if (it == volumes->end()) {
            status = fail(QStringLiteral("Error: No such volume: %1").arg(name));
            continue;
        }
        objects.append(volumeInspectObject(*it));
    }
    const int printed = printInspected(objects, args.value(QStringLiteral("format")));
    return printed != 0 ? printed : status;
}

} // namespace hako::cli
