// Docker's resource flags (--cpus, -m, --memory-swap, --pids-limit, --device-write-bps, ...):
// their values in docker's forms and units, docker's words for a bad one, and the
// linux.resources (OCI, cgroup v1 units) they become in the spec and in an update.
#include "command_defs.h"
#include "resource_options.h"
#include "spec_builder.h"

#include "spec.h"

#include "qt_print.h"

#include <QDir>

#include <gtest/gtest.h>

#include <sched.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace hako::cli;

namespace
{

constexpr int64_t kMiB = 1024 * 1024;

std::optional<QString> noEnv(const QString &)
{
    return std::nullopt;
}

QStringList words(const QString &line)
{
    return line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// `hakoctl run LINE busybox` → the resource options, or the error hakoctl prints.
std::optional<ResourceOptions> fromFlags(const QString &line, QString *error, const char *verb = "run")
{
    const auto args = FlagParser(*findCommandDef(QLatin1String(verb))).parse(words(line) << QStringLiteral("busybox"), error);
    if (!args)
        return std::nullopt;
    return resourceOptionsFromArgs(*args, error);
}

QString flagError(const QString &line)
{
    QString error;
    EXPECT_FALSE(fromFlags(line, &error)) << line.toStdString();
    return error;
}

BuiltSpec built(const QString &line)
{
    QString error;
    ContainerOptions options;
    options.resources = fromFlags(line, &error).value_or(ResourceOptions{});
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    return buildSpec(options, noEnv);
}

// The linux.resources hakoctl would send for `line`, read back from the spec's JSON.
hako::Resources resourcesOf(const QString &line)
{
    const BuiltSpec spec = built(line);
    EXPECT_TRUE(spec.json) << (spec.problems.isEmpty() ? "" : spec.problems.first().text().toStdString());
    const auto parsed = hako::parseSpec(spec.json.value_or("{}"), hako::ValidateMode::FromImage);
    EXPECT_TRUE(parsed.ok()) << parsed.errorText();
    if (!parsed.spec || !parsed.spec->linux.resources)
        return {};
    return *parsed.spec->linux.resources;
}

// The one problem buildSpec reports for `line`, as "path: message".
QString problemOf(const QString &line)
{
    const BuiltSpec spec = built(line);
    EXPECT_FALSE(spec.json) << line.toStdString();
    EXPECT_EQ(spec.problems.size(), 1) << line.toStdString();
    return spec.problems.isEmpty() ? QString() : spec.problems.first().text();
}

int availableCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof set, &set);
    return CPU_COUNT(&set);
}

// A block device node of this host (the tests cannot make one), or empty.
QString someBlockDevice()
{
    for (const QString &name : QDir(QStringLiteral("/dev")).entryList(QDir::System)) {
        struct stat info {};
        const QString path = QStringLiteral("/dev/") + name;
        if (::stat(QFile::encodeName(path).constData(), &info) == 0 && S_ISBLK(info.st_mode))
            return path;
    }
    return {};
}

} // namespace

TEST(ResourceSizes, DockerForms)
{
    QString error;
    EXPECT_EQ(parseByteSize(QStringLiteral("100m"), &error), 100 * kMiB);
    EXPECT_EQ(parseByteSize(QStringLiteral("100M"), &error), 100 * kMiB);
    EXPECT_EQ(parseByteSize(QStringLiteral("100mb"), &error), 100 * kMiB);
    EXPECT_EQ(parseByteSize(QStringLiteral("100MiB"), &error), 100 * kMiB);
    EXPECT_EQ(parseByteSize(QStringLiteral("100 m"), &error), 100 * kMiB);
    EXPECT_EQ(parseByteSize(QStringLiteral("1.5g"), &error), 1536 * kMiB);
    EXPECT_EQ(parseByteSize(QStringLiteral("512k"), &error), 512 * 1024);
    EXPECT_EQ(parseByteSize(QStringLiteral("1024"), &error), 1024);
    EXPECT_EQ(parseByteSize(QStringLiteral("7b"), &error), 7);
    EXPECT_EQ(parseByteSize(QStringLiteral("2t"), &error), 2 * kMiB * kMiB);
    EXPECT_EQ(parseByteSize(QStringLiteral("0.5k"), &error), 512);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    for (const char *bad : {"abc", "", "-1", "1.2.3", "10x", "m", "1e3", "99999999999p"}) {
        error.clear();
        EXPECT_FALSE(parseByteSize(QLatin1String(bad), &error)) << bad;
        EXPECT_EQ(error, QStringLiteral("invalid size: '%1'").arg(QLatin1String(bad)));
    }
}

TEST(ResourceSizes, ShortestExactForm)
{
    EXPECT_EQ(formatByteSize(100 * kMiB), QStringLiteral("100m"));
    EXPECT_EQ(formatByteSize(1536 * 1024), QStringLiteral("1536k"));
    EXPECT_EQ(formatByteSize(1024 * kMiB), QStringLiteral("1g"));
    EXPECT_EQ(formatByteSize(7), QStringLiteral("7"));
    EXPECT_EQ(formatByteSize(1025), QStringLiteral("1025"));
    EXPECT_EQ(formatByteSize(-1), QStringLiteral("-1"));
    QString error;
    for (const int64_t bytes : {int64_t(1), int64_t(4096), 3 * kMiB + 1024, 5 * kMiB * kMiB})
        EXPECT_EQ(parseByteSize(formatByteSize(bytes), &error), bytes);
}

TEST(ResourceDeviceRates, DockerForms)
{
    QString error;
    EXPECT_EQ(parseDeviceRate(QStringLiteral("/dev/sda:1mb"), true, &error),
              (DeviceRate{QStringLiteral("/dev/sda"), 1024 * 1024}));
    EXPECT_EQ(parseDeviceRate(QStringLiteral("/dev/sda:500"), true, &error), (DeviceRate{QStringLiteral("/dev/sda"), 500}));
    EXPECT_EQ(parseDeviceRate(QStringLiteral("/dev/vda:100"), false, &error), (DeviceRate{QStringLiteral("/dev/vda"), 100}));
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();

    const auto rejected = [](const char *text, bool bytes) {
        QString why;
        EXPECT_FALSE(parseDeviceRate(QLatin1String(text), bytes, &why)) << text;
        return why;
    };
    EXPECT_EQ(rejected("/dev/sda", true), QStringLiteral("bad format: /dev/sda"));
    EXPECT_EQ(rejected(":1m", true), QStringLiteral("bad format: :1m"));
    EXPECT_EQ(rejected("sda:1m", true), QStringLiteral("bad format for device path: sda:1m"));
    EXPECT_EQ(rejected("/dev/sda:fast", true),
              QStringLiteral("invalid rate for device: /dev/sda:fast. The correct format is "
                             "<device-path>:<number>[<unit>]. Number must be a positive integer. "
                             "Unit is optional and can be kb, mb, or gb"));
    EXPECT_EQ(rejected("/dev/sda:1k", false),
              QStringLiteral("invalid rate for device: /dev/sda:1k. The correct format is "
                             "<device-path>:<number>. Number must be a positive integer"));
    EXPECT_EQ(rejected("/dev/sda:-5", false),
              QStringLiteral("invalid rate for device: /dev/sda:-5. The correct format is "
                             "<device-path>:<number>. Number must be a positive integer"));
}

// pflag's wrapping of each value error, with the reason docker's parser gives.
TEST(ResourceFlags, BadValuesInDockersWords)
{
    EXPECT_EQ(flagError(QStringLiteral("-m abc")),
              QStringLiteral("invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'"));
    EXPECT_EQ(flagError(QStringLiteral("--memory=-5")),
              QStringLiteral("invalid argument \"-5\" for \"-m, --memory\" flag: invalid size: '-5'"));
    EXPECT_EQ(flagError(QStringLiteral("--memory-swap lots")),
              QStringLiteral("invalid argument \"lots\" for \"--memory-swap\" flag: invalid size: 'lots'"));
    EXPECT_EQ(flagError(QStringLiteral("--memory-reservation 1q")),
              QStringLiteral("invalid argument \"1q\" for \"--memory-reservation\" flag: invalid size: '1q'"));
    EXPECT_EQ(flagError(QStringLiteral("--cpus abc")),
              QStringLiteral("invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number"));
    EXPECT_EQ(flagError(QStringLiteral("--cpus 0.0000000001")),
              QStringLiteral("invalid argument \"0.0000000001\" for \"--cpus\" flag: value is too precise"));
    EXPECT_EQ(flagError(QStringLiteral("--cpus 1/3")),
              QStringLiteral("invalid argument \"1/3\" for \"--cpus\" flag: value is too precise"));
    EXPECT_EQ(flagError(QStringLiteral("-c x")),
              QStringLiteral("invalid argument \"x\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing \"x\": invalid syntax"));
    EXPECT_EQ(flagError(QStringLiteral("--cpu-period 1.5")),
              QStringLiteral("invalid argument \"1.5\" for \"--cpu-period\" flag: strconv.ParseInt: parsing \"1.5\": invalid syntax"));
    EXPECT_EQ(flagError(QStringLiteral("--cpu-period -1000")),
              QStringLiteral("invalid argument \"-1000\" for \"--cpu-period\" flag: CPU cfs period can not be "
                             "less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"));
    EXPECT_EQ(flagError(QStringLiteral("--cpu-quota 99999999999999999999")),
              QStringLiteral("invalid argument \"99999999999999999999\" for \"--cpu-quota\" flag: "
                             "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"));
    EXPECT_EQ(flagError(QStringLiteral("--pids-limit ten")),
              QStringLiteral("invalid argument \"ten\" for \"--pids-limit\" flag: strconv.ParseInt: parsing \"ten\": invalid syntax"));
    EXPECT_EQ(flagError(QStringLiteral("--blkio-weight 70000")),
              QStringLiteral("invalid argument \"70000\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing \"70000\": value out of range"));
    EXPECT_EQ(flagError(QStringLiteral("--blkio-weight -1")),
              QStringLiteral("invalid argument \"-1\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing \"-1\": invalid syntax"));
    EXPECT_EQ(flagError(QStringLiteral("--device-read-bps /dev/sda")),
              QStringLiteral("invalid argument \"/dev/sda\" for \"--device-read-bps\" flag: bad format: /dev/sda"));
    EXPECT_EQ(flagError(QStringLiteral("--device-write-iops /dev/sda:fast")),
              QStringLiteral("invalid argument \"/dev/sda:fast\" for \"--device-write-iops\" flag: invalid rate "
                             "for device: /dev/sda:fast. The correct format is <device-path>:<number>. Number "
                             "must be a positive integer"));
    EXPECT_EQ(flagError(QStringLiteral("--device-write-bps /dev/sda:1m --device-write-bps sda:1m")),
              QStringLiteral("invalid argument \"sda:1m\" for \"--device-write-bps\" flag: bad format for device path: sda:1m"));
}

TEST(ResourceFlags, DockersForms)
{
    QString error;
    const auto options = fromFlags(
        QStringLiteral("--cpus 1.5 -c 512 --cpuset-cpus 0 -m 100m --memory-swap -1 --memory-reservation 50m "
                       "--oom-kill-disable --pids-limit 20 --blkio-weight 300 --device-read-bps /dev/sda:1mb "
                       "--device-read-bps /dev/sdb:2k --device-write-iops /dev/sda:100"),
        &error);
    ASSERT_TRUE(options) << error.toStdString();
    EXPECT_EQ(options->cpus, 1.5);
    EXPECT_EQ(options->cpuShares, 512u);
    EXPECT_EQ(options->cpusetCpus, QStringLiteral("0"));
    EXPECT_EQ(options->memory, 100 * kMiB);
    EXPECT_EQ(options->memorySwap, -1);
    EXPECT_EQ(options->memoryReservation, 50 * kMiB);
    EXPECT_TRUE(options->oomKillDisable);
    EXPECT_EQ(options->pidsLimit, 20);
    EXPECT_EQ(options->blkioWeight, 300);
    EXPECT_EQ(options->deviceReadBps, (QList<DeviceRate>{{QStringLiteral("/dev/sda"), 1024 * 1024},
                                                         {QStringLiteral("/dev/sdb"), 2048}}));
    EXPECT_EQ(options->deviceWriteIops, (QList<DeviceRate>{{QStringLiteral("/dev/sda"), 100}}));
    EXPECT_TRUE(options->deviceWriteBps.isEmpty());

    // 0 is docker's "not set" for these; the rational forms --cpus takes.
    EXPECT_TRUE(fromFlags(QStringLiteral("-m 0 --cpus 0 --cpu-quota 0 --blkio-weight 0"), &error)->empty());
    EXPECT_EQ(fromFlags(QStringLiteral("--cpus 3/4"), &error)->cpus, 0.75);
    EXPECT_EQ(fromFlags(QStringLiteral("--cpus 25e-2"), &error)->cpus, 0.25);
    EXPECT_EQ(fromFlags(QStringLiteral("--cpus .5"), &error)->cpus, 0.5);
    // The same flags for update.
    EXPECT_EQ(fromFlags(QStringLiteral("--memory 200m"), &error, "update")->memory, 200 * kMiB);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
}

TEST(ResourceFlags, HelpNamesDockersTypes)
{
    const QString help = helpText(*findCommandDef(QStringLiteral("run")));
    EXPECT_TRUE(help.contains(QStringLiteral("  -m, --memory bytes"))) << help.toStdString();
    EXPECT_TRUE(help.contains(QStringLiteral("      --cpus decimal"))) << help.toStdString();
    EXPECT_TRUE(help.contains(QStringLiteral("      --blkio-weight uint16"))) << help.toStdString();
    EXPECT_TRUE(help.contains(QStringLiteral("      --device-write-bps list"))) << help.toStdString();
    EXPECT_TRUE(helpText(*findCommandDef(QStringLiteral("update"))).contains(QStringLiteral("--pids-limit int")));
}

TEST(ResourceSpec, OciValues)
{
    const hako::Resources cpus = resourcesOf(QStringLiteral("--cpus 0.5"));
    ASSERT_TRUE(cpus.cpu);
    EXPECT_EQ(cpus.cpu->quota, 50000);
    EXPECT_EQ(cpus.cpu->period, 100000u);

    // docker's default for a new container: as much swap again as memory.
    const hako::Resources memory = resourcesOf(QStringLiteral("-m 100m"));
    ASSERT_TRUE(memory.memory);
    EXPECT_EQ(memory.memory->limit, 104857600);
    EXPECT_EQ(memory.memory->swap, 2 * 104857600);

    const hako::Resources all = resourcesOf(
        QStringLiteral("-m 100m --memory-swap -1 --memory-reservation 50m --oom-kill-disable -c 512 "
                       "--cpu-period 50000 --cpu-quota 25000 --cpuset-cpus 0 --cpuset-mems 0 --pids-limit 20 "
                       "--blkio-weight 300"));
    ASSERT_TRUE(all.memory && all.cpu && all.pids && all.blockIO);
    EXPECT_EQ(all.memory->limit, 100 * kMiB);
    EXPECT_EQ(all.memory->swap, -1);
    EXPECT_EQ(all.memory->reservation, 50 * kMiB);
    EXPECT_EQ(all.memory->disableOOMKiller, true);
    EXPECT_EQ(all.cpu->shares, 512u);
    EXPECT_EQ(all.cpu->period, 50000u);
    EXPECT_EQ(all.cpu->quota, 25000);
    EXPECT_EQ(all.cpu->cpus, "0");
    EXPECT_EQ(all.cpu->mems, "0");
    EXPECT_EQ(all.pids->limit, 20);
    EXPECT_EQ(all.blockIO->weight, 300);
    // The default spec's device rules stay.
    EXPECT_FALSE(all.devices.empty());

    // docker's "unlimited" forms become OCI's -1; shares below the kernel's 2 become 2.
    EXPECT_EQ(resourcesOf(QStringLiteral("--pids-limit -1")).pids->limit, -1);
    EXPECT_EQ(resourcesOf(QStringLiteral("--pids-limit 0")).pids->limit, -1);
    EXPECT_EQ(resourcesOf(QStringLiteral("--cpu-quota -1")).cpu->quota, -1);
    EXPECT_EQ(resourcesOf(QStringLiteral("--cpus 0.5 --cpu-quota -1")).cpu->quota, 50000);
    EXPECT_EQ(resourcesOf(QStringLiteral("-c 1")).cpu->shares, 2u);
    EXPECT_EQ(resourcesOf(QStringLiteral("-c 999999")).cpu->shares, 262144u);
}

TEST(ResourceSpec, DeviceThrottlesByMajorMinor)
{
    const QString device = someBlockDevice();
    if (device.isEmpty())
        GTEST_SKIP() << "no block device node in /dev";
    struct stat info {};
    ASSERT_EQ(::stat(QFile::encodeName(device).constData(), &info), 0);
    const hako::Resources resources = resourcesOf(
        QStringLiteral("--device-write-bps %1:1mb --device-read-bps %1:2m --device-read-iops %1:100 "
                       "--device-write-iops %1:5 --device-write-iops %1:7").arg(device));
    ASSERT_TRUE(resources.blockIO);
    const hako::ThrottleDevice expected{int64_t(major(info.st_rdev)), int64_t(minor(info.st_rdev)), 1024 * 1024};
    EXPECT_EQ(resources.blockIO->throttleWriteBpsDevice, std::vector<hako::ThrottleDevice>{expected});
    EXPECT_EQ(resources.blockIO->throttleReadBpsDevice.at(0).rate, 2u * 1024 * 1024);
    EXPECT_EQ(resources.blockIO->throttleReadIOPSDevice.at(0).rate, 100u);
    // The same device twice: the last one, as the cgroup file would keep.
    ASSERT_EQ(resources.blockIO->throttleWriteIOPSDevice.size(), 1u);
    EXPECT_EQ(resources.blockIO->throttleWriteIOPSDevice.at(0).rate, 7u);
}

// The daemon's checks docker makes before anything runs, with its words and the field's path.
TEST(ResourceSpec, DockersRangeChecks)
{
    const int cpus = availableCpus();
    EXPECT_EQ(problemOf(QStringLiteral("-m 1k")), QStringLiteral("linux.resources.memory.limit: Minimum memory limit allowed is 6MB"));
    EXPECT_EQ(problemOf(QStringLiteral("--cpus %1").arg(cpus + 1)),
              QStringLiteral("linux.resources.cpu.quota: Range of CPUs is from 0.01 to %1.00, as there are only %1 CPUs available")
                  .arg(cpus));
    EXPECT_EQ(problemOf(QStringLiteral("--cpus 0.001")),
              QStringLiteral("linux.resources.cpu.quota: Range of CPUs is from 0.01 to %1.00, as there are only %1 CPUs available")
                  .arg(cpus));
    EXPECT_EQ(problemOf(QStringLiteral("--cpus -1")),
              QStringLiteral("linux.resources.cpu.quota: Range of CPUs is from 0.01 to %1.00, as there are only %1 CPUs available")
                  .arg(cpus));
    EXPECT_EQ(problemOf(QStringLiteral("--cpus 0.5 --cpu-period 50000")),
              QStringLiteral("linux.resources.cpu.period: Conflicting options: Nano CPUs and CPU Period cannot both be set"));
    EXPECT_EQ(problemOf(QStringLiteral("--cpus 0.5 --cpu-quota 50000")),
              QStringLiteral("linux.resources.cpu.quota: Conflicting options: Nano CPUs and CPU Quota cannot both be set"));
    EXPECT_EQ(problemOf(QStringLiteral("-m 100m --memory-swap 50m")),
              QStringLiteral("linux.resources.memory.swap: Minimum memoryswap limit should be larger than memory limit, see usage"));
    EXPECT_EQ(problemOf(QStringLiteral("--memory-swap 200m")),
              QStringLiteral("linux.resources.memory.swap: You should always set the Memory limit when using Memoryswap limit, see usage"));
    EXPECT_EQ(problemOf(QStringLiteral("--memory-reservation 1m")),
              QStringLiteral("linux.resources.memory.reservation: Minimum memory reservation allowed is 6MB"));
    EXPECT_EQ(problemOf(QStringLiteral("-m 10m --memory-reservation 20m")),
              QStringLiteral("linux.resources.memory.limit: Minimum memory limit can not be less than memory reservation limit, see usage"));
    EXPECT_EQ(problemOf(QStringLiteral("--cpu-period 10")),
              QStringLiteral("linux.resources.cpu.period: CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"));
    EXPECT_EQ(problemOf(QStringLiteral("--cpu-quota 10")),
              QStringLiteral("linux.resources.cpu.quota: CPU cfs quota can not be less than 1ms (i.e. 1000)"));
    EXPECT_EQ(problemOf(QStringLiteral("--blkio-weight 5")),
              QStringLiteral("linux.resources.blockIO.weight: Range of blkio weight is from 10 to 1000"));
    EXPECT_EQ(problemOf(QStringLiteral("--cpuset-cpus 0-4096")),
              QStringLiteral("linux.resources.cpu.cpus: Requested CPUs are not available - requested 0-4096, available: ") +
                  QString::fromLatin1([] {
                      QFile online(QStringLiteral("/sys/devices/system/cpu/online"));
                      return online.open(QIODevice::ReadOnly) ? online.readAll().trimmed() : QByteArray("0");
                  }()));
    EXPECT_EQ(problemOf(QStringLiteral("--cpuset-cpus a")),
              QStringLiteral("linux.resources.cpu.cpus: Invalid value a for cpuset cpus: invalid format: a"));
    EXPECT_EQ(problemOf(QStringLiteral("--cpuset-mems 3-1")),
              QStringLiteral("linux.resources.cpu.mems: Invalid value 3-1 for cpuset mems: invalid format: 3-1"));
    EXPECT_EQ(problemOf(QStringLiteral("--device-read-bps /dev/null:1m")),
              QStringLiteral("linux.resources.blockIO.throttleReadBpsDevice[0]: /dev/null is not a block device"));
    EXPECT_EQ(problemOf(QStringLiteral("--device-write-iops /dev/no-such-disk:10")),
              QStringLiteral("linux.resources.blockIO.throttleWriteIOPSDevice[0]: stat /dev/no-such-disk: no such file or directory"));
}

TEST(ResourceSpec, ProblemsLeaveTheResourcesAsTheyWere)
{
    hako::Resources resources;
    resources.pids = hako::PidsResources{50};
    const hako::Resources before = resources;
    ResourceOptions options;
    options.pidsLimit = 20;
    options.memory = 1024; // below docker's 6MB
    QList<SpecProblem> problems;
    applyResourceOptions(options, resources, &problems);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.first().path, QStringLiteral("linux.resources.memory.limit"));
    EXPECT_TRUE(resources == before);

    options.memory.reset();
    problems.clear();
    applyResourceOptions(options, resources, &problems);
    EXPECT_TRUE(problems.isEmpty());
    EXPECT_EQ(resources.pids->limit, 20);
}

// docker update sends the fields given and nothing else: the swap of a new container's
// default is not invented here, and the checks are the same.
TEST(ResourceUpdate, PatchHoldsOnlyTheFlagsGiven)
{
    QString error;
    const auto options = fromFlags(QStringLiteral("--memory 200m --pids-limit -1"), &error, "update");
    ASSERT_TRUE(options) << error.toStdString();
    const auto json = resourcesUpdateJson(*options, &error);
    ASSERT_TRUE(json) << error.toStdString();
    const auto parsed = hako::parseResources(*json);
    ASSERT_TRUE(parsed.resources) << parsed.errorText() << " in " << *json;
    ASSERT_TRUE(parsed.resources->memory);
    EXPECT_EQ(parsed.resources->memory->limit, 200 * kMiB);
    EXPECT_FALSE(parsed.resources->memory->swap);
    EXPECT_EQ(parsed.resources->pids->limit, -1);
    EXPECT_FALSE(parsed.resources->cpu);
    EXPECT_TRUE(parsed.resources->devices.empty());

    EXPECT_FALSE(resourcesUpdateJson(*fromFlags(QStringLiteral("-m 1m"), &error, "update"), &error));
    EXPECT_EQ(error, QStringLiteral("linux.resources.memory.limit: Minimum memory limit allowed is 6MB"));
}
