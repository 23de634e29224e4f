// POSIX shell words: quoting a command line so a shell reads back exactly the same words, and
// splitting one typed the way a shell takes it (the create dialog's command field).
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace hako::cli
{

// The word as a POSIX shell reads it back unchanged: bare when it has only safe characters,
// otherwise in single quotes (a ' inside becomes '\'').
QString shellQuote(const QString &word);
QString shellJoin(const QStringList &words);

// Splits like sh: blanks separate words; '…' keeps everything literally; "…" keeps all but
// \" \\ \$ \` (escaped) ; a backslash outside quotes escapes the next character. No
// expansion happens ($HOME stays as typed). Sets `error` for an unterminated quote or a
// trailing backslash.
std::optional<QStringList> shellSplit(const QString &text, QString *error);

} // namespace hako::cli
