// docker exec: a new process in every namespace and the cgroup of a running container, with
// the same user, capabilities, no-new-privileges and seccomp filter as its PID 1.
//
// Protocol on the control socket (SOCK_SEQPACKET): the caller sends the request as JSON; we
// answer Pty (with the master fd, for a tty), then Exec once the command runs, or Error with
// the failing step; finally Go with "exit N" (N = exit code, or 128 + signal).
#include "monitor.h"

#include "cgroup.h"
#include "error.h"
#include "fs.h"
#include "process_setup.h"
#include "proc.h"
#include "spec.h"
#include "store.h"
#include "sync.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace hako::monitor {

namespace {

struct ExecPlan {
    Process process;
    bool userNamespace = false;
    std::optional<Seccomp> seccomp;
};

ExecPlan planFrom(const Spec &spec, const nlohmann::json &request)
{
    ExecPlan plan;
    plan.process = spec.process;
    plan.userNamespace = spec.hasNamespace(NamespaceType::User);
    plan.seccomp = spec.linux.seccomp;
    Process &p = plan.process;
    p.args = request.at("args").get<std::vector<std::string>>();
    if (p.args.empty())
        throw Error("exec: no command given");
    for (const auto &e : request.value("env", std::vector<std::string>{}))
        p.env.push_back(e);
    if (const auto cwd = request.value("cwd", std::string()); !cwd.empty())
        p.cwd = cwd;
    if (request.contains("uid")) {
        p.user.uid = request["uid"].get<uint32_t>();
        p.user.gid = request.value("gid", uint32_t{0});
        p.user.additionalGids.clear();
    }
    p.terminal = request.value("tty", false);
    p.consoleSize = ConsoleSize{request.value("rows", 24u), request.value("cols", 80u)};
    return plan;
}

uint64_t nsInode(const std::string &path)
{
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// Only the namespaces where the container differs from us: setns refuses to "join" the user
// namespace one is already in.
int namespacesToJoin(pid_t pid)
{
    static const std::pair<const char *, int> kinds[] = {
        {"user", CLONE_NEWUSER}, {"mnt", CLONE_NEWNS},   {"pid", CLONE_NEWPID},
        {"net", CLONE_NEWNET},   {"ipc", CLONE_NEWIPC},  {"uts", CLONE_NEWUTS},
        {"cgroup", CLONE_NEWCGROUP},
    };
    int flags = 0;
    const std::string theirs = "/proc/" + std::to_string(pid) + "/ns/";
    for (const auto &[name, flag] : kinds)
        if (nsInode(theirs + name) != nsInode(std::string("/proc/self/ns/") + name))
            flags |= flag;
    return flags;
}

// Errors go to `errorPipe` (close-on-exec): end-of-file on it means execve succeeded.
[[noreturn]] void runInContainer(const ExecPlan &plan, int control, int errorPipe)
{
    try {
        const Process &p = plan.process;
        resetSignals();
        if (p.terminal) {
            UniqueFd master = setupTerminal(p.consoleSize);
            sendSync(control, SyncType::Pty, {}, master.get());
        } else if (::setsid() < 0) {
            throwSys("setsid");
        }
        applyRlimits(p.rlimits);
        if (!p.noNewPrivileges)
            applySeccomp(plan.seccomp);
        applyUserAndCapabilities(p, plan.userNamespace);
        applyNoNewPrivileges(p.noNewPrivileges);
        changeDirectory(p.cwd);
        closeExtraFdsOnExec();
        if (p.noNewPrivileges)
            applySeccomp(plan.seccomp);
        execProcess(p.args, p.env);
    } catch (const SysError &e) {
        [[maybe_unused]] ssize_t n = ::write(errorPipe, e.what(), std::strlen(e.what()));
        // The shell's convention: 127 for a command that is not there, 126 otherwise.
        ::_exit(e.code() == ENOENT ? 127 : 126);
    } catch (const std::exception &e) {
        [[maybe_unused]] ssize_t n = ::write(errorPipe, e.what(), std::strlen(e.what()));
    }
    ::_exit(126);
}

std::string readAll(int fd)
{
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0)
            out.append(buf, static_cast<size_t>(n));
        else if (n == 0 || errno != EINTR)
            return out;
    }
}

int exitStatusOf(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 255;
}

int runExec(const Options &options, int control)
{
    const StateStore store(options.stateRoot);
    const auto request = receiveSync(control);
    if (!request)
        return 255;
    const ContainerState state = store.loadState(options.id);
    if (const std::string why = whyCannotExec(state); !why.empty())
        throw StateError(why);
    const ParseResult parsed = parseSpec(readFile(store.configPath(options.id)));
    if (!parsed.ok())
        throw Error("config.json: " + parsed.errorText());
    const ExecPlan plan = planFrom(*parsed.spec, nlohmann::json::parse(request->text));

    UniqueFd pidfd = openProcess(state.pid);
    if (!pidfd)
        throw StateError("container " + state.name + " is not running any more");
    // The cgroup first: after setns(mnt) the host's cgroup tree is out of sight.
    makeCgroup(CgroupLayout::detect(options.cgroupRoot), "hako/" + options.id)->addProcess(::getpid());
    if (::setns(pidfd.get(), namespacesToJoin(state.pid.pid)) < 0)
        throwSys("join the namespaces of container " + state.name);
    pidfd.reset();

    int errorPipe[2];
    if (::pipe2(errorPipe, O_CLOEXEC) < 0)
        throwSys("pipe");
    UniqueFd errorRead(errorPipe[0]), errorWrite(errorPipe[1]);
    // A fork is needed to actually enter the PID namespace.
    const pid_t child = ::fork();
    if (child < 0)
        throwSys("fork");
    if (child == 0)
        runInContainer(plan, control, errorWrite.get());
    errorWrite.reset();
    const std::string failure = readAll(errorRead.get());
    sendSync(control, failure.empty() ? SyncType::Exec : SyncType::Error, failure);
    // Stop signals for the exec'd process reach it through us.
    int status = 0;
    while (::waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            throwSys("waitpid");
    const int code = exitStatusOf(status);
    sendSync(control, SyncType::Go, "exit " + std::to_string(code));
    return code;
}

} // namespace

int execShim(const Options &options)
{
    try {
        return runExec(options, options.controlFd);
    } catch (const std::exception &e) {
        try {
            sendSync(options.controlFd, SyncType::Error, e.what());
        } catch (...) {
        }
        return 126;
    }
}

} // namespace hako::monitor
