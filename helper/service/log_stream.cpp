#include "log_stream.h"

#include "convert.h"
#include "error.h"
#include "fd.h"

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

struct LogPipe {
    UniqueFd readEnd, writeEnd;
};

LogPipe makeLogPipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throwSys("create log pipe");
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

} // namespace

void serveLogStream(const EngineOptions &engineOptions, const std::string &ref, LogOptions options,
                    const LogStreamAnswer &answer)
{
    LogPipe pipe;
    bool answered = false;
    try {
        pipe = makeLogPipe();
        options.follow = true;
        // The write end reports an error once no reader is left: the caller closed its copy.
        options.cancelFd = pipe.writeEnd.get();
        options.onReady = [&] {
            answer(std::nullopt, pipe.readEnd.get());
            answered = true;
            pipe.readEnd.reset(); // the caller's copy is the only one left
        };
        const Engine engine(engineOptions);
        engine.logs(ref, options, [&](const LogLine &line) {
            return writeAll(pipe.writeEnd.get(), criLine(line));
        });
    } catch (const std::exception &e) {
        if (!answered)
            answer(failureFromCurrentException(), -1);
        else // the reply has gone already: the reader learns of the failure in-band
            writeAll(pipe.writeEnd.get(), std::string("hako-helper: ") + e.what() + '\n');
    }
}

} // namespace hako::helper
