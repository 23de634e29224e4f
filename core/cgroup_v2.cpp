// The cgroup v2 back end: one directory in the unified hierarchy. Controllers reach it only
// when every ancestor enables them for its children, and limits take v2 units.
#include "cgroup.h"

#include "cgroup_bpf.h"
#include "cgroup_controllers.h"
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
        MemoryController::applyV2(leaf, *resources.memory);
    if (resources.cpu) {
        CpuController::applyV2(leaf, *resources.cpu);
        CpusetController::apply(leaf, *resources.cpu);
    }
    if (resources.pids)
        PidsController::apply(leaf, *resources.pids);
    if (resources.blockIO)
        BlockIoController::applyV2(leaf, *resources.blockIO);
}

// cpu.stat and cgroup.events exist in every v2 cgroup; the rest only with its controller
// enabled, which leaves those figures at zero.
CgroupStats statsV2(const Dir &leaf, StatsFiles &files)
{
    files.beginSample();
    CgroupStats stats;
    CpuController::usageV2(leaf, files, stats);
    MemoryController::statsV2(leaf, files, stats);
    PidsController::stats(leaf, files, stats);
    BlockIoController::statsV2(leaf, files, stats);
    FreezerController::statsV2(leaf, files, stats);
    return stats;
}

CpuLimit cpuLimitV2(const Dir &leaf, StatsFiles &files)
{
    CpuLimit limit;
    limit.quotaCores = CpuController::quotaCoresV2(leaf, files);
    if (!limit.quotaCores)
        limit.cpusetCpus = CpusetController::cpuCountV2(leaf, files);
    return limit;
}

} // namespace hako::cgroup_detail
