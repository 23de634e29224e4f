#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char **environ;

namespace hako::dbustest {

namespace {

using Clock = std::chrono::steady_clock;

// argv and envp as the exec'd child needs them, built before fork (after fork in a threaded
// process only async-signal-safe calls are allowed).
struct ExecImage {
    std::string path;
    std::vector<std::string> args, env;
    std::vector<char *> argv, envp;

    ExecImage(const Args &a, const Env &extra)
        : path(findInPath(a.at(0))), args(a), env(mergedEnvironment(extra))
    {
        for (auto &s : args)
            argv.push_back(s.data());
        argv.push_back(nullptr);
        for (auto &s : env)
            envp.push_back(s.data());
        envp.push_back(nullptr);
    }
    [[noreturn]] void exec() const
    {
        ::execve(path.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
};

int statusToExit(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

// Reaps `pid` by `deadline`; -2 if it has not ended by then.
int reapBy(pid_t pid, Clock::time_point deadline)
{
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return statusToExit(status);
        if (r < 0 && errno != EINTR)
            return -1;
        if (Clock::now() >= deadline)
            return -2;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

int killAndReap(pid_t pid)
{
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    return reapBy(pid, Clock::now() + std::chrono::seconds(10));
}

int msLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Drains both pipes until they close or the deadline passes; true if both closed.
bool drain(int outFd, int errFd, std::string &out, std::string &err, Clock::time_point deadline)
{
    pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
    std::string *sinks[2] = {&out, &err};
    int open = 2;
    while (open > 0) {
        const int n = ::poll(fds, 2, msLeft(deadline));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            char buf[8192];
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                sinks[i]->append(buf, static_cast<size_t>(got));
            } else if (got == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open;
            }
        }
    }
    return true;
}

} // namespace

std::string Result::describe() const
{
    std::ostringstream s;
    s << (timedOut ? "timed out" : "exit " + std::to_string(exit)) << "\n--- stdout:\n"
      << out << "\n--- stderr:\n" << err;
    return s.str();
}

std::string findInPath(const std::string &name)
{
    if (name.find('/') != std::string::npos)
        return name;
    for (const char *dir : {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
        const std::string candidate = std::string(dir) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return name;
}

std::vector<std::string> mergedEnvironment(const Env &extra)
{
    std::vector<std::string> env;
    for (char **e = environ; *e; ++e) {
        const std::string entry = *e;
        const std::string key = entry.substr(0, entry.find('='));
        bool overridden = false;
        for (const auto &x : extra)
            overridden = overridden || x.substr(0, x.find('=')) == key;
        if (!overridden)
            env.push_back(entry);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

Result runCommand(const Args &argv, const Env &env, std::chrono::milliseconds timeout)
{
    const ExecImage image(argv, env);
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        ::setpgid(0, 0);
        const int devnull = ::open("/dev/null", O_RDONLY);
        ::dup2(devnull, 0);
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        if (::chdir("/") != 0)
            ::_exit(126);
        image.exec();
    }
    ::close(out[1]);
    ::close(err[1]);
    const auto deadline = Clock::now() + timeout;
    Result result;
    const bool closed = drain(out[0], err[0], result.out, result.err, deadline);
    ::close(out[0]);
    ::close(err[0]);
    result.exit = closed ? reapBy(pid, deadline) : -2;
    if (result.exit == -2) {
        result.timedOut = true;
        killAndReap(pid);
        result.exit = -1;
    }
    return result;
}

void Daemon::start(const Args &argv, const Env &env, const std::string &logPath)
{
    stop();
    const ExecImage image(argv, env);
    logPath_ = logPath;
    const int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0)
        throw std::runtime_error("open " + logPath + ": " + std::strerror(errno));
    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid_ == 0) {
        ::setpgid(0, 0);
        const int devnull = ::open("/dev/null", O_RDONLY);
        ::dup2(devnull, 0);
        ::dup2(log, 1);
        ::dup2(log, 2);
        if (::chdir("/") != 0)
            ::_exit(126);
        image.exec();
    }
    ::setpgid(pid_, pid_);
    ::close(log);
}

bool Daemon::running()
{
    if (pid_ <= 0)
        return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    return true;
}

void Daemon::kill(int sig)
{
    if (pid_ > 0)
        ::kill(-pid_, sig);
}

void Daemon::stop(std::chrono::milliseconds grace)
{
    if (!running())
        return;
    ::kill(-pid_, SIGTERM);
    if (reapBy(pid_, Clock::now() + grace) == -2)
        killAndReap(pid_);
    ::kill(-pid_, SIGKILL); // anything left in its group
    pid_ = -1;
}

std::string Daemon::log() const
{
    std::ifstream in(logPath_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

PtyChild::PtyChild(const Args &argv, const Env &env, unsigned short rows, unsigned short cols)
{
    const ExecImage image(argv, env);
    winsize ws{};
    ws.ws_row = rows;
    ws.ws_col = cols;
    pid_ = ::forkpty(&master_, nullptr, nullptr, &ws);
    if (pid_ < 0)
        throw std::runtime_error(std::string("forkpty: ") + std::strerror(errno));
    if (pid_ == 0) {
        if (::chdir("/") != 0)
            ::_exit(126);
        image.exec();
    }
    ::fcntl(master_, F_SETFD, FD_CLOEXEC);
}

PtyChild::~PtyChild()
{
    if (pid_ > 0)
        killAndReap(pid_);
    if (master_ >= 0)
        ::close(master_);
}

void PtyChild::write(const std::string &text)
{
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(master_, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw std::runtime_error(std::string("write to pty: ") + std::strerror(errno));
        done += static_cast<size_t>(n);
    }
}

bool PtyChild::readSome(std::chrono::milliseconds timeout)
{
    if (ended_)
        return false;
    pollfd pfd{master_, POLLIN, 0};
    const int n = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
    if (n <= 0)
        return n < 0 && errno == EINTR;
    char buf[4096];
    const ssize_t got = ::read(master_, buf, sizeof buf);
    if (got > 0) {
        output_.append(buf, static_cast<size_t>(got));
        return true;
    }
    if (got < 0 && errno == EINTR)
        return true;
    ended_ = true; // EIO: every slave fd is closed
    return false;
}

bool PtyChild::readUntil(const std::string &needle, std::chrono::milliseconds timeout, size_t from)
{
    const auto deadline = Clock::now() + timeout;
    while (output_.find(needle, std::min(from, output_.size())) == std::string::npos) {
        const auto left = std::chrono::milliseconds(msLeft(deadline));
        if (left.count() == 0 || !readSome(left))
            return output_.find(needle, std::min(from, output_.size())) != std::string::npos;
    }
    return true;
}

void PtyChild::resize(unsigned short rows, unsigned short cols)
{
    winsize ws{};
    ws.ws_row = rows;
    ws.ws_col = cols;
    ::ioctl(master_, TIOCSWINSZ, &ws);
    ::kill(pid_, SIGWINCH);
}

int PtyChild::wait(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (!ended_ && msLeft(deadline) > 0)
        readSome(std::chrono::milliseconds(msLeft(deadline)));
    int code = reapBy(pid_, deadline);
    if (code == -2) {
        killAndReap(pid_);
        code = -1;
    }
    pid_ = -1;
    return code;
}

} // namespace hako::dbustest
