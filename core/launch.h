// Launching a container's PID 1: clone into new namespaces, hand-shake with the child over a
// socketpair (maps and cgroup first, then the child builds its root and execs), and report
// any failure inside the child as the step, the path and the errno text.
#pragma once

#include "fd.h"
#include "rootfs.h"
#include "spec.h"

#include <sys/types.h>

#include <functional>

namespace hako {

class Cgroup;

struct LaunchPlan {
    Spec spec;
    RootfsPlan rootfs;
    // Created (with spec.linux.resources applied) and joined while the child already builds
    // its root, which hides most of what cgroupfs costs.
    Cgroup *cgroup = nullptr;
    // Called once the child is cloned and placed, while it builds its root: the caller
    // records the pid meanwhile. If the launch then fails, the caller undoes that record.
    std::function<void(pid_t)> onCloned;
    // Called while the child builds its root, before it may go on to its command: makes the
    // container's interfaces in its new network namespace (network.h's endpoints). A throw
    // fails the launch with the step named.
    std::function<void(pid_t)> connectNetwork;
    // Without a terminal: the fds the process gets as 0, 1, 2 (inherited from the caller).
    int stdinFd = -1, stdoutFd = -1, stderrFd = -1;
};

struct Launched {
    pid_t pid = -1;
    UniqueFd pidfd;
    UniqueFd ptyMaster; // with process.terminal
};

// Returns once the process has exec'd its command; throws with the child's own error.
Launched launchContainer(const LaunchPlan &plan);

// Clone flags for the namespaces the spec asks to create (cgroup excluded: the child
// unshares it once it sits in its cgroup, so the namespace is rooted there).
unsigned long cloneFlagsFor(const Spec &spec);
// Opens every namespace the spec joins by path, user first; setns happens in the child.
void joinNamespace(const Namespace &ns);
void bringLoopbackUp();

} // namespace hako
