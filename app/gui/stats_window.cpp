#include "stats_window.h"

#include "container_info.h"
#include "container_text.h"
#include "details_feed.h"
#include "helper_connection.h"
#include "stats_chart.h"
#include "stats_feed.h"
#include "stats_history.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace hako::gui {

namespace {

const QString kHistorySetting = QStringLiteral("stats/historySeconds");
constexpr int kDefaultHistorySeconds = 300;
constexpr int kMinHistorySeconds = 30;
constexpr int kMaxHistorySeconds = 3600;
constexpr std::array kHistoryChoices = {60, 300, 900, 3600};
const QColor kOomColour(0xc0, 0x20, 0x20);

// Room for `seconds` of frames at the feed's interval, and one more for the edge.
qsizetype capacityFor(int seconds)
{
    return qsizetype(seconds) * 1000 / StatsFeed::intervalMs() + 1;
}

QString historyChoiceText(int seconds)
{
    switch (seconds) {
    case 60:
        //: How far back the graphs reach
        return StatsWindow::tr("Last minute");
    case 300:
        return StatsWindow::tr("Last 5 minutes");
    case 900:
        return StatsWindow::tr("Last 15 minutes");
    default:
        return StatsWindow::tr("Last hour");
    }
}

// The figures of now beside the graphs.
const QString kFigureCpu = QStringLiteral("Cpu");
const QString kFigureMemory = QStringLiteral("Memory");
const QString kFigurePids = QStringLiteral("Pids");
const QString kFigureNetwork = QStringLiteral("Network");
const QString kFigureBlockIo = QStringLiteral("BlockIo");

} // namespace

struct StatsWindow::Private {
    StatsWindow *q;
    HelperConnection *helper;
    QString id;
    StatsHistory history;
    std::unique_ptr<StatsWatch> watch;
    ContainerFeed *feed = nullptr;
    std::array<StatsChart *, 5> charts{};
    int cpuLimitLine = -1, memoryLimitLine = -1, pidsLimitLine = -1;
    QLabel *state = nullptr;
    QLabel *problem = nullptr;
    QPushButton *pause = nullptr;
    QComboBox *span = nullptr;
    QHash<QString, QLabel *> figures;
    int historySeconds = kDefaultHistorySeconds;
    QString lastState; // the container's state as last shown

    Private(StatsWindow *window, HelperConnection *connection, const QString &containerId)
        : q(window), helper(connection), id(containerId),
          history(capacityFor(kDefaultHistorySeconds))
    {
    }

    QWidget *buildToolbar();
    QWidget *buildCharts();
    QWidget *buildFigures();
    void addFigure(QFormLayout *form, const QString &figure, const QString &label);
    void seedFromFeed();
    void takeFrame(const QList<StatsSample> &frame);
    void redraw();
    void showFigures();
    void showContainer(const QVariantMap &container);
    void setFigure(const QString &figure, const QString &text);
    StatsChart *chart(Graph graph) const { return charts[size_t(graph)]; }
};

StatsWindow::StatsWindow(HelperConnection *helper, const QString &id, QWidget *parent)
    : QWidget(parent, Qt::Window), d(std::make_unique<Private>(this, helper, id))
{
    setObjectName(QStringLiteral("statsWindow"));
    //: Window title before the container's name is known
    setWindowTitle(tr("Statistics"));
    d->state = new QLabel(this);
    d->state->setObjectName(QStringLiteral("statsState"));
    d->state->setTextFormat(Qt::PlainText);
    d->state->setWordWrap(true);
    d->problem = new QLabel(this);
    d->problem->setObjectName(QStringLiteral("statsProblem"));
    d->problem->setWordWrap(true);
    d->problem->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(d->buildToolbar());
    layout->addWidget(d->problem);
    layout->addWidget(d->buildCharts(), 1);

    StatsFeed &feed = helper->stats();
    connect(&feed, &StatsFeed::frameReceived, this,
            [this](const QList<StatsSample> &frame) { d->takeFrame(frame); });
    connect(&feed, &StatsFeed::problemChanged, this, [this](const QString &problem) {
        d->problem->setText(problem);
        d->problem->setVisible(!problem.isEmpty());
    });
    d->problem->setText(feed.problem());
    d->problem->setVisible(!feed.problem().isEmpty());
    d->watch = std::make_unique<StatsWatch>(feed);

    d->feed = new ContainerFeed(helper, this);
    connect(d->feed, &ContainerFeed::changed, this,
            [this](const QVariantMap &container) { d->showContainer(container); });
    connect(d->feed, &ContainerFeed::removed, this,
            [this] { d->state->setText(tr("This container has been removed.")); });
    d->feed->setContainer(id);

    setHistorySeconds(QSettings().value(kHistorySetting, kDefaultHistorySeconds).toInt());
    d->seedFromFeed();
    d->redraw();
    resize(1000, 720);
}

StatsWindow::~StatsWindow() = default;

StatsWindow *StatsWindow::open(HelperConnection *helper, const QString &id, QWidget *parent)
{
    StatsWindow *window = nullptr;
    const auto existing =
        parent->findChildren<StatsWindow *>(QString(), Qt::FindDirectChildrenOnly);
    for (StatsWindow *candidate : existing)
        if (candidate->containerId() == id)
            window = candidate;
    if (!window) {
        window = new StatsWindow(helper, id, parent);
        window->setAttribute(Qt::WA_DeleteOnClose);
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

QString StatsWindow::containerId() const
{
    return d->id;
}

StatsChart *StatsWindow::chart(Graph graph) const
{
    return d->chart(graph);
}

bool StatsWindow::isDisplayPaused() const
{
    return d->pause->isChecked();
}

void StatsWindow::setDisplayPaused(bool paused)
{
    d->pause->setChecked(paused);
}

int StatsWindow::historySeconds() const
{
    return d->historySeconds;
}

void StatsWindow::setHistorySeconds(int seconds)
{
    seconds = std::clamp(seconds, kMinHistorySeconds, kMaxHistorySeconds);
    d->historySeconds = seconds;
    d->history.setCapacity(capacityFor(seconds));
    const int index = d->span->findData(seconds);
    if (index >= 0) {
        const QSignalBlocker quiet(d->span);
        d->span->setCurrentIndex(index);
    }
    d->redraw();
}

QString StatsWindow::stateText() const
{
    return d->state->text();
}

QString StatsWindow::figureText(const QString &figure) const
{
    const QLabel *label = d->figures.value(figure);
    return label ? label->text() : QString();
}

QWidget *StatsWindow::Private::buildToolbar()
{
    auto *bar = new QWidget(q);
    pause = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-pause")),
                            tr("&Pause Display"), bar);
    pause->setObjectName(QStringLiteral("pauseDisplay"));
    pause->setCheckable(true);
    pause->setToolTip(tr("Stop moving the graphs to read them at leisure; the figures keep "
                         "being recorded and appear when you resume."));
    QObject::connect(pause, &QPushButton::toggled, q, [this](bool paused) {
        pause->setText(paused ? tr("&Resume Display") : tr("&Pause Display"));
        pause->setIcon(QIcon::fromTheme(paused ? QStringLiteral("media-playback-start")
                                               : QStringLiteral("media-playback-pause")));
        if (!paused)
            redraw();
    });
    span = new QComboBox(bar);
    span->setObjectName(QStringLiteral("historySpan"));
    span->setAccessibleName(tr("How far back the graphs reach"));
    for (int seconds : kHistoryChoices)
        span->addItem(historyChoiceText(seconds), seconds);
    QObject::connect(span, &QComboBox::activated, q, [this](int index) {
        const int seconds = span->itemData(index).toInt();
        QSettings().setValue(kHistorySetting, seconds);
        q->setHistorySeconds(seconds);
    });
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(state, 1);
    layout->addWidget(span);
    layout->addWidget(pause);
    return bar;
}

QWidget *StatsWindow::Private::buildCharts()
{
    auto *area = new QWidget(q);
    auto *grid = new QGridLayout(area);
    grid->setContentsMargins(0, 0, 0, 0);
    auto add = [&](Graph graph, StatsChart *chart, int row, int column) {
        chart->setParent(area);
        charts[size_t(graph)] = chart;
        grid->addWidget(chart, row, column);
    };
    auto *cpu = new StatsChart(tr("CPU"), Quantity::Percent);
    cpu->setObjectName(QStringLiteral("cpuChart"));
    //: The line of a graph that shows what the container uses
    cpu->addLine(tr("Used"), StatsHistory::Cpu);
    //: The line of a graph that shows the container's limit
    cpuLimitLine = cpu->addLine(tr("Limit"), StatsHistory::CpuLimit, true);
    add(Graph::Cpu, cpu, 0, 0);

    auto *memory = new StatsChart(tr("Memory"), Quantity::Bytes);
    memory->setObjectName(QStringLiteral("memoryChart"));
    memory->addLine(tr("Used"), StatsHistory::Memory);
    memoryLimitLine = memory->addLine(tr("Limit"), StatsHistory::MemoryLimit, true);
    add(Graph::Memory, memory, 0, 1);

    auto *network = new StatsChart(tr("Network"), Quantity::BytesPerSecond);
    network->setObjectName(QStringLiteral("networkChart"));
    //: Network traffic into the container
    network->addLine(tr("Received"), StatsHistory::NetRx);
    //: Network traffic out of the container
    network->addLine(tr("Sent"), StatsHistory::NetTx);
    add(Graph::Network, network, 1, 0);

    //: Reads and writes of block devices (disks)
    auto *block = new StatsChart(tr("Disk I/O"), Quantity::BytesPerSecond);
    block->setObjectName(QStringLiteral("blockIoChart"));
    //: Bytes read from disks
    block->addLine(tr("Read"), StatsHistory::BlockRead);
    //: Bytes written to disks
    block->addLine(tr("Written"), StatsHistory::BlockWrite);
    add(Graph::BlockIo, block, 1, 1);

    auto *pids = new StatsChart(tr("Processes"), Quantity::Count);
    pids->setObjectName(QStringLiteral("pidsChart"));
    //: The line of the number of processes (and threads) in the container
    pids->addLine(tr("Processes"), StatsHistory::Pids);
    pidsLimitLine = pids->addLine(tr("Limit"), StatsHistory::PidsLimit, true);
    add(Graph::Pids, pids, 2, 0);
    grid->addWidget(buildFigures(), 2, 1);
    return area;
}

QWidget *StatsWindow::Private::buildFigures()
{
    auto *box = new QGroupBox(tr("Now"), q);
    box->setObjectName(QStringLiteral("statsFigures"));
    auto *form = new QFormLayout(box);
    addFigure(form, kFigureCpu, tr("CPU"));
    addFigure(form, kFigureMemory, tr("Memory"));
    addFigure(form, kFigurePids, tr("Processes"));
    //: Totals since the container started
    addFigure(form, kFigureNetwork, tr("Network since the start"));
    //: Totals since the container started
    addFigure(form, kFigureBlockIo, tr("Disk I/O since the start"));
    return box;
}

void StatsWindow::Private::addFigure(QFormLayout *form, const QString &figure, const QString &label)
{
    auto *value = new QLabel(QStringLiteral("—"), q);
    value->setObjectName(QStringLiteral("figure") + figure);
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setAccessibleName(label);
    auto *name = new QLabel(label, q);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    form->addRow(name, value);
    figures.insert(figure, value);
}

void StatsWindow::Private::seedFromFeed()
{
    // The frames of the last seconds: the graphs and the rates start from two points.
    const StatsFeed &feed = helper->stats();
    if (const StatsSample *previous = feed.previous(id))
        history.add(*previous);
    if (const StatsSample *latest = feed.latest(id))
        history.add(*latest);
}

void StatsWindow::Private::takeFrame(const QList<StatsSample> &frame)
{
    const auto mine = std::find_if(frame.begin(), frame.end(),
                                   [this](const StatsSample &s) { return s.id == id; });
    if (mine == frame.end())
        return; // not running
    history.add(*mine);
    if (!pause->isChecked())
        redraw();
}

void StatsWindow::Private::redraw()
{
    const std::optional<StatsSample> &latest = history.latest();
    if (latest) {
        chart(Graph::Cpu)->setLineShown(cpuLimitLine, latest->cpuLimited);
        chart(Graph::Memory)->setLineShown(memoryLimitLine, latest->memoryLimited);
        chart(Graph::Pids)->setLineShown(pidsLimitLine, latest->pidsLimit > 0);
    }
    const qint64 spanMs = qint64(historySeconds) * 1000;
    for (StatsChart *chart : charts)
        chart->draw(history, spanMs);
    showFigures();
}

void StatsWindow::Private::showFigures()
{
    const std::optional<StatsSample> &s = history.latest();
    if (!s) {
        for (QLabel *label : std::as_const(figures))
            label->setText(QStringLiteral("—"));
        return;
    }
    const QLocale locale;
    const QString cpu = valueText(Quantity::Percent, s->cpuPercent);
    if (s->cpuLimited && s->cpuLimitCores > 0)
        //: %1 is a CPU use ("48.9 %"), %2 a number of cores ("0.50"), %3 the share of them ("97.8
        //: %")
        setFigure(kFigureCpu,
                  tr("%1 of one core; limit %2 cores (%3 of it)")
                      .arg(cpu, locale.toString(s->cpuLimitCores, 'f', 2),
                           valueText(Quantity::Percent, s->cpuPercent / s->cpuLimitCores)));
    else
        //: %1 is a CPU use ("48.9 %"); 100 % is one core
        setFigure(kFigureCpu, tr("%1 of one core; no limit").arg(cpu));
    const QString used = valueText(Quantity::Bytes, double(s->memoryUsage));
    if (s->memoryLimited && s->memoryLimit > 0)
        //: %1 is memory in use, %2 the limit, %3 the share of it ("1.2 MiB of 100.0 MiB (1.2 %)")
        setFigure(kFigureMemory,
                  tr("%1 of %2 (%3)")
                      .arg(used, valueText(Quantity::Bytes, double(s->memoryLimit)),
                           valueText(Quantity::Percent,
                                     100.0 * double(s->memoryUsage) / double(s->memoryLimit))));
    else
        //: %1 is memory in use
        setFigure(kFigureMemory, tr("%1; no limit").arg(used));
    setFigure(
        kFigurePids,
        s->pidsLimit > 0
            //: %1 processes running, %2 the most it may have
            ? tr("%1 of at most %2").arg(locale.toString(s->pids), locale.toString(s->pidsLimit))
            : tr("%1; no limit").arg(locale.toString(s->pids)));
    //: Network totals: %1 bytes received, %2 bytes sent
    setFigure(kFigureNetwork, tr("Received %1, sent %2")
                                  .arg(valueText(Quantity::Bytes, double(s->netRxBytes)),
                                       valueText(Quantity::Bytes, double(s->netTxBytes))));
    //: Disk totals: %1 bytes read, %2 bytes written
    setFigure(kFigureBlockIo, tr("Read %1, written %2")
                                  .arg(valueText(Quantity::Bytes, double(s->blockReadBytes)),
                                       valueText(Quantity::Bytes, double(s->blockWriteBytes))));
}

void StatsWindow::Private::setFigure(const QString &figure, const QString &text)
{
    QLabel *label = figures.value(figure);
    label->setText(text);
    label->setAccessibleDescription(text);
}

void StatsWindow::Private::showContainer(const QVariantMap &container)
{
    const ContainerInfo info = ContainerInfo::fromEntry(container);
    //: %1 is the container's name
    q->setWindowTitle(tr("Statistics of “%1”").arg(info.name));
    // A new run starts its graphs afresh: its totals began again at zero.
    if (info.isRunning() && lastState == states::kStopped)
        history.clear();
    lastState = info.state;
    QString text;
    if (info.state == states::kRunning) {
        text = tr("Running");
    } else if (info.state == states::kPaused) {
        text = tr("Paused: its processes are frozen, so it uses no CPU until it is resumed.");
    } else if (info.state == states::kStopped) {
        if (info.oomKilled)
            //: %1 is the exit status (137)
            text = tr("Stopped: the kernel killed it for running out of memory (exit status %1). "
                      "The graphs show its last run.")
                       .arg(info.exitStatus);
        else if (info.exitStatus >= 0)
            text = tr("Stopped with exit status %1. The graphs show its last run.")
                       .arg(info.exitStatus);
        else
            text = tr("Stopped. The graphs show its last run.");
    } else {
        text = tr("Not started yet: the graphs begin when it runs.");
    }
    state->setText(text);
    QFont font = state->font();
    font.setBold(info.state != states::kRunning);
    state->setFont(font);
    // Killed for lack of memory is what the person opened this window to find out: in red.
    QPalette palette = q->palette();
    if (info.oomKilled && info.state == states::kStopped)
        palette.setColor(QPalette::WindowText, kOomColour);
    state->setPalette(palette);
}

} // namespace hako::gui
