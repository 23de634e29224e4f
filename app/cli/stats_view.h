// What `hakoctl stats` prints: docker stats' columns and --format fields (Container, Name, ID,
// CPUPerc, MemUsage, MemPerc, NetIO, BlockIO, PIDs) from the entries of GetStats and
// StatsUpdated (docs/dbus-api.md), and which containers the table holds frame after frame.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace hako::cli {

// One row. `container` is the Container field: the name or id as the user gave it (the id's
// first 12 digits when none was given). An entry with no figures (a container that is not
// running) gives docker's zeros: "0.00%", "0B / 0B".
QJsonObject statsRow(const QString &container, const QVariantMap &entry, bool noTrunc);

QString defaultStatsFormat(); // docker's table
QJsonObject statsHeaders();

// The containers of the table, as docker stats keeps them. Named ones (or, with -a, every
// container listed at the start) are kept whether they run or not; without names, each
// container a frame brings is added in the order first seen, and one that leaves the frames
// (it stopped) is dropped unless -a keeps it.
class StatsTable {
public:
    StatsTable(bool followNew, bool keepStopped, bool noTrunc)
        : followNew_(followNew), keepStopped_(keepStopped), noTrunc_(noTrunc)
    {
    }

    void add(const QString &container, const QString &id, const QString &name);
    QStringList ids() const;
    // The rows for one frame of entries.
    QList<QJsonObject> update(const QList<QVariantMap> &frame);

private:
    struct Target {
        QString container, id, name;
    };
    QList<Target> targets_;
    bool followNew_, keepStopped_, noTrunc_;
};

} // namespace hako::cli
