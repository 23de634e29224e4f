// wait: until the container has run and is no longer running, like `docker wait` (which, for
// a container that was created and never started, waits for it to start and stop).
#include "engine.h"

#include "error.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>
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
UniqueFd watchStateChanges(const std::string &containerDir)
{
    UniqueFd watch(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
    if (!watch || ::inotify_add_watch(watch.get(), containerDir.c_str(),
                                      IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF) < 0)
        throwSys("watch", containerDir);
    return watch;
}

// An inotify instance whose close does not hold up the waiter: closing one waits for an RCU
// grace period (~15 ms on these machines), which would sit between a container's exit and
// the answer to every `run` that waited from before the start.
struct StateWatch {
    UniqueFd fd;
    explicit operator bool() const { return bool(fd); }
    StateWatch() = default;
    StateWatch(const StateWatch &) = delete;
    StateWatch &operator=(const StateWatch &) = delete;
    ~StateWatch()
    {
        if (!fd)
            return;
        try {
            std::thread([closing = std::move(fd)] {}).detach();
        } catch (const std::system_error &) {
            // No thread to be had: pay the grace period here (fd still held if the move
            // did not happen; UniqueFd closes it either way).
        }
    }
};

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
    StateWatch watch;
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
            watch.fd = watchStateChanges(store_.containerDir(id));
            continue; // armed: look again, so a start just before the watch is not missed
        }
        pollfd fds[2] = {{process ? process.get() : watch.fd.get(), POLLIN, 0}, {cancelFd, POLLIN, 0}};
        const int rc = ::poll(fds, 2, millisecondsLeft(timeout, deadline));
        if (rc < 0 && errno != EINTR)
            throwSys("poll while waiting for", state.name);
        if (rc == 0)
            return std::nullopt; // timed out
        if (fds[1].revents)
            return std::nullopt; // cancelled
        if (watch) {
            char events[4096];
            while (::read(watch.fd.get(), events, sizeof events) > 0) {
            }
        }
    }
}

} // namespace hako
