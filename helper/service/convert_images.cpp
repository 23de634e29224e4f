// Images, volumes and disk usage as the a{sv} maps of ListImages, GetImage, ListVolumes and
// GetDiskUsage (keys documented in docs/dbus-api.md and the introspection XML).
#include "convert.h"

#include <QMap>

#include <algorithm>

namespace hako::helper
{

namespace
{

qulonglong usec(int64_t nanos)
{
    return nanos > 0 ? qulonglong(nanos / 1000) : 0;
}

// Sent as a{ss} (the metatype is registered by the Manager).
QMap<QString, QString> stringMap(const std::map<std::string, std::string> &values)
{
    QMap<QString, QString> out;
    for (const auto &[key, value] : values)
        out.insert(QString::fromStdString(key), QString::fromStdString(value));
    return out;
}

QVariantMap historyEntry(const HistoryEntry &entry)
{
    return {{"CreatedUsec", usec(entry.created)},
            {"CreatedBy", QString::fromStdString(entry.createdBy)},
            {"Comment", QString::fromStdString(entry.comment)},
            {"Size", qulonglong(entry.size)},
            {"EmptyLayer", entry.emptyLayer}};
}

} // namespace

QVariantMap imageEntry(const Image &image, const std::vector<std::string> &usedBy)
{
    return {{"Id", QString::fromStdString(image.id)},
            {"Name", QString::fromStdString(image.name)},
            {"RepoTags", toStringList(image.repoTags)},
            {"RepoDigests", toStringList(image.repoDigests)},
            {"CreatedUsec", usec(image.createdAt)},
            {"Size", qulonglong(ImageStore::diskSize(image))},
            {"Layers", uint(image.diffIds.size())},
            {"UsedBy", toStringList(usedBy)},
            {"Env", toStringList(image.config.env)},
            {"Cmd", toStringList(image.config.cmd)},
            {"Entrypoint", toStringList(image.config.entrypoint)},
            {"WorkingDir", QString::fromStdString(image.config.workingDir)},
            {"User", QString::fromStdString(image.config.user)},
            {"ExposedPorts", toStringList(image.config.exposedPorts)},
            {"Labels", QVariant::fromValue(stringMap(image.config.labels))}};
}

QVariantMap imageDetails(const Image &image, const std::vector<std::string> &usedBy,
                         const std::string &configJson)
{
    QVariantMap map = imageEntry(image, usedBy);
    map.insert("Config", QString::fromStdString(configJson));
    map.insert("DiffIds", toStringList(image.diffIds));
    QList<QVariantMap> history;
    // The config lists history oldest first; docker history shows the newest first.
    for (auto it = image.history.rbegin(); it != image.history.rend(); ++it)
        history << historyEntry(*it);
    map.insert("History", QVariant::fromValue(history));
    return map;
}

QVariantMap volumeEntry(const Volume &volume, const std::vector<std::string> &usedBy)
{
    return {{"Name", QString::fromStdString(volume.name)},
            {"Mountpoint", QString::fromStdString(volume.mountpoint)},
            {"CreatedUsec", usec(volume.createdAt)},
            {"Labels", QVariant::fromValue(stringMap(volume.labels))},
            {"Anonymous", volume.anonymous},
            {"UsedBy", toStringList(usedBy)}};
}

QVariantMap diskUsageMap(const DiskUsage &usage)
{
    QList<QVariantMap> images, containers, volumes;
    for (const ImageUsage &u : usage.images)
        images << QVariantMap{{"Id", QString::fromStdString(u.image.id)},
                              {"Name", QString::fromStdString(u.image.name)},
                              {"Size", qulonglong(ImageStore::diskSize(u.image))},
                              {"SharedSize", qulonglong(u.sharedBytes)},
                              {"UniqueSize", qulonglong(u.uniqueBytes)},
                              {"Containers", u.containers}};
    for (const ContainerUsage &u : usage.containers)
        containers << QVariantMap{
            {"Id", QString::fromStdString(u.state.id)},
            {"Name", QString::fromStdString(u.state.name)},
            {"Image", QString::fromStdString(u.state.image)},
            {"State", QString::fromStdString(std::string(statusName(u.state.status)))},
            {"Size", qulonglong(u.writableBytes)}};
    for (const VolumeUsage &u : usage.volumes)
        volumes << QVariantMap{{"Name", QString::fromStdString(u.volume.name)},
                               {"Size", qulonglong(u.bytes)},
                               {"Links", u.links}};
    return {{"Images", QVariant::fromValue(images)},
            {"Containers", QVariant::fromValue(containers)},
            {"Volumes", QVariant::fromValue(volumes)},
            {"LayersSize", qulonglong(usage.layersBytes)}};
}

} // namespace hako::helper
