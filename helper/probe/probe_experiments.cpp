// The active half of the probe: calls the seccomp filter should refuse, the limits of the
// cgroup the probe sits in, and whether its own executable can be written.
#include "probe.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace hako::probe
{

namespace
{

struct Outcome {
    long result = 0;
    int err = 0;
};

// Each call runs in a child: a filter whose action is KILL or TRAP then takes the child,
// and the report says so, instead of ending the probe without a report.
nlohmann::json experiment(const char *syscallName, const char *call, long (*make)())
{
    nlohmann::json out = {{"syscall", syscallName}, {"call", call}};
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        fail("pipe");
    const pid_t child = ::fork();
    if (child < 0)
        fail("fork");
    if (child == 0) {
        Outcome outcome;
        errno = 0;
        outcome.result = make();
        outcome.err = outcome.result < 0 ? errno : 0;
        [[maybe_unused]] const ssize_t n = ::write(fds[1], &outcome, sizeof outcome);
        ::_exit(0);
    }
    ::close(fds[1]);
    Outcome outcome;
    const ssize_t got = ::read(fds[0], &outcome, sizeof outcome);
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (got == static_cast<ssize_t>(sizeof outcome)) {
        out["result"] = outcome.result;
        if (outcome.result < 0)
            out["errno"] = errnoName(outcome.err);
    } else if (WIFSIGNALED(status)) {
        out["signal"] = sigabbrev_np(WTERMSIG(status))
                            ? std::string("SIG") + sigabbrev_np(WTERMSIG(status))
                            : std::to_string(WTERMSIG(status));
    } else {
        out["error"] = "the child reported nothing";
    }
    return out;
}

// Denied by Hako's (and Docker's) default filter whatever the capabilities; harmless when
// let through: create=0 only looks the keyring up.
long keyctlGetKeyringId()
{
    return ::syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0);
}

// The default filter allows personality() only for the values programs use; this one
// (turning address-space randomisation off) is refused. Let through, it changes only the
// child that makes it, which exits at once.
long personalityNoRandomize()
{
    return ::syscall(SYS_personality, ADDR_NO_RANDOMIZE);
}

// v1: "N:cpu,cpuacct:/path"; v2: "0::/path".
struct Membership {
    std::string controllers, path;
};

std::vector<Membership> memberships()
{
    std::vector<Membership> out;
    for (const std::string &line : lines(readText("/proc/self/cgroup"))) {
        const size_t first = line.find(':');
        const size_t second = first == std::string::npos ? first : line.find(':', first + 1);
        if (second != std::string::npos)
            out.push_back({line.substr(first + 1, second - first - 1), line.substr(second + 1)});
    }
    return out;
}

bool lists(const std::string &controllers, const std::string &name)
{
    size_t start = 0;
    while (start <= controllers.size()) {
        size_t end = controllers.find(',', start);
        if (end == std::string::npos)
            end = controllers.size();
        if (controllers.compare(start, end - start, name) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

// The file of our own cgroup: under the hierarchy's mount, at the path /proc/self/cgroup
// gives (with a cgroup namespace that path is "/", the mount's root).
nlohmann::json limitFile(const std::vector<std::string> &candidates)
{
    std::string firstError;
    for (const std::string &path : candidates) {
        try {
            return {{"file", path}, {"value", trimmed(readText(path))}};
        } catch (const ProbeError &e) {
            if (firstError.empty())
                firstError = e.what();
        }
    }
    return {{"error", firstError.empty() ? "no cgroup lists this controller" : firstError}};
}

std::vector<std::string> v1Candidates(const std::vector<Membership> &all,
                                      const std::string &controller, const std::string &file)
{
    for (const Membership &m : all)
        if (lists(m.controllers, controller)) {
            const std::string path = m.path == "/" ? "" : m.path;
            return {"/sys/fs/cgroup/" + m.controllers + path + "/" + file,
                    "/sys/fs/cgroup/" + controller + path + "/" + file,
                    "/sys/fs/cgroup/" + m.controllers + "/" + file};
        }
    return {};
}

std::vector<std::string> v2Candidates(const std::vector<Membership> &all, const std::string &file)
{
    for (const Membership &m : all)
        if (m.controllers.empty()) {
            const std::string path = m.path == "/" ? "" : m.path;
            return {"/sys/fs/cgroup" + path + "/" + file, "/sys/fs/cgroup/" + file};
        }
    return {};
}

// What the probe holds open: only stdio, if the fd it was run from was closed on exec.
nlohmann::json openFds()
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        fail("opendir /proc/self/fd");
    std::vector<std::string> fds;
    while (const dirent *entry = ::readdir(dir))
        if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != ::dirfd(dir))
            fds.push_back(entry->d_name);
    ::closedir(dir);
    std::sort(fds.begin(), fds.end());
    return fds;
}

} // namespace

nlohmann::json seccompExperiments()
{
    return nlohmann::json::array({
        attempt([] {
            return experiment("keyctl",
                              "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0)",
                              keyctlGetKeyringId);
        }),
        attempt([] {
            return experiment("personality", "personality(ADDR_NO_RANDOMIZE)",
                              personalityNoRandomize);
        }),
    });
}

nlohmann::json cgroupView()
{
    return attempt([] {
        const std::vector<Membership> all = memberships();
        nlohmann::json out;
        out["membership"] = lines(readText("/proc/self/cgroup"));
        const bool v1 = !v1Candidates(all, "memory", "x").empty();
        if (v1) {
            out["version"] = 1;
            out["memory"] = limitFile(v1Candidates(all, "memory", "memory.limit_in_bytes"));
            out["pids"] = limitFile(v1Candidates(all, "pids", "pids.max"));
            out["cpu_quota"] = limitFile(v1Candidates(all, "cpu", "cpu.cfs_quota_us"));
            out["cpu_period"] = limitFile(v1Candidates(all, "cpu", "cpu.cfs_period_us"));
        } else {
            out["version"] = 2;
            out["memory"] = limitFile(v2Candidates(all, "memory.max"));
            out["pids"] = limitFile(v2Candidates(all, "pids.max"));
            out["cpu_max"] = limitFile(v2Candidates(all, "cpu.max"));
        }
        return out;
    });
}

nlohmann::json executableView()
{
    nlohmann::json out;
    out["link"] = attempt([] {
        char target[4096];
        const ssize_t n = ::readlink("/proc/self/exe", target, sizeof target - 1);
        if (n < 0)
            fail("readlink /proc/self/exe");
        return nlohmann::json(std::string(target, static_cast<size_t>(n)));
    });
    out["open_fds"] = attempt(openFds);
    // CVE-2019-5736: a container that could write the binary the host runs in it would
    // replace it for the host's next run. Appending one byte is harmless to a running ELF.
    const int fd = ::open("/proc/self/exe", O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) {
        out["open_for_writing"] = errnoName(errno);
        return out;
    }
    out["open_for_writing"] = "ok";
    out["append"] = ::write(fd, "", 1) == 1 ? std::string("ok") : errnoName(errno);
    ::close(fd);
    return out;
}

} // namespace hako::probe
