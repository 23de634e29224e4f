// The live statistics against the real helper: a stats window's graphs receive points for a
// running container (a busy loop held to half a core draws its limit too), pausing holds the
// display, the table's CPU and memory columns and the overview fill in, the app's one
// subscription ends with its last watcher and comes back after the helper restarts, and a
// container that stops (or is killed for lack of memory) says so.
#include "container_model.h"
#include "gui_fixture.h"
#include "main_window.h"
#include "stats_chart.h"
#include "stats_feed.h"
#include "stats_overview.h"
#include "stats_strip.h"
#include "stats_window.h"

#include <QAction>
#include <QChartView>
#include <QDockWidget>
#include <QDBusConnection>
#include <QTableView>
#include <QTest>

namespace hako::guitest {
namespace {

using dbustest::hakoctl;
using gui::StatsWindow;
using Graph = gui::StatsWindow::Graph;

// Counts the StatsUpdated signals that reach a bus connection, whoever else listens.
class FrameCounter : public QObject {
    Q_OBJECT
public:
    explicit FrameCounter(QDBusConnection bus) : bus_(std::move(bus))
    {
        bus_.connect(QString::fromLatin1(dbustest::kService),
                     QString::fromLatin1(dbustest::kManagerPath),
                     QString::fromLatin1(dbustest::kManagerInterface),
                     QStringLiteral("StatsUpdated"), this, SLOT(onFrame(QList<QVariantMap>)));
    }
    ~FrameCounter() override
    {
        bus_.disconnect(QString::fromLatin1(dbustest::kService),
                        QString::fromLatin1(dbustest::kManagerPath),
                        QString::fromLatin1(dbustest::kManagerInterface),
                        QStringLiteral("StatsUpdated"), this, SLOT(onFrame(QList<QVariantMap>)));
    }
    int count = 0;

public slots:
    void onFrame(const QList<QVariantMap> &) { ++count; }

private:
    QDBusConnection bus_;
};

class StatsWindowTest : public GuiTest {
protected:
    void TearDown() override
    {
        window_.reset();
        GuiTest::TearDown();
    }

    // A detached busybox container named `name` with hakoctl's `flags` before the image.
    QString run(const std::string &name, const dbustest::Args &flags, const dbustest::Args &cmd)
    {
        dbustest::Args args{"run", "-d", "--name", name};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back("busybox");
        args.insert(args.end(), cmd.begin(), cmd.end());
        const auto r = hakoctl(args);
        EXPECT_EQ(r.exit, 0) << "hakoctl run: " << r.describe();
        return QString::fromStdString(inspectField(name, "{{.Id}}"));
    }
    QString runBusy(const std::string &name)
    {
        return run(name, {"--cpus", "0.5"}, {"sh", "-c", "while :; do :; done"});
    }

    StatsWindow &open(const QString &id)
    {
        window_ = std::make_unique<StatsWindow>(&helper(), id);
        window_->show();
        return *window_;
    }
    static qsizetype pointsOf(StatsWindow &window, Graph graph, int line = 0)
    {
        return window.chart(graph)->points(line).size();
    }

    std::unique_ptr<StatsWindow> window_;
};

TEST_F(StatsWindowTest, GraphsReceivePointsForABusyContainer)
{
    const QString id = runBusy("busy");
    StatsWindow &window = open(id);
    // The first figures come within an interval; rates need a second frame.
    ASSERT_TRUE(waitUntil([&] { return pointsOf(window, Graph::Network) >= 2; }, 6000))
        << "cpu points " << pointsOf(window, Graph::Cpu) << "; "
        << helper().stats().problem().toStdString();

    gui::StatsChart *cpu = window.chart(Graph::Cpu);
    const QList<QPointF> used = cpu->points(0);
    ASSERT_GE(used.size(), 3);
    EXPECT_GT(used.last().y(), 10.0) << "a busy loop shows as busy";
    EXPECT_LT(used.last().y(), 80.0) << "held to half a core";
    EXPECT_TRUE(cpu->isLineShown(1)) << "the CPU limit is drawn";
    ASSERT_FALSE(cpu->points(1).isEmpty());
    EXPECT_DOUBLE_EQ(cpu->points(1).last().y(), 50.0);
    EXPECT_GE(cpu->axisMax(), 50.0);
    EXPECT_TRUE(window.figureText(QStringLiteral("Cpu")).contains(QStringLiteral("0.50")))
        << window.figureText(QStringLiteral("Cpu")).toStdString();

    gui::StatsChart *memory = window.chart(Graph::Memory);
    ASSERT_FALSE(memory->points(0).isEmpty());
    EXPECT_GT(memory->points(0).last().y(), 0.0);
    EXPECT_FALSE(memory->isLineShown(1)) << "no memory limit, no limit line";
    EXPECT_GE(window.chart(Graph::Pids)->points(0).last().y(), 1.0);
    EXPECT_GE(pointsOf(window, Graph::BlockIo), 2);
    // Times only grow, one point per frame.
    for (qsizetype i = 1; i < used.size(); ++i)
        EXPECT_LT(used.at(i - 1).x(), used.at(i).x());
    EXPECT_TRUE(window.stateText().startsWith(QStringLiteral("Running")))
        << window.stateText().toStdString();
    EXPECT_TRUE(window.windowTitle().contains(QStringLiteral("busy")));

    // The line above a graph reads the newest values, or those under the pointer.
    EXPECT_TRUE(cpu->readout().contains(QStringLiteral("%"))) << cpu->readout().toStdString();
    auto *view = cpu->findChild<QChartView *>(QStringLiteral("chartView"));
    ASSERT_TRUE(view);
    QTest::mouseMove(view->viewport(), view->viewport()->rect().center());
    EXPECT_TRUE(waitUntil([&] { return cpu->readout().startsWith(QStringLiteral("At ")); }, 1000))
        << cpu->readout().toStdString();
}

TEST_F(StatsWindowTest, PausingHoldsTheDisplayWhileTheHistoryFills)
{
    const QString id = runBusy("paused-view");
    StatsWindow &window = open(id);
    ASSERT_TRUE(waitUntil([&] { return pointsOf(window, Graph::Cpu) >= 2; }, 5000));
    window.setDisplayPaused(true);
    const QList<QPointF> held = window.chart(Graph::Cpu)->points(0);
    QTest::qWait(2500);
    EXPECT_EQ(window.chart(Graph::Cpu)->points(0), held) << "a paused display moved";
    window.setDisplayPaused(false);
    EXPECT_GE(pointsOf(window, Graph::Cpu), held.size() + 2)
        << "the frames that came while paused show on resuming";
}

TEST_F(StatsWindowTest, TheTableAndTheOverviewShowEveryRunningContainer)
{
    const QString busy = runBusy("busy");
    const QString idle = run("idle", {}, {"sleep", "1000"});
    gui::MainWindow window(&helper());
    window.show();
    auto *model = window.model();
    ASSERT_TRUE(waitUntil([&] { return model->rowOf(busy) >= 0 && model->rowOf(idle) >= 0; }));
    const auto text = [&](const QString &id, int column) {
        return model->index(model->rowOf(id), column).data().toString();
    };
    const QString none = QStringLiteral("—");
    ASSERT_TRUE(waitUntil(
        [&] {
            return text(busy, gui::ContainerModel::CpuColumn) != none &&
                   text(idle, gui::ContainerModel::MemoryColumn) != none;
        },
        5000));
    EXPECT_TRUE(text(busy, gui::ContainerModel::CpuColumn).endsWith(QStringLiteral("%")));
    EXPECT_GT(model->index(model->rowOf(busy), gui::ContainerModel::CpuColumn)
                  .data(gui::ContainerModel::SortRole)
                  .toDouble(),
              10.0);
    EXPECT_TRUE(text(idle, gui::ContainerModel::MemoryColumn).contains(QStringLiteral("B")))
        << text(idle, gui::ContainerModel::MemoryColumn).toStdString();

    auto *overview = window.findChild<gui::StatsOverview *>(QStringLiteral("statsOverview"));
    ASSERT_TRUE(overview);
    EXPECT_TRUE(overview->isVisible()) << "the overview is open by default";
    ASSERT_TRUE(waitUntil([&] { return overview->pointCount(busy) >= 2; }, 4000));
    EXPECT_EQ(overview->containerIds(), (QStringList{busy, idle})) << "by name";
    EXPECT_TRUE(overview->toolTipFor(busy).startsWith(QStringLiteral("busy")));

    // The details pane says what the selected container uses; Statistics… opens its window.
    auto *table = window.findChild<QTableView *>(QStringLiteral("containerTable"));
    const QModelIndexList rows = table->model()->match(table->model()->index(0, 0), Qt::DisplayRole,
                                                       QStringLiteral("busy"), 1, Qt::MatchExactly);
    ASSERT_EQ(rows.size(), 1);
    table->selectRow(rows.first().row());
    auto *strip = window.findChild<gui::StatsStrip *>(QStringLiteral("statsStrip"));
    ASSERT_TRUE(strip);
    EXPECT_TRUE(waitUntil([&] { return strip->text().startsWith(QStringLiteral("CPU ")); }, 3000))
        << strip->text().toStdString();
    auto *statistics = window.findChild<QAction *>(QStringLiteral("actionStatistics"));
    ASSERT_TRUE(statistics);
    ASSERT_TRUE(statistics->isEnabled());
    statistics->trigger();
    const auto windows = window.findChildren<StatsWindow *>();
    ASSERT_EQ(windows.size(), 1);
    EXPECT_EQ(windows.first()->containerId(), busy);
    EXPECT_TRUE(windows.first()->isVisible());
    windows.first()->close();

    // The overview can be hidden, and shown again, from the View menu.
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("overviewDock"));
    ASSERT_TRUE(dock);
    dock->toggleViewAction()->trigger();
    EXPECT_FALSE(overview->isVisible());
    dock->toggleViewAction()->trigger();
    EXPECT_TRUE(overview->isVisible());

    // A stopped container leaves the overview with the next frame.
    ASSERT_EQ(hakoctl({"kill", "idle"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return overview->containerIds() == QStringList{busy}; }, 4000));
    EXPECT_EQ(text(idle, gui::ContainerModel::MemoryColumn), none);

    // Hidden, the window costs the helper nothing.
    window.hide();
    EXPECT_FALSE(helper().stats().isWatched());
}

TEST_F(StatsWindowTest, TheSubscriptionEndsWithItsLastWatcher)
{
    const QString id = run("watched", {}, {"sleep", "1000"});
    FrameCounter frames(helper().bus());
    QWidget parent;
    StatsWindow *window = StatsWindow::open(&helper(), id, &parent);
    EXPECT_EQ(StatsWindow::open(&helper(), id, &parent), window) << "one window per container";
    ASSERT_TRUE(waitUntil([&] { return frames.count >= 1; }, 3000));

    // Another watcher (the main window, say) keeps the frames coming after it closes.
    auto other = std::make_unique<gui::StatsWatch>(helper().stats());
    window->close(); // deletes itself
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    EXPECT_TRUE(parent.findChildren<StatsWindow *>().isEmpty());
    frames.count = 0;
    EXPECT_TRUE(waitUntil([&] { return frames.count >= 1; }, 3000));

    // The last one gone, the helper stops sending (one frame may have been on its way).
    other.reset();
    EXPECT_FALSE(helper().stats().isWatched());
    QTest::qWait(300);
    frames.count = 0;
    QTest::qWait(2500);
    EXPECT_EQ(frames.count, 0) << "frames still arrive after the last watcher left";
}

TEST_F(StatsWindowTest, ComesBackAfterTheHelperRestarts)
{
    const QString id = run("survivor", {}, {"sleep", "1000"});
    StatsWindow &window = open(id);
    ASSERT_TRUE(waitUntil([&] { return pointsOf(window, Graph::Cpu) >= 1; }, 3000));
    env().killHelper();
    std::string why;
    ASSERT_TRUE(env().startHelper(&why)) << why;
    const qsizetype before = pointsOf(window, Graph::Cpu);
    EXPECT_TRUE(waitUntil([&] { return pointsOf(window, Graph::Cpu) >= before + 2; }, 8000))
        << "no frames after the helper came back: " << helper().stats().problem().toStdString();
}

TEST_F(StatsWindowTest, AStoppedOrOomKilledContainerSaysSo)
{
    const QString id = run("short", {}, {"sh", "-c", "sleep 2; exit 3"});
    StatsWindow &window = open(id);
    ASSERT_TRUE(waitUntil([&] { return pointsOf(window, Graph::Cpu) >= 1; }, 3000));
    EXPECT_TRUE(waitUntil(
        [&] { return window.stateText().contains(QStringLiteral("exit status 3")); }, 6000))
        << window.stateText().toStdString();
    const qsizetype kept = pointsOf(window, Graph::Cpu);
    QTest::qWait(1200);
    EXPECT_EQ(pointsOf(window, Graph::Cpu), kept) << "the last run's graph stays";

    // Doubling a shell variable until the 16 MiB limit stops it.
    const QString hog = run("hog", {"-m", "16m", "--memory-swap", "16m"},
                            {"sh", "-c", "sleep 1; x=0123456789; while :; do x=$x$x; done"});
    StatsWindow hogWindow(&helper(), hog);
    hogWindow.show();
    EXPECT_TRUE(waitUntil(
        [&] { return hogWindow.stateText().contains(QStringLiteral("out of memory")); }, 10000))
        << hogWindow.stateText().toStdString();
    EXPECT_EQ(inspectField("hog", "{{.State.OOMKilled}}"), "true");
}

} // namespace
} // namespace hako::guitest

#include "test_stats_window.moc"
