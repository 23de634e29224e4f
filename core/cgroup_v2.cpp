// The cgroup v2 back end: one directory in the unified hierarchy. Controllers reach it only
// when every ancestor enables them for its children, and limits take v2 units.
#include "cgroup.h"

#include "cgroup_bpf.h"
#include "error.h"
#include "spec.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace hako::cgroup_detail {
namespace {

// What a container's limits need, in the order they are enabled.
constexpr const char *kWantedControllers[] = {"cpu", "memory", "pids", "io", "cpuset"};

// The names in cgroup.controllers or cgroup.subtree_control ("+x" as fixtures keep it).
std::set<std::string> controllerNames(const std::string &path)
{
    std::set<std::string> names;
    std::istringstream words(readCgroupFile(path).value_or(""));
    std::string word;
    while (words >> word)
        names.insert(word.front() == '+' ? word.substr(1) : word);
    return names;
}

// The kernel applies "+a +b" all or nothing; when that fails, enable what it will take one
// by one, so a single refused controller (cpu with realtime tasks in the parent, say) does
// not cost the others. A limit that then has no file fails at apply() with its path.
void enableEach(const std::string &file, const std::vector<std::string> &tokens, bool fixture)
{
    std::optional<SysError> firstError;
    bool anyEnabled = false;
    for (const std::string &token : tokens) {
        try {
            writeCgroupFile(file, token, fixture);
            anyEnabled = true;
        } catch (const SysError &e) {
            if (!firstError)
                firstError = e;
        }
    }
    if (!anyEnabled && firstError)
        throw *firstError;
}

// Enables for the children of `dir` the wanted controllers that `dir` itself has.
void enableControllers(const std::string &dir, bool fixture)
{
    const std::set<std::string> offered = controllerNames(dir + "/cgroup.controllers");
    const std::set<std::string> enabled = controllerNames(dir + "/cgroup.subtree_control");
    std::vector<std::string> tokens;
    std::string all;
    for (const char *name : kWantedControllers) {
        if (offered.count(name) && !enabled.count(name)) {
            tokens.push_back(std::string("+") + name);
            all += (all.empty() ? "" : " ") + tokens.back();
        }
    }
    if (tokens.empty())
        return;
    const std::string file = dir + "/cgroup.subtree_control";
    try {
        writeCgroupFile(file, all, fixture);
    } catch (const SysError &) {
        if (tokens.size() == 1)
            throw;
        enableEach(file, tokens, fixture);
    }
}

std::string limitValue(int64_t value)
{
    return value < 0 ? std::string("max") : std::to_string(value);
}

std::optional<int64_t> setValue(const std::optional<int64_t> &value)
{
    if (value && *value != 0)
        return value;
    return std::nullopt; // OCI tools write 0 for "not set"
}

void applyMemory(const Dir &leaf, const MemoryResources &memory)
{
    const std::optional<int64_t> limit = setValue(memory.limit);
    const std::optional<int64_t> swap = swapLimitToV2(memory.swap, memory.limit);
    const bool swapAsked = setValue(memory.swap) && *memory.swap != -1;
    if (swap && !hasInterfaceFile(leaf, "memory.swap.max")) {
        if (swapAsked)
            throw Error("linux.resources.memory.swap: this host has no swap accounting "
                        "(no memory.swap.max in " + leaf.path + ")");
    } else if (swap) {
        writeCgroupFile(leaf, "memory.swap.max", limitValue(*swap));
    }
    if (limit)
        writeCgroupFile(leaf, "memory.max", limitValue(*limit));
    if (const std::optional<int64_t> low = setValue(memory.reservation))
        writeCgroupFile(leaf, "memory.low", limitValue(*low));
    // v2 has no switch for the OOM killer (memory.oom.group is something else); runc and
    // crun leave disableOOMKiller alone there too.
}

// cpu.max is "QUOTA PERIOD", QUOTA "max" when unlimited; without a period the kernel keeps
// the one it has.
void applyCpu(const Dir &leaf, const CpuResources &cpu)
{
    if (cpu.shares && *cpu.shares != 0)
        writeCgroupFile(leaf, "cpu.weight", std::to_string(cpuSharesToWeight(*cpu.shares)));
    const bool quota = cpu.quota && *cpu.quota != 0;
    const bool period = cpu.period && *cpu.period != 0;
    if (quota || period) {
        std::string value = quota && *cpu.quota > 0 ? std::to_string(*cpu.quota) : "max";
        if (period)
            value += " " + std::to_string(*cpu.period);
        writeCgroupFile(leaf, "cpu.max", value);
    }
    if (!cpu.cpus.empty())
        writeCgroupFile(leaf, "cpuset.cpus", cpu.cpus);
    if (!cpu.mems.empty())
        writeCgroupFile(leaf, "cpuset.mems", cpu.mems);
}

// io.weight (blk-iocost) takes the converted 1..10000 weight; where only BFQ's
// io.bfq.weight exists it takes the blkio value as it is.
void applyIoWeights(const Dir &leaf, const BlockIoResources &io)
{
    const bool bfq = !hasInterfaceFile(leaf, "io.weight") &&
                     hasInterfaceFile(leaf, "io.bfq.weight");
    const char *file = bfq ? "io.bfq.weight" : "io.weight";
    const auto value = [&](uint16_t weight) {
        return std::to_string(bfq ? weight : blkioWeightToIoWeight(weight));
    };
    // io.weight names its default weight "default N"; io.bfq.weight took a bare number
    // before Linux 5.4 and still does.
    if (io.weight && *io.weight != 0)
        writeCgroupFile(leaf, file, (bfq ? "" : "default ") + value(*io.weight));
    for (const WeightDevice &dev : io.weightDevice) {
        if (dev.weight)
            writeCgroupFile(leaf, file, deviceNumber(dev.major, dev.minor) + " " +
                            value(*dev.weight), WriteMode::Command);
    }
}

// io.max takes one line per device with every limit for it: "8:0 rbps=1048576 wiops=100".
void applyIoMax(const Dir &leaf, const BlockIoResources &io)
{
    std::map<std::pair<int64_t, int64_t>, std::string> lines;
    const auto add = [&](const std::vector<ThrottleDevice> &devs, const char *key) {
        for (const ThrottleDevice &dev : devs)
            lines[{dev.major, dev.minor}] += " " + std::string(key) + "=" +
                                             std::to_string(dev.rate);
    };
    add(io.throttleReadBpsDevice, "rbps");
    add(io.throttleWriteBpsDevice, "wbps");
    add(io.throttleReadIOPSDevice, "riops");
    add(io.throttleWriteIOPSDevice, "wiops");
    for (const auto &[dev, limits] : lines)
        writeCgroupFile(leaf, "io.max", deviceNumber(dev.first, dev.second) + limits,
                        WriteMode::Command);
}

// v2 has no devices.allow/devices.deny: the rules become a BPF program attached to the
// cgroup. A fixture directory cannot hold one, so there the rules are only translated, which
// still refuses the ones the kernel could not be asked about.
void applyDevices(const Dir &leaf, const std::vector<DeviceRule> &rules)
{
    if (devicesUnrestricted(rules))
        return; // nothing to enforce: no program, no per-open cost
    if (leaf.fixture)
        buildDeviceProgram(rules);
    else
        attachDeviceProgram(leaf.path, rules);
}

} // namespace

void createV2(const Dir &leaf, const std::vector<std::string> &components)
{
    // From the root down: a controller reaches a cgroup only through every ancestor's
    // cgroup.subtree_control. The leaf's own stays empty, as v2 forbids tasks in a cgroup
    // that hands controllers to children.
    std::string path = leaf.hierarchy;
    for (const std::string &component : components) {
        enableControllers(path, leaf.fixture);
        path += "/" + component;
        makeCgroupDir(path);
    }
}

void applyV2(const Dir &leaf, const Resources &resources)
{
    // First, so rules the kernel refuses (or a verifier rejection) leave no half-applied
    // limits behind.
    applyDevices(leaf, resources.devices);
    if (resources.memory)
        applyMemory(leaf, *resources.memory);
    if (resources.cpu)
        applyCpu(leaf, *resources.cpu);
    if (resources.pids) {
        if (const std::optional<std::string> value = pidsMaxValue(resources.pids->limit))
            writeCgroupFile(leaf, "pids.max", *value);
    }
    if (resources.blockIO) {
        applyIoWeights(leaf, *resources.blockIO);
        applyIoMax(leaf, *resources.blockIO);
    }
}

} // namespace hako::cgroup_detail
