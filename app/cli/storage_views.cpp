#include "storage_views.h"

#include "humanize.h"
#include "image_views.h"
#include "views.h"

#include <QJsonObject>

#include <algorithm>

namespace hako::cli {

namespace {

bool isLive(const QVariantMap &container)
{
    const QString state = fieldText(container, "State").toLower();
    return state == QLatin1String("running") || state == QLatin1String("paused");
}

// "11.6MB (70%)" as docker writes RECLAIMABLE; the percentage only where there is a size.
QString reclaimable(uint64_t bytes, uint64_t total)
{
    if (total == 0)
        return humanSize(bytes);
    return QStringLiteral("%1 (%2%)").arg(humanSize(bytes)).arg(bytes * 100 / total);
}

QString summaryRow(const char *type, qsizetype total, qsizetype active, uint64_t size, uint64_t free)
{
    return QStringList{QLatin1String(type), QString::number(total), QString::number(active), humanSize(size),
                       reclaimable(free, size)}
        .join(QLatin1Char('\t'));
}

QString imagesTable(const DiskUsage &usage, uint64_t now)
{
    QStringList lines{QStringLiteral("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS")};
    for (const QVariantMap &image : usage.images) {
        const QStringList tags = image.value(QStringLiteral("RepoTags")).toStringList();
        const auto [repository, tag] = tags.isEmpty() ? QPair<QString, QString>{QStringLiteral("<none>"), QStringLiteral("<none>")}
                                                      : splitRepoTag(tags.first());
        lines.append(QStringList{repository, tag, imageIdText(fieldText(image, "Id"), false),
                                 ago(fieldNumber(image, "CreatedUsec"), now), humanSize(fieldNumber(image, "Size")),
                                 humanSize(fieldNumber(image, "SharedSize")), humanSize(fieldNumber(image, "UniqueSize")),
                                 QString::number(fieldNumber(image, "Containers"))}
                         .join(QLatin1Char('\t')));
    }
    return alignColumns(lines);
}

qsizetype volumesOf(const DiskUsage &usage, const QString &container)
{
    return std::count_if(usage.volumes.begin(), usage.volumes.end(), [&](const QVariantMap &volume) {
        return volume.value(QStringLiteral("UsedBy")).toStringList().contains(container);
    });
}

QString containersTable(const DiskUsage &usage, uint64_t now)
{
    QStringList lines{QStringLiteral("CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES")};
    for (const QVariantMap &container : usage.containers) {
        const QJsonObject row = psRow(container, false, now);
        lines.append(QStringList{row.value(QStringLiteral("ID")).toString(), fieldText(container, "Image"),
                                 row.value(QStringLiteral("Command")).toString(),
                                 QString::number(volumesOf(usage, fieldText(container, "Name"))),
                                 humanSize(fieldNumber(container, "Size")), row.value(QStringLiteral("RunningFor")).toString(),
                                 row.value(QStringLiteral("Status")).toString(), fieldText(container, "Name")}
                         .join(QLatin1Char('\t')));
    }
    return alignColumns(lines);
}

QString volumesTable(const DiskUsage &usage)
{
    QStringList lines{QStringLiteral("VOLUME NAME\tLINKS\tSIZE")};
    for (const QVariantMap &volume : usage.volumes)
        lines.append(QStringList{fieldText(volume, "Name"), QString::number(fieldNumber(volume, "Links")),
                                 humanSize(fieldNumber(volume, "Size"))}
                         .join(QLatin1Char('\t')));
    return alignColumns(lines);
}

} // namespace

QString diskUsageSummary(const DiskUsage &usage)
{
    qsizetype activeImages = 0;
    uint64_t unusedImageBytes = 0;
    for (const QVariantMap &image : usage.images) {
        if (fieldNumber(image, "Containers") > 0)
            ++activeImages;
        else
            unusedImageBytes += fieldNumber(image, "UniqueSize");
    }
    qsizetype activeContainers = 0;
    uint64_t containerBytes = 0, stoppedBytes = 0;
    for (const QVariantMap &container : usage.containers) {
        containerBytes += fieldNumber(container, "Size");
        if (isLive(container))
            ++activeContainers;
        else
            stoppedBytes += fieldNumber(container, "Size");
    }
    qsizetype activeVolumes = 0;
    uint64_t volumeBytes = 0, unusedVolumeBytes = 0;
    for (const QVariantMap &volume : usage.volumes) {
        volumeBytes += fieldNumber(volume, "Size");
        if (fieldNumber(volume, "Links") > 0)
            ++activeVolumes;
        else
            unusedVolumeBytes += fieldNumber(volume, "Size");
    }
    return alignColumns({
        QStringLiteral("TYPE\tTOTAL\tACTIVE\tSIZE\tRECLAIMABLE"),
        summaryRow("Images", usage.images.size(), activeImages, usage.layersSize, unusedImageBytes),
        summaryRow("Containers", usage.containers.size(), activeContainers, containerBytes, stoppedBytes),
        summaryRow("Local Volumes", usage.volumes.size(), activeVolumes, volumeBytes, unusedVolumeBytes),
        summaryRow("Build Cache", 0, 0, 0, 0),
    });
}

QString diskUsageVerbose(const DiskUsage &usage, uint64_t nowUsec)
{
    return QStringLiteral("Images space usage:\n\n") + imagesTable(usage, nowUsec)
           + QStringLiteral("\nContainers space usage:\n\n") + containersTable(usage, nowUsec)
           + QStringLiteral("\nLocal Volumes space usage:\n\n") + volumesTable(usage)
           + QStringLiteral("\nBuild cache usage: 0B\n");
}

QString volumeTable(const QList<QVariantMap> &volumes, bool quiet)
{
    QStringList lines;
    if (!quiet)
        lines.append(QStringLiteral("DRIVER\tVOLUME NAME"));
    for (const QVariantMap &volume : volumes)
        lines.append(quiet ? fieldText(volume, "Name") : QStringLiteral("local\t") + fieldText(volume, "Name"));
    if (quiet)
        return lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return alignColumns(lines);
}

QJsonObject volumeInspectObject(const QVariantMap &volume)
{
    QJsonObject labels;
    const QVariantMap map = volume.value(QStringLiteral("Labels")).toMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        labels.insert(it.key(), it.value().toString());
    // docker writes the creation time to the second, with the zone.
    const QString created = rfc3339(fieldNumber(volume, "CreatedUsec")).left(19) + QLatin1Char('Z');
    return QJsonObject{
        {QStringLiteral("CreatedAt"), created},
        {QStringLiteral("Driver"), QStringLiteral("local")},
        {QStringLiteral("Labels"), labels.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(labels)},
        {QStringLiteral("Mountpoint"), fieldText(volume, "Mountpoint")},
        {QStringLiteral("Name"), fieldText(volume, "Name")},
        {QStringLiteral("Options"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("Scope"), QStringLiteral("local")},
    };
}

} // namespace hako::cli
