// ResourceOptions → linux.resources (OCI, cgroup v1 units), with the checks docker's daemon
// makes (verifyPlatformContainerResources) and its words, so `hakoctl run -m 1k` fails before
// anything is sent, as `docker run -m 1k` does. The device paths of the throttle flags are
// resolved to major:minor here: they name nodes on this host.
#include "resource_options.h"
#include "spec_builder.h"

#include "spec.h"

#include <QFile>
#include <QRegularExpression>

#include <sched.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <set>

namespace hako::cli {

namespace {

constexpr int64_t kMinMemory = 6 * 1024 * 1024; // docker's linuxMinMemory
constexpr uint64_t kCfsPeriod = 100000;         // µs: the period --cpus is expressed in
constexpr int64_t kNanosPerCpu = 1000000000;
constexpr uint64_t kMinShares = 2, kMaxShares = 262144; // the kernel's cpu.shares bounds
constexpr uint16_t kMinBlkioWeight = 10, kMaxBlkioWeight = 1000;

const QString kCpuPath = QStringLiteral("linux.resources.cpu");
const QString kMemoryPath = QStringLiteral("linux.resources.memory");
const QString kBlockIoPath = QStringLiteral("linux.resources.blockIO");

// The CPUs this process may run on, as docker's sysinfo.NumCPU counts them.
int availableCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) == 0)
        return CPU_COUNT(&set);
    return int(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
}

// "0-3,5" → {0,1,2,3,5}; nothing when malformed (docker's parsers.ParseUintList).
std::optional<std::set<unsigned>> parseIndexList(const QString &text)
{
    static const QRegularExpression range(QStringLiteral("^(\\d{1,5})(?:-(\\d{1,5}))?$"));
    std::set<unsigned> indexes;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const auto match = range.match(part.trimmed());
        if (!match.hasMatch())
            return std::nullopt;
        const unsigned first = match.captured(1).toUInt();
        const unsigned last = match.captured(2).isEmpty() ? first : match.captured(2).toUInt();
        if (last < first)
            return std::nullopt;
        for (unsigned i = first; i <= last; ++i)
            indexes.insert(i);
    }
    return indexes;
}

// The host's online CPUs or memory nodes ("0-1"); `fallback` where the kernel has no file
// (no NUMA support means node 0 alone).
QString onlineList(const char *path, const char *fallback)
{
    QFile file{QString::fromLatin1(path)};
    if (!file.open(QIODevice::ReadOnly))
        return QLatin1String(fallback);
    return QString::fromLatin1(file.readAll()).trimmed();
}

// Go's syscall error text: strerror in lower case ("no such file or directory").
QString errnoText(int error)
{
    QString text = QString::fromLocal8Bit(std::strerror(error));
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

class ResourceConverter {
public:
    ResourceConverter(const ResourceOptions &options, Resources &out, QList<SpecProblem> *problems)
        : options_(options), out_(out), problems_(problems)
    {
    }

    void run()
    {
        applyCpu();
        applyCpuset();
        applyMemory();
        applyPids();
        applyBlockIo();
    }

private:
    void problem(const QString &path, const QString &message, const QString &value = {})
    {
        problems_->append(SpecProblem{path, message, value});
    }
    CpuResources &cpu()
    {
        if (!out_.cpu)
            out_.cpu = CpuResources{};
        return *out_.cpu;
    }
    MemoryResources &memory()
    {
        if (!out_.memory)
            out_.memory = MemoryResources{};
        return *out_.memory;
    }
    BlockIoResources &blockIo()
    {
        if (!out_.blockIO)
            out_.blockIO = BlockIoResources{};
        return *out_.blockIO;
    }

    void applyCpu();
    void applyNanoCpus(double cpus);
    void applyCpuset();
    void checkCpuset(const QString &field, const QString &requested, const QString &available,
                     const QString &noun, const QString &listName);
    void applyMemory();
    void applyPids();
    void applyBlockIo();
    std::vector<ThrottleDevice> throttles(const QString &field, const QList<DeviceRate> &rates);

    const ResourceOptions &options_;
    Resources &out_;
    QList<SpecProblem> *problems_;
};

void ResourceConverter::applyCpu()
{
    if (options_.cpuShares)
        cpu().shares = std::clamp(*options_.cpuShares, kMinShares, kMaxShares);
    if (options_.cpuPeriod) {
        if (*options_.cpuPeriod < 1000 || *options_.cpuPeriod > 1000000)
            problem(kCpuPath + QStringLiteral(".period"),
                    QStringLiteral("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"));
        cpu().period = *options_.cpuPeriod;
    }
    if (options_.cpuQuota) {
        if (*options_.cpuQuota > 0 && *options_.cpuQuota < 1000)
            problem(kCpuPath + QStringLiteral(".quota"), QStringLiteral("CPU cfs quota can not be less than 1ms (i.e. 1000)"));
        cpu().quota = std::max<int64_t>(*options_.cpuQuota, -1); // any negative: no limit
    }
    // Last: with --cpu-quota -1 (no conflict, as docker sees it) the quota is --cpus's.
    if (options_.cpus)
        applyNanoCpus(*options_.cpus);
}

// --cpus N is docker's NanoCPUs: a quota of N periods of 100 ms.
void ResourceConverter::applyNanoCpus(double cpus)
{
    if (options_.cpuPeriod)
        problem(kCpuPath + QStringLiteral(".period"),
                QStringLiteral("Conflicting options: Nano CPUs and CPU Period cannot both be set"));
    if (options_.cpuQuota && *options_.cpuQuota > 0)
        problem(kCpuPath + QStringLiteral(".quota"),
                QStringLiteral("Conflicting options: Nano CPUs and CPU Quota cannot both be set"));
    const int64_t nanos = std::llround(cpus * double(kNanosPerCpu));
    const int count = availableCpus();
    // Below 0.01 the quota would be under the kernel's 1 ms minimum.
    if (nanos < kNanosPerCpu / 100 || nanos > count * kNanosPerCpu) {
        problem(kCpuPath + QStringLiteral(".quota"),
                QStringLiteral("Range of CPUs is from 0.01 to %1.00, as there are only %1 CPUs available").arg(count));
        return;
    }
    cpu().period = kCfsPeriod;
    cpu().quota = nanos * int64_t(kCfsPeriod) / kNanosPerCpu;
}

void ResourceConverter::applyCpuset()
{
    if (!options_.cpusetCpus.isEmpty()) {
        checkCpuset(QStringLiteral("cpus"), options_.cpusetCpus,
                    onlineList("/sys/devices/system/cpu/online", "0"), QStringLiteral("CPUs"),
                    QStringLiteral("cpuset cpus"));
        cpu().cpus = options_.cpusetCpus.toStdString();
    }
    if (!options_.cpusetMems.isEmpty()) {
        checkCpuset(QStringLiteral("mems"), options_.cpusetMems,
                    onlineList("/sys/devices/system/node/online", "0"), QStringLiteral("memory nodes"),
                    QStringLiteral("cpuset mems"));
        cpu().mems = options_.cpusetMems.toStdString();
    }
}

void ResourceConverter::checkCpuset(const QString &field, const QString &requested, const QString &available,
                                    const QString &noun, const QString &listName)
{
    const QString path = kCpuPath + QLatin1Char('.') + field;
    const auto wanted = parseIndexList(requested);
    if (!wanted) {
        problem(path, QStringLiteral("Invalid value %1 for %2: invalid format: %1").arg(requested, listName));
        return;
    }
    const auto online = parseIndexList(available).value_or(std::set<unsigned>{});
    if (!std::includes(online.begin(), online.end(), wanted->begin(), wanted->end()))
        problem(path, QStringLiteral("Requested %1 are not available - requested %2, available: %3")
                          .arg(noun, requested, available));
}

void ResourceConverter::applyMemory()
{
    const int64_t limit = options_.memory.value_or(0);
    const int64_t swap = options_.memorySwap.value_or(0);
    const int64_t reservation = options_.memoryReservation.value_or(0);
    if (limit != 0 && limit < kMinMemory)
        problem(kMemoryPath + QStringLiteral(".limit"), QStringLiteral("Minimum memory limit allowed is 6MB"));
    if (limit > 0 && swap > 0 && swap < limit)
        problem(kMemoryPath + QStringLiteral(".swap"),
                QStringLiteral("Minimum memoryswap limit should be larger than memory limit, see usage"));
    if (reservation > 0 && reservation < kMinMemory)
        problem(kMemoryPath + QStringLiteral(".reservation"), QStringLiteral("Minimum memory reservation allowed is 6MB"));
    if (limit > 0 && reservation > 0 && limit < reservation)
        problem(kMemoryPath + QStringLiteral(".limit"),
                QStringLiteral("Minimum memory limit can not be less than memory reservation limit, see usage"));
    if (options_.memory)
        memory().limit = limit;
    if (options_.memorySwap)
        memory().swap = swap;
    if (options_.memoryReservation)
        memory().reservation = reservation;
    if (options_.oomKillDisable)
        memory().disableOOMKiller = true;
}

void ResourceConverter::applyPids()
{
    // docker: 0 or a negative number is "unlimited"; OCI says -1.
    if (options_.pidsLimit)
        out_.pids = PidsResources{*options_.pidsLimit > 0 ? *options_.pidsLimit : -1};
}

void ResourceConverter::applyBlockIo()
{
    if (options_.blkioWeight) {
        if (*options_.blkioWeight < kMinBlkioWeight || *options_.blkioWeight > kMaxBlkioWeight)
            problem(kBlockIoPath + QStringLiteral(".weight"), QStringLiteral("Range of blkio weight is from 10 to 1000"));
        blockIo().weight = *options_.blkioWeight;
    }
    const struct {
        const QList<DeviceRate> &rates;
        const char *field;
        std::vector<ThrottleDevice> BlockIoResources::*list;
    } throttleFlags[] = {
        {options_.deviceReadBps, "throttleReadBpsDevice", &BlockIoResources::throttleReadBpsDevice},
        {options_.deviceWriteBps, "throttleWriteBpsDevice", &BlockIoResources::throttleWriteBpsDevice},
        {options_.deviceReadIops, "throttleReadIOPSDevice", &BlockIoResources::throttleReadIOPSDevice},
        {options_.deviceWriteIops, "throttleWriteIOPSDevice", &BlockIoResources::throttleWriteIOPSDevice},
    };
    for (const auto &flag : throttleFlags)
        if (!flag.rates.isEmpty())
            blockIo().*flag.list = throttles(QLatin1String(flag.field), flag.rates);
}

std::vector<ThrottleDevice> ResourceConverter::throttles(const QString &field, const QList<DeviceRate> &rates)
{
    std::vector<ThrottleDevice> devices;
    for (qsizetype i = 0; i < rates.size(); ++i) {
        const DeviceRate &rate = rates[i];
        const QString path = QStringLiteral("%1.%2[%3]").arg(kBlockIoPath, field).arg(i);
        struct stat info {};
        if (::stat(QFile::encodeName(rate.device).constData(), &info) != 0) {
            problem(path, QStringLiteral("stat %1: %2").arg(rate.device, errnoText(errno)), rate.device);
            continue;
        }
        if (!S_ISBLK(info.st_mode)) {
            problem(path, QStringLiteral("%1 is not a block device").arg(rate.device), rate.device);
            continue;
        }
        ThrottleDevice device;
        device.major = major(info.st_rdev);
        device.minor = minor(info.st_rdev);
        device.rate = rate.rate;
        // A device given twice: the last flag wins, as it would in the cgroup file.
        std::erase_if(devices, [&](const ThrottleDevice &d) { return d.major == device.major && d.minor == device.minor; });
        devices.push_back(device);
    }
    return devices;
}

} // namespace

void applyResourceOptions(const ResourceOptions &options, Resources &out, QList<SpecProblem> *problems)
{
    Resources converted = out;
    QList<SpecProblem> found;
    ResourceConverter(options, converted, &found).run();
    if (!found.isEmpty()) {
        problems->append(found);
        return;
    }
    out = std::move(converted);
}

std::optional<std::string> resourcesUpdateJson(const ResourceOptions &options, QString *error)
{
    Resources patch;
    QList<SpecProblem> problems;
    applyResourceOptions(options, patch, &problems);
    if (!problems.isEmpty()) {
        *error = problemsText(problems);
        return std::nullopt;
    }
    return toJsonText(patch);
}

} // namespace hako::cli
