// exec: hako-monitor's exec role does the joining (it is single-threaded, so setns and fork
// are safe whatever the caller is); this side sends the request and relays the result.
#include "engine.h"

#include "error.h"
#include "proc.h"
#include "process_setup.h"
#include "sealed_binary.h"
#include "sync.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hako {

namespace {

std::string requestJson(const ExecRequest &r)
{
    nlohmann::json j = {{"args", r.args}, {"env", r.env}, {"cwd", r.cwd}, {"tty", r.tty},
                        {"rows", r.size.height}, {"cols", r.size.width}};
    if (r.user) {
        j["uid"] = r.user->uid;
        j["gid"] = r.user->gid;
    }
    if (!r.userSpec.empty())
        j["user"] = r.userSpec;
    if (r.programFd >= 0)
        j["program"] = true; // the fd rides along with this message
    return j.dump();
}

int waitChild(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 255;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

ExecSession::ExecSession(pid_t shimPid, UniqueFd control, UniqueFd ptyMaster)
    : shimPid_(shimPid), shimPidfd_(pidfdOpen(shimPid)), control_(std::move(control)),
      ptyMaster_(std::move(ptyMaster))
{
}

ExecSession::ExecSession(ExecSession &&other) noexcept
    : shimPid_(std::exchange(other.shimPid_, -1)), shimPidfd_(std::move(other.shimPidfd_)),
      control_(std::move(other.control_)), ptyMaster_(std::move(other.ptyMaster_)),
      exitStatus_(other.exitStatus_)
{
}

void ExecSession::terminate()
{
    if (shimPidfd_)
        pidfdSignal(shimPidfd_.get(), SIGKILL);
}

ExecSession::~ExecSession()
{
    if (shimPid_ > 0 && !exitStatus_) {
        ::kill(shimPid_, SIGKILL);
        ::waitpid(shimPid_, nullptr, 0);
    }
}

void ExecSession::resize(ConsoleSize size)
{
    if (ptyMaster_)
        setWindowSize(ptyMaster_.get(), size);
}

int ExecSession::wait()
{
    if (exitStatus_)
        return *exitStatus_;
    int code = -1;
    while (auto msg = receiveSync(control_.get()))
        if (msg->type == SyncType::Go && msg->text.starts_with("exit "))
            code = std::stoi(msg->text.substr(5));
    const int shimStatus = waitChild(shimPid_);
    exitStatus_ = code >= 0 ? code : shimStatus;
    return *exitStatus_;
}

ExecSession Engine::exec(const std::string &nameOrId, const ExecRequest &request) const
{
    if (request.args.empty())
        throw SpecError("exec: no command given");
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    if (const std::string why = whyCannotExec(state); !why.empty())
        throw StateError(why);
    auto [ours, theirs] = makeSyncPair();
    UniqueFd devNull(::open("/dev/null", O_RDWR | O_CLOEXEC));
    std::vector<std::string> args = {monitorBinary(), "exec", "--root", options_.stateRoot, "--id", id,
                                     "--control-fd", "3", "--cgroup-root", options_.cgroupRoot};
    auto argv = toArgv(args);
    auto orNull = [&](int fd) { return fd >= 0 ? fd : devNull.get(); };
    // Moved above 10 first, so the dup2s into 0..3 cannot overwrite one another.
    const int fds[4] = {orNull(request.stdinFd), orNull(request.stdoutFd),
                        orNull(request.stderrFd), theirs.get()};
    // The exec role runs from the monitor's sealed copy too (sealed_binary.h).
    const int program = cachedSealedCopy(argv[0], "hako-monitor");
    const pid_t pid = ::fork();
    if (pid < 0)
        throwSys("fork");
    if (pid == 0) {
        int high[4];
        for (int i = 0; i < 4; ++i)
            high[i] = ::fcntl(fds[i], F_DUPFD, 10);
        const int sealed = ::fcntl(program, F_DUPFD_CLOEXEC, 10);
        for (int i = 0; i < 4; ++i)
            ::dup2(high[i], i);
        // Everything above stdio and the control fd closes at the exec, the program's fd
        // included once it has been used.
        ::syscall(SYS_close_range, 4, ~0U, CLOSE_RANGE_CLOEXEC);
        ::syscall(SYS_execveat, sealed, "", argv.data(), environ, AT_EMPTY_PATH);
        ::_exit(127);
    }
    theirs.reset();
    ExecSession session(pid, std::move(ours), {});
    sendSync(session.control_.get(), SyncType::Go, requestJson(request), request.programFd);
    while (auto msg = receiveSync(session.control_.get())) {
        if (msg->type == SyncType::Pty)
            session.ptyMaster_ = std::move(msg->fd);
        else if (msg->type == SyncType::Exec)
            return session;
        else if (msg->type == SyncType::Error) {
            session.wait();
            throw Error("exec in " + state.name + ": " + msg->text);
        }
    }
    session.wait();
    throw Error("exec in " + state.name + ": hako-monitor exited without starting the process");
}

} // namespace hako
