// One graph of the stats window: a QtCharts chart of a few lines of a StatsHistory over a
// time axis (clock time) and a value axis scaled to a readable unit (KiB/s, MiB, %), with a
// line of text above it that reads the newest values, or, while the pointer is over the
// graph, the values at that moment. Each redraw hands each line its points in one replace().
#pragma once

#include "stats_history.h"
#include "stats_units.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;

QT_BEGIN_NAMESPACE
class QChart;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace hako::gui {

class StatsChart : public QWidget {
    Q_OBJECT
public:
    StatsChart(const QString &title, Quantity quantity, QWidget *parent = nullptr);
    ~StatsChart() override;

    // A line drawn from the history's `source`; a limit is drawn dashed. Returns its index.
    int addLine(const QString &name, StatsHistory::Line source, bool isLimit = false);
    // Hides a line (a limit the container does not have) from the graph and the readout.
    void setLineShown(int line, bool shown);
    bool isLineShown(int line) const;

    // Draws the last `spanMs` of `history`, up to its newest sample.
    void draw(const StatsHistory &history, qint64 spanMs);

    QString title() const { return title_; }
    // What the text line above the graph says now.
    QString readout() const;
    // What the line shows, as drawn (y in the axis' unit).
    QList<QPointF> points(int line) const;
    QString unitSuffix() const { return unit_.suffix; }
    double axisMax() const;

    // The values at `timeMs` ("At 12:03:05: Used 1.2 MiB · Limit 100.0 MiB"), as hovering
    // there shows; showNewest() goes back to those of the newest frame.
    void showValuesAt(double timeMs);
    void showNewest();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Line {
        QString name;
        StatsHistory::Line source;
        QLineSeries *series = nullptr;
        bool isLimit = false;
        bool shown = true;
    };

    void applyTheme();
    void scaleValueAxis(const StatsHistory &history);
    // Writes "PREFIX Used 1.2 MiB · Limit 100.0 MiB" above the graph, each line's name after
    // a square in its colour; `valueOf` gives a line's value in the axis' unit.
    void setReadout(const QString &prefix,
                    const std::function<std::optional<double>(const Line &)> &valueOf);

    QString title_;
    Quantity quantity_;
    ScaledUnit unit_;
    QChart *chart_ = nullptr;
    QDateTimeAxis *timeAxis_ = nullptr;
    QValueAxis *valueAxis_ = nullptr;
    QLabel *heading_ = nullptr;
    QLabel *readout_ = nullptr;
    QString readoutText_; // what readout_ says, as plain text
    std::vector<Line> lines_;
    QList<QPointF> scratch_; // reused for every replace()
    bool hovering_ = false;
    double hoverTimeMs_ = 0;
};

} // namespace hako::gui
