// One container's figures from one StatsUpdated frame (the entry keys are listed in
// resources/org.hako.Containers1.Manager.xml), and the byte rates between two of them.
#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace hako::gui {

struct StatsSample {
    QString id;
    QString name;
    quint64 timeUsec = 0;     // wall clock
    double cpuPercent = 0;    // 100 = one core, as docker stats
    double cpuLimitCores = 0; // its quota or cpuset, else the host's cpus
    bool cpuLimited = false;
    quint64 memoryUsage = 0; // without the inactive file cache
    quint64 memoryLimit = 0; // the host's memory when unlimited
    bool memoryLimited = false;
    quint64 pids = 0;
    quint64 pidsLimit = 0; // 0: none
    // Totals since the container started.
    quint64 blockReadBytes = 0;
    quint64 blockWriteBytes = 0;
    quint64 netRxBytes = 0;
    quint64 netTxBytes = 0;
    bool paused = false;

    static StatsSample fromEntry(const QVariantMap &entry);
    static QList<StatsSample> fromFrame(const QList<QVariantMap> &entries);
};

// Bytes per second.
struct StatsRates {
    double netRx = 0;
    double netTx = 0;
    double blockRead = 0;
    double blockWrite = 0;
};

// The rates from `before` to `after`; none when `after` is not later, or a counter went
// back (the container was restarted between them: its totals began again).
std::optional<StatsRates> ratesBetween(const StatsSample &before, const StatsSample &after);

} // namespace hako::gui
