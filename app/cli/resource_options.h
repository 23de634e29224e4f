// Docker's resource flags in Docker's units (--cpus 0.5, -m 100m, --device-write-bps
// /dev/sda:1mb, ...): the one table that `hakoctl run/create/update` and the create dialog's
// Resources tab read, and the one conversion to the spec's linux.resources (OCI, v1 units).
#pragma once

#include "flags.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>

namespace hako {
struct Resources;
}

namespace hako::cli {

struct SpecProblem;

// DEV:RATE of the --device-*-bps/iops flags; the device path is resolved to major:minor by
// the client (stat), as it names a node on this host.
struct DeviceRate {
    QString device; // "/dev/sda"
    uint64_t rate = 0; // bytes/s for bps, operations/s for iops

    friend bool operator==(const DeviceRate &, const DeviceRate &) = default;
};

struct ResourceOptions {
    std::optional<double> cpus;        // --cpus 0.5: quota 50000 per period 100000
    std::optional<uint64_t> cpuShares; // --cpu-shares (relative weight, 1024 by default)
    std::optional<uint64_t> cpuPeriod; // --cpu-period, µs
    std::optional<int64_t> cpuQuota;   // --cpu-quota, µs per period (-1: none)
    QString cpusetCpus;                // --cpuset-cpus "0-1,3"
    QString cpusetMems;                // --cpuset-mems
    std::optional<int64_t> memory;            // -m/--memory, bytes
    std::optional<int64_t> memorySwap;        // --memory-swap, bytes of memory + swap; -1 unlimited
    std::optional<int64_t> memoryReservation; // --memory-reservation, bytes (soft limit)
    bool oomKillDisable = false;              // --oom-kill-disable
    std::optional<int64_t> pidsLimit;         // --pids-limit; 0 or -1: unlimited
    std::optional<uint16_t> blkioWeight;      // --blkio-weight 10..1000
    QList<DeviceRate> deviceReadBps, deviceWriteBps, deviceReadIops, deviceWriteIops;

    bool empty() const;
    friend bool operator==(const ResourceOptions &, const ResourceOptions &) = default;
};

// The flag definitions run, create and update share (update takes the same names).
QList<FlagDef> resourceFlagDefs();

// Every resource flag given; sets `error` with docker's wording for a bad value
// ("invalid argument \"x\" for \"-m, --memory\" flag: invalid size: 'x'").
std::optional<ResourceOptions> resourceOptionsFromArgs(const ParsedArgs &args, QString *error);

// Docker's sizes: "100m", "1.5g", "512k", "1024" (bytes), units b k m g t p, with or without
// a trailing "b", any case; binary multiples (1k = 1024).
std::optional<int64_t> parseByteSize(const QString &text, QString *error);
// The shortest exact docker size for `bytes` ("100m", "1536k", "7").
QString formatByteSize(int64_t bytes);
// "/dev/sda:1mb" (bps: a size) or "/dev/sda:100" (iops: a count).
std::optional<DeviceRate> parseDeviceRate(const QString &text, bool bytes, QString *error);

// The options as linux.resources: the problems (paths such as
// "linux.resources.memory.limit", messages as docker words them: "Minimum memory limit
// allowed is 6MB", "Conflicting options: --cpus and --cpu-quota", a device that is not a
// block device) are appended to `problems` and leave `out` as it was.
void applyResourceOptions(const ResourceOptions &options, Resources &out,
                          QList<SpecProblem> *problems);

// docker update's payload: the options as a linux.resources object holding only the fields
// they set (JSON, for UpdateContainer), or nothing with `error` set (one problem a line).
std::optional<std::string> resourcesUpdateJson(const ResourceOptions &options, QString *error);

// The flags that give `options` back, for the command line the create dialog shows.
QStringList resourceFlagWords(const ResourceOptions &options);

} // namespace hako::cli
