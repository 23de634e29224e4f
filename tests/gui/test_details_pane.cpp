// The details pane against the real helper: the overview follows a container through its
// signals, the processes, namespaces and inspect pages show what the kernel says, and the
// logs page takes a 100,000-line log, searches it, toggles timestamps, follows new output.
#include "details_feed.h"
#include "details_inspect.h"
#include "details_log_model.h"
#include "details_logs.h"
#include "details_namespaces.h"
#include "details_overview.h"
#include "details_pane.h"
#include "details_process_model.h"
#include "details_processes.h"
#include "gui_fixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <sys/stat.h>

namespace hako::guitest {
namespace {

using dbustest::hakoctl;
using gui::DetailsPane;

std::string procPath(const QString &pid, const std::string &rest = {})
{
    return "/proc/" + pid.toStdString() + rest;
}

bool exists(const std::string &path)
{
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

class DetailsTest : public GuiTest {
protected:
    // A pane on screen (offscreen platform) showing container `name`.
    std::unique_ptr<DetailsPane> showPane(const std::string &name, DetailsPane::Page page)
    {
        auto pane = std::make_unique<DetailsPane>(&helper());
        pane->resize(900, 600);
        pane->setContainer(QString::fromStdString(name));
        pane->showPage(page);
        pane->show();
        return pane;
    }

    template <typename Page> static Page *page(DetailsPane &pane)
    {
        Page *found = pane.findChild<Page *>();
        EXPECT_NE(found, nullptr);
        return found;
    }
};

TEST_F(DetailsTest, OverviewShowsTheRealPidAndStateAndFollowsAStopBySignals)
{
    runDetached("ov", {"sleep", "300"});
    const QString pid = QString::fromStdString(inspectField("ov", "{{.State.Pid}}"));
    ASSERT_TRUE(exists(procPath(pid))) << "hakoctl's pid is not a live process: " << pid.toStdString();
    auto pane = showPane("ov", DetailsPane::Page::Overview);
    auto *overview = page<gui::OverviewPage>(*pane);
    ASSERT_TRUE(waitUntil([&] { return overview->fieldText(QStringLiteral("HostPid")) == pid; }))
        << "pid shown: " << overview->fieldText(QStringLiteral("HostPid")).toStdString();
    EXPECT_EQ(overview->fieldText(QStringLiteral("State")), QStringLiteral("Running"));
    EXPECT_EQ(overview->fieldText(QStringLiteral("Name")), QStringLiteral("ov"));
    // The image's name and its short id, as docker ps and docker images write them.
    const QString imageId = QString::fromStdString(inspectField("ov", "{{.ImageID}}"));
    EXPECT_TRUE(overview->fieldText(QStringLiteral("Image")).startsWith(QStringLiteral("busybox (")))
        << overview->fieldText(QStringLiteral("Image")).toStdString();
    if (imageId.startsWith(QStringLiteral("sha256:"))) {
        EXPECT_EQ(overview->fieldText(QStringLiteral("Image")),
                  QStringLiteral("busybox (%1)").arg(imageId.mid(7, 12)));
    }
    EXPECT_EQ(overview->fieldText(QStringLiteral("Mounts")), QStringLiteral("—"));
    EXPECT_EQ(overview->fieldText(QStringLiteral("Command")), QStringLiteral("sleep 300"));
    EXPECT_EQ(overview->fieldText(QStringLiteral("Id")), QString::fromStdString(inspectField("ov", "{{.Id}}")));

    // Killed by someone else (hakoctl, another process): only the helper's signals tell us.
    ASSERT_EQ(hakoctl({"kill", "ov"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return overview->fieldText(QStringLiteral("State")) == QStringLiteral("Exited"); }))
        << "state shown: " << overview->fieldText(QStringLiteral("State")).toStdString();
    EXPECT_TRUE(waitUntil([&] { return overview->fieldText(QStringLiteral("ExitSignal")).startsWith(QStringLiteral("SIGKILL")); }))
        << "signal shown: " << overview->fieldText(QStringLiteral("ExitSignal")).toStdString();
    EXPECT_EQ(overview->fieldText(QStringLiteral("HostPid")), QStringLiteral("—"));
    EXPECT_NE(overview->fieldText(QStringLiteral("Finished")), QStringLiteral("—"));
}

TEST_F(DetailsTest, OverviewSaysWhenTheContainerIsRemoved)
{
    runDetached("gone", {"sleep", "300"});
    auto pane = showPane("gone", DetailsPane::Page::Overview);
    auto *overview = page<gui::OverviewPage>(*pane);
    ASSERT_TRUE(waitUntil([&] { return overview->fieldText(QStringLiteral("State")) == QStringLiteral("Running"); }));
    ASSERT_EQ(hakoctl({"rm", "-f", "gone"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return overview->fieldText(QStringLiteral("State")) == QStringLiteral("Removed"); }));
}

TEST_F(DetailsTest, ErrorsAreShownInPlainWords)
{
    auto pane = showPane("no-such-container", DetailsPane::Page::Overview);
    auto *message = pane->findChild<QLabel *>(QStringLiteral("overviewMessage"));
    ASSERT_NE(message, nullptr);
    ASSERT_TRUE(waitUntil([&] { return message->isVisible(); }));
    EXPECT_TRUE(message->text().startsWith(QStringLiteral("No such container:"))) << message->text().toStdString();
    EXPECT_TRUE(message->text().contains(QStringLiteral("no-such-container"))) << message->text().toStdString();
}

TEST_F(DetailsTest, ProcessesPageListsTheContainersProcessesWithHostPidsThatExist)
{
    // A second process appears after a few seconds: the page must pick it up by itself.
    runDetached("top", {"sh", "-c", "sleep 301 & sleep 3; sleep 302 & wait"});
    const QString pid1 = QString::fromStdString(inspectField("top", "{{.State.Pid}}"));
    auto pane = showPane("top", DetailsPane::Page::Processes);
    auto *processes = page<gui::ProcessesPage>(*pane);
    gui::ProcessModel *model = processes->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto commandRow = [&](const QString &command) {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, gui::ProcessModel::Command).data().toString() == command)
                return row;
        return -1;
    };
    ASSERT_TRUE(waitUntil([&] { return commandRow(QStringLiteral("sleep 302")) >= 0; }, 10000))
        << "rows: " << model->rowCount();
    EXPECT_TRUE(processes->isRefreshing());
    EXPECT_GE(commandRow(QStringLiteral("sleep 301")), 0);
    bool sawPid1 = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString inside = model->index(row, gui::ProcessModel::InsidePid).data().toString();
        const QString host = model->index(row, gui::ProcessModel::HostPid).data().toString();
        EXPECT_TRUE(exists(procPath(host))) << "host pid " << host.toStdString() << " does not exist";
        EXPECT_NE(inside, host) << "the pid inside is the host's: no pid namespace?";
        EXPECT_EQ(model->index(row, gui::ProcessModel::User).data().toUInt(), 0u);
        if (inside == QStringLiteral("1")) {
            sawPid1 = true;
            EXPECT_EQ(host, pid1);
        }
    }
    EXPECT_TRUE(sawPid1);

    // Off screen, nothing is asked for.
    pane->showPage(DetailsPane::Page::Overview);
    EXPECT_FALSE(processes->isRefreshing());
    pane->showPage(DetailsPane::Page::Processes);
    EXPECT_TRUE(processes->isRefreshing());
    // Stopped: the list empties and the refreshing stops.
    ASSERT_EQ(hakoctl({"kill", "top"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return model->rowCount() == 0 && !processes->isRefreshing(); }));
}

TEST_F(DetailsTest, NamespacesPageMarksADefaultContainersNamespacesIsolated)
{
    runDetached("ns", {"sleep", "300"});
    const QString pid = QString::fromStdString(inspectField("ns", "{{.State.Pid}}"));
    auto pane = showPane("ns", DetailsPane::Page::Namespaces);
    auto *namespaces = page<gui::NamespacesPage>(*pane);
    ASSERT_TRUE(waitUntil([&] { return namespaces->isIsolated(QStringLiteral("net")).has_value(); }));
    for (const char *kind : {"pid", "net", "mnt", "ipc", "uts", "cgroup"})
        EXPECT_EQ(namespaces->isIsolated(QLatin1String(kind)), std::optional<bool>(true)) << kind;
    // Docker's defaults have no user namespace: the page must say it is the host's.
    EXPECT_EQ(namespaces->isIsolated(QStringLiteral("user")), std::optional<bool>(false));

    // The inodes shown are the kernel's.
    QTableWidget *table = namespaces->table();
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString kind = table->item(row, gui::NamespacesPage::Kind)->data(Qt::UserRole).toString();
        struct stat theirs, ours;
        ASSERT_EQ(::stat(procPath(pid, "/ns/" + kind.toStdString()).c_str(), &theirs), 0) << kind.toStdString();
        ASSERT_EQ(::stat(("/proc/self/ns/" + kind.toStdString()).c_str(), &ours), 0);
        EXPECT_EQ(table->item(row, gui::NamespacesPage::ContainerInode)->text(), QString::number(theirs.st_ino));
        EXPECT_EQ(table->item(row, gui::NamespacesPage::HostInode)->text(), QString::number(ours.st_ino));
    }
}

TEST_F(DetailsTest, InspectShowsValidJsonWhoseStatePidMatches)
{
    runDetached("insp", {"sleep", "300"});
    const qint64 pid = std::stoll(inspectField("insp", "{{.State.Pid}}"));
    auto pane = showPane("insp", DetailsPane::Page::Inspect);
    auto *inspect = page<gui::InspectPage>(*pane);
    QJsonObject document;
    ASSERT_TRUE(waitUntil([&] {
        QJsonParseError error;
        document = QJsonDocument::fromJson(inspect->json().toUtf8(), &error).object();
        return error.error == QJsonParseError::NoError && !document.isEmpty();
    }));
    EXPECT_EQ(document[QStringLiteral("State")][QStringLiteral("Pid")].toInteger(), pid);
    EXPECT_EQ(document[QStringLiteral("Name")].toString(), QStringLiteral("/insp"));
    const QString pidNamespace = QString::fromStdString(inspectField("insp", "{{.State.Pid}}"));
    struct stat ns;
    ASSERT_EQ(::stat(procPath(pidNamespace, "/ns/net").c_str(), &ns), 0);
    EXPECT_EQ(document[QStringLiteral("Namespaces")][QStringLiteral("net")].toInteger(), qint64(ns.st_ino));
    inspect->copyJson();
    EXPECT_EQ(QApplication::clipboard()->text(), inspect->json());
}

TEST_F(DetailsTest, LogsPageTakesAHundredThousandLinesSearchesAndTogglesTimestamps)
{
    runDetached("many", {"sh", "-c", "for i in $(seq 1 100000); do echo line $i; done"});
    auto pane = showPane("many", DetailsPane::Page::Logs);
    auto *logs = page<gui::LogsPage>(*pane);
    gui::LogModel *model = logs->model();
    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() == 100000; }, 60000))
        << "lines shown: " << model->rowCount();
    std::printf("[details] 100,000 log lines from the helper shown in %lld ms\n", timer.elapsed());
    EXPECT_EQ(model->lineText(0), QStringLiteral("line 1"));
    EXPECT_EQ(model->lineText(99999), QStringLiteral("line 100000"));
    EXPECT_TRUE(waitUntil([&] { return !logs->isStreaming(); })) << "the stream of a stopped container must end";
    EXPECT_EQ(model->rowCount(), 100000);

    // Search: typed into the field, then next/previous with wrapping.
    auto *search = pane->findChild<QLineEdit *>(QStringLiteral("logsSearch"));
    ASSERT_NE(search, nullptr);
    search->setText(QStringLiteral("line 99999"));
    EXPECT_EQ(logs->view()->currentIndex().row(), 99998);
    EXPECT_EQ(logs->view()->currentIndex().data().toString(), QStringLiteral("line 99999"));
    search->setText(QStringLiteral("LINE 5000"));
    EXPECT_EQ(logs->view()->currentIndex().data().toString(), QStringLiteral("line 5000"));
    logs->findNext();
    EXPECT_EQ(logs->view()->currentIndex().data().toString(), QStringLiteral("line 50000"));
    logs->findPrevious();
    EXPECT_EQ(logs->view()->currentIndex().data().toString(), QStringLiteral("line 5000"));
    logs->findPrevious(); // wraps to the end
    EXPECT_EQ(logs->view()->currentIndex().data().toString(), QStringLiteral("line 50009"));

    // Timestamps: the same line with its RFC 3339 time in front.
    auto *timestamps = pane->findChild<QCheckBox *>(QStringLiteral("logsTimestamps"));
    ASSERT_NE(timestamps, nullptr);
    timestamps->setChecked(true);
    const QString stamped = model->lineText(0);
    EXPECT_TRUE(stamped.endsWith(QStringLiteral(" line 1"))) << stamped.toStdString();
    EXPECT_TRUE(QDateTime::fromString(stamped.section(QLatin1Char(' '), 0, 0), Qt::ISODateWithMs).isValid())
        << stamped.toStdString();
    timestamps->setChecked(false);
    EXPECT_EQ(model->lineText(0), QStringLiteral("line 1"));

    // Save: every line, as shown.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("many.log"));
    ASSERT_TRUE(logs->saveTo(path));
    QFile saved(path);
    ASSERT_TRUE(saved.open(QIODevice::ReadOnly));
    const QByteArray content = saved.readAll();
    EXPECT_EQ(content.count('\n'), 100000);
    EXPECT_TRUE(content.startsWith("line 1\nline 2\n"));
    EXPECT_TRUE(content.endsWith("line 99999\nline 100000\n"));
}

TEST_F(DetailsTest, LogsPageFollowsNewOutputAndCatchesUpAfterAPause)
{
    runDetached("ticker", {"sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.1; done"});
    auto pane = showPane("ticker", DetailsPane::Page::Logs);
    auto *logs = page<gui::LogsPage>(*pane);
    gui::LogModel *model = logs->model();
    ASSERT_TRUE(waitUntil([&] { return model->rowCount() >= 3; }));
    const int seen = model->rowCount();
    EXPECT_TRUE(waitUntil([&] { return model->rowCount() >= seen + 5; })) << "no new output arrived";
    EXPECT_TRUE(logs->isStreaming());

    logs->setFollowing(false);
    EXPECT_FALSE(logs->isStreaming());
    const int paused = model->rowCount();
    QTest::qWait(600);
    EXPECT_EQ(model->rowCount(), paused) << "lines arrived while not following";
    logs->setFollowing(true);
    EXPECT_TRUE(waitUntil([&] { return model->rowCount() >= paused + 8; }));
    // Caught up without repeating or losing a line.
    for (int row = 0; row < model->rowCount(); ++row)
        ASSERT_EQ(model->lineText(row), QStringLiteral("tick %1").arg(row)) << "row " << row;
    // Following keeps the newest line in view.
    const QModelIndex last = model->index(model->rowCount() - 1);
    EXPECT_TRUE(logs->view()->viewport()->rect().intersects(logs->view()->visualRect(last)));
}

TEST_F(DetailsTest, CopyTakesTheSelectedLinesOrTheWholeLog)
{
    // stdout and stderr are separate pipes: the pauses keep the log in this order.
    runDetached("copy", {"sh", "-c", "echo one; sleep 0.3; echo two >&2; sleep 0.3; echo three"});
    auto pane = showPane("copy", DetailsPane::Page::Logs);
    auto *logs = page<gui::LogsPage>(*pane);
    ASSERT_TRUE(waitUntil([&] { return logs->model()->rowCount() == 3 && !logs->isStreaming(); }));
    EXPECT_TRUE(logs->model()->index(1).data(gui::LogModel::IsStderrRole).toBool());
    logs->copyLines();
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("one\ntwo\nthree\n"));
    logs->view()->selectionModel()->select(logs->model()->index(2), QItemSelectionModel::Select);
    logs->view()->selectionModel()->select(logs->model()->index(0), QItemSelectionModel::Select);
    logs->copyLines();
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("one\nthree\n"));
}

// The model alone: split lines, lines that are not CRI, the stream ending mid-line.
TEST(DetailsLogModel, JoinsSplitLinesAndKeepsWhatIsNotCri)
{
    gui::LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.appendCriLines("2026-11-24T07:32:54.000000001Z stdout F first\r\n"
                         "2026-11-24T07:32:54.000000002Z stdout P abc\n"
                         "2026-11-24T07:32:54.000000003Z stdout P def\n");
    ASSERT_EQ(model.rowCount(), 1); // the split line waits for its end
    model.appendCriLines("2026-11-24T07:32:54.000000004Z stdout F ghi\n"
                         "hako-helper: read log: Input/output error\n"
                         "2026-11-24T07:32:54.000000005Z stderr P tail\n");
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.lineText(0), QStringLiteral("first"));
    EXPECT_EQ(model.lineText(1), QStringLiteral("abcdefghi"));
    EXPECT_EQ(model.lineText(2), QStringLiteral("hako-helper: read log: Input/output error"));
    EXPECT_EQ(model.recordCount(), 6);
    model.finishPending();
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.lineText(3), QStringLiteral("tail"));
    EXPECT_TRUE(model.index(3).data(gui::LogModel::IsStderrRole).toBool());
    model.setTimestampsShown(true);
    EXPECT_EQ(model.lineText(1), QStringLiteral("2026-11-24T07:32:54.000000002Z abcdefghi"));
    EXPECT_EQ(model.lineText(2), QStringLiteral("hako-helper: read log: Input/output error"));
    EXPECT_EQ(model.find(QStringLiteral("DEF"), 0, true, Qt::CaseInsensitive), 1);
    EXPECT_EQ(model.find(QStringLiteral("DEF"), 0, true, Qt::CaseSensitive), -1);
    EXPECT_EQ(model.find(QStringLiteral("first"), 2, true, Qt::CaseSensitive), 0); // wraps
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.recordCount(), 0);
}

} // namespace
} // namespace hako::guitest
