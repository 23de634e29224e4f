// `hakoctl stats`: docker's columns and units from the helper's entries, --format fields,
// and which containers the table keeps from frame to frame.
#include "humanize.h"
#include "stats_view.h"
#include "views.h"

#include "qt_print.h"

#include <gtest/gtest.h>

using namespace hako::cli;

namespace
{

const QString kWebId = QStringLiteral("aaaaaaaaaaaa0123456789abcdef0123456789abcdef0123456789abcdef0000");
const QString kDbId = QStringLiteral("bbbbbbbbbbbb0123456789abcdef0123456789abcdef0123456789abcdef0000");

QVariantMap entry(const QString &id, const QString &name, double cpu, quint64 memory)
{
    return QVariantMap{
        {QStringLiteral("Id"), id},
        {QStringLiteral("Name"), name},
        {QStringLiteral("CpuPercent"), cpu},
        {QStringLiteral("MemoryUsage"), memory},
        {QStringLiteral("MemoryLimit"), quint64(100) * 1024 * 1024},
        {QStringLiteral("MemoryPercent"), 100.0 * double(memory) / (100.0 * 1024 * 1024)},
        {QStringLiteral("NetRxBytes"), quint64(1234567)},
        {QStringLiteral("NetTxBytes"), quint64(648)},
        {QStringLiteral("BlockReadBytes"), quint64(0)},
        {QStringLiteral("BlockWriteBytes"), quint64(12300000)},
        {QStringLiteral("Pids"), quint64(3)},
    };
}

QStringList column(const QList<QJsonObject> &rows, const char *field)
{
    QStringList values;
    for (const QJsonObject &row : rows)
        values.append(row.value(QLatin1String(field)).toString());
    return values;
}

} // namespace

TEST(StatsView, DockersUnits)
{
    const QJsonObject row = statsRow(QStringLiteral("web"), entry(kWebId, QStringLiteral("web"), 50.456, 1536 * 1024), false);
    EXPECT_EQ(row.value(QStringLiteral("Container")).toString(), QStringLiteral("web"));
    EXPECT_EQ(row.value(QStringLiteral("Name")).toString(), QStringLiteral("web"));
    EXPECT_EQ(row.value(QStringLiteral("ID")).toString(), kWebId.left(12));
    EXPECT_EQ(row.value(QStringLiteral("CPUPerc")).toString(), QStringLiteral("50.46%"));
    EXPECT_EQ(row.value(QStringLiteral("MemUsage")).toString(), QStringLiteral("1.5MiB / 100MiB"));
    EXPECT_EQ(row.value(QStringLiteral("MemPerc")).toString(), QStringLiteral("1.50%"));
    EXPECT_EQ(row.value(QStringLiteral("NetIO")).toString(), QStringLiteral("1.23MB / 648B"));
    EXPECT_EQ(row.value(QStringLiteral("BlockIO")).toString(), QStringLiteral("0B / 12.3MB"));
    EXPECT_EQ(row.value(QStringLiteral("PIDs")).toString(), QStringLiteral("3"));
    EXPECT_EQ(statsRow(QString(), entry(kWebId, {}, 0, 0), true).value(QStringLiteral("ID")).toString(), kWebId);
}

TEST(StatsView, NotRunningShowsZeros)
{
    const QJsonObject row = statsRow(QStringLiteral("db"), {{QStringLiteral("Id"), kDbId}, {QStringLiteral("Name"), QStringLiteral("db")}}, false);
    EXPECT_EQ(row.value(QStringLiteral("CPUPerc")).toString(), QStringLiteral("0.00%"));
    EXPECT_EQ(row.value(QStringLiteral("MemUsage")).toString(), QStringLiteral("0B / 0B"));
    EXPECT_EQ(row.value(QStringLiteral("MemPerc")).toString(), QStringLiteral("0.00%"));
    EXPECT_EQ(row.value(QStringLiteral("NetIO")).toString(), QStringLiteral("0B / 0B"));
    EXPECT_EQ(row.value(QStringLiteral("BlockIO")).toString(), QStringLiteral("0B / 0B"));
    EXPECT_EQ(row.value(QStringLiteral("PIDs")).toString(), QStringLiteral("0"));
}

TEST(StatsView, DefaultTableAndFormats)
{
    StatsTable table(true, false, false);
    const QList<QJsonObject> rows = table.update({entry(kWebId, QStringLiteral("web"), 0.5, 100 * 1024 * 1024)});
    QString error;
    const auto text = renderRows(defaultStatsFormat(), statsHeaders(), rows, &error);
    ASSERT_TRUE(text) << error.toStdString();
    const QStringList lines = text->split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O")))
        << lines[0].toStdString();
    EXPECT_TRUE(lines[0].endsWith(QStringLiteral("BLOCK I/O     PIDS"))) << lines[0].toStdString();
    EXPECT_EQ(lines[1].simplified(), QStringLiteral("aaaaaaaaaaaa web 0.50% 100MiB / 100MiB 100.00% 1.23MB / 648B 0B / 12.3MB 3"));

    const auto custom = renderRows(QStringLiteral("{{.Name}}: {{.CPUPerc}} {{.MemUsage}} {{.Container}}"), statsHeaders(), rows, &error);
    EXPECT_EQ(custom, QStringLiteral("web: 0.50% 100MiB / 100MiB aaaaaaaaaaaa\n"));
    const auto headed = renderRows(QStringLiteral("table {{.Container}}\t{{.PIDs}}"), statsHeaders(), rows, &error);
    EXPECT_EQ(headed, QStringLiteral("CONTAINER      PIDS\naaaaaaaaaaaa   3\n"));
}

TEST(StatsTable, WithoutNamesFollowsTheRunningOnes)
{
    StatsTable table(true, false, false);
    const QVariantMap web = entry(kWebId, QStringLiteral("web"), 1, 1);
    const QVariantMap db = entry(kDbId, QStringLiteral("db"), 2, 2);
    EXPECT_EQ(column(table.update({web}), "Name"), QStringList{QStringLiteral("web")});
    // A container started later comes last, whatever order the frame has.
    EXPECT_EQ(column(table.update({db, web}), "Name"), (QStringList{QStringLiteral("web"), QStringLiteral("db")}));
    // One that stopped leaves the table.
    EXPECT_EQ(column(table.update({db}), "Name"), QStringList{QStringLiteral("db")});
    EXPECT_TRUE(table.update({}).isEmpty());
}

TEST(StatsTable, AllKeepsStoppedOnesWithZeros)
{
    StatsTable table(true, true, false);
    table.add(kDbId.left(12), kDbId, QStringLiteral("db"));
    const QList<QJsonObject> rows = table.update({entry(kWebId, QStringLiteral("web"), 1, 1)});
    EXPECT_EQ(column(rows, "Name"), (QStringList{QStringLiteral("db"), QStringLiteral("web")}));
    EXPECT_EQ(column(rows, "PIDs"), (QStringList{QStringLiteral("0"), QStringLiteral("3")}));
    EXPECT_EQ(column(table.update({}), "Name"), (QStringList{QStringLiteral("db"), QStringLiteral("web")}));
}

TEST(StatsTable, NamedOnesInTheOrderGivenAndNoOthers)
{
    StatsTable table(false, true, false);
    table.add(QStringLiteral("db"), kDbId, QStringLiteral("db"));
    table.add(kWebId.left(5), kWebId, QStringLiteral("web"));
    const QList<QJsonObject> rows = table.update({entry(kWebId, QStringLiteral("web"), 1, 1),
                                                  entry(QStringLiteral("cccc"), QStringLiteral("other"), 1, 1)});
    EXPECT_EQ(column(rows, "Container"), (QStringList{QStringLiteral("db"), kWebId.left(5)}));
    EXPECT_EQ(column(rows, "CPUPerc"), (QStringList{QStringLiteral("0.00%"), QStringLiteral("1.00%")}));
    EXPECT_EQ(table.ids(), (QStringList{kDbId, kWebId}));
}

TEST(Humanize, BytesSizeAsDockerStatsShowsIt)
{
    EXPECT_EQ(bytesSize(0), QStringLiteral("0B"));
    EXPECT_EQ(bytesSize(1023), QStringLiteral("1023B"));
    EXPECT_EQ(bytesSize(1536 * 1024), QStringLiteral("1.5MiB"));
    EXPECT_EQ(bytesSize(100.0 * 1024 * 1024), QStringLiteral("100MiB"));
    EXPECT_EQ(bytesSize(7.77 * 1024 * 1024 * 1024), QStringLiteral("7.77GiB"));
    EXPECT_EQ(bytesSize(123456789), QStringLiteral("117.7MiB"));
}

TEST(Humanize, OomKilledStatus)
{
    StatusInput in{QStringLiteral("stopped"), 137, 1000000, 2000000, true};
    EXPECT_EQ(statusText(in, 7000000), QStringLiteral("Exited (137) 5 seconds ago (OOM killed)"));
    in.oomKilled = false;
    EXPECT_EQ(statusText(in, 7000000), QStringLiteral("Exited (137) 5 seconds ago"));
}

TEST(Humanize, PsSaysOomKilled)
{
    const QVariantMap killed{{QStringLiteral("Id"), kWebId},        {QStringLiteral("State"), QStringLiteral("stopped")},
                             {QStringLiteral("ExitSignal"), 9},    {QStringLiteral("OOMKilled"), true},
                             {QStringLiteral("FinishedUsec"), quint64(2000000)}};
    EXPECT_EQ(psRow(killed, false, 7000000).value(QStringLiteral("Status")).toString(),
              QStringLiteral("Exited (137) 5 seconds ago (OOM killed)"));
}

