// Docker's wording for times, states and truncated text, so `hakoctl ps` reads like `docker ps`.
#pragma once

#include <QString>

#include <cstdint>

namespace hako::cli {

// Docker's units.HumanDuration: "Less than a second", "3 seconds", "About a minute",
// "5 minutes", "About an hour", "3 hours", "2 days", "3 weeks", "4 months", "2 years".
QString humanDuration(int64_t seconds);

// What ps shows in STATUS: "Up 3 seconds", "Up 1 second (Paused)", "Exited (0) 2 minutes ago",
// "Created". Times are unix microseconds, as the D-Bus API gives them.
struct StatusInput {
    QString state; // created, running, paused, stopped (or exited)
    int exitStatus = 0;
    uint64_t startedUsec = 0;
    uint64_t finishedUsec = 0;
    bool oomKilled = false; // the kernel's OOM killer ended it: said after the exit status
};
QString statusText(const StatusInput &in, uint64_t nowUsec);

// Docker's State.Status name for Hako's: a stopped container is "exited".
QString dockerStateName(const QString &hakoState);

// "5 seconds ago"; empty for a zero time.
QString ago(uint64_t usec, uint64_t nowUsec);

// RFC 3339 with nanoseconds as Docker's JSON writes times; Go's zero time for 0.
QString rfc3339(uint64_t usec);

// Docker's stringutils.Ellipsis: at most `max` characters, the last one "…" when cut.
QString ellipsis(const QString &text, int max);

// Docker's units.HumanSize (decimal units, three significant digits): "999B", "4.26MB",
// "12.3GB", for `docker images`' SIZE.
QString humanSize(uint64_t bytes);

// Docker's units.BytesSize (binary units, four significant digits): "1.5MiB", "100MiB",
// "0B", for the memory column of `docker stats`.
QString bytesSize(double bytes);

// Go's strconv.Quote for the COMMAND column.
QString goQuote(const QString &text);

uint64_t nowUsec();

} // namespace hako::cli
