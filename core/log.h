// The container log: one line per line of output, in the CRI log format Kubernetes uses
// ("2026-11-24T05:52:58.123456789Z stdout F text"), so every line carries its time and
// stream and the file is easy to tail. Lines longer than kMaxLine are split and marked "P"
// (partial) but for the last piece ("F").
#pragma once

#include "fd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hako {

struct LogLine;

class LogWriter {
public:
    static constexpr size_t kMaxLine = 16 * 1024;

    explicit LogWriter(const std::string &path);
    // Appends output of `stream` ("stdout"/"stderr"); complete lines are written at once.
    void append(std::string_view stream, std::string_view data);
    // Writes what is left of an unterminated line (at end of output).
    void flush(std::string_view stream);
    // A line from Hako itself about the container (start failure, lost supervision).
    void note(std::string_view text);

private:
    std::string &pendingFor(std::string_view stream);
    void writeRecord(std::string_view stream, std::string_view text, bool partial, std::string &out);
    void writeOut(const std::string &out);

    std::string path_;
    UniqueFd fd_;
    std::string pendingStdout_, pendingStderr_;
};

std::optional<LogLine> parseLogLine(std::string_view line);

} // namespace hako
