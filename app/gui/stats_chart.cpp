#include "stats_chart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace hako::gui {

namespace {

constexpr int kTimeLabelWidth = 90; // room for one "12:03:05" and the space around it
constexpr int kMaxTimeTicks = 7;
constexpr int kValueTicks = 5;
constexpr int kMinimumChartHeight = 160;
constexpr double kHeadroom = 1.1; // the highest point stays below the top of the graph
const QColor kLimitColour(0xd0, 0x30, 0x30);

// The smallest top the value axis gets, so an idle container draws a flat line near zero
// rather than its noise blown up to the full height.
double minimumTop(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Percent:
        return 10;
    case Quantity::Count:
        return 5;
    case Quantity::Bytes:
    case Quantity::BytesPerSecond:
        return 1024;
    }
    return 1;
}

// The chart's view, reporting where the pointer is in time while it moves over the graph.
class HoverChartView : public QChartView {
public:
    HoverChartView(QChart *chart, QWidget *parent,
                   std::function<void(std::optional<double>)> onHover)
        : QChartView(chart, parent), onHover_(std::move(onHover))
    {
        setMouseTracking(true);
        setRenderHint(QPainter::Antialiasing);
    }

protected:
    void mouseMoveEvent(QMouseEvent *event) override
    {
        QChartView::mouseMoveEvent(event);
        const QPointF inChart = chart()->mapFromScene(mapToScene(event->position().toPoint()));
        if (!chart()->plotArea().contains(inChart)) {
            onHover_(std::nullopt);
            return;
        }
        const auto series = chart()->series();
        onHover_(chart()->mapToValue(inChart, series.isEmpty() ? nullptr : series.first()).x());
    }
    void leaveEvent(QEvent *event) override
    {
        QChartView::leaveEvent(event);
        onHover_(std::nullopt);
    }

private:
    std::function<void(std::optional<double>)> onHover_;
};

// The point of `points` (sorted by x) nearest `x`.
std::optional<QPointF> nearestPoint(const QList<QPointF> &points, double x)
{
    if (points.isEmpty())
        return std::nullopt;
    const auto after =
        std::lower_bound(points.begin(), points.end(), x,
                         [](const QPointF &p, double value) { return p.x() < value; });
    if (after == points.end())
        return points.last();
    if (after != points.begin() && x - (after - 1)->x() < after->x() - x)
        return *(after - 1);
    return *after;
}

QString clockText(double timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(timeMs)).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

StatsChart::StatsChart(const QString &title, Quantity quantity, QWidget *parent)
    : QWidget(parent), title_(title), quantity_(quantity), unit_(unitFor(quantity, 0))
{
    chart_ = new QChart;
    chart_->setLocalizeNumbers(true);
    chart_->setBackgroundRoundness(0);
    chart_->setMargins(QMargins(2, 2, 2, 2));
    chart_->layout()->setContentsMargins(0, 0, 0, 0);
    // The line above the graph names each line in its colour, with its value: no legend.
    chart_->legend()->hide();
    timeAxis_ = new QDateTimeAxis(chart_);
    timeAxis_->setFormat(QStringLiteral("HH:mm:ss"));
    valueAxis_ = new QValueAxis(chart_);
    valueAxis_->setTickCount(kValueTicks);
    chart_->addAxis(timeAxis_, Qt::AlignBottom);
    chart_->addAxis(valueAxis_, Qt::AlignLeft);

    auto *view = new HoverChartView(chart_, this, [this](std::optional<double> timeMs) {
        hovering_ = timeMs.has_value();
        if (hovering_)
            showValuesAt(*timeMs);
        else
            showNewest();
    });
    view->setObjectName(QStringLiteral("chartView"));
    view->setMinimumHeight(kMinimumChartHeight);
    view->setAccessibleName(title);

    heading_ = new QLabel(title, this);
    QFont bold = heading_->font();
    bold.setBold(true);
    heading_->setFont(bold);
    readout_ = new QLabel(this);
    readout_->setObjectName(QStringLiteral("readout"));
    readout_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    readout_->setTextFormat(Qt::RichText);
    auto *top = new QHBoxLayout;
    top->addWidget(heading_);
    top->addWidget(readout_, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(view, 1);
    applyTheme();
    timeAxis_->setRange(QDateTime::currentDateTime().addSecs(-60), QDateTime::currentDateTime());
    valueAxis_->setRange(0, minimumTop(quantity_) / unit_.divisor);
}

StatsChart::~StatsChart() = default;

int StatsChart::addLine(const QString &name, StatsHistory::Line source, bool isLimit)
{
    auto *series = new QLineSeries(chart_);
    series->setName(name);
    chart_->addSeries(series);
    series->attachAxis(timeAxis_);
    series->attachAxis(valueAxis_);
    lines_.push_back({name, source, series, isLimit, true});
    applyTheme();
    return int(lines_.size()) - 1;
}

void StatsChart::setLineShown(int line, bool shown)
{
    Line &l = lines_.at(size_t(line));
    if (l.shown == shown)
        return;
    l.shown = shown;
    l.series->setVisible(shown);
    if (!shown)
        l.series->clear();
}

bool StatsChart::isLineShown(int line) const
{
    return lines_.at(size_t(line)).shown;
}

void StatsChart::draw(const StatsHistory &history, qint64 spanMs)
{
    scaleValueAxis(history);
    for (Line &line : lines_) {
        if (!line.shown)
            continue;
        history.series(line.source).copyTo(scratch_, unit_.divisor);
        line.series->replace(scratch_);
    }
    const qint64 newest = history.latest() ? qint64(history.latest()->timeUsec / 1000)
                                           : QDateTime::currentMSecsSinceEpoch();
    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(newest - spanMs),
                        QDateTime::fromMSecsSinceEpoch(newest));
    if (hovering_)
        showValuesAt(hoverTimeMs_);
    else
        showNewest();
}

void StatsChart::scaleValueAxis(const StatsHistory &history)
{
    double max = minimumTop(quantity_);
    for (const Line &line : lines_)
        if (line.shown)
            max = std::max(max, history.series(line.source).maxValue());
    unit_ = unitFor(quantity_, max);
    valueAxis_->setTickCount(kValueTicks);
    valueAxis_->setRange(0, max / unit_.divisor * kHeadroom);
    valueAxis_->applyNiceNumbers();
    const double step =
        (valueAxis_->max() - valueAxis_->min()) / std::max(1, valueAxis_->tickCount() - 1);
    const int decimals = step < 1 ? 1 : 0;
    QString format = QStringLiteral("%.") + QString::number(decimals) + QLatin1Char('f');
    if (!unit_.suffix.isEmpty())
        format += QLatin1Char(' ') + unit_.suffix;
    valueAxis_->setLabelFormat(format);
}

double StatsChart::axisMax() const
{
    return valueAxis_->max();
}

QList<QPointF> StatsChart::points(int line) const
{
    return lines_.at(size_t(line)).series->points();
}

QString StatsChart::readout() const
{
    return readoutText_;
}

void StatsChart::setReadout(const QString &prefix,
                            const std::function<std::optional<double>(const Line &)> &valueOf)
{
    QStringList plain, rich;
    for (const Line &line : lines_) {
        if (!line.shown)
            continue;
        const std::optional<double> value = valueOf(line);
        //: A line of a graph and its value: "Used 1.2 MiB"
        const QString text = tr("%1 %2").arg(
            line.name, value ? valueText(quantity_, *value * unit_.divisor) : QStringLiteral("—"));
        plain << text;
        // A square in the line's colour stands for the legend.
        rich << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                    .arg(line.series->pen().color().name(), text.toHtmlEscaped());
    }
    readoutText_ = prefix + plain.join(QStringLiteral(" · "));
    readout_->setText(prefix.toHtmlEscaped() + rich.join(QStringLiteral("&nbsp;&nbsp; ")));
    readout_->setAccessibleDescription(readoutText_);
}

void StatsChart::showValuesAt(double timeMs)
{
    hoverTimeMs_ = timeMs;
    // Every line has a point at each frame's time: the first line's nearest names the moment.
    std::optional<QPointF> moment;
    for (const Line &line : lines_)
        if (line.shown && !moment)
            moment = nearestPoint(line.series->points(), timeMs);
    if (!moment) {
        showNewest();
        return;
    }
    //: Before the values of a graph's lines at a moment the pointer is on; %1 is a clock time
    setReadout(tr("At %1: ").arg(clockText(moment->x())),
               [&](const Line &line) -> std::optional<double> {
                   const auto point = nearestPoint(line.series->points(), moment->x());
                   return point ? std::optional<double>(point->y()) : std::nullopt;
               });
}

void StatsChart::showNewest()
{
    setReadout({}, [](const Line &line) -> std::optional<double> {
        const int count = line.series->count();
        if (count == 0)
            return std::nullopt;
        return line.series->at(count - 1).y();
    });
}

void StatsChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // As many clock times as fit side by side.
    timeAxis_->setTickCount(std::clamp(width() / kTimeLabelWidth, 2, kMaxTimeTicks));
}

void StatsChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void StatsChart::applyTheme()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    chart_->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart_->setBackgroundBrush(palette().base());
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(timeAxis_), static_cast<QAbstractAxis *>(valueAxis_)})
        axis->setLabelsColor(palette().color(QPalette::Text));
    // The theme resets every pen: the used lines keep its colours, the limits are drawn dashed.
    for (const Line &line : lines_) {
        QPen pen = line.series->pen();
        pen.setWidthF(line.isLimit ? 1.5 : 2);
        if (line.isLimit) {
            pen.setColor(kLimitColour);
            pen.setStyle(Qt::DashLine);
        }
        line.series->setPen(pen);
    }
}

} // namespace hako::gui
