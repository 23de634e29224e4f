// logs: the last N lines without reading a large log from the start, and follow until the
// container stops.
#include "engine.h"

#include "error.h"
#include "inotify_watch.h"
#include "log.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hako {

namespace {

// Offset of the first of the last `lines` lines, reading backwards in blocks.
off_t tailOffset(int fd, size_t lines)
{
    struct stat st;
    if (::fstat(fd, &st) < 0)
        throwSys("stat log");
    off_t end = st.st_size;
    if (lines == 0)
        return end;
    size_t seen = 0;
    char buf[64 * 1024];
    off_t pos = end;
    while (pos > 0) {
        const off_t start = pos > off_t(sizeof buf) ? pos - off_t(sizeof buf) : 0;
        const ssize_t n = ::pread(fd, buf, static_cast<size_t>(pos - start), start);
        if (n <= 0)
            throwSys("read log");
        for (ssize_t i = n - 1; i >= 0; --i) {
            // The newline ending the very last line does not start a line.
            if (buf[i] == '\n' && start + i != end - 1 && ++seen == lines)
                return start + i + 1;
        }
        pos = start;
    }
    return 0;
}

class LogReader {
public:
    LogReader(int fd, const std::function<bool(const LogLine &)> &sink) : fd_(fd), sink_(sink) {}

    // Delivers every complete line now in the file; false once the sink wants no more.
    bool drain()
    {
        char buf[64 * 1024];
        for (;;) {
            const ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throwSys("read log");
            if (n == 0)
                return true;
            pending_.append(buf, static_cast<size_t>(n));
            size_t start = 0, nl;
            while ((nl = pending_.find('\n', start)) != std::string::npos) {
                const auto line = parseLogLine(std::string_view(pending_).substr(start, nl - start));
                start = nl + 1;
                if (line && !sink_(*line)) {
                    return false;
                }
            }
            pending_.erase(0, start);
        }
    }

private:
    int fd_;
    const std::function<bool(const LogLine &)> &sink_;
    std::string pending_;
};

} // namespace

void Engine::logs(const std::string &nameOrId, const LogOptions &options,
                  const std::function<bool(const LogLine &)> &sink) const
{
    const std::string id = store_.resolve(nameOrId);
    const std::string path = store_.logPath(id);
    // A run that starts after this point has a later start time.
    const int64_t startedBefore = options.nextRun ? refreshedState(id).startedAt : 0;
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        if (errno != ENOENT)
            throwSys("open log", path);
        if (!options.follow)
            return; // never started: no output yet
    }
    // Watch before reading, so nothing written in between is missed.
    // Closed in the background: the end of a followed log is the end of `hakoctl run`'s
    // output, which should not wait out the close's grace period.
    InotifyWatch watch;
    if (options.follow) {
        // IN_MOVED_TO: state.json replaced, how a waiting nextRun reader learns of the start.
        watch = InotifyWatch(store_.containerDir(id), IN_MODIFY | IN_CREATE | IN_MOVED_TO);
        if (!fd)
            fd.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_CREAT, 0640));
    }
    if (options.tail && ::lseek(fd.get(), tailOffset(fd.get(), *options.tail), SEEK_SET) < 0)
        throwSys("seek log", path);
    if (options.onReady)
        options.onReady();
    LogReader reader(fd.get(), sink);
    if (!reader.drain() || !options.follow)
        return;
    for (;;) {
        ContainerState state;
        try {
            state = refreshedState(id);
        } catch (const NotFoundError &) {
            break; // removed (auto-remove): the open file still holds every line
        }
        UniqueFd monitor = openProcess(state.monitor);
        const bool awaitingRun = options.nextRun && state.startedAt == startedBefore;
        if (!monitor && !awaitingRun)
            break; // not running: what is in the file is all there will be
        pollfd fds[3] = {{watch.get(), POLLIN, 0}, {monitor.get(), POLLIN, 0}, {options.cancelFd, POLLIN, 0}};
        if (::poll(fds, 3, 1000) < 0 && errno != EINTR)
            throwSys("poll log");
        if (fds[2].revents)
            return;
        watch.drainEvents();
        if (!reader.drain())
            return;
    }
    reader.drain();
}

} // namespace hako
