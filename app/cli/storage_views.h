// What hakoctl prints about storage: docker system df's summary and its -v tables, docker
// volume ls and docker volume inspect's JSON, from GetDiskUsage's and ListVolumes' maps.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <cstdint>

namespace hako::cli {

// GetDiskUsage's map, its Images entries completed with ListImages' (CreatedUsec, RepoTags)
// and its Containers entries with ListContainers' (Command, CreatedUsec, State...) by the
// caller, so each table has docker's columns.
struct DiskUsage {
    QList<QVariantMap> images, containers, volumes;
    uint64_t layersSize = 0;
};

// TYPE TOTAL ACTIVE SIZE RECLAIMABLE: Images, Containers, Local Volumes, Build Cache.
QString diskUsageSummary(const DiskUsage &usage);
// The three tables of docker system df -v and the build cache line.
QString diskUsageVerbose(const DiskUsage &usage, uint64_t nowUsec);

// "DRIVER VOLUME NAME" rows (local), or the names alone with quiet.
QString volumeTable(const QList<QVariantMap> &volumes, bool quiet);

// docker volume inspect's object: CreatedAt, Driver, Labels, Mountpoint, Name, Options, Scope.
QJsonObject volumeInspectObject(const QVariantMap &volume);

} // namespace hako::cli
