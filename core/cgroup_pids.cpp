// The pids controller: the task limit (pids.max) and the count; the same files in v1 and v2.
#include "cgroup_controllers.h"

namespace hako::cgroup_detail {

void PidsController::apply(const Dir &dir, const PidsResources &pids)
{
    if (const std::optional<std::string> value = pidsMaxValue(pids.limit))
        writeCgroupFile(dir, "pids.max", *value);
}

void PidsController::stats(const Dir &dir, StatsFiles &files, CgroupStats &out)
{
    const std::optional<std::string> current = files.read(dir, "pids.current");
    out.pids = current ? parseCount(*current).value_or(0) : 0;
    const std::optional<std::string> max = files.read(dir, "pids.max");
    out.pidsLimit = max ? parseCount(*max) : std::nullopt; // "max": no number
}

} // namespace hako::cgroup_detail
