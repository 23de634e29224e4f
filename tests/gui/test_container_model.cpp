// The containers table model against the real helper: listed once, then changed only by the
// helper's signals (checked by counting the model's own calls), and sound by
// QAbstractItemModelTester's rules, alone and behind the window's filter proxy.
#include "container_model.h"
#include "container_text.h"
#include "gui_fixture.h"
#include "state_icon.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSortFilterProxyModel>

namespace hako::guitest {
namespace {

using dbustest::hakoctl;
using gui::ContainerModel;

// Collects what QAbstractItemModelTester reports (it warns in the "qt.modeltest" category).
class ModelTesterLog {
public:
    ModelTesterLog() { previous_ = qInstallMessageHandler(&ModelTesterLog::handle); }
    ~ModelTesterLog() { qInstallMessageHandler(previous_); }
    static QStringList &failures()
    {
        static QStringList list;
        return list;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type != QtDebugMsg && qstrcmp(context.category, "qt.modeltest") == 0)
            failures() << message;
    }
    QtMessageHandler previous_;
};

// A PID 1 that ends with status 0 on SIGTERM.
const dbustest::Args kStoppable = {"sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"};

class ContainerModelTest : public GuiTest {
protected:
    void SetUp() override
    {
        GuiTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ModelTesterLog::failures().clear();
    }
    void TearDown() override
    {
        EXPECT_EQ(ModelTesterLog::failures().join(QLatin1Char('\n')).toStdString(), "");
        GuiTest::TearDown();
    }

    // A model with a tester on it and on a filter proxy like the window's; loaded.
    std::unique_ptr<ContainerModel> loadedModel()
    {
        auto model = std::make_unique<ContainerModel>(&helper());
        new QAbstractItemModelTester(
            model.get(), QAbstractItemModelTester::FailureReportingMode::Warning, model.get());
        auto *proxy = new QSortFilterProxyModel(model.get());
        proxy->setSourceModel(model.get());
        proxy->setSortRole(ContainerModel::SortRole);
        proxy->setFilterKeyColumn(-1);
        proxy->sort(ContainerModel::StatusColumn);
        new QAbstractItemModelTester(proxy, QAbstractItemModelTester::FailureReportingMode::Warning,
                                     model.get());
        EXPECT_TRUE(waitUntil([&] { return model->isLoaded(); }))
            << "ListContainers never answered";
        return model;
    }

    std::string idOf(const std::string &ref) { return inspectField(ref, "{{.Id}}"); }

    ModelTesterLog log_;
};

TEST_F(ContainerModelTest, ListsWhatTheHelperHas)
{
    runDetached("alpha", kStoppable);
    ASSERT_EQ(hakoctl({"create", "--name", "beta", "busybox", "echo", "two words"}).exit, 0);
    auto model = loadedModel();
    ASSERT_EQ(model->rowCount(), 2);
    const gui::ContainerInfo *alpha = model->find(QString::fromStdString(idOf("alpha")));
    const gui::ContainerInfo *beta = model->find(QString::fromStdString(idOf("beta")));
    ASSERT_TRUE(alpha && beta);
    EXPECT_EQ(alpha->state, gui::states::kRunning);
    EXPECT_GT(alpha->pid, 0u);
    EXPECT_EQ(beta->state, gui::states::kCreated);
    EXPECT_EQ(beta->image, QStringLiteral("busybox"));
    const int row = model->rowOf(beta->id);
    EXPECT_EQ(model->index(row, ContainerModel::CommandColumn).data().toString(),
              QStringLiteral("echo 'two words'"));
    EXPECT_EQ(model->index(row, ContainerModel::StatusColumn).data().toString(),
              QStringLiteral("Created"));
    EXPECT_EQ(model->index(row, ContainerModel::CpuColumn).data().toString(), QStringLiteral("—"));
    EXPECT_FALSE(model->index(model->rowOf(alpha->id), ContainerModel::StateColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
    EXPECT_TRUE(model->index(model->rowOf(alpha->id), ContainerModel::StatusColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Up ")));
    EXPECT_EQ(model->listRequestCount(), 1);

    // Sorted by state, the running one comes first (by meaning, not by the label's letters).
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(model.get());
    sorted.setSortRole(ContainerModel::SortRole);
    sorted.sort(ContainerModel::StateColumn);
    EXPECT_EQ(sorted.index(0, ContainerModel::NameColumn).data().toString(),
              QStringLiteral("alpha"));
    sorted.sort(ContainerModel::StateColumn, Qt::DescendingOrder);
    EXPECT_EQ(sorted.index(0, ContainerModel::NameColumn).data().toString(),
              QStringLiteral("beta"));
}

TEST_F(ContainerModelTest, StateIconsFollowThePalette)
{
    runDetached("lit", kStoppable);
    auto model = loadedModel();
    const QModelIndex state = model->index(0, ContainerModel::StateColumn);
    const auto centre = [&] {
        const QImage image = state.data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).toImage();
        return image.pixelColor(image.width() / 2, image.height() / 2);
    };
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    model->setPalette(light);
    const QColor onLight = centre();
    QSignalSpy changed(model.get(), &ContainerModel::dataChanged);
    model->setPalette(dark);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(2).value<QList<int>>(), QList<int>{Qt::DecorationRole});
    const QColor onDark = centre();
    EXPECT_EQ(onLight, gui::stateColor(gui::StateLook::Running, light));
    EXPECT_EQ(onDark, gui::stateColor(gui::StateLook::Running, dark));
    EXPECT_GT(onDark.lightness(), onLight.lightness()) << "a dark palette gets the brighter shade";
}

TEST_F(ContainerModelTest, AContainerCreatedByHakoctlAppearsWithinASecond)
{
    // The busybox image is built on first use: not part of what is timed.
    ASSERT_EQ(hakoctl({"create", "--name", "warmup", "busybox", "true"}).exit, 0);
    auto model = loadedModel();
    ASSERT_EQ(model->rowCount(), 1);

    QElapsedTimer clock;
    clock.start();
    const auto created = hakoctl({"create", "--name", "fresh", "busybox", "sleep", "100"});
    ASSERT_EQ(created.exit, 0) << created.describe();
    const QString id = QString::fromStdString(dbustest::trim(created.out));
    ASSERT_TRUE(waitUntil([&] { return model->rowOf(id) >= 0; }, 1000))
        << "the new container was not in the table a second after hakoctl create";
    EXPECT_LE(clock.elapsed(), 1000);
    // Its row is completed from the container's own entry (the signal carries only id and name).
    EXPECT_TRUE(waitUntil([&] { return !model->find(id)->command.isEmpty(); }, 1000));
    const gui::ContainerInfo &fresh = *model->find(id);
    EXPECT_EQ(fresh.name, QStringLiteral("fresh"));
    EXPECT_EQ(fresh.image, QStringLiteral("busybox"));
    EXPECT_EQ(fresh.command, QStringList({QStringLiteral("sleep"), QStringLiteral("100")}));
    EXPECT_EQ(fresh.state, gui::states::kCreated);
    EXPECT_GT(fresh.createdUsec, 0u);
    EXPECT_EQ(model->listRequestCount(), 1)
        << "the table was listed again instead of following the signal";
}

TEST_F(ContainerModelTest, StateChangesArriveBySignalsAlone)
{
    runDetached("mover", kStoppable);
    auto model = loadedModel();
    const QString id = QString::fromStdString(idOf("mover"));
    ASSERT_EQ(model->find(id)->state, gui::states::kRunning);
    QSignalSpy exits(model.get(), &ContainerModel::containerExited);
    const int lists = model->listRequestCount();
    const int fetches = model->fetchRequestCount();

    ASSERT_EQ(hakoctl({"stop", "-t", "5", "mover"}).exit, 0);
    ASSERT_TRUE(waitUntil([&] { return model->find(id)->state == gui::states::kStopped; }, 2000));
    EXPECT_EQ(model->find(id)->exitStatus, 0);
    EXPECT_EQ(model->find(id)->pid, 0u);
    EXPECT_GT(model->find(id)->finishedUsec, model->find(id)->startedUsec);
    EXPECT_TRUE(model->index(model->rowOf(id), ContainerModel::StatusColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Exited (0)")));

    ASSERT_EQ(hakoctl({"start", "mover"}).exit, 0);
    ASSERT_TRUE(waitUntil([&] { return model->find(id)->state == gui::states::kRunning; }, 2000));
    EXPECT_GT(model->find(id)->pid, 0u);
    ASSERT_EQ(hakoctl({"kill", "mover"}).exit, 0);
    ASSERT_TRUE(waitUntil([&] { return model->find(id)->exitStatus == 137; }, 2000));
    EXPECT_EQ(model->find(id)->state, gui::states::kStopped);

    EXPECT_EQ(exits.count(), 2);
    EXPECT_EQ(model->listRequestCount(), lists) << "a state change made the model list again";
    EXPECT_EQ(model->fetchRequestCount(), fetches)
        << "a state change was fetched, not taken from the signal";
}

TEST_F(ContainerModelTest, RemovalRemovesTheRow)
{
    ASSERT_EQ(hakoctl({"create", "--name", "doomed", "busybox", "true"}).exit, 0);
    ASSERT_EQ(hakoctl({"create", "--name", "kept", "busybox", "true"}).exit, 0);
    auto model = loadedModel();
    ASSERT_EQ(model->rowCount(), 2);
    const QString doomed = QString::fromStdString(idOf("doomed"));
    ASSERT_EQ(hakoctl({"rm", "doomed"}).exit, 0);
    ASSERT_TRUE(waitUntil([&] { return model->rowOf(doomed) < 0; }, 1000));
    EXPECT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->at(0).name, QStringLiteral("kept"));
    EXPECT_EQ(model->listRequestCount(), 1);
}

TEST_F(ContainerModelTest, UsageFiguresShowWhileRunning)
{
    runDetached("busy", kStoppable);
    auto model = loadedModel();
    const QString id = QString::fromStdString(idOf("busy"));
    const int row = model->rowOf(id);
    QSignalSpy changed(model.get(), &ContainerModel::dataChanged);
    model->setUsage(id, 12.5, 3 * 1024 * 1024);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).toModelIndex().column(), int(ContainerModel::CpuColumn));
    EXPECT_EQ(changed.at(0).at(1).toModelIndex().column(), int(ContainerModel::MemoryColumn));
    EXPECT_EQ(model->index(row, ContainerModel::CpuColumn).data().toString(),
              QStringLiteral("12.5 %"));
    EXPECT_EQ(model->index(row, ContainerModel::MemoryColumn).data().toString(),
              QStringLiteral("3.0 MiB"));
    EXPECT_EQ(
        model->index(row, ContainerModel::MemoryColumn).data(ContainerModel::SortRole).toLongLong(),
        3 * 1024 * 1024);
    ASSERT_EQ(hakoctl({"stop", "busy"}).exit, 0);
    ASSERT_TRUE(waitUntil([&] { return !model->find(id)->isRunning(); }, 2000));
    EXPECT_EQ(model->index(row, ContainerModel::CpuColumn).data().toString(), QStringLiteral("—"));
}

TEST_F(ContainerModelTest, ARestartedHelperIsListedAgain)
{
    ASSERT_EQ(hakoctl({"create", "--name", "before", "busybox", "true"}).exit, 0);
    auto model = loadedModel();
    ASSERT_EQ(model->rowCount(), 1);
    env().killHelper();
    std::string why;
    ASSERT_TRUE(env().startHelper(&why)) << why;
    ASSERT_TRUE(
        waitUntil([&] { return model->listRequestCount() == 2 && model->isLoaded(); }, 5000))
        << "the model did not list the restarted helper's containers";
    ASSERT_EQ(hakoctl({"create", "--name", "after", "busybox", "true"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return model->rowCount() == 2; }, 1000))
        << "signals of the restarted helper do not reach the model";
}

TEST(ContainerText, DockerWordingForDurationsAndStatus)
{
    EXPECT_EQ(gui::durationText(0), QStringLiteral("Less than a second"));
    EXPECT_EQ(gui::durationText(1), QStringLiteral("1 second"));
    EXPECT_EQ(gui::durationText(59), QStringLiteral("59 seconds"));
    EXPECT_EQ(gui::durationText(90), QStringLiteral("About a minute"));
    EXPECT_EQ(gui::durationText(5 * 60), QStringLiteral("5 minutes"));
    EXPECT_EQ(gui::durationText(3600), QStringLiteral("About an hour"));
    EXPECT_EQ(gui::durationText(3 * 3600), QStringLiteral("3 hours"));
    EXPECT_EQ(gui::durationText(3 * 86400), QStringLiteral("3 days"));

    gui::ContainerInfo info;
    const quint64 now = 1'000'000'000'000'000;
    info.state = gui::states::kRunning;
    info.startedUsec = now - 5 * 60 * 1'000'000ull;
    EXPECT_EQ(gui::statusText(info, now), QStringLiteral("Up 5 minutes"));
    info.state = gui::states::kStopped;
    info.exitStatus = 1;
    info.finishedUsec = now - 2 * 60 * 1'000'000ull;
    EXPECT_EQ(gui::statusText(info, now), QStringLiteral("Exited (1) 2 minutes ago"));
    info.exitStatus = 137;
    info.oomKilled = true;
    EXPECT_EQ(gui::statusText(info, now),
              QStringLiteral("Exited (137) 2 minutes ago (OOM killed)"));
    info.state = gui::states::kCreated;
    EXPECT_EQ(gui::statusText(info, now), QStringLiteral("Created"));
}

} // namespace
} // namespace hako::guitest
