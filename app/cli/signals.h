// Signal names as `docker kill -s` takes them: KILL, SIGKILL, kill, 9, RTMIN+3.
#pragma once

#include <QString>

#include <csignal>
#include <optional>
#include <utility>
#include <vector>

namespace hako::cli {

std::optional<int> parseSignal(const QString &text);

// "KILL" for 9; empty for an unknown number.
QString signalName(int signal);

// Catches `caught` for its lifetime: each arrival is written as one byte (the signal's
// number) to a non-blocking pipe whose read end, fd(), a poll loop or a QSocketNotifier
// watches, since a handler may do nothing more. The previous handlers are put back after.
class CaughtSignals {
public:
    explicit CaughtSignals(const std::vector<int> &caught);
    ~CaughtSignals();
    CaughtSignals(const CaughtSignals &) = delete;
    CaughtSignals &operator=(const CaughtSignals &) = delete;

    int fd() const; // -1 when nothing is caught
    std::vector<int> drain(); // the signals that arrived since the last drain, in order

private:
    std::vector<std::pair<int, struct sigaction>> previous_;
};

} // namespace hako::cli
