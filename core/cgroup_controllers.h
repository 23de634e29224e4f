// One small type per cgroup controller: how its limits are written and its figures read,
// in the files of either back end. The back ends (cgroup_v1.cpp, cgroup_v2.cpp) find the
// directory that carries the controller and hand it over; each type knows only its files.
// Internal to core's cgroup code, like cgroup_detail in cgroup.h.
#pragma once

#include "cgroup.h"
#include "fd.h"
#include "spec.h"
#include "stats.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

namespace hako::cgroup_detail {

// ---- Reading the kernel's files --------------------------------------------------------

// readCgroupFile for the interface files stats read, in one read() (see cgroup.cpp).
std::optional<std::string> readCgroupFileOnce(const std::string &path);
// The whole of an open file, read from offset 0 with pread (seq_files regenerate then);
// false with errno set on failure.
bool readFromStart(int fd, std::string &text);
// A plain decimal count ("123\n"); nullopt for anything else ("max", empty, garbage).
std::optional<uint64_t> parseCount(std::string_view text);
// A signed decimal ("-1\n" in cpu.cfs_quota_us); nullopt for anything else.
std::optional<int64_t> parseSigned(std::string_view text);
// The value of `key` in "key value" lines (memory.stat, cpu.stat, memory.events, …).
std::optional<uint64_t> keyedValue(std::string_view text, std::string_view key);
// The number of cpus in a cpuset list: "0-3,8" → 5; nullopt when empty or malformed.
std::optional<unsigned> countCpus(std::string_view list);

// OCI tools write 0 for "not set" in most resource fields, as runc reads them.
inline std::optional<int64_t> setValue(const std::optional<int64_t> &value)
{
    if (value && *value != 0)
        return value;
    return std::nullopt;
}

// v2 writes "no limit" as "max"; OCI says -1 (any negative number).
inline std::string v2LimitValue(int64_t value)
{
    return value < 0 ? std::string("max") : std::to_string(value);
}

// The files stats() reads, kept open from one sample to the next: reading an open kernfs or
// seq_file from offset 0 has the kernel generate it afresh, and skips the path walk, open
// and close that cost about two thirds of a fresh read (the helper samples every watched
// container each second). Remembers whether a file of the current sample was missing, so
// the caller can tell a cgroup that has gone from a controller that was never there. Not
// thread-safe: one sampler at a time, as StatsReader is used.
class StatsFiles {
  public:
    void beginSample() { anyMissing_ = false; }
    // A file the sample needs: marks the sample when it is missing.
    std::optional<std::string> read(const Dir &dir, std::string_view name);
    // A file that may well be absent (a fallback, a limit): never marks the sample.
    std::optional<std::string> readIfPresent(const std::string &path);
    bool anyMissing() const { return anyMissing_; }

  private:
    std::map<std::string, UniqueFd, std::less<>> open_;
    bool anyMissing_ = false;
};

// ---- The controllers ------------------------------------------------------------------

struct MemoryController {
    static bool hasLimits(const MemoryResources &memory); // a field the files take is set
    static void applyV1(const Dir &dir, const MemoryResources &memory);
    static void applyV2(const Dir &leaf, const MemoryResources &memory);
    // memoryUsage, memoryCache, memoryLimit, oomKills.
    static void statsV1(const Dir &dir, StatsFiles &files, CgroupStats &out);
    static void statsV2(const Dir &leaf, StatsFiles &files, CgroupStats &out);
    static uint64_t oomKillsV1(const Dir &dir);  // memory.oom_control oom_kill (Linux ≥ 4.13)
    static uint64_t oomKillsV2(const Dir &leaf); // memory.events oom_kill
};

// cpu: shares/weight and the CFS quota; cpuacct (v1) or cpu.stat (v2): the usage.
struct CpuController {
    static bool hasLimits(const CpuResources &cpu);
    static void applyV1(const Dir &dir, const CpuResources &cpu);
    static void applyV2(const Dir &leaf, const CpuResources &cpu);
    static void usageV1(const Dir &cpuacct, StatsFiles &files, CgroupStats &out);
    static void usageV2(const Dir &leaf, StatsFiles &files, CgroupStats &out);
    // quota / period in cores; nullopt when unlimited.
    static std::optional<double> quotaCoresV1(const Dir &dir, StatsFiles &files);
    static std::optional<double> quotaCoresV2(const Dir &leaf, StatsFiles &files);
};

struct CpusetController {
    static bool hasLimits(const CpuResources &cpu);
    static void apply(const Dir &dir, const CpuResources &cpu); // same files in v1 and v2
    static std::optional<unsigned> cpuCountV1(const Dir &dir, StatsFiles &files);
    static std::optional<unsigned> cpuCountV2(const Dir &leaf, StatsFiles &files);
};

struct PidsController {
    static void apply(const Dir &dir, const PidsResources &pids); // same files in v1 and v2
    static void stats(const Dir &dir, StatsFiles &files, CgroupStats &out);
};

// v1 blkio, v2 io.
struct BlockIoController {
    static bool hasLimits(const BlockIoResources &io);
    static void applyV1(const Dir &dir, const BlockIoResources &io);
    static void applyV2(const Dir &leaf, const BlockIoResources &io);
    static void statsV1(const Dir &dir, StatsFiles &files, CgroupStats &out);
    static void statsV2(const Dir &leaf, StatsFiles &files, CgroupStats &out);
};

// v1 freezer.state, v2 cgroup.freeze. freeze() returns once the kernel reports the state.
struct FreezerController {
    static void freezeV1(const Dir &dir, bool frozen);
    static void freezeV2(const Dir &leaf, bool frozen);
    static void statsV1(const Dir &dir, StatsFiles &files, CgroupStats &out);
    static void statsV2(const Dir &leaf, StatsFiles &files, CgroupStats &out);
};

// The back ends' halves of Cgroup::stats(), freeze(), oomKills() and cpuLimit().
CgroupStats statsV1(const std::vector<Dir> &dirs, StatsFiles &files);
CgroupStats statsV2(const Dir &leaf, StatsFiles &files);
void freezeV1(const std::vector<Dir> &dirs, bool frozen);
uint64_t oomKillsV1(const std::vector<Dir> &dirs);
CpuLimit cpuLimitV1(const std::vector<Dir> &dirs, StatsFiles &files);
CpuLimit cpuLimitV2(const Dir &leaf, StatsFiles &files);

} // namespace hako::cgroup_detail
