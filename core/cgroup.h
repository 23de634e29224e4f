// One cgroup interface, two back ends: v1 (a hierarchy per controller, as on hybrid hosts)
// and v2 (the unified hierarchy real desktops run). The cgroup root is a parameter, so tests
// point it at fixture trees; the real one is /sys/fs/cgroup.
#pragma once

#include "stats.h"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace hako {

struct Resources;

enum class CgroupVersion { V1, V2 };

// What the host mounts under the cgroup root.
struct CgroupLayout {
    std::string root = "/sys/fs/cgroup";
    CgroupVersion version = CgroupVersion::V2;
    // v1: controller name → its hierarchy's directory (e.g. "memory" → /sys/fs/cgroup/memory;
    // co-mounted ones like "cpu,cpuacct" map each name to the same directory).
    std::vector<std::pair<std::string, std::string>> v1Controllers;
    // v2 (or the unified mount of a hybrid host): the directory, empty when absent.
    std::string unifiedDir;

    // Reads the layout under `root`: a real cgroupfs or a fixture tree of plain directories.
    static CgroupLayout detect(const std::string &root = "/sys/fs/cgroup");
    std::string describe() const; // "v1 (hybrid: cpu, memory, …; unified at …)" for host info
};

// What a cgroup may use of the CPU: its CFS quota, or else the cpus of its cpuset.
struct CpuLimit {
    std::optional<double> quotaCores;   // quota / period; nullopt: no quota
    std::optional<unsigned> cpusetCpus; // read only when there is no quota
};

// One container's cgroup, across every hierarchy that matters. Created by create(),
// removed by destroy(); the destructor does not remove it (the monitor owns its lifetime).
class Cgroup {
public:
    virtual ~Cgroup() = default;

    virtual void create() = 0;              // mkdir in every hierarchy; idempotent
    virtual void addProcess(pid_t pid) = 0; // cgroup.procs in every hierarchy
    virtual void apply(const Resources &resources) = 0;
    virtual std::vector<pid_t> processes() const = 0;
    // Kills what is left inside, then removes the directories (retrying while the kernel
    // still counts dying tasks). Idempotent; a missing directory is not an error.
    virtual void destroy() = 0;
    virtual bool exists() const = 0;
    // Every directory this cgroup has, for diagnostics and leak checks.
    virtual std::vector<std::string> directories() const = 0;

    // The figures of the moment (stats.h). A controller the host lacks leaves its fields at
    // zero; NotFoundError (naming the directory) once the cgroup itself is gone.
    virtual CgroupStats stats() const = 0;
    // docker pause / unpause: v1 freezer.state FROZEN / THAWED, v2 cgroup.freeze 1 / 0.
    // Returns once the kernel reports the new state (a v1 freezer passes through FREEZING
    // while tasks reach a safe point); throws Error if it does not within a few seconds.
    virtual void freeze(bool frozen) = 0;
    // Processes the kernel's OOM killer took in this cgroup (v1 memory.oom_control oom_kill,
    // v2 memory.events oom_kill); 0 when the kernel does not count them or the cgroup is gone.
    virtual uint64_t oomKills() const = 0;
    virtual CpuLimit cpuLimit() const = 0;
};

// Moving a task between cgroups first waits for an RCU grace period (the kernel's
// cgroup_threadgroup_rwsem enters its writer slow path), several milliseconds, after which
// further moves are fast for a while. A launch would pay that wait while its child sits
// idle; this starts it early, on a thread that "moves" the caller into the cgroup it is
// already in, overlapped with the launch's own preparation. wait() joins it before fork or
// clone. Failures are ignored: the move later simply costs what it costs.
class CgroupMigrationWarmup {
public:
    explicit CgroupMigrationWarmup(const CgroupLayout &layout);
    ~CgroupMigrationWarmup();
    void wait();

private:
    std::thread thread_;
};

// `relativePath` is e.g. "hako/<id>"; it must be relative and contain no "..".
std::unique_ptr<Cgroup> makeCgroup(const CgroupLayout &layout, std::string_view relativePath);

// True when `path` is on a cgroup or cgroup2 file system (statfs magic); false for the plain
// directories of a test fixture, or when `path` cannot be examined.
bool isCgroupFs(const std::string &path);

// OCI resources are written in cgroup v1 units; v2 takes these, converted as runc and crun do.
uint64_t cpuSharesToWeight(uint64_t shares);     // cpu.shares 2..262144 → cpu.weight 1..10000
uint64_t blkioWeightToIoWeight(uint64_t weight); // blkio.weight 10..1000 → io.weight 1..10000
// memory.swap.max from OCI memory.swap (memory + swap) and memory.limit: -1 means "max",
// nullopt leaves the file alone. Throws Error when the two do not fit together.
std::optional<int64_t> swapLimitToV2(std::optional<int64_t> swap, std::optional<int64_t> limit);

// Shared by the back ends in cgroup*.cpp; not an interface for callers.
namespace cgroup_detail {

// One directory of a cgroup, inside one hierarchy.
struct Dir {
    std::string hierarchy;                // the mount it lives under: /sys/fs/cgroup/memory
    std::string path;                     // the cgroup itself: /sys/fs/cgroup/memory/hako/web
    std::vector<std::string> controllers; // v1 controllers of the hierarchy; empty for v2
    bool fixture = false;                 // plain directories standing in for a cgroupfs
    std::string file(std::string_view name) const { return path + "/" + std::string(name); }
};

// Replace: the file holds one value. Command: each write is one rule (devices.allow, io.max);
// fixtures keep every rule as a line, where the kernel would keep them in its own table.
enum class WriteMode { Replace, Command };

// nullopt when the file (or its cgroup) is gone; SysError for anything else.
std::optional<std::string> readCgroupFile(const std::string &path);
// Fixture files are created; on a real cgroupfs a missing file is an error naming the path.
void writeCgroupFile(const std::string &path, std::string_view value, bool fixture,
                     WriteMode mode = WriteMode::Replace);
inline void writeCgroupFile(const Dir &dir, std::string_view name, std::string_view value,
                            WriteMode mode = WriteMode::Replace)
{
    writeCgroupFile(dir.file(name), value, dir.fixture, mode);
}
// Whether the kernel offers interface file `name` in `dir`. A fixture's new directories are
// empty, so there the hierarchy root answers for them.
bool hasInterfaceFile(const Dir &dir, std::string_view name);
std::string trimmed(std::string_view text);
void makeCgroupDir(const std::string &path); // mkdir; an existing directory is fine
std::optional<std::string> pidsMaxValue(int64_t limit); // 0: leave alone; < 0: "max"
std::string deviceNumber(int64_t major, int64_t minor); // "8:0"; a negative number is "*"

void createV1(const std::vector<Dir> &dirs, const std::vector<std::string> &components);
void applyV1(const std::vector<Dir> &dirs, const Resources &resources);
void createV2(const Dir &leaf, const std::vector<std::string> &components);
void applyV2(const Dir &leaf, const Resources &resources);

} // namespace cgroup_detail

} // namespace hako
