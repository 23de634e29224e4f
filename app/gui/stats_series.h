// The stats window's and the overview's memory: a ring buffer of fixed capacity (the oldest
// point makes room for the newest, so an app left open for a day holds what it held after
// five minutes), and a time series of one figure on top of it.
#pragma once

#include <QList>
#include <QPointF>

#include <algorithm>
#include <optional>
#include <vector>

namespace hako::gui {

template <typename T> class RingBuffer {
public:
    explicit RingBuffer(qsizetype capacity) : items_(size_t(std::max<qsizetype>(capacity, 1))) {}

    qsizetype capacity() const { return qsizetype(items_.size()); }
    qsizetype size() const { return size_; }
    bool isEmpty() const { return size_ == 0; }

    // 0 is the oldest element kept, size() - 1 the newest.
    const T &at(qsizetype i) const { return items_[size_t((oldest_ + i) % capacity())]; }
    const T &last() const { return at(size_ - 1); }

    void push(const T &item)
    {
        if (size_ < capacity()) {
            items_[size_t((oldest_ + size_) % capacity())] = item;
            ++size_;
            return;
        }
        items_[size_t(oldest_)] = item; // overwrites the oldest
        oldest_ = (oldest_ + 1) % capacity();
    }

    void clear()
    {
        oldest_ = 0;
        size_ = 0;
    }

    // A new capacity that keeps the newest elements that fit.
    void setCapacity(qsizetype capacity)
    {
        capacity = std::max<qsizetype>(capacity, 1);
        if (capacity == this->capacity())
            return;
        const qsizetype kept = std::min(size_, capacity);
        std::vector<T> items(size_t(capacity), T{});
        for (qsizetype i = 0; i < kept; ++i)
            items[size_t(i)] = at(size_ - kept + i);
        items_ = std::move(items);
        oldest_ = 0;
        size_ = kept;
    }

private:
    std::vector<T> items_;
    qsizetype oldest_ = 0;
    qsizetype size_ = 0;
};

// One figure over time: x is the time in milliseconds since the epoch, y the raw value
// (bytes, bytes per second, percent, a count).
class StatsSeries {
public:
    explicit StatsSeries(qsizetype capacity) : points_(capacity) {}

    void append(qint64 timeMs, double value) { points_.push(QPointF(double(timeMs), value)); }
    void clear() { points_.clear(); }
    void setCapacity(qsizetype capacity) { points_.setCapacity(capacity); }

    qsizetype size() const { return points_.size(); }
    qsizetype capacity() const { return points_.capacity(); }
    bool isEmpty() const { return points_.isEmpty(); }
    const QPointF &at(qsizetype i) const { return points_.at(i); }
    const QPointF &last() const { return points_.last(); }

    double maxValue() const; // 0 when empty

    // The points, oldest first, with y divided by `divisor` (the chart's unit), into `out`
    // (resized, its storage reused): what one QXYSeries::replace() takes.
    void copyTo(QList<QPointF> &out, double divisor = 1) const;

    // The point whose time is nearest `timeMs` (none when empty).
    std::optional<QPointF> nearest(double timeMs) const;

private:
    RingBuffer<QPointF> points_;
};

} // namespace hako::gui
