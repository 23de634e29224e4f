#include "proc.h"

#include "error.h"
#include "fs.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <string>

namespace hako {

std::optional<uint64_t> processStartTime(pid_t pid)
{
    std::string stat;
    try {
        stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    } catch (const SysError &) {
        return std::nullopt;
    }
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    size_t pos = close + 2; // field 3 starts here
    for (int field = 3; field < 22; ++field) {
        pos = stat.find(' ', pos);
        if (pos == std::string::npos)
            return std::nullopt;
        ++pos;
    }
    return std::stoull(stat.substr(pos, stat.find(' ', pos) - pos));
}

ProcessId identify(pid_t pid)
{
    const auto start = processStartTime(pid);
    if (!start)
        throw Error("process " + std::to_string(pid) + " has exited");
    return {pid, *start};
}

UniqueFd pidfdOpen(pid_t pid)
{
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0)
        throwSys("pidfd_open", std::to_string(pid));
    return UniqueFd(fd);
}

UniqueFd openProcess(const ProcessId &id)
{
    if (!id.valid())
        return {};
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, id.pid, 0));
    if (fd < 0)
        return {};
    UniqueFd pidfd(fd);
    // Checked after opening: if the start time still matches now, the pidfd refers to the
    // process we recorded and can no longer be confused with a later one.
    if (processStartTime(id.pid) != id.startTime)
        return {};
    return pidfd;
}

bool isAlive(const ProcessId &id)
{
    return id.valid() && processStartTime(id.pid) == id.startTime;
}

uint64_t namespaceInode(const std::string &nsFile)
{
    struct stat st {};
    return ::stat(nsFile.c_str(), &st) == 0 ? st.st_ino : 0;
}

bool pidfdSignal(int pidfd, int signal)
{
    if (::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0) == 0)
        return true;
    if (errno == ESRCH)
        return false;
    throwSys("pidfd_send_signal", std::to_string(signal));
}

bool pidfdWaitExit(int pidfd, std::chrono::milliseconds timeout)
{
    pollfd p{pidfd, POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int wait = -1;
        if (timeout.count() >= 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            wait = static_cast<int>(std::max<int64_t>(0, left.count()));
        }
        const int rc = ::poll(&p, 1, wait);
        if (rc > 0)
            return true;
        if (rc == 0)
            return false;
        if (errno != EINTR)
            throwSys("poll pidfd");
    }
}

} // namespace hako
