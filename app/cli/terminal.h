// The caller's terminal for -t: raw mode that is restored on every way out (return, exit,
// fatal signal), the window size, and the loop that relays bytes between the terminal and a
// container's pty or log stream.
#pragma once

#include "spec_builder.h"

#include <functional>
#include <optional>
#include <vector>

namespace hako::cli {

// Puts fd 0 in raw mode for its lifetime. Also restores it from SIGINT/SIGTERM/SIGHUP/SIGQUIT
// handlers and at exit(), because hakoctl may be ended while a container still runs.
class RawTerminal {
public:
    RawTerminal();
    ~RawTerminal();
    RawTerminal(const RawTerminal &) = delete;
    RawTerminal &operator=(const RawTerminal &) = delete;
    bool active() const { return active_; }

private:
    bool active_ = false;
};

std::optional<TerminalSize> terminalSize(); // of stdout, or stdin; nothing when neither is a tty
bool stdinIsTerminal();

struct RelayOptions {
    int input = -1;  // where stdin goes (a pty master, or a pipe); -1: stdin is not read
    // `input` is the write end of the container's stdin pipe, ours alone: relay() closes it
    // when stdin ends (the container reads EOF), the container stops reading (EPIPE) or
    // the relay ends.
    bool inputIsPipe = false;
    int output = -1; // what to print: a pty master, or a FollowLogs stream in CRI format
    bool outputIsLog = false;
    bool rawOutput = false; // the terminal is raw: lines need "\r\n"
    bool withTimestamps = false;
    std::function<void(TerminalSize)> onResize;
    // Signals caught while relaying and handed to onSignal (docker's --sig-proxy); their
    // previous dispositions are put back when relay() returns.
    std::vector<int> forwardSignals;
    std::function<void(int)> onSignal;
};

// Copies until `output` ends (EOF, or EIO from a master whose slave closed). When stdin ends,
// a pty gets an EOT byte so the shell there sees end of input; a pipe is closed.
void relay(const RelayOptions &options);

// Prints one CRI log line's text to stdout or stderr by its stream.
void printLogRecord(const QByteArray &line, bool rawOutput, bool withTimestamps);

} // namespace hako::cli
