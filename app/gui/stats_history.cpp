#include "stats_history.h"

namespace hako::gui {

StatsHistory::StatsHistory(qsizetype capacity) : series_(size_t(LineCount), StatsSeries(capacity))
{
}

void StatsHistory::add(const StatsSample &sample)
{
    if (latest_ && sample.timeUsec <= latest_->timeUsec)
        return;
    const auto timeMs = qint64(sample.timeUsec / 1000);
    append(Cpu, timeMs, sample.cpuPercent);
    append(CpuLimit, timeMs, sample.cpuLimitCores * 100);
    append(Memory, timeMs, double(sample.memoryUsage));
    append(MemoryLimit, timeMs, double(sample.memoryLimit));
    append(Pids, timeMs, double(sample.pids));
    append(PidsLimit, timeMs, double(sample.pidsLimit));
    if (latest_) {
        if (const auto rates = ratesBetween(*latest_, sample)) {
            append(NetRx, timeMs, rates->netRx);
            append(NetTx, timeMs, rates->netTx);
            append(BlockRead, timeMs, rates->blockRead);
            append(BlockWrite, timeMs, rates->blockWrite);
        }
    }
    latest_ = sample;
}

void StatsHistory::clear()
{
    for (StatsSeries &series : series_)
        series.clear();
    latest_.reset();
}

void StatsHistory::setCapacity(qsizetype capacity)
{
    for (StatsSeries &series : series_)
        series.setCapacity(capacity);
}

void StatsHistory::append(Line line, qint64 timeMs, double value)
{
    series_[size_t(line)].append(timeMs, value);
}

} // namespace hako::gui
