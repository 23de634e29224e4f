// The isolation check's dialog against the real helper and a real running container: it
// fills with the nine checks (the pid one isolated, its evidence folded under it), shows a
// refusal as text, runs again on demand and copies the report; the main window offers it
// for a running container only, and opens it from the details pane's request.
#include "container_model.h"
#include "details_pane.h"
#include "gui_fixture.h"
#include "isolation_dialog.h"
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>

namespace hako::guitest {
namespace {

using gui::IsolationDialog;

constexpr int kCheckMs = 30000; // the probe's exec, on a loaded test machine

class IsolationDialogTest : public GuiTest {
protected:
    QString idOf(const std::string &name) { return QString::fromStdString(inspectField(name, "{{.Id}}")); }

    static QTreeWidget *checks(IsolationDialog &dialog)
    {
        return dialog.findChild<QTreeWidget *>(QStringLiteral("isolationChecks"));
    }
    // The row of the check `key`, or null.
    static QTreeWidgetItem *row(IsolationDialog &dialog, const QString &key)
    {
        QTreeWidget *tree = checks(dialog);
        for (int i = 0; tree && i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == key)
                return tree->topLevelItem(i);
        return nullptr;
    }
};

TEST_F(IsolationDialogTest, FillsWithTheNineChecksOfARunningContainer)
{
    runDetached("probed", {"sleep", "1000"});
    IsolationDialog dialog(&helper(), idOf("probed"), QStringLiteral("probed"));
    dialog.show();
    EXPECT_EQ(dialog.windowTitle(), QStringLiteral("Isolation check — probed"));
    EXPECT_TRUE(dialog.isBusy());
    EXPECT_FALSE(dialog.findChild<QWidget *>(QStringLiteral("isolationBusy"))->isHidden());
    ASSERT_TRUE(waitUntil([&] { return !dialog.isBusy(); }, kCheckMs));
    ASSERT_TRUE(dialog.errorText().isEmpty()) << dialog.errorText().toStdString();
    EXPECT_TRUE(dialog.findChild<QWidget *>(QStringLiteral("isolationBusy"))->isHidden());

    ASSERT_EQ(checks(dialog)->topLevelItemCount(), 9);
    const char *keys[] = {"pid", "hostname", "network", "ipc", "mount", "user", "capabilities", "seccomp", "limits"};
    for (int i = 0; i < 9; ++i) {
        const QString key = QLatin1String(keys[i]);
        QTreeWidgetItem *item = checks(dialog)->topLevelItem(i);
        EXPECT_EQ(item->data(0, Qt::UserRole).toString(), key);
        EXPECT_EQ(item->text(0), IsolationDialog::checkTitle(key));
        EXPECT_NE(item->text(0), key) << "no title for " << keys[i];
        EXPECT_FALSE(item->text(2).isEmpty()) << keys[i] << " has no summary";
    }
    QTreeWidgetItem *pid = row(dialog, QStringLiteral("pid"));
    ASSERT_TRUE(pid);
    EXPECT_EQ(pid->data(1, Qt::UserRole).toString(), QStringLiteral("isolated")) << pid->text(2).toStdString();
    EXPECT_EQ(pid->text(1), QStringLiteral("Isolated"));
    EXPECT_EQ(pid->text(0), QStringLiteral("Own PID view"));
    EXPECT_GT(pid->childCount(), 0) << "the pid check shows no evidence";
    EXPECT_FALSE(pid->icon(0).isNull());

    // Copy Report: the helper's report, as JSON.
    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyReportButton"));
    ASSERT_TRUE(copy && copy->isEnabled());
    copy->click();
    const QJsonObject copied = QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object();
    EXPECT_EQ(copied.value(QStringLiteral("Name")).toString(), QStringLiteral("probed"));
    EXPECT_EQ(copied.value(QStringLiteral("Checks")).toArray().size(), 9);

    // Run Again: busy, then the rows again.
    auto *again = dialog.findChild<QPushButton *>(QStringLiteral("runAgainButton"));
    ASSERT_TRUE(again);
    again->click();
    EXPECT_TRUE(dialog.isBusy());
    EXPECT_FALSE(again->isEnabled());
    ASSERT_TRUE(waitUntil([&] { return !dialog.isBusy(); }, kCheckMs));
    EXPECT_TRUE(again->isEnabled());
    EXPECT_EQ(checks(dialog)->topLevelItemCount(), 9);
}

TEST_F(IsolationDialogTest, AStoppedContainerIsExplainedInTheDialog)
{
    ASSERT_EQ(dbustest::hakoctl({"create", "--name", "idle", "busybox", "sleep", "1000"}).exit, 0);
    IsolationDialog dialog(&helper(), idOf("idle"), QStringLiteral("idle"));
    dialog.show();
    ASSERT_TRUE(waitUntil([&] { return !dialog.isBusy(); }, kCheckMs));
    EXPECT_TRUE(dialog.errorText().contains(QStringLiteral("Could not check “idle”"))) << dialog.errorText().toStdString();
    EXPECT_EQ(checks(dialog)->topLevelItemCount(), 0);
    EXPECT_TRUE(dialog.reportJson().isEmpty());
}

TEST_F(IsolationDialogTest, MainWindowOffersItForARunningContainerOnly)
{
    runDetached("live", {"sleep", "1000"});
    ASSERT_EQ(dbustest::hakoctl({"create", "--name", "made", "busybox", "true"}).exit, 0);
    gui::MainWindow window(&helper());
    window.show();
    ASSERT_TRUE(waitUntil([&] { return window.model()->isLoaded() && window.model()->rowCount() == 2; }));
    auto *action = window.findChild<QAction *>(QStringLiteral("actionCheckIsolation"));
    ASSERT_TRUE(action);
    auto *table = window.findChild<QTableView *>(QStringLiteral("containerTable"));
    const auto selectByName = [&](const QString &name) {
        const QModelIndexList found = table->model()->match(table->model()->index(0, 0), Qt::DisplayRole, name, 1,
                                                            Qt::MatchExactly);
        ASSERT_EQ(found.size(), 1) << name.toStdString();
        table->selectRow(found.first().row());
    };
    selectByName(QStringLiteral("made"));
    EXPECT_FALSE(action->isEnabled()) << "enabled for a created container";
    selectByName(QStringLiteral("live"));
    EXPECT_TRUE(action->isEnabled());

    action->trigger();
    IsolationDialog *dialog = window.findChild<IsolationDialog *>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(dialog->containerId(), idOf("live"));
    ASSERT_TRUE(waitUntil([&] { return !dialog->isBusy(); }, kCheckMs));
    EXPECT_EQ(checks(*dialog)->topLevelItemCount(), 9) << dialog->errorText().toStdString();

    // The details pane's request opens the same dialog (one per container), not a second.
    auto *details = window.findChild<gui::DetailsPane *>();
    ASSERT_TRUE(details);
    emit details->checkIsolationRequested(idOf("live"));
    EXPECT_EQ(window.findChildren<IsolationDialog *>().size(), 1);
    ASSERT_TRUE(waitUntil([&] { return !dialog->isBusy(); }, kCheckMs));

    // A paused container cannot start the probe: the action follows the state.
    ASSERT_EQ(dbustest::hakoctl({"pause", "live"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return !action->isEnabled(); })) << "enabled for a paused container";
    ASSERT_EQ(dbustest::hakoctl({"unpause", "live"}).exit, 0);
    EXPECT_TRUE(waitUntil([&] { return action->isEnabled(); }));
}

} // namespace
} // namespace hako::guitest
