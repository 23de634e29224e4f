// pause, unpause, update and the stats reader: the verbs that act on a container's cgroup
// while it runs. Each state change happens under the container's lock, as start's does.
#include "engine.h"

#include "cgroup.h"
#include "error.h"
#include "fs.h"

#include <algorithm>

namespace hako {

namespace {

// The cgroup hako-monitor made for the container (see helper/monitor/supervise.cpp).
std::string cgroupPathOf(const std::string &id)
{
    return "hako/" + id;
}

bool isLive(const ContainerState &state)
{
    return state.status == Status::Running || state.status == Status::Paused;
}

bool unset(const auto &value)
{
    return !value || *value == 0; // OCI tools write 0 for "not set"
}

// What the old limits left unset goes back to "no limit" (or the kernel's default).
void undoMemory(MemoryResources &memory, const MemoryResources &applied)
{
    for (auto field : {&MemoryResources::limit, &MemoryResources::reservation,
                       &MemoryResources::swap}) {
        if (unset(memory.*field) && !unset(applied.*field))
            memory.*field = -1;
    }
    if (!memory.disableOOMKiller && applied.disableOOMKiller)
        memory.disableOOMKiller = false;
}

void undoCpu(CpuResources &cpu, const CpuResources &applied)
{
    if (unset(cpu.quota) && !unset(applied.quota))
        cpu.quota = -1;
    if (unset(cpu.shares) && !unset(applied.shares))
        cpu.shares = 1024; // the kernel's default
    if (unset(cpu.period) && !unset(applied.period))
        cpu.period = 100000; // the kernel's default
}

// A device throttled only by the new limits is lifted again (rate 0).
void undoThrottles(std::vector<ThrottleDevice> &devices, const std::vector<ThrottleDevice> &applied)
{
    for (const ThrottleDevice &dev : applied) {
        const bool known = std::any_of(devices.begin(), devices.end(), [&](const auto &old) {
            return old.major == dev.major && old.minor == dev.minor;
        });
        if (!known)
            devices.push_back({dev.major, dev.minor, 0});
    }
}

// A change the kernel refused halfway is undone by applying the old limits again, with
// explicit values where the old spec had none: leaving them out would keep the new ones.
// (A cpuset cannot be put back that way: the parent's is not known here.)
Resources rollbackFor(const Resources &old, const Resources &applied)
{
    Resources undo = old;
    undo.devices.clear();
    if (applied.memory)
        undoMemory(undo.memory ? *undo.memory : undo.memory.emplace(), *applied.memory);
    if (applied.cpu)
        undoCpu(undo.cpu ? *undo.cpu : undo.cpu.emplace(), *applied.cpu);
    if (applied.pids && (!undo.pids || undo.pids->limit == 0))
        undo.pids = PidsResources{-1};
    if (applied.blockIO) {
        BlockIoResources &io = undo.blockIO ? *undo.blockIO : undo.blockIO.emplace();
        const BlockIoResources &wanted = *applied.blockIO;
        undoThrottles(io.throttleReadBpsDevice, wanted.throttleReadBpsDevice);
        undoThrottles(io.throttleWriteBpsDevice, wanted.throttleWriteBpsDevice);
        undoThrottles(io.throttleReadIOPSDevice, wanted.throttleReadIOPSDevice);
        undoThrottles(io.throttleWriteIOPSDevice, wanted.throttleWriteIOPSDevice);
    }
    return undo;
}

// A throttle of rate 0 means "no limit": written to the kernel to lift one, but not kept.
Resources withoutLiftedThrottles(Resources resources)
{
    if (!resources.blockIO)
        return resources;
    BlockIoResources &io = *resources.blockIO;
    for (auto *list : {&io.throttleReadBpsDevice, &io.throttleWriteBpsDevice,
                       &io.throttleReadIOPSDevice, &io.throttleWriteIOPSDevice})
        std::erase_if(*list, [](const ThrottleDevice &dev) { return dev.rate == 0; });
    return resources;
}

// The limits the spec would run with, checked by the same rules as a spec's.
void checkResources(const Resources &resources)
{
    const ResourcesParseResult checked = parseResources(toJsonText(resources));
    if (!checked.resources)
        throw SpecError(checked.errorText());
}

Spec storedSpec(const StateStore &store, const std::string &id)
{
    const std::string path = store.configPath(id);
    const ParseResult parsed = parseSpec(readFile(path));
    if (!parsed.ok())
        throw Error(path + ": " + parsed.errorText());
    return *parsed.spec;
}

// Applies `wanted` to the running container's cgroup; if the kernel refuses part of it,
// puts `old` back and rethrows.
void applyLive(Cgroup &cgroup, const Resources &old, const Resources &wanted)
{
    try {
        cgroup.apply(wanted);
    } catch (...) {
        try {
            cgroup.apply(rollbackFor(old, wanted));
        } catch (const std::exception &) {
            // The first error is the one to report; the spec still says what held before.
        }
        throw;
    }
}

void setFrozen(Cgroup &cgroup, const ContainerState &state, bool frozen)
{
    try {
        cgroup.freeze(frozen);
    } catch (const Error &) {
        if (!cgroup.exists())
            throw StateError("container " + state.name + " is not running (it has just ended)");
        throw;
    }
}

} // namespace

void Engine::pause(const std::string &nameOrId)
{
    setPaused(nameOrId, true);
}

void Engine::unpause(const std::string &nameOrId)
{
    setPaused(nameOrId, false);
}

void Engine::setPaused(const std::string &nameOrId, bool paused)
{
    const std::string id = store_.resolve(nameOrId);
    const FileLock lock = store_.lockContainer(id);
    ContainerState state = refreshedState(id);
    const std::string why = paused ? whyCannotPause(state) : whyCannotUnpause(state);
    if (!why.empty())
        throw StateError(why);
    try {
        const auto cgroup = makeCgroup(CgroupLayout::detect(options_.cgroupRoot), cgroupPathOf(id));
        setFrozen(*cgroup, state, paused);
    } catch (const StateError &) {
        throw;
    } catch (...) {
        rethrowWithContext((paused ? "pause " : "unpause ") + state.name);
    }
    state.status = paused ? Status::Paused : Status::Running;
    store_.saveState(state);
}

void Engine::thawAfterSignal(const std::string &id)
{
    const FileLock lock = store_.lockContainer(id);
    ContainerState state = store_.loadState(id);
    if (state.status != Status::Paused)
        return;
    const auto cgroup = makeCgroup(CgroupLayout::detect(options_.cgroupRoot), cgroupPathOf(id));
    try {
        cgroup->freeze(false);
    } catch (const Error &) {
        if (!cgroup->exists())
            return; // it ended; its monitor records that once we let go of the lock
        rethrowWithContext("thaw " + state.name);
    }
    state.status = Status::Running;
    store_.saveState(state);
}

Resources Engine::update(const std::string &nameOrId, const Resources &patch)
{
    const std::string id = store_.resolve(nameOrId);
    const FileLock lock = store_.lockContainer(id);
    const ContainerState state = refreshedState(id);
    if (!patch.devices.empty())
        throw SpecError("linux.resources.devices: device rules cannot be changed once the "
                        "container exists");
    Spec spec = storedSpec(store_, id);
    const Resources old = spec.linux.resources.value_or(Resources{});
    Resources wanted = mergeResources(old, patch);
    checkResources(wanted);
    wanted.devices.clear(); // unchanged, and re-applying would attach a second filter
    try {
        if (isLive(state)) {
            const auto cgroup =
                makeCgroup(CgroupLayout::detect(options_.cgroupRoot), cgroupPathOf(id));
            applyLive(*cgroup, old, wanted);
        }
    } catch (...) {
        rethrowWithContext("update " + state.name);
    }
    Resources kept = withoutLiftedThrottles(mergeResources(old, patch));
    spec.linux.resources = kept;
    writeFileAtomic(store_.configPath(id), toJsonText(spec), 0600);
    return kept;
}

StatsReader Engine::statsReader(const std::string &nameOrId) const
{
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    if (!isLive(state))
        throw StateError("container " + state.name + " is not running (" + state.describe() + ")");
    return StatsReader(CgroupLayout::detect(options_.cgroupRoot), cgroupPathOf(id), state.pid);
}

} // namespace hako
