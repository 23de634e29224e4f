// wait: until the container has run and is no longer running, like `docker wait` (which, for
// a container that was created and never started, waits for it to start and stop).
#include "engine.h"

#include "error.h"
#include "inotify_watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace hako {

namespace {

using Clock = std::chrono::steady_clock;

bool isLive(const ContainerState &state)
{
    return state.status == Status::Running || state.status == Status::Paused;
}

// Docker's rule: a container that is not running has had its run once it was ever started
// (or a start of it failed), so "created, never started" keeps the waiter waiting.
bool hasRun(const ContainerState &state)
{
    return state.startedAt != 0 || !state.error.empty();
}

// What wakes a waiter: the container's state.json replaced (the monitor and the engine
// write it by rename), the container's directory going away.
constexpr uint32_t kStateChanges = IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF;

// -1 (forever) for a negative timeout, else the milliseconds left until `deadline`.
int millisecondsLeft(std::chrono::milliseconds timeout, Clock::time_point deadline)
{
    if (timeout.count() < 0)
        return -1;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return int(std::clamp<int64_t>(left.count(), 0, 60 * 60 * 1000));
}

} // namespace

std::optional<ContainerState> Engine::wait(const std::string &nameOrId, std::chrono::milliseconds timeout,
                                           int cancelFd) const
{
    const std::string id = store_.resolve(nameOrId);
    const auto deadline = Clock::now() + timeout;
    // Only a container that has not run yet needs the state watch; a running one is waited
    // for on its monitor's pidfd.
    InotifyWatch watch;
    for (;;) {
        const ContainerState state = refreshedState(id);
        if (!isLive(state) && hasRun(state))
            return state;
        UniqueFd process;
        if (isLive(state)) {
            // Its monitor's exit is the end (the monitor records it first); if the monitor
            // is gone, PID 1's own. Neither there: the next refresh shows it stopped.
            process = openProcess(state.monitor);
            if (!process)
                process = openProcess(state.pid);
            if (!process) {
                // Both just ended; the refresh shows it stopped unless a start or stop holds
                // the container's lock right now: look again shortly rather than spin.
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                continue;
            }
        } else if (!watch) {
            watch = InotifyWatch(store_.containerDir(id), kStateChanges);
            continue; // armed: look again, so a start just before the watch is not missed
        }
        pollfd fds[2] = {{process ? process.get() : watch.get(), POLLIN, 0}, {cancelFd, POLLIN, 0}};
        const int rc = ::poll(fds, 2, millisecondsLeft(timeout, deadline));
        if (rc < 0 && errno != EINTR)
            throwSys("poll while waiting for", state.name);
        if (rc == 0)
            return std::nullopt; // timed out
        if (fds[1].revents)
            return std::nullopt; // cancelled
        if (watch)
            watch.drainEvents();
    }
}

} // namespace hako
