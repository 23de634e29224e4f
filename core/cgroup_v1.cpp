// The cgroup v1 back end: one directory per controller hierarchy, each limit in the file of
// the controller that owns it.
#include "cgroup.h"

#include "cgroup_bpf.h"
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

std::optional<int64_t> readNumber(const std::string &path)
{
    const std::optional<std::string> text = readCgroupFile(path);
    if (!text)
        return std::nullopt;
    try {
        return std::stoll(trimmed(*text));
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

// OCI tools write 0 for "not set" in these fields, as runc reads them.
std::optional<int64_t> setValue(const std::optional<int64_t> &value)
{
    if (value && *value != 0)
        return value;
    return std::nullopt;
}

// memory.memsw.limit_in_bytes bounds memory + swap and must stay at or above
// memory.limit_in_bytes at every moment: raising it goes first, lowering it goes last.
void applyMemoryLimits(const Dir &mem, std::optional<int64_t> limit, std::optional<int64_t> swap)
{
    const bool hasMemsw = hasInterfaceFile(mem, "memory.memsw.limit_in_bytes");
    if (swap && !hasMemsw) {
        if (*swap != -1)
            throw Error("linux.resources.memory.swap: this host has no swap accounting "
                        "(no memory.memsw.limit_in_bytes; boot with swapaccount=1)");
        swap.reset(); // unlimited is what no accounting gives anyway
    }
    // An unlimited memory limit would be refused under a lower memsw limit; lift both.
    if (limit == -1 && !swap && hasMemsw)
        swap = -1;
    bool swapFirst = false;
    if (swap) {
        const std::optional<int64_t> current = readNumber(mem.file("memory.memsw.limit_in_bytes"));
        swapFirst = *swap == -1 || (current && *current < *swap);
    }
    if (swap && swapFirst)
        writeCgroupFile(mem, "memory.memsw.limit_in_bytes", std::to_string(*swap));
    if (limit)
        writeCgroupFile(mem, "memory.limit_in_bytes", std::to_string(*limit));
    if (swap && !swapFirst)
        writeCgroupFile(mem, "memory.memsw.limit_in_bytes", std::to_string(*swap));
}

void applyMemory(const std::vector<Dir> &dirs, const MemoryResources &memory)
{
    const std::optional<int64_t> limit = setValue(memory.limit);
    const std::optional<int64_t> reservation = setValue(memory.reservation);
    const std::optional<int64_t> swap = setValue(memory.swap);
    const bool disableOom = memory.disableOOMKiller.value_or(false);
    if (!limit && !reservation && !swap && !disableOom)
        return;
    const Dir &mem = requireController(dirs, "memory", "linux.resources.memory");
    applyMemoryLimits(mem, limit, swap);
    if (reservation)
        writeCgroupFile(mem, "memory.soft_limit_in_bytes", std::to_string(*reservation));
    if (disableOom)
        writeCgroupFile(mem, "memory.oom_control", "1");
}

void applyCfs(const Dir &cpu, const CpuResources &res)
{
    const std::optional<int64_t> quota = setValue(res.quota);
    if (res.period && *res.period != 0) {
        const std::string period = std::to_string(*res.period);
        try {
            writeCgroupFile(cpu, "cpu.cfs_period_us", period);
        } catch (const SysError &e) {
            // A shorter period can leave the current quota out of bounds; with the new
            // quota in place first, the same period goes through.
            if (e.code() != EINVAL || !quota)
                throw;
            writeCgroupFile(cpu, "cpu.cfs_quota_us", std::to_string(*quota));
            writeCgroupFile(cpu, "cpu.cfs_period_us", period);
            return;
        }
    }
    if (quota)
        writeCgroupFile(cpu, "cpu.cfs_quota_us", std::to_string(*quota));
}

void applyCpu(const std::vector<Dir> &dirs, const CpuResources &res)
{
    const bool cfs = (res.quota && *res.quota != 0) || (res.period && *res.period != 0);
    const bool shares = res.shares && *res.shares != 0;
    if (cfs || shares) {
        const Dir &cpu = requireController(dirs, "cpu", "linux.resources.cpu");
        if (shares)
            writeCgroupFile(cpu, "cpu.shares", std::to_string(*res.shares));
        applyCfs(cpu, res);
    }
    if (!res.cpus.empty() || !res.mems.empty()) {
        const Dir &cpuset = requireController(dirs, "cpuset", "linux.resources.cpu");
        if (!res.cpus.empty())
            writeCgroupFile(cpuset, "cpuset.cpus", res.cpus);
        if (!res.mems.empty())
            writeCgroupFile(cpuset, "cpuset.mems", res.mems);
    }
}

void applyPids(const std::vector<Dir> &dirs, const PidsResources &pids)
{
    if (const std::optional<std::string> value = pidsMaxValue(pids.limit))
        writeCgroupFile(requireController(dirs, "pids", "linux.resources.pids"), "pids.max",
                        *value);
}

// CFQ named its files blkio.weight*, BFQ (the only proportional scheduler on current
// kernels) blkio.bfq.weight*; use whichever this kernel has.
std::string weightFile(const Dir &blkio, const std::string &suffix)
{
    if (!hasInterfaceFile(blkio, "blkio.weight" + suffix) &&
        hasInterfaceFile(blkio, "blkio.bfq.weight" + suffix))
        return "blkio.bfq.weight" + suffix;
    return "blkio.weight" + suffix;
}

void writeThrottle(const Dir &blkio, const char *file, const std::vector<ThrottleDevice> &devs)
{
    for (const ThrottleDevice &dev : devs)
        writeCgroupFile(blkio, file, deviceNumber(dev.major, dev.minor) + " " +
                        std::to_string(dev.rate), WriteMode::Command);
}

void applyBlockIo(const std::vector<Dir> &dirs, const BlockIoResources &io)
{
    const bool any = io.weight || !io.weightDevice.empty() || !io.throttleReadBpsDevice.empty() ||
                     !io.throttleWriteBpsDevice.empty() || !io.throttleReadIOPSDevice.empty() ||
                     !io.throttleWriteIOPSDevice.empty();
    if (!any)
        return;
    const Dir &blkio = requireController(dirs, "blkio", "linux.resources.blockIO");
    if (io.weight && *io.weight != 0)
        writeCgroupFile(blkio, weightFile(blkio, ""), std::to_string(*io.weight));
    for (const WeightDevice &dev : io.weightDevice) {
        if (dev.weight)
            writeCgroupFile(blkio, weightFile(blkio, "_device"),
                            deviceNumber(dev.major, dev.minor) + " " +
                                std::to_string(*dev.weight),
                            WriteMode::Command);
    }
    writeThrottle(blkio, "blkio.throttle.read_bps_device", io.throttleReadBpsDevice);
    writeThrottle(blkio, "blkio.throttle.write_bps_device", io.throttleWriteBpsDevice);
    writeThrottle(blkio, "blkio.throttle.read_iops_device", io.throttleReadIOPSDevice);
    writeThrottle(blkio, "blkio.throttle.write_iops_device", io.throttleWriteIOPSDevice);
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
    if (resources.memory)
        applyMemory(dirs, *resources.memory);
    if (resources.cpu)
        applyCpu(dirs, *resources.cpu);
    if (resources.pids)
        applyPids(dirs, *resources.pids);
    if (resources.blockIO)
        applyBlockIo(dirs, *resources.blockIO);
    if (!resources.devices.empty())
        applyDevices(dirs, resources.devices);
}

} // namespace hako::cgroup_detail
