// Child processes for the end-to-end tests: run a command to its end with its output captured
// and a deadline, keep a daemon running in its own process group, or drive one through a
// pseudo-terminal. Nothing here waits without a timeout.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace hako::dbustest {

using Args = std::vector<std::string>;
using Env = std::vector<std::string>; // "K=V" entries added to (or replacing) ours

struct Result {
    int exit = -1;        // the exit code, 128 + signal, or -1 if it timed out
    std::string out;
    std::string err;
    bool timedOut = false;
    std::string describe() const; // "exit N; stdout: …; stderr: …" for assertion messages
};

// Runs argv[0] (a path, or a name looked up in PATH) with `env` added, in a process group of
// its own from "/", stdin from /dev/null. On timeout the group is killed.
Result runCommand(const Args &argv, const Env &env = {},
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

// A long-running process in its own process group, stdout and stderr to `logPath`.
class Daemon {
public:
    Daemon() = default;
    Daemon(const Daemon &) = delete;
    Daemon &operator=(const Daemon &) = delete;
    ~Daemon() { stop(); }

    void start(const Args &argv, const Env &env, const std::string &logPath);
    bool running();                 // reaps it if it has ended
    void kill(int sig);             // to the whole group
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(3)); // TERM, then KILL
    pid_t pid() const { return pid_; }
    std::string log() const;        // what it has written so far

private:
    pid_t pid_ = -1;
    std::string logPath_;
};

// A child on a pseudo-terminal of ours: forkpty with an initial size.
class PtyChild {
public:
    PtyChild(const Args &argv, const Env &env, unsigned short rows, unsigned short cols);
    ~PtyChild();
    PtyChild(const PtyChild &) = delete;
    PtyChild &operator=(const PtyChild &) = delete;

    void write(const std::string &text);
    // Reads until `needle` appears in everything read so far (after `from`); false on timeout
    // or end of output.
    bool readUntil(const std::string &needle, std::chrono::milliseconds timeout,
                   size_t from = 0);
    void resize(unsigned short rows, unsigned short cols); // TIOCSWINSZ + SIGWINCH
    // Reads to the end and reaps: the exit code, 128 + signal, or -1 on timeout (then killed).
    int wait(std::chrono::milliseconds timeout);
    const std::string &output() const { return output_; }

private:
    bool readSome(std::chrono::milliseconds timeout); // false at end of output or timeout
    int master_ = -1;
    pid_t pid_ = -1;
    std::string output_;
    bool ended_ = false;
};

// Helpers for building the environment of exec'd children before fork.
std::vector<std::string> mergedEnvironment(const Env &extra);
std::string findInPath(const std::string &name);

} // namespace hako::dbustest
