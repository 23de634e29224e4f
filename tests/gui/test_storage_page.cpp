// The create dialog's Storage tab: a named volume (offered from ListVolumes) and a host
// folder land in the spec as Docker's -v does — {"type": "volume", "source": NAME,
// "options": ["rw"]} and {"type": "bind", "options": ["rbind", "ro"]} — and in the hakoctl
// line; a relative path or a row without a path in the container is refused at its table;
// the Security tab's tmpfs mounts are listed here. A container created with a volume really
// writes into it.
#include "create_dialog.h"
#include "create_mount_table.h"
#include "create_storage_page.h"
#include "gui_fixture.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

namespace hako::guitest {
namespace {

using gui::CreateDialog;
using gui::CreateStoragePage;

class StoragePageTest : public GuiTest {
protected:
    void TearDown() override
    {
        dialog_.reset();
        env().removeAllContainers();
        env().call(QStringLiteral("RemoveVolume"), {QStringLiteral("gui-storage-vol"), true});
        GuiTest::TearDown();
    }

    CreateDialog &dialog()
    {
        if (!dialog_) {
            dialog_ = std::make_unique<CreateDialog>(&helper());
            dialog_->show();
        }
        return *dialog_;
    }
    CreateStoragePage *page() { return dialog().findChild<CreateStoragePage *>(); }

    // The spec's mount at `destination` ({} when there is none).
    QJsonObject mountAt(const QString &destination)
    {
        const QJsonObject spec = QJsonDocument::fromJson(dialog().specJson().toUtf8()).object();
        for (const QJsonValue &m : spec.value(QStringLiteral("mounts")).toArray())
            if (m.toObject().value(QStringLiteral("destination")).toString() == destination)
                return m.toObject();
        return {};
    }

    QString errorOf(const char *table)
    {
        auto *label = dialog().findChild<QLabel *>(QLatin1String(table) + QStringLiteral("Error"));
        return label && !label->isHidden() ? label->text() : QString();
    }

    std::unique_ptr<CreateDialog> dialog_;
};

TEST_F(StoragePageTest, VolumesAndBindsBecomeSpecMounts)
{
    ASSERT_NE(page(), nullptr);
    page()->volumes()->addRow(QStringLiteral("gui-storage-vol"), QStringLiteral("/data"), false);
    page()->binds()->addRow(QStringLiteral("/srv/site"), QStringLiteral("/site"), true);
    ASSERT_FALSE(dialog().specJson().isEmpty()) << errorOf("volumeTable").toStdString()
                                                << errorOf("bindTable").toStdString();
    const QJsonObject volume = mountAt(QStringLiteral("/data"));
    EXPECT_EQ(volume.value(QStringLiteral("type")).toString(), QStringLiteral("volume"));
    EXPECT_EQ(volume.value(QStringLiteral("source")).toString(), QStringLiteral("gui-storage-vol"));
    EXPECT_EQ(volume.value(QStringLiteral("options")).toArray(), QJsonArray({QStringLiteral("rw")}));
    const QJsonObject bind = mountAt(QStringLiteral("/site"));
    EXPECT_EQ(bind.value(QStringLiteral("type")).toString(), QStringLiteral("bind"));
    EXPECT_EQ(bind.value(QStringLiteral("source")).toString(), QStringLiteral("/srv/site"));
    const QJsonArray bindOptions = bind.value(QStringLiteral("options")).toArray();
    EXPECT_TRUE(bindOptions.contains(QStringLiteral("rbind")));
    EXPECT_TRUE(bindOptions.contains(QStringLiteral("ro")));
    EXPECT_TRUE(dialog().commandLine().contains(QStringLiteral("-v gui-storage-vol:/data")))
        << dialog().commandLine().toStdString();
    EXPECT_TRUE(dialog().commandLine().contains(QStringLiteral("-v /srv/site:/site:ro")))
        << dialog().commandLine().toStdString();
}

TEST_F(StoragePageTest, BadRowsAreRefusedAtTheirTable)
{
    page()->volumes()->addRow(QStringLiteral("data"), QStringLiteral("relative/path"), false);
    EXPECT_TRUE(dialog().specJson().isEmpty());
    EXPECT_TRUE(errorOf("volumeTable").startsWith(QStringLiteral("Row 1: ")))
        << errorOf("volumeTable").toStdString();
    EXPECT_TRUE(errorOf("volumeTable").contains(QStringLiteral("relative/path")));
    page()->volumes()->table()->item(0, gui::MountTable::DestinationColumn)->setText(
        QStringLiteral("/data"));
    EXPECT_TRUE(errorOf("volumeTable").isEmpty());
    EXPECT_FALSE(dialog().specJson().isEmpty());

    page()->binds()->addRow(QStringLiteral("/srv"), QString(), false);
    EXPECT_EQ(errorOf("bindTable"), QStringLiteral("Row 1: enter the path in the container"));
    EXPECT_TRUE(dialog().specJson().isEmpty());
    page()->binds()->table()->item(0, gui::MountTable::DestinationColumn)->setText(
        QStringLiteral("/data"));
    EXPECT_TRUE(errorOf("bindTable").contains(QStringLiteral("Duplicate mount point: /data")) ||
                errorOf("volumeTable").contains(QStringLiteral("Duplicate mount point: /data")));
    auto *tabs = dialog().findChild<QTabWidget *>(QStringLiteral("createTabs"));
    EXPECT_FALSE(tabs->tabIcon(tabs->indexOf(page())).isNull()) << "the tab is marked";
}

TEST_F(StoragePageTest, OffersTheHelpersVolumesAndListsTmpfs)
{
    const QDBusMessage created =
        env().call(QStringLiteral("CreateVolume"), {QStringLiteral("gui-storage-vol"), QVariantMap()});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    dialog_.reset(); // a new dialog asks ListVolumes
    dialog().findChild<QTabWidget *>(QStringLiteral("createTabs"))->setCurrentWidget(page());
    page()->volumes()->addRow();
    QTableWidget *table = page()->volumes()->table();
    ASSERT_TRUE(waitUntil([&] {
        return page()->volumes()->volumeNames().contains(QStringLiteral("gui-storage-vol"));
    }));
    // The editor of the volume column offers them.
    table->setFocus();
    table->editItem(table->item(0, 0));
    auto *combo = table->findChild<QComboBox *>(QStringLiteral("volumeNameEditor"));
    ASSERT_NE(combo, nullptr);
    EXPECT_GE(combo->findText(QStringLiteral("gui-storage-vol")), 0);
    EXPECT_TRUE(combo->isEditable());

    auto *tmpfsAdd = dialog().findChild<QPushButton *>(QStringLiteral("tmpfsAddButton"));
    ASSERT_NE(tmpfsAdd, nullptr);
    auto *tmpfsTable = dialog().findChild<QTableWidget *>(QStringLiteral("tmpfsTable"));
    tmpfsAdd->click();
    tmpfsTable->item(0, 0)->setText(QStringLiteral("/run"));
    auto *list = page()->findChild<QLabel *>(QStringLiteral("storageTmpfsList"));
    EXPECT_EQ(list->text(), QStringLiteral("/run"));
}

TEST_F(StoragePageTest, ContainerWritesIntoItsVolume)
{
    page()->volumes()->addRow(QStringLiteral("gui-storage-vol"), QStringLiteral("/data"), false);
    auto *name = dialog().findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->setText(QStringLiteral("gui-storage-writer"));
    auto *command = dialog().findChild<QLineEdit *>(QStringLiteral("commandEdit"));
    command->setText(QStringLiteral("sh -c 'echo kept > /data/file'"));
    auto *createAndStart = dialog().findChild<QPushButton *>(QStringLiteral("createAndStartButton"));
    ASSERT_TRUE(createAndStart->isEnabled());
    QSignalSpy createdSpy(&dialog(), &CreateDialog::containerCreated);
    createAndStart->click();
    ASSERT_TRUE(createdSpy.wait(20000));
    ASSERT_TRUE(dbustest::eventually(
        [&] { return inspectField("gui-storage-writer", "{{.State.Status}}") == "exited"; },
        std::chrono::seconds(10)));
    const auto r = dbustest::hakoctl({"run", "--rm", "-v", "gui-storage-vol:/data:ro", "busybox",
                                      "cat", "/data/file"});
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_EQ(dbustest::trim(r.out), "kept") << r.describe();
}

} // namespace
} // namespace hako::guitest
