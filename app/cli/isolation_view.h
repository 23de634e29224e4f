// `hakoctl check`: the isolation report of a container (CheckIsolation's JSON, see
// core/isolation_check.h) as a table a person reads, and what the exit code makes of it.
#pragma once

#include <QJsonObject>
#include <QString>

namespace hako::cli {

struct IsolationTableOptions {
    bool verbose = false; // the evidence lines, indented under each check
    bool color = false;   // ANSI colours on the verdicts (only for a terminal)
};

// CHECK / VERDICT / SUMMARY, one row per check in the report's order, aligned as docker's
// tables are (columns at least 10 wide, 3 spaces apart). Ends with a newline.
QString isolationTable(const QJsonObject &report, const IsolationTableOptions &options);

// True if any check's verdict is "failed": what the kernel shows differs from the settings.
bool anyCheckFailed(const QJsonObject &report);

} // namespace hako::cli
