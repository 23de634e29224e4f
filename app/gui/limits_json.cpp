#include "limits_json.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <thread>

namespace hako::gui
{

namespace
{

struct LimitsText {
    Q_DECLARE_TR_FUNCTIONS(LimitsText)
};

constexpr qint64 kCpusPeriod = 100000; // docker's period for --cpus, µs
constexpr qint64 kQuotaPerHundredth = kCpusPeriod / 100;

// The spec's four device throttle lists and the options' lists they come from.
struct ThrottleList {
    const char *key;
    QList<cli::DeviceRate> cli::ResourceOptions::*rates;
};
const ThrottleList kThrottleLists[] = {
    {"throttleReadBpsDevice", &cli::ResourceOptions::deviceReadBps},
    {"throttleWriteBpsDevice", &cli::ResourceOptions::deviceWriteBps},
    {"throttleReadIOPSDevice", &cli::ResourceOptions::deviceReadIops},
    {"throttleWriteIOPSDevice", &cli::ResourceOptions::deviceWriteIops},
};

QString firstLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

// The host's whole set, which is what taking a cpuset away means.
QString onlineSet(const QString &path)
{
    const QString set = firstLine(path);
    return set.isEmpty() ? QStringLiteral("0") : set;
}

// A limit the Resources fields cover, and the value that takes it away again.
struct CoveredLimit {
    const char *group;
    const char *key;
    QJsonValue lifted;
};

QList<CoveredLimit> coveredLimits()
{
    return {
        {"memory", "limit", -1},
        {"memory", "reservation", -1},
        {"memory", "swap", -1},
        {"memory", "disableOOMKiller", false},
        {"cpu", "shares", 1024},
        {"cpu", "quota", -1},
        {"cpu", "period", kCpusPeriod},
        {"cpu", "cpus", onlineSet(QStringLiteral("/sys/devices/system/cpu/online"))},
        {"cpu", "mems", onlineSet(QStringLiteral("/sys/devices/system/node/online"))},
        {"pids", "limit", -1},
        // The kernel's default weight (blkio.weight; io.weight's 100 on the v2 scale).
        {"blockIO", "weight", 500},
    };
}

// Absent, zero, empty and the lifting value all mean "no limit set".
bool isUnset(const QJsonValue &value, const QJsonValue &lifted)
{
    if (value.isUndefined() || value.isNull() || value == lifted)
        return true;
    if (value.isDouble())
        return value.toInteger() == 0;
    if (value.isBool())
        return !value.toBool();
    return value.isString() && value.toString().isEmpty();
}

// "major:minor" → rate of one throttle list.
QHash<QString, qint64> ratesByDevice(const QJsonArray &list)
{
    QHash<QString, qint64> rates;
    for (const QJsonValue &entry : list) {
        const QJsonObject device = entry.toObject();
        rates.insert(QStringLiteral("%1:%2")
                         .arg(device.value(QStringLiteral("major")).toInteger())
                         .arg(device.value(QStringLiteral("minor")).toInteger()),
                     device.value(QStringLiteral("rate")).toInteger());
    }
    return rates;
}

QJsonObject throttleEntry(const QString &device, qint64 rate)
{
    return {{QStringLiteral("major"), device.section(QLatin1Char(':'), 0, 0).toLongLong()},
            {QStringLiteral("minor"), device.section(QLatin1Char(':'), 1, 1).toLongLong()},
            {QStringLiteral("rate"), rate}};
}

// The entries of one throttle list that change: new or other rates, and removed devices at 0.
QJsonArray throttlePatch(const QJsonArray &before, const QJsonArray &after)
{
    const QHash<QString, qint64> old = ratesByDevice(before);
    const QHash<QString, qint64> now = ratesByDevice(after);
    QJsonArray patch;
    for (auto it = now.begin(); it != now.end(); ++it)
        if (old.value(it.key()) != it.value())
            patch.append(throttleEntry(it.key(), it.value()));
    for (auto it = old.begin(); it != old.end(); ++it)
        if (!now.contains(it.key()) && it.value() != 0)
            patch.append(throttleEntry(it.key(), 0));
    return patch;
}

void readCpu(const QJsonObject &cpu, cli::ResourceOptions &out)
{
    if (const qint64 shares = cpu.value(QStringLiteral("shares")).toInteger(); shares > 0)
        out.cpuShares = uint64_t(shares);
    const qint64 quota = cpu.value(QStringLiteral("quota")).toInteger();
    const qint64 period = cpu.value(QStringLiteral("period")).toInteger();
    if (quota > 0 && period == kCpusPeriod && quota % kQuotaPerHundredth == 0) {
        out.cpus = double(quota / kQuotaPerHundredth) / 100.0;
    } else {
        if (quota > 0)
            out.cpuQuota = quota;
        if (period > 0)
            out.cpuPeriod = uint64_t(period);
    }
    out.cpusetCpus = cpu.value(QStringLiteral("cpus")).toString();
    out.cpusetMems = cpu.value(QStringLiteral("mems")).toString();
}

void readMemory(const QJsonObject &memory, cli::ResourceOptions &out)
{
    if (const qint64 limit = memory.value(QStringLiteral("limit")).toInteger(); limit > 0)
        out.memory = limit;
    if (const qint64 soft = memory.value(QStringLiteral("reservation")).toInteger(); soft > 0)
        out.memoryReservation = soft;
    // Twice the limit is what the builder makes of no --memory-swap (docker's default).
    if (const qint64 swap = memory.value(QStringLiteral("swap")).toInteger();
        swap != 0 && !(out.memory && swap == 2 * *out.memory))
        out.memorySwap = swap;
    out.oomKillDisable = memory.value(QStringLiteral("disableOOMKiller")).toBool();
}

void readBlockIo(const QJsonObject &blockIo, cli::ResourceOptions &out)
{
    if (const qint64 weight = blockIo.value(QStringLiteral("weight")).toInteger(); weight > 0)
        out.blkioWeight = uint16_t(weight);
    for (const ThrottleList &list : kThrottleLists)
        for (const QJsonValue &entry : blockIo.value(QLatin1String(list.key)).toArray()) {
            const QJsonObject device = entry.toObject();
            const qint64 rate = device.value(QStringLiteral("rate")).toInteger();
            if (rate <= 0)
                continue; // 0 is how a throttle is lifted
            (out.*list.rates)
                .append({blockDeviceNode(device.value(QStringLiteral("major")).toInteger(),
                                         device.value(QStringLiteral("minor")).toInteger()),
                         uint64_t(rate)});
        }
}

std::optional<QString> noInheritedEnv(const QString &)
{
    return std::nullopt;
}

// "256 MiB", "1.5 GiB": at most two decimals, none that are zero.
QString sizeText(qint64 bytes)
{
    //: Units of sizes, from bytes to tebibytes.
    const QStringList units = LimitsText::tr("B KiB MiB GiB TiB").split(QLatin1Char(' '));
    double value = double(bytes);
    qsizetype unit = 0;
    while (value >= 1024 && unit + 1 < units.size()) {
        value /= 1024;
        ++unit;
    }
    QString number = QLocale().toString(value, 'f', 2);
    const QChar point = QLocale().decimalPoint().at(0);
    while (number.contains(point) && (number.endsWith(QLatin1Char('0')) || number.endsWith(point)))
        number.chop(1);
    //: A size: %1 the number, %2 the unit ("256 MiB").
    return LimitsText::tr("%1 %2").arg(number, units.value(unit));
}

} // namespace

cli::ResourceOptions resourceOptionsFromJson(const QJsonObject &resources)
{
    cli::ResourceOptions options;
    readCpu(resources.value(QStringLiteral("cpu")).toObject(), options);
    readMemory(resources.value(QStringLiteral("memory")).toObject(), options);
    if (const qint64 pids = resources.value(QStringLiteral("pids"))
                                .toObject()
                                .value(QStringLiteral("limit"))
                                .toInteger();
        pids > 0)
        options.pidsLimit = pids;
    readBlockIo(resources.value(QStringLiteral("blockIO")).toObject(), options);
    return options;
}

std::optional<QJsonObject> resourcesJson(const cli::ResourceOptions &options,
                                         QList<cli::SpecProblem> *problems)
{
    cli::ContainerOptions container;
    container.resources = options;
    const cli::BuiltSpec built = cli::buildSpec(container, noInheritedEnv);
    if (!built.problems.isEmpty() || !built.json) {
        *problems += built.problems;
        return std::nullopt;
    }
    const QJsonObject spec =
        QJsonDocument::fromJson(QByteArray::fromStdString(*built.json)).object();
    return spec.value(QStringLiteral("linux"))
        .toObject()
        .value(QStringLiteral("resources"))
        .toObject();
}

QJsonObject resourcesPatch(const QJsonObject &before, const QJsonObject &after)
{
    QHash<QString, QJsonObject> groups;
    for (const CoveredLimit &limit : coveredLimits()) {
        const QString group = QLatin1String(limit.group), key = QLatin1String(limit.key);
        const QJsonValue old = before.value(group).toObject().value(key);
        const QJsonValue now = after.value(group).toObject().value(key);
        const bool oldSet = !isUnset(old, limit.lifted), nowSet = !isUnset(now, limit.lifted);
        if (nowSet && now != old)
            groups[group].insert(key, now);
        else if (!nowSet && oldSet)
            groups[group].insert(key, limit.lifted);
    }
    const QString blockIo = QStringLiteral("blockIO");
    for (const ThrottleList &list : kThrottleLists) {
        const QString key = QLatin1String(list.key);
        const QJsonArray changed =
            throttlePatch(before.value(blockIo).toObject().value(key).toArray(),
                          after.value(blockIo).toObject().value(key).toArray());
        if (!changed.isEmpty())
            groups[blockIo].insert(key, changed);
    }
    QJsonObject patch;
    for (auto it = groups.begin(); it != groups.end(); ++it)
        patch.insert(it.key(), it.value());
    return patch;
}

QString blockDeviceNode(qint64 major, qint64 minor)
{
    const QString numbers = QStringLiteral("%1:%2").arg(major).arg(minor);
    QFile uevent(QStringLiteral("/sys/dev/block/%1/uevent").arg(numbers));
    if (uevent.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : uevent.readAll().split('\n'))
            if (line.startsWith("DEVNAME="))
                return QStringLiteral("/dev/") + QString::fromUtf8(line.mid(8));
    }
    return QStringLiteral("/dev/block/") + numbers;
}

int hostCpuCount()
{
    return std::max(1, int(std::thread::hardware_concurrency()));
}

QString limitsSummary(const cli::ResourceOptions &o)
{
    QStringList parts;
    const QLocale locale;
    if (o.cpus)
        //: The CPU limit in cores, e.g. "0.5 CPUs".
        parts << LimitsText::tr("%1 CPUs").arg(locale.toString(*o.cpus, 'g', 4));
    else if (o.cpuQuota && *o.cpuQuota > 0)
        parts << LimitsText::tr("%1 CPUs").arg(locale.toString(
            double(*o.cpuQuota) / double(o.cpuPeriod.value_or(kCpusPeriod)), 'g', 4));
    if (!o.cpusetCpus.isEmpty())
        //: The CPUs a container may run on, e.g. "on CPUs 0-1".
        parts << LimitsText::tr("on CPUs %1").arg(o.cpusetCpus);
    if (o.cpuShares)
        parts << LimitsText::tr("CPU shares %1").arg(*o.cpuShares);
    if (o.memory)
        //: e.g. "100 MiB memory".
        parts << LimitsText::tr("%1 memory").arg(sizeText(*o.memory));
    if (o.memorySwap && *o.memorySwap < 0)
        parts << LimitsText::tr("unlimited swap");
    else if (o.memorySwap && o.memory && *o.memorySwap == *o.memory)
        parts << LimitsText::tr("no swap");
    else if (o.memorySwap)
        //: e.g. "200 MiB memory and swap".
        parts << LimitsText::tr("%1 memory and swap").arg(sizeText(*o.memorySwap));
    if (o.memoryReservation)
        //: A soft memory limit, e.g. "50 MiB reserved".
        parts << LimitsText::tr("%1 reserved").arg(sizeText(*o.memoryReservation));
    if (o.oomKillDisable)
        parts << LimitsText::tr("OOM killer disabled");
    if (o.pidsLimit && *o.pidsLimit > 0)
        //: A limit on the number of processes and threads, e.g. "20 processes".
        parts << LimitsText::tr("%1 processes").arg(*o.pidsLimit);
    if (o.blkioWeight)
        parts << LimitsText::tr("block I/O weight %1").arg(*o.blkioWeight);
    const qsizetype throttles = o.deviceReadBps.size() + o.deviceWriteBps.size() +
                                o.deviceReadIops.size() + o.deviceWriteIops.size();
    if (throttles > 0)
        parts << LimitsText::tr("%n device throttle(s)", nullptr, int(throttles));
    //: No resource limit is set.
    //: Between the limits of a summary: "0.5 CPUs, 100 MiB memory".
    return parts.isEmpty() ? LimitsText::tr("None") : parts.join(LimitsText::tr(", "));
}

} // namespace hako::gui
