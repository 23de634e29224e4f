// check: the isolation check of running containers (CheckIsolation), as a table, the
// report's JSON, or a Go template over it. The exit code says whether anything failed, so
// scripts and CI can use it as a test: 0 none failed, 1 a check failed, 125 hakoctl's own
// errors (usage, the helper's refusals), as docker's.
#include "gotemplate.h"
#include "isolation_view.h"
#include "session.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

#include <cstdlib>

namespace hako::cli {

namespace {

constexpr int kExitCheckFailed = 1;

enum class Output { Table, Json, Template };

Output outputFor(const QString &format)
{
    if (format.isEmpty() || format == QLatin1String("table"))
        return Output::Table;
    return format == QLatin1String("json") ? Output::Json : Output::Template;
}

// Colours only for a person at a terminal, and never when NO_COLOR asks not to (no-color.org).
bool wantsColor()
{
    const char *noColor = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && (!noColor || !*noColor);
}

// "web (0123456789ab)": the heading of each report when several containers are checked.
QString heading(const QJsonObject &report)
{
    return QStringLiteral("%1 (%2)\n").arg(report.value(QStringLiteral("Name")).toString(),
                                           report.value(QStringLiteral("Id")).toString().left(12));
}

// One report as asked; false (after saying why) for a template that does not render.
bool printReport(const QJsonObject &report, const ParsedArgs &args, Output output, bool withHeading)
{
    switch (output) {
    case Output::Json: // one object per line, as docker's --format json
        printOut(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        return true;
    case Output::Template: {
        QString error;
        const auto text = renderTemplate(unescapeFormat(args.value(QStringLiteral("format"))), report, &error);
        if (!text) {
            fail(error);
            return false;
        }
        printOut(*text + QLatin1Char('\n'));
        return true;
    }
    case Output::Table:
        break;
    }
    const IsolationTableOptions options{args.boolean(QStringLiteral("verbose")), wantsColor()};
    printOut((withHeading ? heading(report) : QString()) + isolationTable(report, options));
    return true;
}

} // namespace

int cmdCheck(const ParsedArgs &args, Session &session)
{
    const Output output = outputFor(args.value(QStringLiteral("format")));
    const bool several = args.positional.size() > 1;
    int status = 0;
    bool failedCheck = false;
    for (qsizetype i = 0; i < args.positional.size(); ++i) {
        QDBusPendingReply<QString> reply = session.manager().CheckIsolation(args.positional[i]);
        if (!finished(reply)) {
            status = kExitHakoError;
            continue;
        }
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(reply.value().toUtf8(), &parseError);
        if (!document.isObject()) {
            status = fail(QStringLiteral("the helper's isolation report for %1 is not a JSON object: %2")
                              .arg(args.positional[i], parseError.errorString()));
            continue;
        }
        if (several && output == Output::Table && i > 0)
            printOut(QStringLiteral("\n"));
        if (!printReport(document.object(), args, output, several))
            return kExitHakoError;
        failedCheck = failedCheck || anyCheckFailed(document.object());
    }
    // hakoctl's own errors outrank the verdicts: a report that was not read proves nothing.
    if (status != 0)
        return status;
    return failedCheck ? kExitCheckFailed : 0;
}

} // namespace hako::cli
