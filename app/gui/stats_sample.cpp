#include "stats_sample.h"

namespace hako::gui {

namespace {

quint64 unsignedField(const QVariantMap &entry, const char *key)
{
    return entry.value(QLatin1String(key)).toULongLong();
}

double realField(const QVariantMap &entry, const char *key)
{
    return entry.value(QLatin1String(key)).toDouble();
}

bool flagField(const QVariantMap &entry, const char *key)
{
    return entry.value(QLatin1String(key)).toBool();
}

} // namespace

StatsSample StatsSample::fromEntry(const QVariantMap &entry)
{
    StatsSample s;
    s.id = entry.value(QStringLiteral("Id")).toString();
    s.name = entry.value(QStringLiteral("Name")).toString();
    s.timeUsec = unsignedField(entry, "TimeUsec");
    s.cpuPercent = realField(entry, "CpuPercent");
    s.cpuLimitCores = realField(entry, "CpuLimitCores");
    s.cpuLimited = flagField(entry, "CpuLimited");
    s.memoryUsage = unsignedField(entry, "MemoryUsage");
    s.memoryLimit = unsignedField(entry, "MemoryLimit");
    s.memoryLimited = flagField(entry, "MemoryLimited");
    s.pids = unsignedField(entry, "Pids");
    s.pidsLimit = unsignedField(entry, "PidsLimit");
    s.blockReadBytes = unsignedField(entry, "BlockReadBytes");
    s.blockWriteBytes = unsignedField(entry, "BlockWriteBytes");
    s.netRxBytes = unsignedField(entry, "NetRxBytes");
    s.netTxBytes = unsignedField(entry, "NetTxBytes");
    s.paused = flagField(entry, "Paused");
    return s;
}

QList<StatsSample> StatsSample::fromFrame(const QList<QVariantMap> &entries)
{
    QList<StatsSample> samples;
    samples.reserve(entries.size());
    for (const QVariantMap &entry : entries)
        samples << fromEntry(entry);
    return samples;
}

std::optional<StatsRates> ratesBetween(const StatsSample &before, const StatsSample &after)
{
    if (after.timeUsec <= before.timeUsec)
        return std::nullopt;
    const quint64 counters[][2] = {{before.netRxBytes, after.netRxBytes},
                                   {before.netTxBytes, after.netTxBytes},
                                   {before.blockReadBytes, after.blockReadBytes},
                                   {before.blockWriteBytes, after.blockWriteBytes}};
    for (const auto &pair : counters)
        if (pair[1] < pair[0])
            return std::nullopt;
    const double seconds = double(after.timeUsec - before.timeUsec) / 1e6;
    const auto rate = [seconds](quint64 from, quint64 to) { return double(to - from) / seconds; };
    return StatsRates{rate(before.netRxBytes, after.netRxBytes),
                      rate(before.netTxBytes, after.netTxBytes),
                      rate(before.blockReadBytes, after.blockReadBytes),
                      rate(before.blockWriteBytes, after.blockWriteBytes)};
}

} // namespace hako::gui
