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
#include "users.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace hako::monitor {

namespace {

struct ExecPlan {
    Process process;
    std::string userSpec; // -u NAME[:GROUP]: looked up once inside the container
    bool userNamespace = false;
    // The container's filter, compiled (or read from the cache) before we join its mount
    // namespace, where the cache is out of sight.
    std::optional<SeccompProgram> seccomp;
    // ExecRequest::programFd: the caller's executable (a sealed memfd), run by fd instead of
    // looking args[0] up in the container. Close-on-exec, so the process does not keep it.
    int programFd = -1;
};

ExecPlan planFrom(const Spec &spec, const nlohmann::json &request, int programFd)
{
    ExecPlan plan;
    plan.process = spec.process;
    plan.userNamespace = spec.hasNamespace(NamespaceType::User);
    if (spec.linux.seccomp)
        plan.seccomp = compiledSeccomp(*spec.linux.seccomp, kSeccompCacheDir);
    Process &p = plan.process;
    p.args = request.at("args").get<std::vector<std::string>>();
    if (p.args.empty())
        throw Error("exec: no command given");
    // The request's variables override the container's of the same name.
    for (const auto &e : request.value("env", std::vector<std::string>{})) {
        const std::string key = e.substr(0, e.find('='));
        std::erase_if(p.env, [&](const std::string &old) { return old.substr(0, old.find('=')) == key; });
        p.env.push_back(e);
    }
    if (const auto cwd = request.value("cwd", std::string()); !cwd.empty())
        p.cwd = cwd;
    if (request.contains("uid")) {
        p.user.uid = request["uid"].get<uint32_t>();
        p.user.gid = request.at("gid").get<uint32_t>(); // never a silent root group
        p.user.additionalGids.clear();
    }
    plan.userSpec = request.value("user", std::string());
    p.terminal = request.value("tty", false);
    p.consoleSize = ConsoleSize{request.value("rows", 24u), request.value("cols", 80u)};
    if (request.value("program", false)) {
        if (programFd < 0)
            throw Error("exec: the program's fd did not arrive with the request");
        plan.programFd = programFd;
    }
    return plan;
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
        if (namespaceInode(theirs + name) != namespaceInode(std::string("/proc/self/ns/") + name))
            flags |= flag;
    return flags;
}

// Errors go to `errorPipe` (close-on-exec): end-of-file on it means execve succeeded.
[[noreturn]] void runInContainer(const ExecPlan &plan, int control, int errorPipe)
{
    try {
        Process p = plan.process;
        // "/" is the container's root since we joined its mount namespace.
        if (!plan.userSpec.empty())
            applyUserSpecHere(p, plan.userSpec);
        // If the shim dies (its caller killed it), the process goes too, not on in the
        // container unsupervised.
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
            throwSys("prctl PR_SET_PDEATHSIG");
        resetSignals();
        if (p.terminal) {
            UniqueFd master = setupTerminal(p.consoleSize);
            sendSync(control, SyncType::Pty, {}, master.get());
        } else if (::setsid() < 0) {
            throwSys("setsid");
        }
        applyRlimits(p.rlimits);
        applyOomScoreAdj(p.oomScoreAdj);
        if (plan.seccomp && !p.noNewPrivileges)
            applySeccomp(*plan.seccomp);
        applyUserAndCapabilities(p, plan.userNamespace);
        applyNoNewPrivileges(p.noNewPrivileges);
        changeDirectory(p.cwd);
        closeExtraFdsOnExec();
        if (plan.seccomp && p.noNewPrivileges)
            applySeccomp(*plan.seccomp);
        if (plan.programFd >= 0)
            execProgramFd(plan.programFd, p.args, p.env);
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

// Signals sent to us (the caller's Ctrl-C, a stop) are passed on to the exec'd process, so
// the shim behaves like the process it stands for.
int waitRelayingSignals(pid_t child)
{
    static constexpr int kRelayed[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH};
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    for (int sig : kRelayed)
        sigaddset(&set, sig);
    if (::sigprocmask(SIG_BLOCK, &set, nullptr) < 0)
        throwSys("sigprocmask");
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child)
            return status;
        if (done < 0 && errno != EINTR)
            throwSys("waitpid");
        siginfo_t info{};
        if (::sigwaitinfo(&set, &info) > 0 && info.si_signo != SIGCHLD)
            ::kill(child, info.si_signo);
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
    const ExecPlan plan = planFrom(*parsed.spec, nlohmann::json::parse(request->text), request->fd.get());

    // We are about to hold host fds inside the container's namespaces: not ptrace-able, and
    // our /proc files not openable, by anything in there.
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
        throwSys("prctl PR_SET_DUMPABLE");
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
    const std::string failure = readUntilEof(errorRead.get());
    sendSync(control, failure.empty() ? SyncType::Exec : SyncType::Error, failure);
    const int status = waitRelayingSignals(child);
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
