#include "log_stream.h"

#include "convert.h"
#include "error.h"

#include <fcntl.h>
#include <unistd.h>

namespace hako::helper {

namespace {

// false once the reader has gone (EPIPE; SIGPIPE is ignored in the helper).
bool writeAll(int fd, const std::string &data)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

} // namespace

LogPipe makeLogPipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throwSys("create log pipe");
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

void streamLogs(const EngineOptions &options, const std::string &ref, std::optional<size_t> tail,
                UniqueFd writeEnd)
{
    const Engine engine(options);
    LogOptions logOptions;
    logOptions.tail = tail;
    logOptions.follow = true;
    try {
        engine.logs(ref, logOptions, [&](const LogLine &line) {
            return writeAll(writeEnd.get(), criLine(line));
        });
    } catch (const std::exception &e) {
        // The reply has gone already: the reader learns of the failure in-band.
        writeAll(writeEnd.get(), std::string("hako-helper: ") + e.what() + '\n');
    }
}

} // namespace hako::helper
