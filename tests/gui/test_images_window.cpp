// The Images window, the pull and import dialogs and the disk-usage view against the real
// helper: an archive imported through ImportImage is listed with its short id, size and
// layers and has a history; a reference is checked as it is typed; a pull from a loopback
// port nobody listens on fails in words; a pull stalled by a registry that never answers is
// cancelled; removing an image a container uses is refused with a Force choice; the
// disk-usage view shows the helper's figures.
#include "disk_usage_dialog.h"
#include "gui_fixture.h"
#include "image_history_dialog.h"
#include "image_jobs.h"
#include "image_model.h"
#include "images_window.h"
#include "import_dialog.h"
#include "main_window.h"
#include "pull_dialog.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <cstdlib>
#include <filesystem>

namespace hako::guitest {
namespace {

namespace fs = std::filesystem;
using gui::ImageModel;
using gui::ImagesWindow;

const QString kTag = QStringLiteral("guiimported:v1");

class ImagesWindowTest : public GuiTest {
protected:
    void SetUp() override
    {
        GuiTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        char name[] = "/tmp/hako-gui-images-XXXXXX";
        ASSERT_NE(::mkdtemp(name), nullptr);
        dir_ = name;
    }
    void TearDown() override
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (!w->parent())
                delete w; // a dialog a test left open
        env().removeAllContainers();
        env().call(QStringLiteral("RemoveImage"), {kTag, true});
        std::error_code ec;
        fs::remove_all(dir_, ec);
        GuiTest::TearDown();
    }

    // Imports the busybox rootfs tar as kTag through the dialog, as a person does.
    void importThroughDialog()
    {
        const std::string tar = dir_ + "/rootfs.tar";
        ASSERT_TRUE(dbustest::makeRootfsTar(dir_, tar));
        gui::ImportDialog dialog(&helper());
        dialog.show();
        dialog.setFile(QString::fromStdString(tar));
        dialog.setRootfsKind(true);
        dialog.setTag(kTag);
        auto *import = dialog.findChild<QPushButton *>(QStringLiteral("importButton"));
        ASSERT_TRUE(import->isEnabled());
        QTest::mouseClick(import, Qt::LeftButton);
        auto *result = dialog.findChild<QLabel *>(QStringLiteral("importResult"));
        ASSERT_TRUE(waitUntil([&] { return import->isEnabled(); }, 60000)) << result->text().toStdString();
        EXPECT_TRUE(result->text().contains(kTag)) << result->text().toStdString();
    }

    // The row of the window's table showing `tag`, or -1.
    static int rowShowing(ImagesWindow &window, const QString &tag)
    {
        const auto *model = window.table()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, ImageModel::NameColumn).data().toString().contains(tag))
                return row;
        return -1;
    }

    static QString cell(ImagesWindow &window, int row, int column)
    {
        return window.table()->model()->index(row, column).data().toString();
    }

    std::string dir_;
};

TEST_F(ImagesWindowTest, ListsAnImportedImageWithItsHistory)
{
    importThroughDialog();
    ImagesWindow window(&helper());
    window.show();
    ASSERT_TRUE(waitUntil([&] { return rowShowing(window, kTag) >= 0; }));
    const int row = rowShowing(window, kTag);
    const QVariantMap listed = dbustest::imageTagged(kTag);
    const QString id = listed.value(QStringLiteral("Id")).toString();
    ASSERT_TRUE(id.startsWith(QStringLiteral("sha256:")));
    EXPECT_EQ(cell(window, row, ImageModel::IdColumn), id.mid(7, 12));
    EXPECT_EQ(cell(window, row, ImageModel::LayersColumn), QStringLiteral("1"));
    EXPECT_TRUE(cell(window, row, ImageModel::SizeColumn).contains(QStringLiteral("iB")))
        << cell(window, row, ImageModel::SizeColumn).toStdString();
    EXPECT_EQ(cell(window, row, ImageModel::CreatedColumn), QStringLiteral("just now"));
    EXPECT_EQ(cell(window, row, ImageModel::UsedByColumn), QStringLiteral("—"));

    gui::ImageHistoryDialog history(&helper(), id);
    QSignalSpy loaded(&history, &gui::ImageHistoryDialog::loaded);
    ASSERT_TRUE(loaded.wait(10000));
    ASSERT_GE(history.table()->rowCount(), 1);
    EXPECT_FALSE(history.table()->item(0, 2)->text().isEmpty());
}

TEST_F(ImagesWindowTest, UsedImageIsRemovedOnlyWhenForced)
{
    importThroughDialog();
    const auto created =
        dbustest::hakoctl({"create", "--name", "gui-on-imported", kTag.toStdString(), "sleep", "1000"});
    ASSERT_EQ(created.exit, 0) << created.describe();
    ImagesWindow window(&helper());
    window.show();
    ASSERT_TRUE(waitUntil([&] { return rowShowing(window, kTag) >= 0; }));
    const int row = rowShowing(window, kTag);
    EXPECT_EQ(cell(window, row, ImageModel::UsedByColumn), QStringLiteral("gui-on-imported"));
    window.table()->selectRow(row);
    window.action(ImagesWindow::Action::Remove)->trigger();
    auto *confirm = window.findChild<QMessageBox *>(QStringLiteral("removeImageConfirm"));
    ASSERT_NE(confirm, nullptr);
    QPushButton *remove = nullptr;
    for (QAbstractButton *b : confirm->buttons())
        if (confirm->buttonRole(b) == QMessageBox::DestructiveRole)
            remove = qobject_cast<QPushButton *>(b);
    ASSERT_NE(remove, nullptr);
    remove->click();
    QMessageBox *inUse = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        inUse = window.findChild<QMessageBox *>(QStringLiteral("removeImageInUse"));
        return inUse != nullptr;
    }));
    EXPECT_TRUE(inUse->text().contains(QStringLiteral("gui-on-imported")))
        << inUse->text().toStdString();
    EXPECT_FALSE(dbustest::imageTagged(kTag).isEmpty()) << "removed without force";
    inUse->findChild<QPushButton *>(QStringLiteral("forceRemoveButton"))->click();
    EXPECT_TRUE(waitUntil([&] { return dbustest::imageTagged(kTag).isEmpty(); }));
    EXPECT_TRUE(waitUntil([&] { return rowShowing(window, kTag) < 0; }));
}

TEST_F(ImagesWindowTest, PullReferenceIsCheckedAsTyped)
{
    gui::PullDialog dialog(&helper());
    dialog.show();
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("pullReference"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("pullReferenceError"));
    auto *pull = dialog.findChild<QPushButton *>(QStringLiteral("pullButton"));
    EXPECT_FALSE(pull->isEnabled()) << "nothing typed";
    EXPECT_FALSE(error->isVisible());
    QTest::keyClicks(edit, QStringLiteral("Library/BusyBox"));
    EXPECT_TRUE(error->isVisible());
    EXPECT_FALSE(error->text().isEmpty());
    EXPECT_FALSE(pull->isEnabled());
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("busybox:1.36"));
    EXPECT_FALSE(error->isVisible()) << error->text().toStdString();
    EXPECT_TRUE(pull->isEnabled());
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("app@sha256:1234"));
    EXPECT_TRUE(error->isVisible()) << "a digest too short";
}

TEST_F(ImagesWindowTest, PullFromAClosedPortFailsInWords)
{
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nobody listens there now
    gui::PullDialog dialog(&helper());
    dialog.show();
    dialog.setReference(QStringLiteral("127.0.0.1:%1/nothing:v1").arg(port));
    auto *pull = dialog.findChild<QPushButton *>(QStringLiteral("pullButton"));
    auto *cancel = dialog.findChild<QPushButton *>(QStringLiteral("pullCancelButton"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("pullResult"));
    ASSERT_TRUE(pull->isEnabled());
    QTest::mouseClick(pull, Qt::LeftButton);
    EXPECT_TRUE(cancel->isEnabled());
    ASSERT_TRUE(waitUntil([&] { return !cancel->isEnabled(); }, 30000));
    EXPECT_TRUE(result->text().startsWith(QStringLiteral("The pull failed: ")))
        << result->text().toStdString();
    EXPECT_TRUE(result->text().contains(QString::number(port))) << result->text().toStdString();
    EXPECT_TRUE(pull->isEnabled());
}

TEST_F(ImagesWindowTest, CancelStopsAStalledPull)
{
    // A "registry" that accepts and never answers: the pull waits until it is cancelled.
    QTcpServer silent;
    QList<QTcpSocket *> held;
    QObject::connect(&silent, &QTcpServer::newConnection, [&] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            held.append(socket);
    });
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    gui::PullDialog dialog(&helper());
    dialog.show();
    dialog.setReference(QStringLiteral("127.0.0.1:%1/stalled:v1").arg(silent.serverPort()));
    auto *pull = dialog.findChild<QPushButton *>(QStringLiteral("pullButton"));
    auto *cancel = dialog.findChild<QPushButton *>(QStringLiteral("pullCancelButton"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("pullResult"));
    QTest::mouseClick(pull, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !held.isEmpty(); }, 10000)) << "the helper never connected";
    ASSERT_TRUE(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !cancel->isEnabled(); }, 15000));
    EXPECT_EQ(result->text(), QStringLiteral("The pull failed: Cancelled: nothing was kept."));
    EXPECT_TRUE(dbustest::imageTagged(QStringLiteral("127.0.0.1:%1/stalled:v1")
                                          .arg(silent.serverPort()))
                    .isEmpty());
}

TEST_F(ImagesWindowTest, DiskUsageShowsTheHelpersFigures)
{
    importThroughDialog();
    runDetached("gui-df-running", {"sleep", "1000"});
    gui::DiskUsageDialog dialog(&helper());
    QSignalSpy loaded(&dialog, &gui::DiskUsageDialog::loaded);
    dialog.show();
    ASSERT_TRUE(loaded.wait(10000));
    const QDBusMessage usage = env().call(QStringLiteral("GetDiskUsage"), {});
    ASSERT_EQ(usage.type(), QDBusMessage::ReplyMessage) << usage.errorMessage().toStdString();
    QTableWidget *summary = dialog.summary();
    const auto text = [&](int row, int column) { return summary->item(row, column)->text(); };
    const int images = dbustest::imageIds().size();
    EXPECT_EQ(text(0, 1), QString::number(images));
    EXPECT_GE(images, 1);
    EXPECT_EQ(text(1, 1), QString::number(listIds().size()));
    EXPECT_EQ(text(1, 2), QStringLiteral("1")) << "one running container";
    EXPECT_TRUE(text(0, 3).contains(QStringLiteral("iB"))) << text(0, 3).toStdString();
    EXPECT_TRUE(text(0, 4).contains(QLatin1Char('%'))) << text(0, 4).toStdString();
    auto *perImage = dialog.findChild<QTableWidget *>(QStringLiteral("diskUsageImages"));
    EXPECT_EQ(perImage->rowCount(), images);
}

TEST_F(ImagesWindowTest, MainWindowOpensOneImagesWindow)
{
    gui::MainWindow main(&helper());
    main.show();
    auto *images = main.findChild<QAction *>(QStringLiteral("actionImages"));
    ASSERT_NE(images, nullptr);
    EXPECT_EQ(images->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    images->trigger();
    images->trigger(); // raised again, not opened twice
    const auto windows = main.findChildren<ImagesWindow *>();
    ASSERT_EQ(windows.size(), 1);
    EXPECT_TRUE(windows.first()->isVisible());
    EXPECT_TRUE(waitUntil([&] { return windows.first()->model()->isLoaded(); }));
    EXPECT_NE(main.findChild<QAction *>(QStringLiteral("actionDiskUsage")), nullptr);
}

} // namespace
} // namespace hako::guitest
