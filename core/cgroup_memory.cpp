// The memory controller: limit, reservation (soft limit), swap and the OOM killer switch;
// usage without the inactive file cache (as docker stats shows it), the limit, OOM kills.
#include "cgroup_controllers.h"

#include "error.h"

namespace hako::cgroup_detail {
namespace {

// v1 writes "no limit" as the largest page-aligned number (9223372036854771712 on x86-64);
// anything from 2^62 on is treated the same: no machine has that much memory.
constexpr uint64_t kV1Unlimited = uint64_t{1} << 62;

// memory.memsw.limit_in_bytes bounds memory + swap and must stay at or above
// memory.limit_in_bytes at every moment: raising it goes first, lowering it goes last.
void applyV1Limits(const Dir &mem, std::optional<int64_t> limit, std::optional<int64_t> swap)
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
        const std::optional<std::string> text =
            readCgroupFile(mem.file("memory.memsw.limit_in_bytes"));
        const std::optional<int64_t> current = text ? parseSigned(*text) : std::nullopt;
        swapFirst = *swap == -1 || (current && *current < *swap);
    }
    if (swap && swapFirst)
        writeCgroupFile(mem, "memory.memsw.limit_in_bytes", std::to_string(*swap));
    if (limit)
        writeCgroupFile(mem, "memory.limit_in_bytes", std::to_string(*limit));
    if (swap && !swapFirst)
        writeCgroupFile(mem, "memory.memsw.limit_in_bytes", std::to_string(*swap));
}

// usage − inactive file cache, never below zero (the two files are read at different
// moments, and the usage counter of v1 is batched per cpu).
void setUsage(CgroupStats &out, std::optional<uint64_t> usage, std::optional<uint64_t> inactive)
{
    out.memoryCache = inactive.value_or(0);
    const uint64_t total = usage.value_or(0);
    out.memoryUsage = total > out.memoryCache ? total - out.memoryCache : 0;
}

} // namespace

bool MemoryController::hasLimits(const MemoryResources &memory)
{
    return setValue(memory.limit) || setValue(memory.reservation) || setValue(memory.swap) ||
           memory.disableOOMKiller.has_value();
}

void MemoryController::applyV1(const Dir &dir, const MemoryResources &memory)
{
    applyV1Limits(dir, setValue(memory.limit), setValue(memory.swap));
    if (const std::optional<int64_t> reservation = setValue(memory.reservation))
        writeCgroupFile(dir, "memory.soft_limit_in_bytes", std::to_string(*reservation));
    // Written only when set, so a spec that never mentions it leaves the kernel's default.
    if (memory.disableOOMKiller)
        writeCgroupFile(dir, "memory.oom_control", *memory.disableOOMKiller ? "1" : "0");
}

void MemoryController::applyV2(const Dir &leaf, const MemoryResources &memory)
{
    const std::optional<int64_t> limit = setValue(memory.limit);
    const std::optional<int64_t> swap = swapLimitToV2(memory.swap, memory.limit);
    const bool swapAsked = setValue(memory.swap) && *memory.swap != -1;
    if (swap && !hasInterfaceFile(leaf, "memory.swap.max")) {
        if (swapAsked)
            throw Error("linux.resources.memory.swap: this host has no swap accounting "
                        "(no memory.swap.max in " +
                        leaf.path + ")");
    } else if (swap) {
        writeCgroupFile(leaf, "memory.swap.max", v2LimitValue(*swap));
    }
    if (limit)
        writeCgroupFile(leaf, "memory.max", v2LimitValue(*limit));
    if (const std::optional<int64_t> low = setValue(memory.reservation))
        writeCgroupFile(leaf, "memory.low", v2LimitValue(*low));
    // v2 has no switch for the OOM killer (memory.oom.group is something else); runc and
    // crun leave disableOOMKiller alone there too.
}

void MemoryController::statsV1(const Dir &dir, StatsFiles &files, CgroupStats &out)
{
    const std::optional<std::string> usage = files.read(dir, "memory.usage_in_bytes");
    const std::optional<std::string> stat = files.read(dir, "memory.stat");
    setUsage(out, usage ? parseCount(*usage) : std::nullopt,
             stat ? keyedValue(*stat, "total_inactive_file") : std::nullopt);
    const std::optional<std::string> limit = files.read(dir, "memory.limit_in_bytes");
    const std::optional<uint64_t> bytes = limit ? parseCount(*limit) : std::nullopt;
    out.memoryLimit = bytes && *bytes < kV1Unlimited ? bytes : std::nullopt;
    const std::optional<std::string> oom = files.read(dir, "memory.oom_control");
    out.oomKills = oom ? keyedValue(*oom, "oom_kill").value_or(0) : 0;
}

void MemoryController::statsV2(const Dir &leaf, StatsFiles &files, CgroupStats &out)
{
    const std::optional<std::string> usage = files.read(leaf, "memory.current");
    const std::optional<std::string> stat = files.read(leaf, "memory.stat");
    setUsage(out, usage ? parseCount(*usage) : std::nullopt,
             stat ? keyedValue(*stat, "inactive_file") : std::nullopt);
    const std::optional<std::string> limit = files.read(leaf, "memory.max");
    out.memoryLimit = limit ? parseCount(*limit) : std::nullopt; // "max": no number
    const std::optional<std::string> events = files.read(leaf, "memory.events");
    out.oomKills = events ? keyedValue(*events, "oom_kill").value_or(0) : 0;
}

uint64_t MemoryController::oomKillsV1(const Dir &dir)
{
    const std::optional<std::string> text = readCgroupFileOnce(dir.file("memory.oom_control"));
    return text ? keyedValue(*text, "oom_kill").value_or(0) : 0;
}

uint64_t MemoryController::oomKillsV2(const Dir &leaf)
{
    const std::optional<std::string> text = readCgroupFileOnce(leaf.file("memory.events"));
    return text ? keyedValue(*text, "oom_kill").value_or(0) : 0;
}

} // namespace hako::cgroup_detail
