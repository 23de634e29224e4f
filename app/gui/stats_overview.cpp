#include "stats_overview.h"

#include "helper_connection.h"
#include "stats_feed.h"
#include "stats_units.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QHelpEvent>
#include <QMainWindow>
#include <QMouseEvent>
#include <QPainter>
#include <QPaintEvent>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace hako::gui {

namespace {

constexpr int kMinTileWidth = 230;
constexpr int kPadding = 6;
constexpr int kGap = 3;           // between tiles, and between a tile's lines
constexpr int kHistoryMs = 60000; // what a sparkline spans
constexpr int kMinPoints = 10;
constexpr double kMemoryHeadroom = 1.2;
constexpr double kMinMemoryTop = 1024.0 * 1024; // an idle container's few KiB stay low
const QString kShowSetting = QStringLiteral("view/showOverview");
const QColor kMemoryColour(0x8e, 0x44, 0xad);

qsizetype sparklinePoints()
{
    return std::max<qsizetype>(kMinPoints, kHistoryMs / StatsFeed::intervalMs());
}

float maxOf(const RingBuffer<float> &values)
{
    float max = 0;
    for (qsizetype i = 0; i < values.size(); ++i)
        max = std::max(max, values.at(i));
    return max;
}

// The values, newest at the right edge of `rect`, scaled so `top` reaches its top edge; a
// filled band under a line, as sparklines are drawn.
void paintSparkline(QPainter &painter, const RingBuffer<float> &values, double top,
                    const QRectF &rect, const QColor &colour)
{
    if (values.isEmpty() || top <= 0)
        return;
    const double step = rect.width() / double(std::max<qsizetype>(values.capacity() - 1, 1));
    QPolygonF line;
    line.reserve(values.size() + 2);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double x = rect.right() - double(values.size() - 1 - i) * step;
        const double share = std::clamp(double(values.at(i)) / top, 0.0, 1.0);
        line << QPointF(x, rect.bottom() - share * rect.height());
    }
    QPolygonF band = line;
    band << QPointF(line.last().x(), rect.bottom()) << QPointF(line.first().x(), rect.bottom());
    QColor fill = colour;
    fill.setAlpha(60);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawPolygon(band);
    painter.setPen(QPen(colour, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawPolyline(line);
}

} // namespace

StatsOverview::StatsOverview(HelperConnection *helper, QWidget *parent)
    : QAbstractScrollArea(parent), helper_(helper)
{
    setObjectName(QStringLiteral("statsOverview"));
    setAccessibleName(tr("Running containers at a glance"));
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setAutoFillBackground(false);
    StatsFeed &feed = helper->stats();
    connect(&feed, &StatsFeed::frameReceived, this,
            [this](const QList<StatsSample> &frame) { takeFrame(frame); });
    connect(&feed, &StatsFeed::problemChanged, this, [this](const QString &problem) {
        problem_ = problem;
        viewport()->update();
    });
    problem_ = feed.problem();
    // A restarted helper starts with fresh totals and perhaps other containers.
    connect(helper, &HelperConnection::helperRestarted, this, &StatsOverview::clear);
}

StatsOverview::~StatsOverview() = default;

QStringList StatsOverview::containerIds() const
{
    QStringList ids;
    ids.reserve(qsizetype(tiles_.size()));
    for (const Tile &tile : tiles_)
        ids << tile.id;
    return ids;
}

qsizetype StatsOverview::pointCount(const QString &id) const
{
    const auto it = indexOf_.constFind(id);
    return it == indexOf_.constEnd() ? 0 : tiles_[*it].cpu.size();
}

QString StatsOverview::toolTipFor(const QString &id) const
{
    const auto it = indexOf_.constFind(id);
    if (it == indexOf_.constEnd())
        return {};
    const StatsSample &s = tiles_[*it].latest;
    QString memory = valueText(Quantity::Bytes, double(s.memoryUsage));
    if (s.memoryLimited)
        //: Memory in use of a limit: "24.0 MiB of 100.0 MiB"
        memory = tr("%1 of %2").arg(memory, valueText(Quantity::Bytes, double(s.memoryLimit)));
    //: Tooltip of a container's tile: %1 name, %2 CPU use ("12.5 %"), %3 memory ("24.0 MiB")
    QString text = tr("%1\nCPU %2 · Memory %3")
                       .arg(s.name, valueText(Quantity::Percent, s.cpuPercent), memory);
    if (s.paused)
        text += QLatin1Char('\n') + tr("Paused");
    return text + QLatin1Char('\n') + tr("Double-click for its statistics.");
}

void StatsOverview::takeFrame(const QList<StatsSample> &frame)
{
    bool membershipChanged = frame.size() != qsizetype(tiles_.size());
    for (const StatsSample &sample : frame) {
        auto it = indexOf_.constFind(sample.id);
        if (it == indexOf_.constEnd()) {
            membershipChanged = true;
            tiles_.push_back({sample.id, sample.name, RingBuffer<float>(sparklinePoints()),
                              RingBuffer<float>(sparklinePoints()), sample});
            indexOf_.insert(sample.id, tiles_.size() - 1);
            it = indexOf_.constFind(sample.id);
        }
        Tile &tile = tiles_[*it];
        tile.latest = sample;
        tile.name = sample.name;
        tile.cpu.push(float(sample.cpuPercent));
        tile.memory.push(float(sample.memoryUsage));
    }
    if (membershipChanged) {
        // Stopped containers are those the frame no longer has.
        QSet<QString> inFrame;
        for (const StatsSample &sample : frame)
            inFrame.insert(sample.id);
        std::erase_if(tiles_, [&](const Tile &tile) { return !inFrame.contains(tile.id); });
        std::sort(tiles_.begin(), tiles_.end(), [](const Tile &a, const Tile &b) {
            const int byName = QString::compare(a.name, b.name, Qt::CaseInsensitive);
            return byName != 0 ? byName < 0 : a.id < b.id;
        });
        indexOf_.clear();
        for (size_t i = 0; i < tiles_.size(); ++i)
            indexOf_.insert(tiles_[i].id, i);
        layoutTiles();
    }
    viewport()->update();
}

void StatsOverview::clear()
{
    tiles_.clear();
    indexOf_.clear();
    layoutTiles();
    viewport()->update();
}

int StatsOverview::tileHeight() const
{
    return 2 * kPadding + 3 * fontMetrics().height() + 2 * kGap + kGap;
}

void StatsOverview::layoutTiles()
{
    columns_ = std::max(1, viewport()->width() / kMinTileWidth);
    const int rows = (int(tiles_.size()) + columns_ - 1) / columns_;
    const int height = rows * tileHeight();
    verticalScrollBar()->setRange(0, std::max(0, height - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(tileHeight() / 2);
}

QRect StatsOverview::tileRect(int index) const
{
    const int width = viewport()->width() / columns_;
    const int column = index % columns_;
    const int row = index / columns_;
    return QRect(column * width, row * tileHeight() - verticalScrollBar()->value(), width,
                 tileHeight());
}

int StatsOverview::tileAt(const QPoint &pos) const
{
    const int width = std::max(1, viewport()->width() / columns_);
    const int column = pos.x() / width;
    const int row = (pos.y() + verticalScrollBar()->value()) / tileHeight();
    const int index = row * columns_ + column;
    if (pos.x() < 0 || pos.y() < 0 || column >= columns_ || index >= int(tiles_.size()))
        return -1;
    return index;
}

void StatsOverview::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().window());
    if (tiles_.empty()) {
        paintEmpty(painter);
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    // Only the rows the paint event covers.
    const int firstRow =
        std::max(0, (event->rect().top() + verticalScrollBar()->value()) / tileHeight());
    const int lastRow = (event->rect().bottom() + verticalScrollBar()->value()) / tileHeight();
    const int end = std::min(int(tiles_.size()), (lastRow + 1) * columns_);
    for (int i = firstRow * columns_; i < end; ++i)
        paintTile(painter, tiles_[size_t(i)], tileRect(i));
}

void StatsOverview::paintTile(QPainter &painter, const Tile &tile, const QRect &rect) const
{
    const QRect box = rect.adjusted(kGap, kGap, -kGap, -kGap);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(palette().base());
    painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    const QRect inner = box.adjusted(kPadding, kPadding - kGap, -kPadding, -(kPadding - kGap));
    const int line = fontMetrics().height();

    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().color(QPalette::Text));
    const QRect nameRect(inner.left(), inner.top(), inner.width(), line);
    painter.drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(tile.name, Qt::ElideRight, inner.width()));
    painter.setFont(font());

    const StatsSample &s = tile.latest;
    const QColor idle = palette().color(QPalette::Mid); // a paused container's lines
    // CPU against what it may use (its limit, or every core of the host); memory against
    // its limit, or else its own peak, so growth shows.
    const double cpuTop = s.cpuLimitCores > 0 ? s.cpuLimitCores * 100 : 100.0;
    const double memoryTop =
        s.memoryLimited ? double(s.memoryLimit)
                        : std::max(double(maxOf(tile.memory)) * kMemoryHeadroom, kMinMemoryTop);
    QRect row(inner.left(), nameRect.bottom() + 1 + kGap, inner.width(), line);
    paintRow(painter, row, tr("CPU"),
             {tile.cpu, cpuTop, s.paused ? idle : palette().color(QPalette::Highlight)},
             s.paused ? tr("Paused") : valueText(Quantity::Percent, s.cpuPercent));
    row.translate(0, line + kGap);
    //: Short label of the memory sparkline in a container's tile
    paintRow(painter, row, tr("Mem"), {tile.memory, memoryTop, s.paused ? idle : kMemoryColour},
             valueText(Quantity::Bytes, double(s.memoryUsage)));
}

void StatsOverview::paintRow(QPainter &painter, const QRect &row, const QString &label,
                             const Sparkline &sparkline, const QString &value) const
{
    const QFontMetrics metrics = fontMetrics();
    // Fixed columns, so the sparklines of every tile line up.
    const int labelWidth =
        std::max(metrics.horizontalAdvance(tr("CPU")), metrics.horizontalAdvance(tr("Mem"))) +
        kPadding;
    const int valueWidth = metrics.horizontalAdvance(QStringLiteral("1023.9 MiB")) + kPadding;
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(QRect(row.left(), row.top(), labelWidth, row.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
    const QRectF area(row.left() + labelWidth, row.top() + 2, row.width() - labelWidth - valueWidth,
                      row.height() - 4);
    paintSparkline(painter, sparkline.values, sparkline.top, area, sparkline.colour);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(row.right() - valueWidth + 1, row.top(), valueWidth, row.height()),
                     Qt::AlignRight | Qt::AlignVCenter, value);
}

void StatsOverview::paintEmpty(QPainter &painter) const
{
    const QString text = !problem_.isEmpty()      ? problem_
                         : helper_->isConnected() ? tr("No container is running.")
                                                  : tr("Waiting for Hako's helper…");
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(kPadding, kPadding, -kPadding, -kPadding),
                     Qt::AlignCenter | Qt::TextWordWrap, text);
}

void StatsOverview::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    layoutTiles();
}

bool StatsOverview::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = tileAt(help->pos());
        if (index < 0)
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), toolTipFor(tiles_[size_t(index)].id), viewport(),
                               tileRect(index));
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void StatsOverview::mousePressEvent(QMouseEvent *event)
{
    const int index = tileAt(event->position().toPoint());
    if (index >= 0 && event->button() == Qt::LeftButton)
        emit containerClicked(tiles_[size_t(index)].id);
    QAbstractScrollArea::mousePressEvent(event);
}

void StatsOverview::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int index = tileAt(event->position().toPoint());
    if (index >= 0 && event->button() == Qt::LeftButton)
        emit statisticsRequested(tiles_[size_t(index)].id);
    QAbstractScrollArea::mouseDoubleClickEvent(event);
}

void StatsOverview::scrollContentsBy(int, int)
{
    viewport()->update();
}

QDockWidget *addOverviewDock(QMainWindow *window, HelperConnection *helper)
{
    //: Title of the strip with every running container's CPU and memory sparklines
    auto *dock = new QDockWidget(StatsOverview::tr("Running Containers"), window);
    dock->setObjectName(QStringLiteral("overviewDock"));
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    dock->setWidget(new StatsOverview(helper, dock));
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    window->resizeDocks({dock}, {150}, Qt::Vertical);
    dock->setVisible(QSettings().value(kShowSetting, true).toBool());
    // Only what the person does is remembered (the window's own hiding is not).
    QObject::connect(dock->toggleViewAction(), &QAction::triggered, dock,
                     [](bool shown) { QSettings().setValue(kShowSetting, shown); });
    class CloseHook : public QObject {
    public:
        using QObject::QObject;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Close)
                QSettings().setValue(kShowSetting, false);
            return false;
        }
    };
    dock->installEventFilter(new CloseHook(dock));
    return dock;
}

} // namespace hako::gui
