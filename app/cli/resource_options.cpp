// Docker's resource flags: their table, the parsing of their values with docker's wording
// (pflag wraps every value error as `invalid argument "V" for "FLAG" flag: WHY`), and the
// command-line words that give the options back. The conversion to linux.resources, with
// the daemon's range checks, is in resource_limits.cpp.
#include "resource_options.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace hako::cli {

namespace {

constexpr int64_t kKiB = 1024;

FlagDef resourceFlag(const char *name, char shorthand, FlagKind kind, const char *type, const char *help)
{
    FlagDef def{QLatin1String(name), shorthand ? QChar(QLatin1Char(shorthand)) : QChar(), kind,
                QLatin1String(help), QString()};
    def.valueType = QLatin1String(type);
    return def;
}

// "-m, --memory" or "--cpus", as pflag names a flag in its errors.
QString flagLabel(const QString &name)
{
    for (const FlagDef &flag : resourceFlagDefs()) {
        if (flag.name != name)
            continue;
        return flag.shorthand.isNull() ? QStringLiteral("--") + name
                                       : QStringLiteral("-%1, --%2").arg(flag.shorthand).arg(name);
    }
    return QStringLiteral("--") + name;
}

QString invalidArgument(const QString &name, const QString &value, const QString &why)
{
    return QStringLiteral("invalid argument \"%1\" for \"%2\" flag: %3").arg(value, flagLabel(name), why);
}

// Go's strconv.ParseInt(s, 10, 64) and its errors.
std::optional<int64_t> parseInt64(const QString &text, QString *why)
{
    static const QRegularExpression integer(QStringLiteral("^[+-]?\\d+$"));
    if (!integer.match(text).hasMatch()) {
        *why = QStringLiteral("strconv.ParseInt: parsing \"%1\": invalid syntax").arg(text);
        return std::nullopt;
    }
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok) {
        *why = QStringLiteral("strconv.ParseInt: parsing \"%1\": value out of range").arg(text);
        return std::nullopt;
    }
    return value;
}

// Go's strconv.ParseUint(s, 10, bits).
std::optional<uint64_t> parseUnsigned(const QString &text, uint64_t max, QString *why)
{
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (!digits.match(text).hasMatch()) {
        *why = QStringLiteral("strconv.ParseUint: parsing \"%1\": invalid syntax").arg(text);
        return std::nullopt;
    }
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok);
    if (!ok || value > max) {
        *why = QStringLiteral("strconv.ParseUint: parsing \"%1\": value out of range").arg(text);
        return std::nullopt;
    }
    return value;
}

// docker's opts.ParseCPUs: a rational number ("0.5", "1.5e0", "3/2") that must be a whole
// number of nano-CPUs.
std::optional<double> parseCpus(const QString &text, QString *why)
{
    static const QRegularExpression decimal(
        QStringLiteral("^[+-]?(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d{1,4}))?$"));
    static const QRegularExpression fraction(QStringLiteral("^([+-]?\\d{1,18})/(\\d{1,18})$"));
    const auto notRational = [&] {
        *why = QStringLiteral("failed to parse %1 as a rational number").arg(text);
        return std::nullopt;
    };
    const auto tooPrecise = [&] {
        *why = QStringLiteral("value is too precise");
        return std::nullopt;
    };
    if (const auto match = fraction.match(text); match.hasMatch()) {
        const __int128 numerator = match.captured(1).toLongLong();
        const __int128 denominator = match.captured(2).toLongLong();
        if (denominator == 0)
            return notRational();
        if ((numerator * 1000000000) % denominator != 0)
            return tooPrecise();
        return static_cast<double>(numerator) / static_cast<double>(denominator);
    }
    const auto match = decimal.match(text);
    QString mantissa = match.captured(1) + match.captured(2);
    if (!match.hasMatch() || mantissa.isEmpty())
        return notRational();
    // The value is mantissa × 10^exponent; more than nine decimals that are not zero cannot
    // be expressed in nano-CPUs.
    int exponent = match.captured(3).toInt() - int(match.captured(2).size());
    while (mantissa.endsWith(QLatin1Char('0'))) {
        mantissa.chop(1);
        ++exponent;
    }
    if (!mantissa.isEmpty() && exponent < -9)
        return tooPrecise();
    return text.toDouble();
}

QString formatCpus(double cpus)
{
    QString text = QString::number(cpus, 'f', 9);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

// Reads the resource flags of one ParsedArgs, stopping at the first bad value.
class ArgsReader {
public:
    ArgsReader(const ParsedArgs &args, QString *error) : args_(args), error_(error) {}

    bool ok() const { return ok_; }

    // Go's int64 flags; 0 (their default) leaves the option unset, as docker treats it.
    std::optional<int64_t> int64Flag(const char *name)
    {
        return parsed<int64_t>(name, [](const QString &text, QString *why) { return parseInt64(text, why); });
    }
    std::optional<uint64_t> uint16Flag(const char *name)
    {
        return parsed<uint64_t>(name, [](const QString &text, QString *why) {
            return parseUnsigned(text, std::numeric_limits<uint16_t>::max(), why);
        });
    }
    std::optional<int64_t> bytesFlag(const char *name, bool minusOneIsUnlimited = false)
    {
        return parsed<int64_t>(name, [&](const QString &text, QString *why) -> std::optional<int64_t> {
            if (minusOneIsUnlimited && text == QLatin1String("-1"))
                return -1;
            return parseByteSize(text, why);
        });
    }
    std::optional<double> cpusFlag(const char *name) { return parsed<double>(name, parseCpus); }

    QList<DeviceRate> deviceFlag(const char *name, bool bytes)
    {
        QList<DeviceRate> rates;
        for (const QString &value : args_.values(QLatin1String(name))) {
            QString why;
            const auto rate = ok_ ? parseDeviceRate(value, bytes, &why) : std::nullopt;
            if (!rate) {
                fail(name, value, why);
                break;
            }
            rates.append(*rate);
        }
        return rates;
    }

    // A value parse rejects: the error names the flag as pflag does.
    void fail(const char *name, const QString &value, const QString &why)
    {
        if (ok_ && !why.isEmpty())
            *error_ = invalidArgument(QLatin1String(name), value, why);
        ok_ = false;
    }

private:
    template <typename T, typename Parse>
    std::optional<T> parsed(const char *name, Parse parse)
    {
        const QString key = QLatin1String(name);
        if (!ok_ || !args_.isSet(key))
            return std::nullopt;
        const QString value = args_.value(key);
        QString why;
        const auto result = parse(value, &why);
        if (!result) {
            fail(name, value, why);
            return std::nullopt;
        }
        if (*result == T{})
            return std::nullopt;
        return result;
    }

    const ParsedArgs &args_;
    QString *error_;
    bool ok_ = true;
};

void addWord(QStringList &words, const char *flag, const QString &value)
{
    words << QLatin1String(flag) << value;
}

void addDeviceWords(QStringList &words, const char *flag, const QList<DeviceRate> &rates, bool bytes)
{
    for (const DeviceRate &rate : rates)
        addWord(words, flag, rate.device + QLatin1Char(':') +
                                 (bytes ? formatByteSize(int64_t(rate.rate)) : QString::number(rate.rate)));
}

} // namespace

bool ResourceOptions::empty() const
{
    return *this == ResourceOptions{};
}

QList<FlagDef> resourceFlagDefs()
{
    // docker run's names, types and help, in docker's (alphabetical) order.
    return {
        resourceFlag("blkio-weight", 0, FlagKind::String, "uint16",
                     "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"),
        resourceFlag("cpu-period", 0, FlagKind::String, "int", "Limit CPU CFS (Completely Fair Scheduler) period"),
        resourceFlag("cpu-quota", 0, FlagKind::String, "int", "Limit CPU CFS (Completely Fair Scheduler) quota"),
        resourceFlag("cpu-shares", 'c', FlagKind::String, "int", "CPU shares (relative weight)"),
        resourceFlag("cpus", 0, FlagKind::String, "decimal", "Number of CPUs"),
        resourceFlag("cpuset-cpus", 0, FlagKind::String, "string", "CPUs in which to allow execution (0-3, 0,1)"),
        resourceFlag("cpuset-mems", 0, FlagKind::String, "string", "MEMs in which to allow execution (0-3, 0,1)"),
        resourceFlag("device-read-bps", 0, FlagKind::List, "list", "Limit read rate (bytes per second) from a device"),
        resourceFlag("device-read-iops", 0, FlagKind::List, "list", "Limit read rate (IO per second) from a device"),
        resourceFlag("device-write-bps", 0, FlagKind::List, "list", "Limit write rate (bytes per second) to a device"),
        resourceFlag("device-write-iops", 0, FlagKind::List, "list", "Limit write rate (IO per second) to a device"),
        resourceFlag("memory", 'm', FlagKind::String, "bytes", "Memory limit"),
        resourceFlag("memory-reservation", 0, FlagKind::String, "bytes", "Memory soft limit"),
        resourceFlag("memory-swap", 0, FlagKind::String, "bytes",
                     "Swap limit equal to memory plus swap: '-1' to enable unlimited swap"),
        resourceFlag("oom-kill-disable", 0, FlagKind::Bool, "", "Disable OOM Killer"),
        resourceFlag("pids-limit", 0, FlagKind::String, "int", "Tune container pids limit (set -1 for unlimited)"),
    };
}

std::optional<ResourceOptions> resourceOptionsFromArgs(const ParsedArgs &args, QString *error)
{
    ArgsReader read(args, error);
    ResourceOptions options;
    options.cpus = read.cpusFlag("cpus");
    // Below the kernel's minimum of 2 (a negative number too), docker's daemon takes 2.
    if (const auto shares = read.int64Flag("cpu-shares"))
        options.cpuShares = uint64_t(std::max<int64_t>(*shares, 2));
    if (const auto period = read.int64Flag("cpu-period")) {
        if (*period < 0)
            read.fail("cpu-period", args.value(QStringLiteral("cpu-period")),
                      QStringLiteral("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"));
        else
            options.cpuPeriod = uint64_t(*period);
    }
    options.cpuQuota = read.int64Flag("cpu-quota");
    options.cpusetCpus = args.value(QStringLiteral("cpuset-cpus"));
    options.cpusetMems = args.value(QStringLiteral("cpuset-mems"));
    options.memory = read.bytesFlag("memory");
    options.memorySwap = read.bytesFlag("memory-swap", true);
    options.memoryReservation = read.bytesFlag("memory-reservation");
    options.oomKillDisable = args.boolean(QStringLiteral("oom-kill-disable"));
    // 0 is a value here: "unlimited" for update, like -1.
    if (args.isSet(QStringLiteral("pids-limit"))) {
        QString why;
        const QString value = args.value(QStringLiteral("pids-limit"));
        options.pidsLimit = parseInt64(value, &why);
        if (!options.pidsLimit)
            read.fail("pids-limit", value, why);
    }
    if (const auto weight = read.uint16Flag("blkio-weight"))
        options.blkioWeight = uint16_t(*weight);
    options.deviceReadBps = read.deviceFlag("device-read-bps", true);
    options.deviceWriteBps = read.deviceFlag("device-write-bps", true);
    options.deviceReadIops = read.deviceFlag("device-read-iops", false);
    options.deviceWriteIops = read.deviceFlag("device-write-iops", false);
    if (!read.ok())
        return std::nullopt;
    return options;
}

std::optional<int64_t> parseByteSize(const QString &text, QString *error)
{
    // go-units' RAMInBytes: a number, an optional space, a binary unit, an optional "i" and "b".
    static const QRegularExpression size(QStringLiteral("^(\\d+)(\\.\\d+)? ?([kmgtp])?i?b?$"),
                                         QRegularExpression::CaseInsensitiveOption);
    const auto match = size.match(text);
    const auto invalid = [&] {
        *error = QStringLiteral("invalid size: '%1'").arg(text);
        return std::nullopt;
    };
    if (!match.hasMatch())
        return invalid();
    static const QString units = QStringLiteral("kmgtp");
    const qsizetype unit = units.indexOf(match.captured(3).toLower());
    const long double multiplier = match.captured(3).isEmpty() ? 1.0L : std::pow(1024.0L, unit + 1);
    const long double bytes = (match.captured(1) + match.captured(2)).toDouble() * multiplier;
    if (bytes >= static_cast<long double>(std::numeric_limits<int64_t>::max()))
        return invalid();
    if (match.captured(2).isEmpty() && match.captured(1).size() < 16) // exact for whole numbers
        return match.captured(1).toLongLong() * static_cast<int64_t>(multiplier);
    return static_cast<int64_t>(bytes); // Go truncates toward zero as well
}

QString formatByteSize(int64_t bytes)
{
    static const char units[] = "kmgtp";
    if (bytes <= 0)
        return QString::number(bytes);
    int unit = -1;
    int64_t value = bytes;
    while (unit + 1 < 5 && value % kKiB == 0) {
        value /= kKiB;
        ++unit;
    }
    return unit < 0 ? QString::number(value) : QString::number(value) + QLatin1Char(units[unit]);
}

std::optional<DeviceRate> parseDeviceRate(const QString &text, bool bytes, QString *error)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString device = text.left(colon);
    if (colon < 0 || device.isEmpty()) {
        *error = QStringLiteral("bad format: %1").arg(text);
        return std::nullopt;
    }
    // docker checks the path's form only; resource_limits.cpp stats the device.
    if (!device.startsWith(QLatin1String("/dev/"))) {
        *error = QStringLiteral("bad format for device path: %1").arg(text);
        return std::nullopt;
    }
    const QString value = text.mid(colon + 1);
    QString why;
    std::optional<uint64_t> rate;
    if (!bytes)
        rate = parseUnsigned(value, std::numeric_limits<uint64_t>::max(), &why);
    else if (const auto size = parseByteSize(value, &why))
        rate = uint64_t(*size);
    if (!rate) {
        *error = bytes ? QStringLiteral("invalid rate for device: %1. The correct format is "
                                        "<device-path>:<number>[<unit>]. Number must be a positive "
                                        "integer. Unit is optional and can be kb, mb, or gb").arg(text)
                       : QStringLiteral("invalid rate for device: %1. The correct format is "
                                        "<device-path>:<number>. Number must be a positive integer").arg(text);
        return std::nullopt;
    }
    return DeviceRate{device, uint64_t(*rate)};
}

QStringList resourceFlagWords(const ResourceOptions &options)
{
    QStringList words;
    if (options.cpus)
        addWord(words, "--cpus", formatCpus(*options.cpus));
    if (options.cpuShares)
        addWord(words, "--cpu-shares", QString::number(*options.cpuShares));
    if (options.cpuPeriod)
        addWord(words, "--cpu-period", QString::number(*options.cpuPeriod));
    if (options.cpuQuota)
        addWord(words, "--cpu-quota", QString::number(*options.cpuQuota));
    if (!options.cpusetCpus.isEmpty())
        addWord(words, "--cpuset-cpus", options.cpusetCpus);
    if (!options.cpusetMems.isEmpty())
        addWord(words, "--cpuset-mems", options.cpusetMems);
    if (options.memory)
        addWord(words, "-m", formatByteSize(*options.memory));
    if (options.memorySwap)
        addWord(words, "--memory-swap", formatByteSize(*options.memorySwap));
    if (options.memoryReservation)
        addWord(words, "--memory-reservation", formatByteSize(*options.memoryReservation));
    if (options.oomKillDisable)
        words << QStringLiteral("--oom-kill-disable");
    if (options.pidsLimit)
        addWord(words, "--pids-limit", QString::number(*options.pidsLimit));
    if (options.blkioWeight)
        addWord(words, "--blkio-weight", QString::number(*options.blkioWeight));
    addDeviceWords(words, "--device-read-bps", options.deviceReadBps, true);
    addDeviceWords(words, "--device-write-bps", options.deviceWriteBps, true);
    addDeviceWords(words, "--device-read-iops", options.deviceReadIops, false);
    addDeviceWords(words, "--device-write-iops", options.deviceWriteIops, false);
    return words;
}

} // namespace hako::cli
