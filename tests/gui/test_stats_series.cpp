// The stats views' arithmetic, without the helper: the ring buffer keeps a fixed number of
// the newest points however long it is fed, the series hands out what replace() takes, the
// units scale as the axes need, and rates come from differences of the helper's totals.
#include "stats_chart.h"
#include "stats_history.h"
#include "stats_series.h"
#include "stats_units.h"

#include <QLocale>

#include <gtest/gtest.h>

namespace hako::guitest {
namespace {

using gui::Quantity;
using gui::RingBuffer;
using gui::StatsHistory;
using gui::StatsSample;
using gui::StatsSeries;

std::vector<int> contents(const RingBuffer<int> &ring)
{
    std::vector<int> out;
    for (qsizetype i = 0; i < ring.size(); ++i)
        out.push_back(ring.at(i));
    return out;
}

TEST(StatsRingBuffer, KeepsTheNewestInOrderOnceItWraps)
{
    RingBuffer<int> ring(3);
    EXPECT_TRUE(ring.isEmpty());
    ring.push(1);
    ring.push(2);
    EXPECT_EQ(contents(ring), (std::vector<int>{1, 2}));
    for (int i = 3; i <= 7; ++i)
        ring.push(i);
    EXPECT_EQ(ring.size(), 3);
    EXPECT_EQ(ring.capacity(), 3);
    EXPECT_EQ(contents(ring), (std::vector<int>{5, 6, 7}));
    EXPECT_EQ(ring.last(), 7);
    ring.clear();
    EXPECT_TRUE(ring.isEmpty());
    ring.push(8);
    EXPECT_EQ(contents(ring), (std::vector<int>{8}));
}

TEST(StatsRingBuffer, ANewCapacityKeepsTheNewestThatFit)
{
    RingBuffer<int> ring(4);
    for (int i = 1; i <= 6; ++i) // wrapped: 3 4 5 6
        ring.push(i);
    ring.setCapacity(2);
    EXPECT_EQ(contents(ring), (std::vector<int>{5, 6}));
    ring.setCapacity(5);
    EXPECT_EQ(contents(ring), (std::vector<int>{5, 6}));
    for (int i = 7; i <= 10; ++i)
        ring.push(i);
    EXPECT_EQ(contents(ring), (std::vector<int>{6, 7, 8, 9, 10}));
}

TEST(StatsSeries, StaysAtItsCapacityAfterAnHourOfFrames)
{
    StatsSeries series(300);
    for (int second = 0; second < 3600; ++second)
        series.append(qint64(second) * 1000, second);
    EXPECT_EQ(series.size(), 300);
    EXPECT_EQ(series.at(0).x(), 3300 * 1000.0);
    EXPECT_EQ(series.last().y(), 3599);
    EXPECT_EQ(series.maxValue(), 3599);

    QList<QPointF> points;
    series.copyTo(points, 100);
    ASSERT_EQ(points.size(), 300);
    EXPECT_EQ(points.first(), QPointF(3300 * 1000.0, 33.0));
    EXPECT_EQ(points.last(), QPointF(3599 * 1000.0, 35.99));
}

TEST(StatsSeries, FindsThePointNearestATime)
{
    StatsSeries series(10);
    EXPECT_FALSE(series.nearest(5));
    series.append(1000, 1);
    series.append(2000, 2);
    series.append(3000, 3);
    EXPECT_EQ(series.nearest(0)->y(), 1);
    EXPECT_EQ(series.nearest(1400)->y(), 1);
    EXPECT_EQ(series.nearest(1600)->y(), 2);
    EXPECT_EQ(series.nearest(2000)->y(), 2);
    EXPECT_EQ(series.nearest(9000)->y(), 3);
}

TEST(StatsUnits, ScaleBytesToTheLargestUnitThatKeepsAWholeNumber)
{
    const QLocale before;
    QLocale::setDefault(QLocale::c());
    EXPECT_EQ(gui::unitFor(Quantity::Bytes, 1023).suffix, QStringLiteral("B"));
    EXPECT_EQ(gui::unitFor(Quantity::Bytes, 1024).suffix, QStringLiteral("KiB"));
    EXPECT_EQ(gui::unitFor(Quantity::Bytes, 1024).divisor, 1024);
    EXPECT_EQ(gui::unitFor(Quantity::Bytes, 5.0 * 1024 * 1024).suffix, QStringLiteral("MiB"));
    EXPECT_EQ(gui::unitFor(Quantity::Bytes, 3.0 * 1024 * 1024 * 1024).suffix,
              QStringLiteral("GiB"));
    EXPECT_EQ(gui::unitFor(Quantity::Bytes, 1e16).suffix, QStringLiteral("TiB"));
    EXPECT_EQ(gui::unitFor(Quantity::BytesPerSecond, 2048).suffix, QStringLiteral("KiB/s"));
    EXPECT_EQ(gui::unitFor(Quantity::Percent, 250).suffix, QStringLiteral("%"));
    EXPECT_EQ(gui::unitFor(Quantity::Count, 1e6).divisor, 1);

    EXPECT_EQ(gui::valueText(Quantity::Bytes, 300), QStringLiteral("300 B"));
    EXPECT_EQ(gui::valueText(Quantity::Bytes, 1536), QStringLiteral("1.5 KiB"));
    EXPECT_EQ(gui::valueText(Quantity::BytesPerSecond, 100.0 * 1024 * 1024),
              QStringLiteral("100.0 MiB/s"));
    EXPECT_EQ(gui::valueText(Quantity::Percent, 48.94), QStringLiteral("48.9 %"));
    EXPECT_EQ(gui::valueText(Quantity::Count, 12), QStringLiteral("12"));
    QLocale::setDefault(before);
}

StatsSample sampleAt(double seconds, quint64 rx, quint64 written)
{
    StatsSample s;
    s.id = QStringLiteral("c1");
    s.timeUsec = quint64(seconds * 1e6);
    s.cpuPercent = 50;
    s.cpuLimitCores = 0.5;
    s.netRxBytes = rx;
    s.blockWriteBytes = written;
    return s;
}

TEST(StatsHistory, RatesAreTheDifferencesOfTotalsOverTime)
{
    StatsHistory history(10);
    history.add(sampleAt(100, 1000, 0));
    EXPECT_EQ(history.series(StatsHistory::Cpu).size(), 1);
    EXPECT_EQ(history.series(StatsHistory::CpuLimit).last().y(), 50);
    EXPECT_TRUE(history.series(StatsHistory::NetRx).isEmpty()) << "a rate needs two samples";

    history.add(sampleAt(102, 5096, 2048)); // 4096 bytes in 2 s
    ASSERT_EQ(history.series(StatsHistory::NetRx).size(), 1);
    EXPECT_DOUBLE_EQ(history.series(StatsHistory::NetRx).last().y(), 2048);
    EXPECT_DOUBLE_EQ(history.series(StatsHistory::BlockWrite).last().y(), 1024);
    EXPECT_EQ(history.series(StatsHistory::NetRx).last().x(), 102000);

    history.add(sampleAt(102, 9999, 9999)); // the same frame again: ignored
    EXPECT_EQ(history.series(StatsHistory::Cpu).size(), 2);
    history.add(sampleAt(103, 10, 10)); // totals went back: restarted, no rate
    EXPECT_EQ(history.series(StatsHistory::NetRx).size(), 1);
    EXPECT_EQ(history.series(StatsHistory::Cpu).size(), 3);

    for (int i = 0; i < 100; ++i)
        history.add(sampleAt(104 + i, 10 + quint64(i), 10));
    EXPECT_EQ(history.series(StatsHistory::Cpu).size(), 10);
    EXPECT_EQ(history.series(StatsHistory::NetRx).size(), 10);
    history.setCapacity(4);
    EXPECT_EQ(history.series(StatsHistory::Memory).size(), 4);
    EXPECT_EQ(history.series(StatsHistory::Cpu).last().x(), 203000);
}

TEST(StatsChart, DrawsAtMostTheHistoryItKeepsHoweverLongItRuns)
{
    StatsHistory history(120);
    gui::StatsChart chart(QStringLiteral("Network"), Quantity::BytesPerSecond);
    const int rx = chart.addLine(QStringLiteral("Received"), StatsHistory::NetRx);
    for (int second = 0; second < 1000; ++second) {
        // 3 MiB/s received.
        history.add(sampleAt(1000 + second, quint64(second) * 3 * 1024 * 1024, 0));
        chart.draw(history, 120 * 1000);
    }
    const QList<QPointF> points = chart.points(rx);
    EXPECT_EQ(points.size(), 120);
    EXPECT_EQ(chart.unitSuffix(), QStringLiteral("MiB/s"));
    EXPECT_DOUBLE_EQ(points.last().y(), 3.0) << "drawn in the axis' unit";
    EXPECT_GE(chart.axisMax(), 3.0);
    EXPECT_EQ(points.last().x(), (1000 + 999) * 1000.0);
}

} // namespace
} // namespace hako::guitest
