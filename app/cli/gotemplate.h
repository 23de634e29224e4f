// The subset of Go's text/template that `docker inspect -f` and `docker ps --format` users
// write, evaluated over JSON: literal text around {{ actions }}; field paths (.State.Pid, and
// "." for the whole value); pipelines with "|"; the functions json, upper, lower, len, index
// and join; string literals; and the {{- -}} whitespace trims. Values print as Go prints them
// (objects as map[key:value], arrays as [a b]), so scripts written for Docker see the same text.
#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace hako::cli {

// The "\t" and "\n" people type in a shell-quoted format become real tabs and newlines, as
// Docker's formatter does.
QString unescapeFormat(const QString &format);

// Renders `format` over `data`; on a parse or evaluation error returns nothing and sets
// `error` ("template: unclosed action", "can't evaluate field Foo").
std::optional<QString> renderTemplate(const QString &format, const QJsonValue &data, QString *error);

// How Go's fmt prints a value decoded from JSON.
QString goText(const QJsonValue &value);

} // namespace hako::cli
