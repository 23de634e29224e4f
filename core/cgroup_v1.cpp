// The cgroup v1 back end: one directory per controller hierarchy, each limit in the file of
// the controller that owns it.
#include "cgroup.h"

#include "cgroup_bpf.h"
#include "cgroup_controllers.h"
#include "error.h"
#include "spec.h"

#include <algorithm>
#include <cerrno>

namespace hako::cgroup_detail {
namespace {

const Dir *findController(const std::vector<Dir> &dirs, std::string_view controller)
{
    for (const Dir &dir : dirs) {
        if (std::find(dir.controllers.begin(), dir.controllers.end(), controller) !=
            dir.controllers.end())
            return &dir;
    }
    return nullptr;
}

const Dir &requireController(const std::vector<Dir> &dirs, std::string_view controller,
                             std::string_view field)
{
    if (const Dir *dir = findController(dirs, controller))
        return *dir;
    throw Error(std::string(field) + ": the " + std::string(controller) +
                " cgroup controller is not mounted on this host");
}

// A new v1 cpuset starts with empty cpuset.cpus and cpuset.mems, and the kernel refuses
// tasks until both are set (ENOSPC); inherit the parent's. Called top down, so the parent
// has been filled in already, the shared "hako" directory included.
void inheritCpuset(const std::string &parent, const std::string &path, bool fixture)
{
    for (const char *name : {"cpuset.cpus", "cpuset.mems"}) {
        const std::optional<std::string> own = readCgroupFile(path + "/" + name);
        if (own && !trimmed(*own).empty())
            continue;
        const std::optional<std::string> inherited = readCgroupFile(parent + "/" + name);
        if (!inherited || trimmed(*inherited).empty())
            continue;
        writeCgroupFile(path + "/" + name, trimmed(*inherited), fixture);
    }
}

// "c 1:3 rwm"; a missing type, number or access means all of them.
std::string deviceRuleText(const DeviceRule &rule)
{
    const std::string type = rule.type.empty() ? "a" : rule.type;
    const std::string access = rule.access.empty() ? "rwm" : rule.access;
    return type + " " + deviceNumber(rule.major.value_or(-1), rule.minor.value_or(-1)) + " " +
           access;
}

// The unified hierarchy's directory on a hybrid host: the one without v1 controllers.
const Dir *findUnified(const std::vector<Dir> &dirs)
{
    for (const Dir &dir : dirs) {
        if (dir.controllers.empty())
            return &dir;
    }
    return nullptr;
}

// The kernel consults both the v1 devices controller and the device programs of the task's
// cgroup in the unified hierarchy. Either one enforcing the rules is enough: the program is
// tried first (it is what pure v2 hosts use, so it is exercised here too), and the v1 files
// are written only where it cannot be attached (no CONFIG_CGROUP_BPF, bpf() filtered). Doing
// both cost every start a measurable part of its time.
void applyDevices(const std::vector<Dir> &dirs, const std::vector<DeviceRule> &rules)
{
    const Dir *devices = findController(dirs, "devices");
    const Dir *unified = findUnified(dirs);
    const bool bpf = unified && !unified->fixture;
    if (!devices && !bpf)
        requireController(dirs, "devices", "linux.resources.devices"); // throws
    if (bpf && !devicesUnrestricted(rules)) {
        try {
            attachDeviceProgram(unified->path, rules);
            return;
        } catch (const Error &) {
            if (!devices)
                throw;
        }
    }
    // In order: the kernel evaluates each rule against the table the previous ones left.
    for (size_t i = 0; devices && i < rules.size(); ++i)
        writeCgroupFile(*devices, rules[i].allow ? "devices.allow" : "devices.deny",
                        deviceRuleText(rules[i]), WriteMode::Command);
}

} // namespace

void createV1(const std::vector<Dir> &dirs, const std::vector<std::string> &components)
{
    for (const Dir &dir : dirs) {
        const bool cpuset = std::find(dir.controllers.begin(), dir.controllers.end(),
                                      "cpuset") != dir.controllers.end();
        std::string path = dir.hierarchy;
        for (const std::string &component : components) {
            const std::string parent = path;
            path += "/" + component;
            makeCgroupDir(path);
            if (cpuset)
                inheritCpuset(parent, path, dir.fixture);
        }
    }
}

void applyV1(const std::vector<Dir> &dirs, const Resources &resources)
{
    if (resources.memory && MemoryController::hasLimits(*resources.memory))
        MemoryController::applyV1(requireController(dirs, "memory", "linux.resources.memory"),
                                  *resources.memory);
    if (resources.cpu && CpuController::hasLimits(*resources.cpu))
        CpuController::applyV1(requireController(dirs, "cpu", "linux.resources.cpu"),
                               *resources.cpu);
    if (resources.cpu && CpusetController::hasLimits(*resources.cpu))
        CpusetController::apply(requireController(dirs, "cpuset", "linux.resources.cpu"),
                                *resources.cpu);
    if (resources.pids && pidsMaxValue(resources.pids->limit))
        PidsController::apply(requireController(dirs, "pids", "linux.resources.pids"),
                              *resources.pids);
    if (resources.blockIO && BlockIoController::hasLimits(*resources.blockIO))
        BlockIoController::applyV1(requireController(dirs, "blkio", "linux.resources.blockIO"),
                                   *resources.blockIO);
    if (!resources.devices.empty())
        applyDevices(dirs, resources.devices);
}

// A controller the host does not mount leaves its figures at zero.
CgroupStats statsV1(const std::vector<Dir> &dirs, StatsFiles &files)
{
    files.beginSample();
    CgroupStats stats;
    if (const Dir *cpuacct = findController(dirs, "cpuacct"))
        CpuController::usageV1(*cpuacct, files, stats);
    if (const Dir *memory = findController(dirs, "memory"))
        MemoryController::statsV1(*memory, files, stats);
    if (const Dir *pids = findController(dirs, "pids"))
        PidsController::stats(*pids, files, stats);
    if (const Dir *blkio = findController(dirs, "blkio"))
        BlockIoController::statsV1(*blkio, files, stats);
    if (const Dir *freezer = findController(dirs, "freezer"))
        FreezerController::statsV1(*freezer, files, stats);
    return stats;
}

void freezeV1(const std::vector<Dir> &dirs, bool frozen)
{
    FreezerController::freezeV1(requireController(dirs, "freezer", frozen ? "pause" : "unpause"),
                                frozen);
}

uint64_t oomKillsV1(const std::vector<Dir> &dirs)
{
    const Dir *memory = findController(dirs, "memory");
    return memory ? MemoryController::oomKillsV1(*memory) : 0;
}

CpuLimit cpuLimitV1(const std::vector<Dir> &dirs, StatsFiles &files)
{
    CpuLimit limit;
    if (const Dir *cpu = findController(dirs, "cpu"))
        limit.quotaCores = CpuController::quotaCoresV1(*cpu, files);
    const Dir *cpuset = findController(dirs, "cpuset");
    if (!limit.quotaCores && cpuset)
        limit.cpusetCpus = CpusetController::cpuCountV1(*cpuset, files);
    return limit;
}

} // namespace hako::cgroup_detail
