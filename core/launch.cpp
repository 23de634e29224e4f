#include "launch.h"

#include "cgroup.h"
#include "error.h"
#include "proc.h"
#include "fs.h"
#include "process_setup.h"
#include "sync.h"
#include "users.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>

namespace hako {

namespace {

// struct clone_args of <linux/sched.h>, which clashes with glibc's <sched.h>.
struct CloneArgs {
    uint64_t flags, pidfd, childTid, parentTid, exitSignal, stack, stackSize, tls, setTid,
        setTidSize, cgroup;
};

bool createsNamespace(const Spec &spec, NamespaceType type)
{
    const Namespace *ns = spec.findNamespace(type);
    return ns && ns->path.empty();
}

bool inUserNamespace(const Spec &spec)
{
    return spec.findNamespace(NamespaceType::User) != nullptr;
}

void waitFor(int sync, SyncType type)
{
    const auto msg = receiveSync(sync);
    if (!msg || msg->type != type)
        ::_exit(1); // the parent gave up; it reports why
}

// Joining a v1 cgroup costs the parent an RCU grace period (several ms); the child builds its
// root meanwhile and only waits here, right before it needs to be inside: for the cgroup
// namespace, which is rooted where the process sits when it is created.
class CgroupEntry {
public:
    CgroupEntry(const Spec &spec, int sync) : spec_(spec), sync_(sync) {}
    void operator()()
    {
        if (done_)
            return;
        done_ = true;
        waitFor(sync_, SyncType::CgroupReady);
        if (createsNamespace(spec_, NamespaceType::Cgroup) && ::unshare(CLONE_NEWCGROUP) < 0)
            throwSys("unshare cgroup namespace");
    }

private:
    const Spec &spec_;
    int sync_;
    bool done_ = false;
};

void joinNamespacesByPath(const Spec &spec)
{
    // The user namespace first: it decides what the other joins are allowed to do.
    if (const Namespace *user = spec.findNamespace(NamespaceType::User); user && !user->path.empty())
        joinNamespace(*user);
    for (const auto &ns : spec.linux.namespaces)
        if (!ns.path.empty() && ns.type != NamespaceType::User && ns.type != NamespaceType::Pid)
            joinNamespace(ns);
}

void becomeNamespaceRoot()
{
    if (::setresgid(0, 0, 0) < 0)
        throwSys("setresgid 0 in the user namespace (is container uid/gid 0 mapped?)");
    if (::setresuid(0, 0, 0) < 0)
        throwSys("setresuid 0 in the user namespace (is container uid/gid 0 mapped?)");
}

void useStdio(const LaunchPlan &plan)
{
    const int fds[3] = {plan.stdinFd, plan.stdoutFd, plan.stderrFd};
    for (int target = 0; target < 3; ++target)
        if (fds[target] >= 0 && ::dup2(fds[target], target) < 0)
            throwSys("dup2 stdio");
    if (::setsid() < 0)
        throwSys("setsid");
}

// Go, and before it the remapped lower layers, if any (see remapLayers).
std::vector<RemappedLayer> waitForGo(int sync)
{
    std::vector<RemappedLayer> layers;
    for (;;) {
        auto msg = receiveSync(sync);
        if (!msg)
            ::_exit(1); // the parent gave up; it reports why
        if (msg->type == SyncType::Go)
            return layers;
        if (msg->type != SyncType::Layer)
            ::_exit(1);
        layers.push_back({std::move(msg->fd), msg->text});
    }
}

void buildRootfs(const LaunchPlan &plan, std::vector<RemappedLayer> &layers, CgroupEntry &enterCgroup)
{
    const Spec &spec = plan.spec;
    makeMountsPrivate(spec.linux.rootfsPropagation);
    RootfsPlan overlay = plan.rootfs;
    attachRemappedLayers(overlay, layers);
    mountOverlayRoot(overlay);
    UniqueFd rootFd(::open(plan.rootfs.mergedDir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd)
        throwSys("open", plan.rootfs.mergedDir);
    RootfsPlan rootfs = plan.rootfs;
    rootfs.enterCgroup = [&] { enterCgroup(); };
    mountSpecMounts(spec, rootfs, rootFd.get());
    enterCgroup();
    applySysctls(spec, plan.rootfs, rootFd.get());
    applyMaskedPaths(spec, rootFd.get());
    applyReadonlyPaths(spec, rootFd.get());
    pivotInto(plan.rootfs.mergedDir);
    if (spec.root.readonly)
        remountRootReadonly();
}

void setNames(const Spec &spec)
{
    if (!createsNamespace(spec, NamespaceType::Uts))
        return;
    if (!spec.hostname.empty() && ::sethostname(spec.hostname.data(), spec.hostname.size()) < 0)
        throwSys("sethostname", spec.hostname);
    if (!spec.domainname.empty() &&
        ::setdomainname(spec.domainname.data(), spec.domainname.size()) < 0)
        throwSys("setdomainname", spec.domainname);
}

// The child's whole setup, in the order of the OCI runtime spec and runc/crun.
[[noreturn]] void initSteps(const LaunchPlan &plan, const std::optional<SeccompProgram> &filter,
                            int sync)
{
    const Spec &spec = plan.spec;
    const Process &process = spec.process;
    // Until execve we are the host's hako-monitor with its capabilities and fds: nothing in
    // the container may ptrace us or open our /proc files meanwhile. execve resets this.
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
        throwSys("prctl PR_SET_DUMPABLE");
    resetSignals();
    std::vector<RemappedLayer> layers = waitForGo(sync);
    joinNamespacesByPath(spec);
    if (inUserNamespace(spec))
        becomeNamespaceRoot();
    if (!process.terminal)
        useStdio(plan);
    CgroupEntry enterCgroup(spec, sync);
    buildRootfs(plan, layers, enterCgroup);
    setNames(spec);
    if (createsNamespace(spec, NamespaceType::Network))
        bringLoopbackUp();
    if (process.terminal) {
        UniqueFd master = setupTerminal(process.consoleSize);
        sendSync(sync, SyncType::Pty, {}, master.get());
    }
    applyRlimits(process.rlimits);
    applyOomScoreAdj(process.oomScoreAdj);
    // -u NAME: looked up in the container's own /etc/passwd, now that "/" is its root, and
    // before any filter is loaded: a profile may deny the calls the lookup makes.
    const Process named = withNamedUser(spec);
    // Without no-new-privileges, installing a filter needs CAP_SYS_ADMIN: load it while we
    // still have it. With it, the filter goes last, right before execve.
    // Said first, so that a filter denying a call the rest of the start needs is named as
    // the culprit instead of a silent death.
    if (spec.linux.seccomp)
        sendSync(sync, SyncType::Filter);
    if (filter && !process.noNewPrivileges)
        applySeccomp(*filter);
    applyUserAndCapabilities(named, inUserNamespace(spec));
    applyNoNewPrivileges(process.noNewPrivileges);
    changeDirectory(process.cwd);
    closeExtraFdsOnExec();
    if (filter && process.noNewPrivileges)
        applySeccomp(*filter);
    sendSync(sync, SyncType::Exec);
    execProcess(named.args, named.env);
}

[[noreturn]] void runChild(const LaunchPlan &plan, const std::optional<SeccompProgram> &filter,
                          int sync)
{
    try {
        initSteps(plan, filter, sync);
    } catch (const std::exception &e) {
        try {
            sendSync(sync, SyncType::Error, e.what());
        } catch (...) {
        }
    }
    ::_exit(127);
}

std::string mappingText(const std::vector<IdMapping> &mappings)
{
    std::string text;
    for (const auto &m : mappings)
        text += std::to_string(m.containerID) + " " + std::to_string(m.hostID) + " " +
                std::to_string(m.size) + "\n";
    return text;
}

void writeIdMaps(pid_t pid, const Spec &spec)
{
    const std::string proc = "/proc/" + std::to_string(pid);
    writeFile(proc + "/uid_map", mappingText(spec.linux.uidMappings));
    writeFile(proc + "/gid_map", mappingText(spec.linux.gidMappings));
}

// Joining a PID namespace applies to our next child only (pid_for_children), so it is done
// here, before clone, and undone right after.
class PidNamespaceJoin {
public:
    explicit PidNamespaceJoin(const Spec &spec)
    {
        const Namespace *ns = spec.findNamespace(NamespaceType::Pid);
        if (!ns || ns->path.empty())
            return;
        original_.reset(::open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC));
        joinNamespace(*ns);
    }
    ~PidNamespaceJoin()
    {
        if (original_)
            ::setns(original_.get(), CLONE_NEWPID);
    }

private:
    UniqueFd original_;
};

pid_t cloneChild(const Spec &spec, int *pidfd)
{
    PidNamespaceJoin pidJoin(spec);
    CloneArgs args{};
    args.flags = cloneFlagsFor(spec) | CLONE_PIDFD;
    args.pidfd = reinterpret_cast<uint64_t>(pidfd);
    args.exitSignal = SIGCHLD;
    const long pid = ::syscall(SYS_clone3, &args, sizeof args);
    if (pid < 0)
        throwSys("clone3 with new namespaces");
    return static_cast<pid_t>(pid);
}

} // namespace

Launched launchContainer(const LaunchPlan &originalPlan)
{
    LaunchPlan plan = originalPlan;
    for (const char *ns : {"net", "ipc", "uts"})
        plan.rootfs.launcherNamespaces[ns] = namespaceInode(std::string("/proc/self/ns/") + ns);
    // Compiled (or read from the cache) here, once, not in the child at every start.
    std::optional<SeccompProgram> filter;
    if (plan.spec.linux.seccomp)
        filter = compiledSeccomp(*plan.spec.linux.seccomp, kSeccompCacheDir);
    auto [parentEnd, childEnd] = makeSyncPair();
    int pidfd = -1;
    const pid_t pid = cloneChild(plan.spec, &pidfd);
    if (pid == 0) {
        parentEnd.reset();
        runChild(plan, filter, childEnd.get());
    }
    Launched launched;
    launched.pid = pid;
    launched.pidfd.reset(pidfd);
    childEnd.reset();
    auto reap = [&] {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    };
    try {
        if (createsNamespace(plan.spec, NamespaceType::User)) {
            writeIdMaps(pid, plan.spec);
            // The clones must be made here, by host root: the child may not idmap the host's
            // mounts. They are detached until the child attaches them in its own namespace.
            for (const RemappedLayer &layer : remapLayers(plan.rootfs, pid, plan.spec))
                sendSync(parentEnd.get(), SyncType::Layer, layer.copy, layer.idmapped.get());
        }
        sendSync(parentEnd.get(), SyncType::Go);
    } catch (...) {
        reap();
        throw;
    }
    // The child is already building its root; a failure of ours here must not hide its own.
    std::string cgroupFailure;
    const char *step = "place the container in its cgroup";
    try {
        if (plan.cgroup) {
            plan.cgroup->create();
            if (plan.spec.linux.resources)
                plan.cgroup->apply(*plan.spec.linux.resources);
            plan.cgroup->addProcess(pid);
        }
        step = "connect the container's network";
        if (plan.connectNetwork)
            plan.connectNetwork(pid);
        sendSync(parentEnd.get(), SyncType::CgroupReady);
        step = "record the started container";
        if (plan.onCloned)
            plan.onCloned(pid);
    } catch (const std::exception &e) {
        cgroupFailure = std::string(step) + ": " + e.what();
        ::kill(pid, SIGKILL); // it would wait for CgroupReady forever
    }
    bool execing = false;
    bool filtering = false;
    while (auto msg = receiveSync(parentEnd.get())) {
        if (msg->type == SyncType::Pty)
            launched.ptyMaster = std::move(msg->fd);
        else if (msg->type == SyncType::Filter)
            filtering = true;
        else if (msg->type == SyncType::Exec)
            execing = true;
        else if (msg->type == SyncType::Error) {
            reap();
            throw Error(msg->text);
        }
    }
    if (!cgroupFailure.empty()) {
        reap();
        throw Error(cgroupFailure);
    }
    if (!execing && filtering) {
        reap();
        throw Error("the container's process ended once its seccomp filter was in place, before "
                    "its command started: the profile (linux.seccomp) denies a call the start "
                    "needs — such as execve, sendmsg, setuid/setgid, capset, prctl or chdir");
    }
    if (!execing) {
        reap();
        throw Error("container process exited during setup without saying why");
    }
    return launched;
}

} // namespace hako
