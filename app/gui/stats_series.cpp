#include "stats_series.h"

namespace hako::gui {

double StatsSeries::maxValue() const
{
    double max = 0;
    for (qsizetype i = 0; i < points_.size(); ++i)
        max = std::max(max, points_.at(i).y());
    return max;
}

void StatsSeries::copyTo(QList<QPointF> &out, double divisor) const
{
    out.resize(points_.size());
    for (qsizetype i = 0; i < points_.size(); ++i) {
        const QPointF &p = points_.at(i);
        out[i] = QPointF(p.x(), p.y() / divisor);
    }
}

std::optional<QPointF> StatsSeries::nearest(double timeMs) const
{
    if (points_.isEmpty())
        return std::nullopt;
    // Times only grow: the first point at or after timeMs, or the one before it.
    qsizetype low = 0, high = points_.size();
    while (low < high) {
        const qsizetype mid = (low + high) / 2;
        if (points_.at(mid).x() < timeMs)
            low = mid + 1;
        else
            high = mid;
    }
    if (low == points_.size())
        return points_.last();
    if (low > 0 && timeMs - points_.at(low - 1).x() < points_.at(low).x() - timeMs)
        return points_.at(low - 1);
    return points_.at(low);
}

} // namespace hako::gui
