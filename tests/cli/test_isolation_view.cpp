// `hakoctl check`: the table made from a CheckIsolation report (its rows, their alignment,
// the evidence under -v, colours only when asked) and the exit status it leads to.
#include "isolation_view.h"

#include "qt_print.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace hako::cli;

namespace
{

// A report as the helper sends it (core/isolation_check.h's toJson), cut to three checks.
QJsonObject report(const char *pidVerdict = "isolated")
{
    const QByteArray json = QByteArray(R"json({"Id": "0123456789abcdef", "Name": "web", "Checks": [
        {"Check": "pid", "Verdict": ")json") + pidVerdict + QByteArray(R"json(",
         "Summary": "own PID namespace: PID 1 is `sleep 30`, 2 processes",
         "Evidence": ["ps inside: 2 processes", "ns/pid: pid:[4026532801] (host pid:[4026531836])"]},
        {"Check": "capabilities", "Verdict": "weakened", "Summary": "CapEff adds CAP_SYS_ADMIN",
         "Evidence": ["CapEff: 00000000a82425fb"]},
        {"Check": "seccomp", "Verdict": "unknown", "Summary": "the probe did not answer", "Evidence": []}
    ]})json");
    return QJsonDocument::fromJson(json).object();
}

} // namespace

TEST(IsolationView, AlignedRowsInReportOrder)
{
    const QString expected = QStringLiteral(
        "CHECK          VERDICT    SUMMARY\n"
        "pid            isolated   own PID namespace: PID 1 is `sleep 30`, 2 processes\n"
        "capabilities   weakened   CapEff adds CAP_SYS_ADMIN\n"
        "seccomp        unknown    the probe did not answer\n");
    EXPECT_EQ(isolationTable(report(), {}), expected);
}

TEST(IsolationView, VerboseIndentsTheEvidenceUnderItsCheck)
{
    const QStringList lines = isolationTable(report(), {.verbose = true}).split(QLatin1Char('\n'));
    ASSERT_GE(lines.size(), 7);
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("pid ")));
    EXPECT_EQ(lines[2], QStringLiteral("    ps inside: 2 processes"));
    EXPECT_EQ(lines[3], QStringLiteral("    ns/pid: pid:[4026532801] (host pid:[4026531836])"));
    EXPECT_TRUE(lines[4].startsWith(QStringLiteral("capabilities ")));
    EXPECT_EQ(lines[5], QStringLiteral("    CapEff: 00000000a82425fb"));
    EXPECT_TRUE(lines[6].startsWith(QStringLiteral("seccomp "))); // no evidence, no lines
}

TEST(IsolationView, ColoursOnlyWhenAskedAndKeepTheColumns)
{
    EXPECT_FALSE(isolationTable(report("failed"), {}).contains(QLatin1Char('\033')));
    const QString colored = isolationTable(report("failed"), {.color = true});
    EXPECT_TRUE(colored.contains(QStringLiteral("\033[31mfailed\033[0m     own PID"))) << colored.toStdString();
    EXPECT_TRUE(colored.contains(QStringLiteral("\033[33mweakened\033[0m   CapEff"))) << colored.toStdString();
    EXPECT_TRUE(colored.contains(QStringLiteral("seccomp        unknown    the probe"))) << colored.toStdString();
    EXPECT_EQ(isolationTable(report(), {.color = true}).count(QStringLiteral("\033[32misolated\033[0m")), 1);
}

TEST(IsolationView, ControlCharactersFromInsideAreShownNotObeyed)
{
    QJsonObject r = report();
    QJsonArray checks = r.value(QStringLiteral("Checks")).toArray();
    QJsonObject pid = checks[0].toObject();
    pid[QStringLiteral("Summary")] = QStringLiteral("hostname \033[2Jevil\nline");
    checks[0] = pid;
    r[QStringLiteral("Checks")] = checks;
    const QString table = isolationTable(r, {});
    EXPECT_FALSE(table.contains(QLatin1Char('\033')));
    EXPECT_TRUE(table.contains(QStringLiteral("hostname \\x1b[2Jevil\\x0aline"))) << table.toStdString();
    EXPECT_EQ(table.count(QLatin1Char('\n')), 4); // header + 3 rows: nothing broke a row
}

TEST(IsolationView, OnlyAFailedCheckFailsTheCommand)
{
    EXPECT_FALSE(anyCheckFailed(report("isolated"))); // weakened and unknown do not count
    EXPECT_TRUE(anyCheckFailed(report("failed")));
    EXPECT_FALSE(anyCheckFailed(QJsonObject{}));
}
