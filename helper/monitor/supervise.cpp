// The supervisor: launches the container, writes every line of its output to the log,
// reaps it and records how it ended. It runs in its own session, reparented away from
// whoever started it, so a helper restart loses nothing.
#include "monitor.h"

#include "annotations.h"
#include "cgroup.h"
#include "control.h"
#include "error.h"
#include "fs.h"
#include "launch.h"
#include "log.h"
#include "network_connect.h"
#include "spec.h"
#include "store.h"
#include "volume_mounts.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>

namespace hako::monitor {

namespace {

void report(int statusFd, const std::string &line)
{
    const std::string text = line + "\n";
    [[maybe_unused]] const ssize_t n = ::write(statusFd, text.data(), text.size());
}

struct Pipe {
    UniqueFd read, write;
};

Pipe makePipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        throwSys("pipe");
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

UniqueFd blockSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    if (::sigprocmask(SIG_BLOCK, &set, nullptr) < 0)
        throwSys("sigprocmask");
    // Whoever started us may be gone; hang-ups and stray terminations must not end
    // supervision. SIGKILL still works, and the engine copes with that (see Engine::state).
    for (int sig : {SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGQUIT})
        ::signal(sig, SIG_IGN);
    UniqueFd fd(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!fd)
        throwSys("signalfd");
    return fd;
}

// overlayfs writes its upper and work directories with the mounter's credentials: in a user
// namespace that is the container's root, an unprivileged uid on the host.
void ownByMappedRoot(const RootfsPlan &rootfs, const Spec &spec)
{
    auto hostIdOfRoot = [](const std::vector<IdMapping> &maps) -> std::optional<uint32_t> {
        for (const auto &m : maps)
            if (m.containerID == 0)
                return m.hostID;
        return std::nullopt;
    };
    const auto uid = hostIdOfRoot(spec.linux.uidMappings);
    const auto gid = hostIdOfRoot(spec.linux.gidMappings);
    if (!uid || !gid)
        return; // the launch reports the missing mapping itself
    for (const auto &dir : {rootfs.upperDir, rootfs.workDir, rootfs.mergedDir})
        if (::chown(dir.c_str(), *uid, *gid) < 0)
            throwSys("chown to the container's root", dir);
    // The container's own directory: searchable by the mapped root's group, nobody else.
    const std::string containerDir = rootfs.upperDir.substr(0, rootfs.upperDir.rfind('/'));
    if (::chown(containerDir.c_str(), 0, *gid) < 0 || ::chmod(containerDir.c_str(), 0710) < 0)
        throwSys("open to the container's root", containerDir);
}

class Supervisor {
public:
    explicit Supervisor(const Options &options)
        : options_(options), store_(options.stateRoot), dir_(store_.containerDir(options.id))
    {
    }

    int run();

private:
    void prepare();
    void launch();
    void markRunning(pid_t pid);
    void loop();
    void readStream(size_t index);
    void reap();
    void finish();
    void recordFailure(const std::string &message);

    Options options_;
    StateStore store_;
    std::string dir_;
    Spec spec_;
    std::vector<std::string> lowerDirs_; // the image's layers, top first
    std::unique_ptr<LogWriter> log_;
    std::unique_ptr<Cgroup> cgroup_;
    CgroupLayout layout_;
    Launched launched_;
    UniqueFd signals_;
    std::unique_ptr<ControlServer> control_;
    // The container's output: [0] stdout (or the pty), [1] stderr.
    UniqueFd streams_[2];
    UniqueFd ptySlave_;
    UniqueFd stdinWrite_; // open stdin: the write end, until a client takes it
    std::optional<int> waitStatus_;
    std::optional<Status> previousStatus_; // set once markRunning() has written "running"
};

void Supervisor::prepare()
{
    const ParseResult parsed = parseSpec(readFile(store_.configPath(options_.id)));
    if (!parsed.ok())
        throw Error("config.json: " + parsed.errorText());
    spec_ = *parsed.spec;
    lowerDirs_ = lowerDirsFor(options_.stateRoot, store_.loadState(options_.id), spec_);
    resolveVolumeMounts(spec_, options_.stateRoot, lowerDirs_, dir_);
    log_ = std::make_unique<LogWriter>(store_.logPath(options_.id));
    layout_ = CgroupLayout::detect(options_.cgroupRoot);
    cgroup_ = makeCgroup(layout_, "hako/" + options_.id);
    signals_ = blockSignals();
}

void Supervisor::launch()
{
    LaunchPlan plan;
    plan.spec = spec_;
    plan.cgroup = cgroup_.get();
    plan.onCloned = [this](pid_t pid) { markRunning(pid); };
    plan.connectNetwork = networkConnector(spec_, dir_ + "/network.json");
    plan.rootfs.lowerDirs = lowerDirs_;
    plan.rootfs.upperDir = dir_ + "/upper";
    plan.rootfs.workDir = dir_ + "/work";
    plan.rootfs.mergedDir = dir_ + "/merged";
    plan.rootfs.userNamespace = spec_.hasNamespace(NamespaceType::User);
    plan.rootfs.userNamespaceLayers = options_.userNamespaceLayers;
    plan.rootfs.remappedLowerBase = dir_ + "/lower-remapped";
    plan.rootfs.cgroups = &layout_;
    // One level only: if the container's directory was removed meanwhile, fail rather than
    // make an orphan directory without a state.
    for (const auto &d : {plan.rootfs.upperDir, plan.rootfs.workDir, plan.rootfs.mergedDir})
        if (::mkdir(d.c_str(), 0755) < 0 && errno != EEXIST)
            throwSys("mkdir", d);
    if (plan.rootfs.userNamespace)
        ownByMappedRoot(plan.rootfs, spec_);
    UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    Pipe out, err;
    Pipe in;
    if (!spec_.process.terminal) {
        out = makePipe();
        err = makePipe();
        plan.stdinFd = devNull.get();
        if (annotationFlag(spec_, kOpenStdinAnnotation)) {
            // Held here until a client takes it (attach), so the container's reads wait
            // for input instead of seeing EOF at once.
            in = makePipe();
            plan.stdinFd = in.read.get();
        }
        plan.stdoutFd = out.write.get();
        plan.stderrFd = err.write.get();
    }
    launched_ = launchContainer(plan);
    stdinWrite_ = std::move(in.write);
    if (spec_.process.terminal) {
        // Our own slave end keeps the pty alive while PID 1 runs: a daemon that closes its
        // stdio and reopens /dev/tty later must not find the master gone (EIO ends output).
        ptySlave_.reset(::ioctl(launched_.ptyMaster.get(), TIOCGPTPEER,
                                O_RDWR | O_NOCTTY | O_CLOEXEC));
        streams_[0] = std::move(launched_.ptyMaster);
        // The monitor keeps its own copy for attach and resize; the log reads this one.
        launched_.ptyMaster.reset(::fcntl(streams_[0].get(), F_DUPFD_CLOEXEC, 3));
    } else {
        streams_[0] = std::move(out.read);
        streams_[1] = std::move(err.read);
    }
}

// Written while the child builds its root (see LaunchPlan::onCloned); recordFailure() puts
// the previous status back if the launch fails after all. The starter holds the container's
// lock until we report, so nobody acts on the record before then.
void Supervisor::markRunning(pid_t pid)
{
    ContainerState state = store_.loadState(options_.id);
    previousStatus_ = state.status;
    state.status = Status::Running;
    state.pid = identify(pid);
    state.monitor = identify(::getpid());
    state.startedAt = nowUnixNanos();
    state.finishedAt = 0;
    state.exitCode.reset();
    state.exitSignal.reset();
    state.oomKilled = false;
    state.error.clear();
    store_.saveState(state);
}

void Supervisor::readStream(size_t index)
{
    char buf[64 * 1024];
    const ssize_t n = ::read(streams_[index].get(), buf, sizeof buf);
    const char *stream = index == 0 ? "stdout" : "stderr";
    if (n > 0) {
        log_->append(stream, std::string_view(buf, static_cast<size_t>(n)));
        // A terminal's prompt and echo come without a newline: written at once (as a partial
        // line) so whoever follows the log sees them as they are typed, not after Enter.
        if (spec_.process.terminal)
            log_->flush(stream);
        return;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    // End of output (a pty reports EIO once every slave is closed).
    log_->flush(stream);
    streams_[index].reset();
}

void Supervisor::reap()
{
    signalfd_siginfo info;
    while (::read(signals_.get(), &info, sizeof info) > 0) {
    }
    int status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
        if (pid == launched_.pid) {
            waitStatus_ = status;
            ptySlave_.reset(); // now the master reports EIO once the last slave closes
        }
    }
}

void Supervisor::loop()
{
    using Clock = std::chrono::steady_clock;
    std::optional<Clock::time_point> drainDeadline;
    for (;;) {
        const bool outputOpen = streams_[0] || streams_[1];
        if (waitStatus_ && !outputOpen)
            return;
        if (waitStatus_ && !drainDeadline)
            drainDeadline = Clock::now() + std::chrono::seconds(2);
        // Output still open after PID 1 exited means something else holds the pipe (a
        // process that escaped the namespace's teardown): log what comes, but not forever.
        if (drainDeadline && Clock::now() > *drainDeadline)
            return;
        pollfd fds[4] = {{signals_.get(), POLLIN, 0},
                         {control_ ? control_->fd() : -1, POLLIN, 0},
                         {streams_[0].get(), POLLIN, 0},
                         {streams_[1].get(), POLLIN, 0}};
        const int rc = ::poll(fds, 4, drainDeadline ? 100 : -1);
        if (rc < 0 && errno != EINTR)
            throwSys("poll");
        if (rc <= 0)
            continue;
        if (fds[0].revents)
            reap();
        if (fds[1].revents)
            control_->serveOne(launched_.ptyMaster.get(), stdinWrite_);
        for (size_t i = 0; i < 2; ++i)
            if (fds[2 + i].revents)
                readStream(i);
    }
}

void Supervisor::finish()
{
    log_->flush("stdout");
    log_->flush("stderr");
    // Read while the cgroup still exists: its OOM-kill counter goes with it.
    uint64_t oomKills = 0;
    try {
        oomKills = cgroup_->oomKills();
    } catch (const std::exception &e) {
        log_->note(std::string("reading the OOM-kill count failed: ") + e.what());
    }
    try {
        cgroup_->destroy();
    } catch (const std::exception &e) {
        log_->note(std::string("removing the cgroup failed: ") + e.what());
    }
    const FileLock lock = store_.lockContainer(options_.id);
    ContainerState state = store_.loadState(options_.id);
    state.status = Status::Stopped;
    state.finishedAt = nowUnixNanos();
    const int status = waitStatus_.value_or(0);
    if (waitStatus_ && WIFEXITED(status))
        state.exitCode = WEXITSTATUS(status);
    else if (waitStatus_ && WIFSIGNALED(status))
        state.exitSignal = WTERMSIG(status);
    else
        state.error = "output stayed open after the container exited";
    state.oomKilled = oomKills > 0;
    state.pid = {};
    state.monitor = {};
    store_.saveState(state);
    // Only now: a client that finds the socket gone, or closed under it, then also finds the
    // container stopped (and is told "not running" rather than a failed connect).
    control_.reset();
}

void Supervisor::recordFailure(const std::string &message)
{
    try {
        if (log_)
            log_->note("start failed: " + message);
        if (cgroup_)
            cgroup_->destroy();
        ContainerState state = store_.loadState(options_.id);
        if (previousStatus_)
            state.status = *previousStatus_;
        state.error = message;
        state.pid = {};
        state.monitor = {};
        store_.saveState(state);
    } catch (const std::exception &) {
        // The starter still gets the message through the status pipe.
    }
}

int Supervisor::run()
{
    try {
        prepare();
        launch();
        control_ = std::make_unique<ControlServer>(dir_);
    } catch (const std::exception &e) {
        recordFailure(e.what());
        report(options_.statusFd, std::string("error: ") + e.what());
        return 1;
    }
    report(options_.statusFd, "ok");
    ::close(options_.statusFd);
    try {
        loop();
        reap();
        finish();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "hako-monitor %s: %s\n", options_.id.c_str(), e.what());
        return 1;
    }
    return 0;
}

} // namespace

int supervise(const Options &options)
{
    return Supervisor(options).run();
}

} // namespace hako::monitor
