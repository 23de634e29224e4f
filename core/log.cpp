#include "log.h"

#include "engine.h"
#include "error.h"
#include "fs.h"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <ctime>

namespace hako {

LogWriter::LogWriter(const std::string &path)
    : path_(path), fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640))
{
    if (!fd_)
        throwSys("open log", path);
}

std::string &LogWriter::pendingFor(std::string_view stream)
{
    return stream == "stderr" ? pendingStderr_ : pendingStdout_;
}

void LogWriter::writeRecord(std::string_view stream, std::string_view text, bool partial,
                            std::string &out)
{
    out += formatTimestamp(nowUnixNanos());
    out += ' ';
    out += stream;
    out += partial ? " P " : " F ";
    out += text;
    out += '\n';
}

void LogWriter::writeOut(const std::string &out)
{
    size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::write(fd_.get(), out.data() + done, out.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            // Disk full or similar: keep supervising; the lines are lost, not the container.
            return;
        }
        done += static_cast<size_t>(n);
    }
}

void LogWriter::append(std::string_view stream, std::string_view data)
{
    std::string &pending = pendingFor(stream);
    std::string out;
    auto emitPartials = [&] {
        while (pending.size() >= kMaxLine) {
            writeRecord(stream, std::string_view(pending).substr(0, kMaxLine), true, out);
            pending.erase(0, kMaxLine);
        }
    };
    while (!data.empty()) {
        const size_t nl = data.find('\n');
        pending.append(data.substr(0, nl));
        emitPartials();
        if (nl == std::string_view::npos)
            break;
        data.remove_prefix(nl + 1);
        writeRecord(stream, pending, false, out);
        pending.clear();
    }
    if (!out.empty())
        writeOut(out);
}

void LogWriter::flush(std::string_view stream)
{
    std::string &pending = pendingFor(stream);
    if (pending.empty())
        return;
    std::string out;
    writeRecord(stream, pending, true, out);
    pending.clear();
    writeOut(out);
}

void LogWriter::note(std::string_view text)
{
    std::string out;
    writeRecord("hako", text, false, out);
    writeOut(out);
}

static std::optional<int64_t> parseTimestamp(std::string_view ts)
{
    // 2026-11-24T05:52:58.123456789Z
    if (ts.size() != 30 || ts[4] != '-' || ts[10] != 'T' || ts[19] != '.' || ts[29] != 'Z')
        return std::nullopt;
    auto num = [&](size_t pos, size_t len) {
        int value = 0;
        std::from_chars(ts.data() + pos, ts.data() + pos + len, value);
        return value;
    };
    struct tm tm {};
    tm.tm_year = num(0, 4) - 1900;
    tm.tm_mon = num(5, 2) - 1;
    tm.tm_mday = num(8, 2);
    tm.tm_hour = num(11, 2);
    tm.tm_min = num(14, 2);
    tm.tm_sec = num(17, 2);
    return int64_t(::timegm(&tm)) * 1000000000 + num(20, 9);
}

std::optional<LogLine> parseLogLine(std::string_view line)
{
    const size_t s1 = line.find(' ');
    if (s1 == std::string_view::npos)
        return std::nullopt;
    const size_t s2 = line.find(' ', s1 + 1);
    if (s2 == std::string_view::npos || s2 + 2 > line.size())
        return std::nullopt;
    const auto time = parseTimestamp(line.substr(0, s1));
    if (!time)
        return std::nullopt;
    LogLine out;
    out.time = *time;
    out.stream = std::string(line.substr(s1 + 1, s2 - s1 - 1));
    out.partial = line[s2 + 1] == 'P';
    out.text = s2 + 3 <= line.size() ? std::string(line.substr(s2 + 3)) : std::string();
    return out;
}

} // namespace hako
