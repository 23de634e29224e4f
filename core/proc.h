// Processes identified safely: a pid alone can be reused, so Hako records each process's
// start time (field 22 of /proc/<pid>/stat) beside it and only acts through a pidfd opened
// while that start time still matches.
#pragma once

#include "fd.h"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace hako {

struct ProcessId {
    pid_t pid = 0;
    uint64_t startTime = 0; // clock ticks since boot, from /proc/<pid>/stat
    bool valid() const { return pid > 0; }
};

// The start time of `pid`, or nullopt if it has gone.
std::optional<uint64_t> processStartTime(pid_t pid);
ProcessId identify(pid_t pid); // throws if the process is gone

// A pidfd for `id`, or an invalid fd if that process (pid + start time) no longer exists.
UniqueFd openProcess(const ProcessId &id);
bool isAlive(const ProcessId &id);

UniqueFd pidfdOpen(pid_t pid);               // throws on failure
// The inode of a namespace file (/proc/<pid>/ns/<kind>): equal inodes, same namespace.
// 0 when it cannot be read.
uint64_t namespaceInode(const std::string &nsFile);

bool pidfdSignal(int pidfd, int signal);     // false if the process has exited
// Waits until the process behind `pidfd` exits; false on timeout. Negative timeout: forever.
bool pidfdWaitExit(int pidfd, std::chrono::milliseconds timeout);

} // namespace hako
