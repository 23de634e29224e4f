// One container's figures over the last minutes: a StatsSeries for each line the stats
// window draws, fed a sample per frame. Rates (network, block I/O) are the differences of
// the helper's totals, so they start with the second sample of a run.
#pragma once

#include "stats_sample.h"
#include "stats_series.h"

#include <optional>
#include <vector>

namespace hako::gui {

class StatsHistory {
public:
    enum Line {
        Cpu,         // percent, 100 = one core
        CpuLimit,    // percent: the cores it may use × 100
        Memory,      // bytes
        MemoryLimit, // bytes
        NetRx,       // bytes per second
        NetTx,
        BlockRead,
        BlockWrite,
        Pids,
        PidsLimit,
        LineCount
    };

    explicit StatsHistory(qsizetype capacity);

    // A sample of the container; one no newer than the last is ignored (a window seeded from
    // the feed's recent samples then sees the same frame again).
    void add(const StatsSample &sample);
    void clear();
    // Keeps the newest points that fit.
    void setCapacity(qsizetype capacity);
    qsizetype capacity() const { return series_.front().capacity(); }

    const StatsSeries &series(Line line) const { return series_[size_t(line)]; }
    const std::optional<StatsSample> &latest() const { return latest_; }

private:
    void append(Line line, qint64 timeMs, double value);

    std::vector<StatsSeries> series_;
    std::optional<StatsSample> latest_;
};

} // namespace hako::gui
