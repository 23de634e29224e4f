// The caller's terminal for -t: raw mode that is restored on every way out (return, exit,
// fatal signal), the window size, and the loop that relays bytes between the terminal and a
// container's pty or log stream.
#pragma once

#include "spec_builder.h"

#include <functional>
#include <optional>

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
    int input = -1;  // where stdin goes (the pty master); -1: stdin is not read
    int output = -1; // what to print: a pty master, or a FollowLogs stream in CRI format
    bool outputIsLog = false;
    bool rawOutput = false; // the terminal is raw: lines need "\r\n"
    bool withTimestamps = false;
    std::function<void(TerminalSize)> onResize;
};

// Copies until `output` ends (EOF, or EIO from a master whose slave closed). When stdin ends,
// an EOT byte goes to the pty so the shell there sees end of input.
void relay(const RelayOptions &options);

// Prints one CRI log line's text to stdout or stderr by its stream.
void printLogRecord(const QByteArray &line, bool rawOutput, bool withTimestamps);

} // namespace hako::cli
