// FollowLogs and AttachOutput: a worker copies the container's log, as CRI text lines, into a
// pipe whose read end the caller holds, until the container stops (AttachOutput: until the
// run that follows ends) or the caller closes its end.
#pragma once

#include "engine.h"
#include "errors.h"

#include <functional>
#include <optional>
#include <string>

namespace hako::helper {

// Called once: with the read end to send (the callee dups it) once the log is open and
// positioned, or with the failure when that could not be done (no such container ...).
using LogStreamAnswer = std::function<void(std::optional<Failure> failure, int readEnd)>;

// Blocks (run it on a worker) until the stream ends. `options.follow` and `cancelFd` are set
// here: the stream ends when the reader closes its end, even if the container prints nothing.
// A failure after the answer (the reply has gone) is written into the stream as a line.
void serveLogStream(const EngineOptions &engineOptions, const std::string &ref, LogOptions options,
                    const LogStreamAnswer &answer);

} // namespace hako::helper
