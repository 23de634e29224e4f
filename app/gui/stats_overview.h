// Every running container at a glance: a tile each with its CPU and memory over the last
// minute as sparklines and the figures of now. One widget paints them all, and only the
// tiles in view (no widget per container, nothing relaid out per frame), so a hundred
// containers at one frame a second cost the app little. Lives in a dock of the main window.
#pragma once

#include "stats_sample.h"
#include "stats_series.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QHash>

#include <vector>

class QDockWidget;
class QMainWindow;

namespace hako::gui {

class HelperConnection;

class StatsOverview : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit StatsOverview(HelperConnection *helper, QWidget *parent = nullptr);
    ~StatsOverview() override;

    // The containers shown, in their order (by name), and how many points a tile draws.
    QStringList containerIds() const;
    qsizetype pointCount(const QString &id) const;
    // What the tile at `id` says when the pointer rests on it.
    QString toolTipFor(const QString &id) const;

signals:
    void containerClicked(const QString &id);
    void statisticsRequested(const QString &id); // a double-click on its tile

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Tile {
        QString id;
        QString name;
        RingBuffer<float> cpu;    // percent
        RingBuffer<float> memory; // bytes
        StatsSample latest;
    };

    void takeFrame(const QList<StatsSample> &frame);
    void clear();
    void layoutTiles();
    int tileHeight() const;
    QRect tileRect(int index) const; // in the viewport, scrolled
    int tileAt(const QPoint &pos) const;
    struct Sparkline {
        const RingBuffer<float> &values;
        double top; // the value at the top edge
        QColor colour;
    };
    void paintTile(QPainter &painter, const Tile &tile, const QRect &rect) const;
    // "CPU  ~~~~~  12.5 %": a label, a sparkline and the value of now, across `row`.
    void paintRow(QPainter &painter, const QRect &row, const QString &label,
                  const Sparkline &sparkline, const QString &value) const;
    void paintEmpty(QPainter &painter) const;

    HelperConnection *helper_;
    std::vector<Tile> tiles_; // by name
    QHash<QString, size_t> indexOf_;
    int columns_ = 1;
    QString problem_;
};

// The overview in a dock at the bottom of `window`, shown unless the person closed it (the
// setting view/showOverview remembers); the dock's toggleViewAction() shows and hides it.
QDockWidget *addOverviewDock(QMainWindow *window, HelperConnection *helper);

} // namespace hako::gui
