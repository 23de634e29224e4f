// What hakoctl prints, built from the D-Bus API's maps: docker inspect's JSON, ps rows and
// their --format fields, aligned tables, and the CRI log lines FollowLogs streams.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <cstdint>
#include <optional>

namespace hako::cli {

// docker inspect's object for one container: GetContainer's map (Id, Name, Image, State,
// Pid/HostPid, ExitCode, ExitSignal, OOMKilled, *Usec, Error, Spec, Namespaces).
QJsonObject inspectObject(const QVariantMap &container);

// The fields `ps --format` knows: ID, Names, Image, Command, CreatedAt, RunningFor, Status,
// State, Ports, Labels, Mounts, Networks, Size.
QJsonObject psRow(const QVariantMap &entry, bool noTrunc, uint64_t nowUsec);

// Docker's default ps table, and the header text for a `table` format.
QString defaultPsFormat();
QJsonObject psHeaders();

// Renders rows with a format that may start with "table " (header row, tab-aligned) and
// returns the text to print, or nothing with `error` set.
std::optional<QString> renderRows(const QString &format, const QJsonObject &headers,
                                  const QList<QJsonObject> &rows, QString *error);

// Aligns tab-separated lines as Docker's tabwriter does (min width 10, padding 3).
QString alignColumns(const QStringList &lines);

struct LogRecord {
    QString time;
    QString stream; // "stdout" or "stderr"
    QByteArray text;
    bool partial = false;
};
// "2026-11-24T05:52:58.123456789Z stdout F text" (the CRI log format).
std::optional<LogRecord> parseCriLine(const QByteArray &line);

// The same fields as views into `line`, without copies: for readers of many lines (the GUI's
// log page takes 100,000 at once).
struct CriFields {
    QByteArrayView time, stream, text;
    bool partial = false;
};
std::optional<CriFields> splitCriLine(QByteArrayView line);

} // namespace hako::cli
