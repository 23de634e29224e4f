// Signal names as `docker kill -s` takes them: KILL, SIGKILL, kill, 9, RTMIN+3.
#pragma once

#include <QString>

#include <optional>

namespace hako::cli {

std::optional<int> parseSignal(const QString &text);

// "KILL" for 9; empty for an unknown number.
QString signalName(int signal);

} // namespace hako::cli
