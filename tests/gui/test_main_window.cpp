// The main window against the real helper: the actions follow the selected containers'
// states, Stop / Kill / Remove through the window really act, errors reach the window as
// text, an unexpected exit is notified (and an asked-for one is not), the helper's going
// and coming back shows, and the first paint is announced.
#include "container_model.h"
#include "desktop_notifier.h"
#include "gui_fixture.h"
#include "kill_dialog.h"
#include "main_window.h"
#include "message_bar.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace hako::guitest {
namespace {

using dbustest::hakoctl;
using gui::MainWindow;

// A PID 1 that ends with status `code` on SIGTERM.
dbustest::Args stoppable(int code = 0)
{
    return {"sh", "-c",
            "trap 'exit " + std::to_string(code) + "' TERM; while :; do sleep 0.1; done"};
}

class MainWindowTest : public GuiTest {
protected:
    void SetUp() override
    {
        GuiTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        qputenv("TERMINAL", ""); // a test sets its own
    }
    void TearDown() override
    {
        window_.reset();
        GuiTest::TearDown();
    }

    // The window, shown, with the helper's list in its table.
    MainWindow &window()
    {
        if (!window_) {
            window_ = std::make_unique<MainWindow>(&helper());
            window_->show();
            EXPECT_TRUE(waitUntil([&] { return window_->model()->isLoaded(); }));
        }
        return *window_;
    }
    QTableView *table()
    {
        return window().findChild<QTableView *>(QStringLiteral("containerTable"));
    }
    QAction *action(const char *name)
    {
        auto *found = window().findChild<QAction *>(QLatin1String(name));
        EXPECT_NE(found, nullptr) << name;
        return found;
    }
    gui::MessageBar *bar(const char *name)
    {
        return window().findChild<gui::MessageBar *>(QLatin1String(name));
    }

    // Selects the rows of these containers (by name) as a person would, by the selection model.
    void select(const QStringList &names)
    {
        QAbstractItemModel *model = table()->model();
        QItemSelection selection;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, gui::ContainerModel::NameColumn);
            if (names.contains(index.data().toString()))
                selection.select(index, index);
        }
        ASSERT_EQ(selection.indexes().size(), names.size())
            << "not every container is in the table";
        table()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    }

    // The enabled container actions, by name ("Start Stop …"), for readable failures.
    std::string enabledActions()
    {
        std::string out;
        for (const char *name :
             {"Start", "Stop", "Restart", "Kill", "Remove", "Logs", "Inspect", "Shell"})
            if (action((std::string("action") + name).c_str())->isEnabled())
                out += std::string(out.empty() ? "" : " ") + name;
        return out;
    }

    QString stateOf(const std::string &ref)
    {
        const QDBusMessage reply =
            env().call(QStringLiteral("GetContainer"), {QString::fromStdString(ref)});
        if (reply.type() != QDBusMessage::ReplyMessage)
            return reply.errorName();
        return qdbus_cast<QVariantMap>(reply.arguments().at(0))
            .value(QStringLiteral("State"))
            .toString();
    }

    template <typename T> T *waitForDialog(const char *objectName)
    {
        T *found = nullptr;
        waitUntil(
            [&] {
                for (QWidget *widget : QApplication::topLevelWidgets())
                    if (auto *dialog = qobject_cast<T *>(widget);
                        dialog && dialog->isVisible() &&
                        dialog->objectName() == QLatin1String(objectName))
                        found = dialog;
                return found != nullptr;
            },
            2000);
        return found;
    }

    std::unique_ptr<MainWindow> window_;
};

TEST_F(MainWindowTest, ActionsFollowTheSelectedContainersStates)
{
    runDetached("run1", stoppable());
    runDetached("run2", stoppable());
    ASSERT_EQ(hakoctl({"create", "--name", "made", "busybox", "true"}).exit, 0);
    ASSERT_EQ(table()->model()->rowCount(), 3);
    EXPECT_EQ(table()->selectionModel()->selectedRows().size(), 1)
        << "the first row starts selected";

    table()->clearSelection();
    EXPECT_EQ(enabledActions(), "");
    EXPECT_TRUE(action("actionNewContainer")->isEnabled());
    select({QStringLiteral("made")});
    EXPECT_EQ(enabledActions(), "Start Restart Remove Logs Inspect");
    select({QStringLiteral("run1")});
    EXPECT_EQ(enabledActions(), "Stop Restart Kill Remove Logs Inspect Shell");
    select({QStringLiteral("run1"), QStringLiteral("run2")});
    EXPECT_EQ(enabledActions(), "Stop Restart Kill Remove");
    select({QStringLiteral("run1"), QStringLiteral("made")});
    EXPECT_EQ(enabledActions(), "Restart Remove");

    // A change of state reaches the actions through the helper's signals.
    select({QStringLiteral("run1")});
    ASSERT_EQ(hakoctl({"stop", "run1"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return action("actionStart")->isEnabled(); }, 2000))
        << enabledActions();
    EXPECT_EQ(enabledActions(), "Start Restart Remove Logs Inspect");

    // The filter narrows the table; the overlay says when nothing matches.
    auto *filter = window().findChild<QLineEdit *>(QStringLiteral("filter"));
    filter->setText(QStringLiteral("run"));
    EXPECT_EQ(table()->model()->rowCount(), 2);
    filter->setText(QStringLiteral("nothing-like-this"));
    EXPECT_EQ(table()->model()->rowCount(), 0);
    auto *overlay = window().findChild<QLabel *>(QStringLiteral("emptyTableText"));
    EXPECT_TRUE(overlay->isVisible());
    EXPECT_TRUE(overlay->text().contains(QStringLiteral("nothing-like-this")));
}

TEST_F(MainWindowTest, StopThroughTheWindowStopsWithoutANotification)
{
    runDetached("web", stoppable(3)); // a non-zero status, but asked for
    runDetached("api", stoppable(0));
    select({QStringLiteral("web"), QStringLiteral("api")}); // both at once
    auto *notifier = window().findChild<gui::DesktopNotifier *>();
    QSignalSpy notified(notifier, &gui::DesktopNotifier::shown);
    action("actionStop")->trigger();
    EXPECT_TRUE(waitUntil(
        [&] {
            return stateOf("web") == QStringLiteral("stopped") &&
                   stateOf("api") == QStringLiteral("stopped");
        },
        10000));
    EXPECT_EQ(inspectField("web", "{{.State.ExitCode}}"), "3");
    EXPECT_TRUE(waitUntil([&] { return action("actionStart")->isEnabled(); }, 2000));
    QTest::qWait(200);
    EXPECT_EQ(notified.count(), 0) << "a stop the app asked for was notified as unexpected";
}

TEST_F(MainWindowTest, RemoveAsksFirstThenRemovesARunningContainer)
{
    runDetached("doomed", stoppable());
    select({QStringLiteral("doomed")});
    action("actionRemove")->trigger();
    auto *box = waitForDialog<QMessageBox>("removeConfirmation");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->informativeText().contains(QStringLiteral("killed first")))
        << box->informativeText().toStdString();
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    EXPECT_EQ(stateOf("doomed"), QStringLiteral("running")) << "Cancel removed it";

    action("actionRemove")->trigger();
    box = waitForDialog<QMessageBox>("removeConfirmation");
    ASSERT_NE(box, nullptr);
    box->findChild<QPushButton *>(QStringLiteral("confirmRemove"))->click();
    EXPECT_TRUE(waitUntil(
        [&] {
            return stateOf("doomed") ==
                   QStringLiteral("org.hako.Containers1.Error.NoSuchContainer");
        },
        10000));
    EXPECT_TRUE(waitUntil([&] { return table()->model()->rowCount() == 0; }, 1000));
}

TEST_F(MainWindowTest, KillSendsTheChosenSignal)
{
    runDetached("target", {"sh", "-c", "trap 'exit 42' USR1; while :; do sleep 0.1; done"});
    select({QStringLiteral("target")});
    auto *notifier = window().findChild<gui::DesktopNotifier *>();
    QSignalSpy notified(notifier, &gui::DesktopNotifier::shown);
    action("actionKill")->trigger();
    auto *dialog = waitForDialog<gui::KillDialog>("killDialog");
    ASSERT_NE(dialog, nullptr);
    auto *chooser = dialog->findChild<QComboBox *>(QStringLiteral("signalChooser"));
    chooser->setEditText(QStringLiteral("NOSUCHSIGNAL"));
    EXPECT_FALSE(dialog->chosenSignal().has_value());
    EXPECT_TRUE(dialog->findChild<QLabel *>(QStringLiteral("signalProblem"))->isVisibleTo(dialog));
    chooser->setEditText(QStringLiteral("usr1"));
    ASSERT_EQ(dialog->chosenSignal(), 10);
    dialog->accept();
    EXPECT_TRUE(
        waitUntil([&] { return inspectField("target", "{{.State.ExitCode}}") == "42"; }, 5000));
    EXPECT_TRUE(waitUntil([&] { return action("actionStart")->isEnabled(); }, 2000));
    QTest::qWait(200);
    EXPECT_EQ(notified.count(), 0)
        << "an exit after a kill the app sent was notified as unexpected";
}

TEST_F(MainWindowTest, AFailedActionReachesTheWindowInPlainWords)
{
    ASSERT_EQ(hakoctl({"create", "--name", "gone", "busybox", "true"}).exit, 0);
    select({QStringLiteral("gone")});
    ASSERT_TRUE(action("actionStart")->isEnabled());
    // Removed behind the window's back; its ContainerRemoved is not processed yet (no
    // event loop runs in between), so the Start goes out for a container that is gone.
    const QDBusMessage removed =
        env().call(QStringLiteral("RemoveContainer"), {QStringLiteral("gone"), false});
    ASSERT_EQ(removed.type(), QDBusMessage::ReplyMessage) << removed.errorMessage().toStdString();
    action("actionStart")->trigger();
    gui::MessageBar *errors = bar("errorBar");
    ASSERT_TRUE(waitUntil([&] { return errors->isVisible(); }, 5000)) << "no error was shown";
    EXPECT_TRUE(
        errors->text().startsWith(QStringLiteral("Could not start “gone”: No such container")))
        << errors->text().toStdString();
    EXPECT_TRUE(helper().isConnected()) << "a refusal by the helper is not a lost connection";
}

TEST_F(MainWindowTest, AnUnexpectedExitIsNotified)
{
    auto *notifier = window().findChild<gui::DesktopNotifier *>();
    QSignalSpy notified(notifier, &gui::DesktopNotifier::shown);
    runDetached("crashy", {"sh", "-c", "sleep 0.5; exit 3"});
    runDetached("fine", {"sh", "-c", "sleep 0.5; exit 0"});
    ASSERT_TRUE(waitUntil([&] { return notified.count() >= 1; }, 5000)) << "no notification";
    QTest::qWait(500);
    ASSERT_EQ(notified.count(), 1) << "a clean exit was notified too";
    EXPECT_TRUE(notified.at(0).at(0).toString().contains(QStringLiteral("crashy")));
    EXPECT_TRUE(notified.at(0).at(1).toString().contains(QStringLiteral("exit status 3")));
}

TEST_F(MainWindowTest, OpenAShellRunsTheTerminalWithHakoctlExec)
{
    runDetached("shelly", stoppable());
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("fake-terminal"));
    const QString record = dir.filePath(QStringLiteral("args"));
    QFile file(script);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$@\" > %1\n").arg(record).toUtf8());
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("TERMINAL", script.toUtf8());
    select({QStringLiteral("shelly")});
    action("actionShell")->trigger();
    ASSERT_TRUE(waitUntil([&] { return QFile::exists(record) && QFile(record).size() > 0; }, 5000));
    QFile recorded(record);
    ASSERT_TRUE(recorded.open(QIODevice::ReadOnly));
    const QStringList args =
        QString::fromUtf8(recorded.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(args.size(), 6) << args.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(args.at(0), QStringLiteral("-e"));
    EXPECT_TRUE(args.at(1).endsWith(QStringLiteral("hakoctl")));
    EXPECT_EQ(args.mid(2), QStringList({QStringLiteral("exec"), QStringLiteral("-it"),
                                        QStringLiteral("shelly"), QStringLiteral("sh")}));
}

TEST_F(MainWindowTest, TheHelperGoingAwayAndComingBackShows)
{
    ASSERT_EQ(hakoctl({"create", "--name", "stays", "busybox", "true"}).exit, 0);
    ASSERT_EQ(table()->model()->rowCount(), 1);
    auto *status = window().findChild<QLabel *>(QStringLiteral("connectionStatus"));
    EXPECT_EQ(status->text(), QStringLiteral("Connected to Hako's helper"));
    env().killHelper();
    gui::MessageBar *banner = bar("connectionBar");
    ASSERT_TRUE(waitUntil([&] { return banner->isVisible(); }, 5000))
        << "the window did not say the helper left";
    EXPECT_TRUE(banner->text().contains(QStringLiteral("Start hako-helper")))
        << banner->text().toStdString();
    EXPECT_NE(status->text(), QStringLiteral("Connected to Hako's helper"));
    std::string why;
    ASSERT_TRUE(env().startHelper(&why)) << why;
    EXPECT_TRUE(waitUntil([&] { return !banner->isVisible(); }, 5000))
        << "it did not reconnect by itself";
    EXPECT_EQ(status->text(), QStringLiteral("Connected to Hako's helper"));
    EXPECT_EQ(table()->model()->rowCount(), 1);
}

TEST_F(MainWindowTest, TheFirstPaintOfTheListIsAnnounced)
{
    ASSERT_EQ(hakoctl({"create", "--name", "one", "busybox", "true"}).exit, 0);
    ASSERT_EQ(hakoctl({"create", "--name", "two", "busybox", "true"}).exit, 0);
    MainWindow fresh(&helper());
    QSignalSpy painted(&fresh, &MainWindow::firstContainersPainted);
    fresh.show();
    ASSERT_TRUE(waitUntil([&] { return painted.count() == 1; }, 5000));
    EXPECT_EQ(painted.at(0).at(0).toInt(), 2);
    fresh.update();
    QTest::qWait(200);
    EXPECT_EQ(painted.count(), 1) << "announced more than once";
}

} // namespace
} // namespace hako::guitest
