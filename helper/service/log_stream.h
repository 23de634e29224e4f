// FollowLogs: a worker copies the container's log, as CRI text lines, into a pipe whose read
// end the caller holds, until the container stops or the caller closes its end.
#pragma once

#include "engine.h"
#include "fd.h"

#include <optional>
#include <string>

namespace hako::helper {

struct LogPipe {
    UniqueFd readEnd, writeEnd;
};
LogPipe makeLogPipe(); // throws SysError

// Blocks (run it on a worker). Returns normally when done; an EPIPE just ends it.
void streamLogs(const EngineOptions &options, const std::string &ref, std::optional<size_t> tail,
                UniqueFd writeEnd);

} // namespace hako::helper
