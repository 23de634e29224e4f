#include "isolation_view.h"

#include <QJsonArray>

#include <algorithm>

namespace hako::cli {

namespace {

// docker's tabwriter: minimum cell width 10, padding 3.
constexpr qsizetype kMinColumn = 10;
constexpr qsizetype kPadding = 3;

const QString kCheck = QStringLiteral("Check");
const QString kVerdict = QStringLiteral("Verdict");
const QString kSummary = QStringLiteral("Summary");
const QString kEvidence = QStringLiteral("Evidence");
const QString kEvidenceIndent = QStringLiteral("    ");

QJsonArray checksOf(const QJsonObject &report)
{
    return report.value(QStringLiteral("Checks")).toArray();
}

// Summaries and evidence quote what the probe saw inside the container (a hostname, a
// command line), which the container controls: control characters are shown as \xNN so they
// can neither move the cursor nor recolour the terminal, nor break a row in two.
QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString field(const QJsonObject &check, const QString &name)
{
    return printable(check.value(name).toString());
}

qsizetype columnWidth(const QJsonArray &checks, const QString &name, const QString &header)
{
    qsizetype widest = header.size();
    for (const QJsonValue &check : checks)
        widest = std::max(widest, field(check.toObject(), name).size());
    return std::max(kMinColumn, widest + kPadding);
}

// SGR colours: green for isolated, yellow for weakened, red for failed; unknown stays plain
// (it is neither good nor bad news, only missing news).
QString colored(const QString &verdict)
{
    const char *code = verdict == QLatin1String("isolated")   ? "32"
                       : verdict == QLatin1String("weakened") ? "33"
                       : verdict == QLatin1String("failed")   ? "31"
                                                              : nullptr;
    if (!code)
        return verdict;
    return QStringLiteral("\033[%1m%2\033[0m").arg(QLatin1String(code), verdict);
}

} // namespace

QString isolationTable(const QJsonObject &report, const IsolationTableOptions &options)
{
    const QJsonArray checks = checksOf(report);
    const qsizetype checkWidth = columnWidth(checks, kCheck, QStringLiteral("CHECK"));
    const qsizetype verdictWidth = columnWidth(checks, kVerdict, QStringLiteral("VERDICT"));
    QString out = QStringLiteral("CHECK").leftJustified(checkWidth) +
                  QStringLiteral("VERDICT").leftJustified(verdictWidth) + QStringLiteral("SUMMARY\n");
    for (const QJsonValue &value : checks) {
        const QJsonObject check = value.toObject();
        const QString verdict = field(check, kVerdict);
        // The padding goes outside the colour codes, which take no room on the screen.
        const QString padding(verdictWidth - verdict.size(), QLatin1Char(' '));
        out += field(check, kCheck).leftJustified(checkWidth) +
               (options.color ? colored(verdict) : verdict) + padding + field(check, kSummary) +
               QLatin1Char('\n');
        if (!options.verbose)
            continue;
        for (const QJsonValue &line : check.value(kEvidence).toArray())
            out += kEvidenceIndent + printable(line.toString()) + QLatin1Char('\n');
    }
    return out;
}

bool anyCheckFailed(const QJsonObject &report)
{
    const QJsonArray checks = checksOf(report);
    return std::any_of(checks.begin(), checks.end(), [](const QJsonValue &check) {
        return check.toObject().value(kVerdict).toString() == QLatin1String("failed");
    });
}

} // namespace hako::cli
