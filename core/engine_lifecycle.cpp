// start, stop, kill and remove: each checks the state first and says why it refuses.
#include "engine.h"

#include "cgroup.h"
#include "engine_network_support.h"
#include "error.h"
#include "sealed_binary.h"
#include "fs.h"
#include "namespace_joins.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hako {

namespace {

std::string readStatusLine(int fd)
{
    std::string out = readUntilEof(fd);
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

void waitStopped(const ContainerState &state, std::chrono::milliseconds timeout, bool *timedOut)
{
    // The monitor exits after recording the end, so waiting for it waits for the record.
    UniqueFd fd = openProcess(state.monitor);
    if (!fd)
        fd = openProcess(state.pid);
    *timedOut = fd && !pidfdWaitExit(fd.get(), timeout);
}

// The config the monitor reads, with the namespaces joined from other containers resolved
// and the network's files (resolv.conf, hosts, hostname; from `networkMounts`, given the
// stored spec) mounted, for this one launch; the stored config is put back afterwards, so
// what the container was created with is what inspect shows.
class ResolvedLaunchConfig {
public:
    ResolvedLaunchConfig(std::string path, const ContainerLookup &lookup,
                         const std::function<std::vector<Mount>(const Spec &)> &networkMounts)
        : path_(std::move(path))
    {
        std::string stored = readFile(path_);
        // Most containers join nothing and are on no network: no need to parse their config
        // on every start.
        const bool joins = stored.find(kJoinAnnotationPrefix) != std::string::npos;
        const bool networked = stored.find(kNetworkAnnotation) != std::string::npos;
        if (!joins && !networked)
            return;
        const ParseResult parsed = parseSpec(stored);
        if (!parsed.ok())
            throw Error(path_ + ": " + parsed.errorText());
        Spec launch = *parsed.spec;
        if (joins) {
            joins_.emplace(launch, lookup);
            launch = joins_->applyTo(std::move(launch));
        }
        if (networked) {
            const std::vector<Mount> mounts = networkMounts(*parsed.spec);
            launch.mounts.insert(launch.mounts.end(), mounts.begin(), mounts.end());
        }
        if (launch == *parsed.spec)
            return;
        writeFileAtomic(path_, toJsonText(launch), 0600, Durability::FileOnly);
        stored_ = std::move(stored);
    }
    ResolvedLaunchConfig(const ResolvedLaunchConfig &) = delete;
    ResolvedLaunchConfig &operator=(const ResolvedLaunchConfig &) = delete;
    ~ResolvedLaunchConfig()
    {
        if (stored_.empty())
            return;
        try {
            writeFileAtomic(path_, stored_, 0600, Durability::FileOnly);
        } catch (const std::exception &) {
            // Harmless: the annotations are still there and the next start resolves them anew.
        }
    }

private:
    std::string path_;
    std::optional<NamespaceJoins> joins_; // the fds the launch opens, held until it reported
    std::string stored_;
};

} // namespace

namespace {

// One of Hako's helper executables: `configured` when set, else beside the running binary
// (or where the build tree puts it: helper/<subdir>/ seen from tests/ or from another
// helper's directory), else the installed one.
std::string helperBinary(const std::string &configured, const std::string &name,
                         const std::string &subdir, const char *installed)
{
    if (!configured.empty())
        return configured;
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        std::string dir(self, static_cast<size_t>(n));
        dir = dir.substr(0, dir.rfind('/'));
        for (const std::string &candidate : {dir + "/" + name, dir + "/../helper/" + subdir + "/" + name,
                                             dir + "/../" + subdir + "/" + name})
            if (::access(candidate.c_str(), X_OK) == 0)
                return candidate;
    }
    return installed;
}

} // namespace

std::string Engine::monitorBinary() const
{
    return helperBinary(options_.monitorPath, "hako-monitor", "monitor", HAKO_MONITOR_INSTALL_PATH);
}

std::string Engine::probeBinary() const
{
    return helperBinary(options_.probePath, "hako-probe", "probe", HAKO_PROBE_INSTALL_PATH);
}

void Engine::spawnMonitor(const std::string &id)
{
    const std::string monitor = monitorBinary();
    std::vector<std::string> args = {monitor, "run", "--root", options_.stateRoot, "--id", id,
                                     "--status-fd", "3", "--cgroup-root", options_.cgroupRoot};
    if (options_.userNamespaceLayers != UserNamespaceLayers::Auto)
        args.insert(args.end(), {"--userns-layers",
                                 std::string(userNamespaceLayersName(options_.userNamespaceLayers))});
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    int status[2];
    if (::pipe2(status, O_CLOEXEC) < 0)
        throwSys("pipe");
    UniqueFd statusRead(status[0]), statusWrite(status[1]);
    UniqueFd devNull(::open("/dev/null", O_RDWR | O_CLOEXEC));
    const std::string logPath = store_.containerDir(id) + "/monitor.log";
    UniqueFd monitorLog(::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
    if (!devNull || !monitorLog)
        throwSys("open", monitorLog ? "/dev/null" : logPath);

    // posix_spawn (vfork and exec) costs the same however large the caller is; hako-monitor
    // then forks once more by itself, so it ends up reparented away from us.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, devNull.get(), 0);
    posix_spawn_file_actions_adddup2(&actions, devNull.get(), 1);
    posix_spawn_file_actions_adddup2(&actions, monitorLog.get(), 2);
    posix_spawn_file_actions_adddup2(&actions, statusWrite.get(), 3);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK |
                                              POSIX_SPAWN_SETSIGDEF);
    // Run from its sealed copy (sealed_binary.h); argv[0] keeps the installed path for ps.
    const std::string program =
        "/proc/self/fd/" + std::to_string(cachedSealedCopy(monitor, "hako-monitor"));
    pid_t child = -1;
    const int rc = ::posix_spawn(&child, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0)
        throwSys("spawn", monitor, rc);
    statusWrite.reset();
    ::waitpid(child, nullptr, 0);
    const std::string line = readStatusLine(statusRead.get());
    if (line == "ok")
        return;
    if (line.starts_with("error: "))
        throw Error(line.substr(7));
    throw Error("hako-monitor (" + monitor + ") exited without reporting; see " + logPath);
}

void Engine::start(const std::string &nameOrId)
{
    const std::string id = store_.resolve(nameOrId);
    const FileLock lock = store_.lockContainer(id);
    const ContainerState state = refreshedState(id);
    if (const std::string why = whyCannotStart(state); !why.empty())
        throw StateError(why);
    // Runs while the monitor starts up, so the launch finds cgroup moves already fast.
    const CgroupMigrationWarmup warmup(CgroupLayout::detect(options_.cgroupRoot));
    bool networked = false;
    try {
        const ResolvedLaunchConfig config(
            store_.configPath(id), [this](const std::string &target) { return refreshedState(target); },
            [&](const Spec &spec) {
                networked = true;
                return prepareNetwork(id, spec);
            });
        spawnMonitor(id);
    } catch (...) {
        if (networked)
            abandonNetwork(id);
        rethrowWithContext("start " + state.name);
    }
    if (!networked)
        return;
    try {
        networkStarted(id);
    } catch (...) {
        rethrowWithContext("start " + state.name + ": the container runs, but its network");
    }
}

// A start that failed after its network was planned: its plan goes (reconcile leaves the
// plan of a container whose lock is held, as ours is) and the rest is brought in line. Its
// own errors are dropped: the start's error is the one to report.
void Engine::abandonNetwork(const std::string &id) const
{
    ::unlink(endpointsPath(store_, id).c_str());
    try {
        reconcileNetworks();
    } catch (const std::exception &) {
    }
}

void Engine::stop(const std::string &nameOrId, std::chrono::seconds timeout)
{
    const std::string id = store_.resolve(nameOrId);
    ContainerState state = refreshedState(id);
    if (const std::string why = whyCannotStop(state); !why.empty())
        throw StateError(why);
    bool timedOut = false;
    if (UniqueFd pid = openProcess(state.pid)) {
        pidfdSignal(pid.get(), SIGTERM);
        if (state.status == Status::Paused)
            thawAfterSignal(id); // the signal waits in the frozen task until then
        waitStopped(state, timeout, &timedOut);
        if (timedOut) {
            // PID 1 ignores signals it has no handler for; SIGKILL from outside always works.
            pidfdSignal(pid.get(), SIGKILL);
        }
    }
    waitStopped(state, std::chrono::seconds(30), &timedOut);
    if (timedOut)
        throw Error("stop " + state.name + ": the container did not stop after SIGKILL");
    refreshedState(id);
    reconcileNetworks(); // its published ports and its name on its networks go
}

void Engine::kill(const std::string &nameOrId, int signal)
{
    if (signal <= 0 || signal >= NSIG)
        throw SpecError("invalid signal " + std::to_string(signal));
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    if (const std::string why = whyCannotKill(state); !why.empty())
        throw StateError(why);
    UniqueFd pid = openProcess(state.pid);
    if (!pid || !pidfdSignal(pid.get(), signal))
        throw StateError("container " + state.name + " is not running");
    if (state.status == Status::Paused)
        thawAfterSignal(id); // so the signal is acted on, SIGKILL included under v1
}

void Engine::remove(const std::string &nameOrId, bool force)
{
    const std::string id = store_.resolve(nameOrId);
    ContainerState state = refreshedState(id);
    if (const std::string why = whyCannotRemove(state, force); !why.empty())
        throw StateError(why);
    const std::string doomed = store_.containersDir() + "/.rm-" + id;
    if (state.status == Status::Running || state.status == Status::Paused) {
        if (UniqueFd pid = openProcess(state.pid))
            pidfdSignal(pid.get(), SIGKILL);
        if (state.status == Status::Paused)
            thawAfterSignal(id);
        bool timedOut = false;
        waitStopped(state, std::chrono::seconds(30), &timedOut);
    }
    const FileLock all = store_.lockAll();
    {
        // Held until the directory is renamed away: a start that waits for this lock then
        // finds no container instead of launching one we are about to delete.
        const FileLock one = store_.lockContainer(id);
        state = refreshedState(id);
        if (state.status == Status::Running || state.status == Status::Paused)
            throw StateError("container " + state.name + " was started again while being removed");
        // A monitor killed before its cleanup leaves the cgroup behind: remove it here.
        makeCgroup(CgroupLayout::detect(options_.cgroupRoot), "hako/" + id)->destroy();
        if (::rename(store_.containerDir(id).c_str(), doomed.c_str()) < 0)
            throwSys("rename", store_.containerDir(id));
    }
    removeTree(doomed);
    store_.releaseName(state.name, id);
    reconcileNetworks(); // its leases are released once its directory is gone
}

} // namespace hako
