#include "stats_view.h"

#include "humanize.h"

#include <QHash>

namespace hako::cli {

namespace {

constexpr int kShortIdLength = 12;

double number(const QVariantMap &entry, const char *key)
{
    return entry.value(QLatin1String(key)).toDouble();
}

// docker's formatPercentage: two decimals.
QString percent(double value)
{
    return QString::number(value, 'f', 2) + QLatin1Char('%');
}

// NET I/O and BLOCK I/O: decimal units, three digits (units.HumanSizeWithPrecision(x, 3)).
QString ioPair(const QVariantMap &entry, const char *first, const char *second)
{
    return humanSize(entry.value(QLatin1String(first)).toULongLong()) + QStringLiteral(" / ") +
           humanSize(entry.value(QLatin1String(second)).toULongLong());
}

} // namespace

QJsonObject statsRow(const QString &container, const QVariantMap &entry, bool noTrunc)
{
    const QString id = entry.value(QStringLiteral("Id")).toString();
    const QString name = entry.value(QStringLiteral("Name")).toString();
    return QJsonObject{
        {QStringLiteral("Container"), container},
        {QStringLiteral("Name"), name.isEmpty() ? QStringLiteral("--") : name},
        {QStringLiteral("ID"), noTrunc ? id : id.left(kShortIdLength)},
        {QStringLiteral("CPUPerc"), percent(number(entry, "CpuPercent"))},
        {QStringLiteral("MemUsage"), bytesSize(number(entry, "MemoryUsage")) + QStringLiteral(" / ") +
                                         bytesSize(number(entry, "MemoryLimit"))},
        {QStringLiteral("MemPerc"), percent(number(entry, "MemoryPercent"))},
        {QStringLiteral("NetIO"), ioPair(entry, "NetRxBytes", "NetTxBytes")},
        {QStringLiteral("BlockIO"), ioPair(entry, "BlockReadBytes", "BlockWriteBytes")},
        {QStringLiteral("PIDs"), QString::number(entry.value(QStringLiteral("Pids")).toULongLong())},
    };
}

QString defaultStatsFormat()
{
    return QStringLiteral("table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}");
}

QJsonObject statsHeaders()
{
    return QJsonObject{
        {QStringLiteral("Container"), QStringLiteral("CONTAINER")},
        {QStringLiteral("Name"), QStringLiteral("NAME")},
        {QStringLiteral("ID"), QStringLiteral("CONTAINER ID")},
        {QStringLiteral("CPUPerc"), QStringLiteral("CPU %")},
        {QStringLiteral("MemUsage"), QStringLiteral("MEM USAGE / LIMIT")},
        {QStringLiteral("MemPerc"), QStringLiteral("MEM %")},
        {QStringLiteral("NetIO"), QStringLiteral("NET I/O")},
        {QStringLiteral("BlockIO"), QStringLiteral("BLOCK I/O")},
        {QStringLiteral("PIDs"), QStringLiteral("PIDS")},
    };
}

void StatsTable::add(const QString &container, const QString &id, const QString &name)
{
    for (const Target &target : targets_)
        if (target.id == id && target.container == container)
            return;
    targets_.append(Target{container, id, name});
}

QStringList StatsTable::ids() const
{
    QStringList ids;
    for (const Target &target : targets_)
        ids.append(target.id);
    return ids;
}

QList<QJsonObject> StatsTable::update(const QList<QVariantMap> &frame)
{
    QHash<QString, const QVariantMap *> byId;
    const QStringList known = ids();
    for (const QVariantMap &entry : frame) {
        const QString id = entry.value(QStringLiteral("Id")).toString();
        byId.insert(id, &entry);
        if (followNew_ && !known.contains(id))
            targets_.append(Target{id.left(kShortIdLength), id, entry.value(QStringLiteral("Name")).toString()});
    }
    if (!keepStopped_)
        targets_.removeIf([&](const Target &target) { return !byId.contains(target.id); });
    QList<QJsonObject> rows;
    for (const Target &target : targets_) {
        const QVariantMap *entry = byId.value(target.id);
        const QVariantMap idle{{QStringLiteral("Id"), target.id}, {QStringLiteral("Name"), target.name}};
        rows.append(statsRow(target.container, entry ? *entry : idle, noTrunc_));
    }
    return rows;
}

} // namespace hako::cli
