// Hako's own binaries as sealed in-memory copies (CVE-2019-5736). Until its execve, a
// container's process is hako-monitor, and a container command of /proc/self/exe (or a
// script whose interpreter is that) would run it again inside; from there the container
// could open the host's binary through /proc/<pid>/exe and rewrite it once it is no longer
// busy. Executed from a memfd sealed against writes, growing and shrinking, the binary the
// container can reach is that copy, which nobody can change, never the host's file.
#pragma once

#include "fd.h"

#include <string>

namespace hako {

// A new sealed copy of the executable at `path`; `name` shows in /proc/<pid>/exe as
// "/memfd:<name> (deleted)".
UniqueFd sealedCopy(const std::string &path, const std::string &name);

// One sealed copy per path for the life of the process, made again when the file changes
// (a new install): the fd stays owned by the cache (close-on-exec; execute it with
// execveat(fd, "", …, AT_EMPTY_PATH) or the path "/proc/self/fd/<fd>"). Thread-safe.
int cachedSealedCopy(const std::string &path, const std::string &name);

} // namespace hako
