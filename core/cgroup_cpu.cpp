// The cpu controller (shares or weight, the CFS quota and period, the usage counter) and
// the cpuset controller (which cpus and memory nodes).
#include "cgroup_controllers.h"

#include "error.h"

#include <cerrno>
#include <sstream>

namespace hako::cgroup_detail {
namespace {

void applyCfsV1(const Dir &cpu, const CpuResources &res)
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

std::optional<double> cores(std::optional<int64_t> quota, std::optional<int64_t> period)
{
    if (!quota || *quota <= 0 || !period || *period <= 0)
        return std::nullopt;
    return static_cast<double>(*quota) / static_cast<double>(*period);
}

std::optional<int64_t> readSigned(StatsFiles &files, const std::string &path)
{
    const std::optional<std::string> text = files.readIfPresent(path);
    return text ? parseSigned(*text) : std::nullopt;
}

std::optional<unsigned> cpuCountOf(const Dir &dir, StatsFiles &files, const char *effective,
                                   const char *own)
{
    for (const char *name : {effective, own}) {
        if (const std::optional<std::string> text = files.readIfPresent(dir.file(name)))
            if (const std::optional<unsigned> count = countCpus(trimmed(*text)))
                return count;
    }
    return std::nullopt;
}

} // namespace

bool CpuController::hasLimits(const CpuResources &cpu)
{
    return setValue(cpu.quota) || (cpu.period && *cpu.period != 0) ||
           (cpu.shares && *cpu.shares != 0);
}

void CpuController::applyV1(const Dir &dir, const CpuResources &cpu)
{
    if (cpu.shares && *cpu.shares != 0)
        writeCgroupFile(dir, "cpu.shares", std::to_string(*cpu.shares));
    applyCfsV1(dir, cpu);
}

// cpu.max is "QUOTA PERIOD", QUOTA "max" when unlimited; without a period the kernel keeps
// the one it has.
void CpuController::applyV2(const Dir &leaf, const CpuResources &cpu)
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
}

void CpuController::usageV1(const Dir &cpuacct, StatsFiles &files, CgroupStats &out)
{
    const std::optional<std::string> usage = files.read(cpuacct, "cpuacct.usage");
    out.cpuUsageNs = usage ? parseCount(*usage).value_or(0) : 0;
}

void CpuController::usageV2(const Dir &leaf, StatsFiles &files, CgroupStats &out)
{
    const std::optional<std::string> stat = files.read(leaf, "cpu.stat");
    out.cpuUsageNs = stat ? keyedValue(*stat, "usage_usec").value_or(0) * 1000 : 0;
}

std::optional<double> CpuController::quotaCoresV1(const Dir &dir, StatsFiles &files)
{
    const std::optional<int64_t> quota = readSigned(files, dir.file("cpu.cfs_quota_us"));
    if (!quota || *quota <= 0)
        return std::nullopt; // -1: unlimited, and the period need not be read
    return cores(quota, readSigned(files, dir.file("cpu.cfs_period_us")));
}

std::optional<double> CpuController::quotaCoresV2(const Dir &leaf, StatsFiles &files)
{
    const std::optional<std::string> text = files.readIfPresent(leaf.file("cpu.max"));
    if (!text)
        return std::nullopt;
    std::istringstream words(*text);
    std::string quota, period;
    words >> quota >> period;
    if (quota == "max")
        return std::nullopt;
    return cores(parseSigned(quota), parseSigned(period));
}

bool CpusetController::hasLimits(const CpuResources &cpu)
{
    return !cpu.cpus.empty() || !cpu.mems.empty();
}

void CpusetController::apply(const Dir &dir, const CpuResources &cpu)
{
    if (!cpu.cpus.empty())
        writeCgroupFile(dir, "cpuset.cpus", cpu.cpus);
    if (!cpu.mems.empty())
        writeCgroupFile(dir, "cpuset.mems", cpu.mems);
}

std::optional<unsigned> CpusetController::cpuCountV1(const Dir &dir, StatsFiles &files)
{
    return cpuCountOf(dir, files, "cpuset.effective_cpus", "cpuset.cpus");
}

std::optional<unsigned> CpusetController::cpuCountV2(const Dir &leaf, StatsFiles &files)
{
    return cpuCountOf(leaf, files, "cpuset.cpus.effective", "cpuset.cpus");
}

} // namespace hako::cgroup_detail
