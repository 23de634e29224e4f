#include "process_setup.h"

#include "error.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <linux/close_range.h>
#include <sys/capability.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdlib.h>

namespace hako {

namespace {

const std::map<std::string, int, std::less<>> &rlimitTypes()
{
    static const std::map<std::string, int, std::less<>> types{
        {"RLIMIT_AS", RLIMIT_AS},           {"RLIMIT_CORE", RLIMIT_CORE},
        {"RLIMIT_CPU", RLIMIT_CPU},         {"RLIMIT_DATA", RLIMIT_DATA},
        {"RLIMIT_FSIZE", RLIMIT_FSIZE},     {"RLIMIT_LOCKS", RLIMIT_LOCKS},
        {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK}, {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
        {"RLIMIT_NICE", RLIMIT_NICE},       {"RLIMIT_NOFILE", RLIMIT_NOFILE},
        {"RLIMIT_NPROC", RLIMIT_NPROC},     {"RLIMIT_RSS", RLIMIT_RSS},
        {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},   {"RLIMIT_RTTIME", RLIMIT_RTTIME},
        {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING}, {"RLIMIT_STACK", RLIMIT_STACK},
    };
    return types;
}

struct CapFree {
    void operator()(cap_t caps) const { cap_free(caps); }
};
using CapHandle = std::unique_ptr<std::remove_pointer_t<cap_t>, CapFree>;

std::vector<cap_value_t> capValues(const std::vector<std::string> &names)
{
    std::vector<cap_value_t> values;
    for (const auto &name : names) {
        cap_value_t value;
        if (cap_from_name(name.c_str(), &value) < 0)
            throw Error("process.capabilities: unknown capability " + name);
        values.push_back(value);
    }
    return values;
}

bool contains(const std::vector<cap_value_t> &values, cap_value_t v)
{
    return std::find(values.begin(), values.end(), v) != values.end();
}

void dropBounding(const std::vector<cap_value_t> &keep)
{
    for (cap_value_t cap = 0; cap <= CAP_LAST_CAP; ++cap) {
        if (contains(keep, cap) || !CAP_IS_SUPPORTED(cap))
            continue;
        if (cap_drop_bound(cap) < 0 && errno != EINVAL)
            throwSys("drop bounding capability", cap_to_name(cap));
    }
}

void setCapabilitySets(const Capabilities &caps)
{
    CapHandle handle(cap_init());
    const std::pair<const std::vector<std::string> *, cap_flag_t> sets[] = {
        {&caps.effective, CAP_EFFECTIVE},
        {&caps.permitted, CAP_PERMITTED},
        {&caps.inheritable, CAP_INHERITABLE},
    };
    for (const auto &[names, flag] : sets) {
        auto values = capValues(*names);
        if (!values.empty() && cap_set_flag(handle.get(), flag, int(values.size()), values.data(), CAP_SET) < 0)
            throwSys("cap_set_flag");
    }
    if (cap_set_proc(handle.get()) < 0)
        throwSys("set capabilities");
    if (cap_reset_ambient() < 0 && errno != EINVAL)
        throwSys("reset ambient capabilities");
    for (cap_value_t cap : capValues(caps.ambient))
        if (cap_set_ambient(cap, CAP_SET) < 0)
            throwSys("raise ambient capability", cap_to_name(cap));
}

} // namespace

void resetSignals()
{
    // The raw system call: glibc's wrappers refuse its two reserved real-time signals (32 and
    // 33), which posix_spawn leaves ignored in the programs it starts.
    struct KernelSigaction {
        void (*handler)(int);
        unsigned long flags;
        void (*restorer)();
        uint64_t mask;
    } defaultAction{SIG_DFL, 0, nullptr, 0};
    for (int sig = 1; sig < NSIG; ++sig)
        if (sig != SIGKILL && sig != SIGSTOP)
            ::syscall(SYS_rt_sigaction, sig, &defaultAction, nullptr, sizeof(uint64_t));
    sigset_t none;
    sigemptyset(&none);
    if (::sigprocmask(SIG_SETMASK, &none, nullptr) < 0)
        throwSys("sigprocmask");
}

void applyRlimits(const std::vector<Rlimit> &rlimits)
{
    for (const auto &limit : rlimits) {
        const auto type = rlimitTypes().find(limit.type);
        if (type == rlimitTypes().end())
            throw Error("process.rlimits: unknown type " + limit.type);
        const rlimit value{limit.soft, limit.hard};
        if (::setrlimit(type->second, &value) < 0) {
            rlimit host{};
            ::getrlimit(type->second, &host);
            throwSys("setrlimit " + limit.type + " to " + std::to_string(limit.soft) + "/" +
                         std::to_string(limit.hard) + " (host hard limit " +
                         std::to_string(host.rlim_max) + "; raising it needs CAP_SYS_RESOURCE)",
                     "");
        }
    }
}

void applyOomScoreAdj(const std::optional<int> &adj)
{
    if (!adj)
        return;
    UniqueFd fd(::open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC));
    const std::string value = std::to_string(*adj);
    if (!fd || ::write(fd.get(), value.data(), value.size()) < 0)
        throwSys("write", "/proc/self/oom_score_adj");
}

void applyUserAndCapabilities(const Process &process, bool userNamespace)
{
    if (process.capabilities)
        dropBounding(capValues(process.capabilities->bounding));
    // setgroups is refused in a user namespace whose setgroups file says deny.
    const auto &groups = process.user.additionalGids;
    std::vector<gid_t> gids(groups.begin(), groups.end());
    if (::setgroups(gids.size(), gids.data()) < 0 && !(userNamespace && errno == EPERM))
        throwSys("setgroups");
    // Keep the permitted set across the uid change; the effective set is rebuilt below.
    if (::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
        throwSys("prctl PR_SET_KEEPCAPS");
    if (::setresgid(process.user.gid, process.user.gid, process.user.gid) < 0)
        throwSys("setresgid", std::to_string(process.user.gid));
    if (::setresuid(process.user.uid, process.user.uid, process.user.uid) < 0)
        throwSys("setresuid", std::to_string(process.user.uid));
    if (::prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
        throwSys("prctl PR_SET_KEEPCAPS");
    if (process.capabilities)
        setCapabilitySets(*process.capabilities);
    if (process.user.umask)
        ::umask(static_cast<mode_t>(*process.user.umask));
}

void applyNoNewPrivileges(bool enabled)
{
    if (enabled && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        throwSys("prctl PR_SET_NO_NEW_PRIVS");
}

void changeDirectory(const std::string &cwd)
{
    if (::chdir(cwd.empty() ? "/" : cwd.c_str()) < 0)
        throwSys("chdir to process.cwd", cwd);
}

void setWindowSize(int ptyFd, const ConsoleSize &size)
{
    winsize ws{};
    ws.ws_row = static_cast<unsigned short>(size.height);
    ws.ws_col = static_cast<unsigned short>(size.width);
    if (::ioctl(ptyFd, TIOCSWINSZ, &ws) < 0)
        throwSys("set window size");
}

UniqueFd setupTerminal(const std::optional<ConsoleSize> &size)
{
    UniqueFd master(::open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!master)
        throwSys("open", "/dev/pts/ptmx");
    if (::unlockpt(master.get()) < 0)
        throwSys("unlockpt");
    // TIOCGPTPEER opens the slave through the master: no path lookup that could be raced.
    UniqueFd slave(::ioctl(master.get(), TIOCGPTPEER, O_RDWR | O_NOCTTY));
    if (!slave)
        throwSys("open pty slave");
    if (size && size->height && size->width)
        setWindowSize(master.get(), *size);
    if (::setsid() < 0)
        throwSys("setsid");
    if (::ioctl(slave.get(), TIOCSCTTY, 0) < 0)
        throwSys("make the pty the controlling terminal");
    for (int fd = 0; fd < 3; ++fd)
        if (::dup2(slave.get(), fd) < 0)
            throwSys("dup2 pty");
    return master;
}

void closeExtraFdsOnExec()
{
    if (::syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
        throwSys("close_range");
}

std::vector<char *> toArgv(std::vector<std::string> &strings)
{
    std::vector<char *> argv;
    for (auto &s : strings)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    return argv;
}

[[noreturn]] void execProcess(const std::vector<std::string> &args,
                              const std::vector<std::string> &env)
{
    std::vector<std::string> argStrings = args, envStrings = env;
    auto argv = toArgv(argStrings);
    auto envp = toArgv(envStrings);
    // execvpe searches the PATH of our own environment, so use the container's.
    ::clearenv();
    for (const auto &e : env)
        if (e.starts_with("PATH="))
            ::setenv("PATH", e.c_str() + 5, 1);
    ::execvpe(argv[0], argv.data(), envp.data());
    throwSys("exec", args.empty() ? "" : args[0]);
}

[[noreturn]] void execProgramFd(int fd, const std::vector<std::string> &args,
                                const std::vector<std::string> &env)
{
    std::vector<std::string> argStrings = args, envStrings = env;
    auto argv = toArgv(argStrings);
    auto envp = toArgv(envStrings);
    ::syscall(SYS_execveat, fd, "", argv.data(), envp.data(), AT_EMPTY_PATH);
    throwSys("execveat the program passed by fd", args.empty() ? "" : args[0]);
}

} // namespace hako
