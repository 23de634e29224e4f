// The limits side of the app against the real helper and real cgroups: each field of the
// create dialog's Resources tab lands in its linux.resources field and in the hakoctl line;
// a bad value is refused at its field; Edit limits changes a running container's cgroup (and
// sends only what changed); Pause and Resume follow the state and freeze the container; an
// OOM-killed container says so.
#include "action_rules.h"
#include "container_model.h"
#include "create_dialog.h"
#include "details_overview.h"
#include "gui_fixture.h"
#include "limits_dialog.h"
#include "limits_json.h"
#include "main_window.h"
#include "message_bar.h"
#include "shell_words.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace hako::guitest
{
namespace
{

using dbustest::hakoctl;

QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue value = root;
    for (const QString &key : path.split(QLatin1Char('.')))
        value = value.toObject().value(key);
    return value;
}

QJsonObject resourcesOf(const QString &specJson)
{
    return at(QJsonDocument::fromJson(specJson.toUtf8()).object(),
              QStringLiteral("linux.resources"))
        .toObject();
}

// A block device of this host for the throttle rows (a disk rather than a loop device).
QString someBlockDevice()
{
    QStringList names =
        QDir(QStringLiteral("/sys/block")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::stable_partition(names.begin(), names.end(), [](const QString &name) {
        return !name.startsWith(QLatin1String("loop"));
    });
    for (const QString &name : names)
        if (QFile::exists(QStringLiteral("/dev/") + name))
            return QStringLiteral("/dev/") + name;
    return {};
}

// The file of the container's memory cgroup that holds its hard limit (v1 or v2).
QString memoryLimitFile(const QString &id)
{
    const QString v1 =
        QStringLiteral("/sys/fs/cgroup/memory/hako/%1/memory.limit_in_bytes").arg(id);
    return QFile::exists(v1) ? v1 : QStringLiteral("/sys/fs/cgroup/hako/%1/memory.max").arg(id);
}

QString firstLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("(cannot read %1)").arg(path);
    return QString::fromUtf8(file.readLine()).trimmed();
}

// "frozen" or "thawed", from the v1 freezer.state or the v2 cgroup.freeze of the container.
QString freezerState(const QString &id)
{
    const QString v1 = QStringLiteral("/sys/fs/cgroup/freezer/hako/%1/freezer.state").arg(id);
    if (QFile::exists(v1))
        return firstLine(v1).toLower();
    const QString v2 = firstLine(QStringLiteral("/sys/fs/cgroup/hako/%1/cgroup.freeze").arg(id));
    return v2 == QLatin1String("1")   ? QStringLiteral("frozen")
           : v2 == QLatin1String("0") ? QStringLiteral("thawed")
                                      : v2;
}

class ResourcesTest : public GuiTest
{
  protected:
    void TearDown() override
    {
        window_.reset();
        dialog_.reset();
        limits_.reset();
        GuiTest::TearDown();
    }

    gui::CreateDialog &dialog()
    {
        if (!dialog_) {
            dialog_ = std::make_unique<gui::CreateDialog>(&helper());
            dialog_->show();
            auto *tabs = dialog_->findChild<QTabWidget *>(QStringLiteral("createTabs"));
            tabs->setCurrentWidget(dialog_->findChild<QWidget *>(QStringLiteral("resourcesPage")));
        }
        return *dialog_;
    }

    template <typename T> T *in(QWidget *parent, const char *name)
    {
        auto *found = parent->findChild<T *>(QLatin1String(name));
        EXPECT_NE(found, nullptr) << name;
        return found;
    }
    template <typename T> T *widget(const char *name) { return in<T>(&dialog(), name); }

    QJsonObject resources()
    {
        EXPECT_FALSE(dialog().specJson().isEmpty()) << "the dialog holds an invalid spec";
        return resourcesOf(dialog().specJson());
    }

    void type(QWidget *parent, const char *edit, const QString &text)
    {
        QLineEdit *line = in<QLineEdit>(parent, edit);
        line->clear();
        QTest::keyClicks(line, text);
    }

    // The field's error as shown: the message under it and its red frame.
    QString fieldError(QWidget *parent, const char *control)
    {
        auto *label = parent->findChild<QLabel *>(QLatin1String(control) + QStringLiteral("Error"));
        EXPECT_NE(label, nullptr) << control;
        QWidget *field = parent->findChild<QWidget *>(QLatin1String(control));
        const bool shown = label && label->isVisible() && !label->text().isEmpty();
        EXPECT_EQ(field->property("invalid").toBool(), shown) << control;
        return shown ? label->text() : QString();
    }

    bool createAllowed()
    {
        return widget<QPushButton>("createButton")->isEnabled() &&
               widget<QPushButton>("createAndStartButton")->isEnabled();
    }

    void addThrottle(QWidget *parent, int kind, const QString &device, const QString &rate)
    {
        QTest::mouseClick(in<QPushButton>(parent, "throttleAddButton"), Qt::LeftButton);
        auto *table = in<QTableWidget>(parent, "throttleTable");
        const int row = table->rowCount() - 1;
        auto *choice = qobject_cast<QComboBox *>(table->cellWidget(row, 0));
        ASSERT_NE(choice, nullptr);
        choice->setCurrentIndex(choice->findData(kind));
        table->item(row, 1)->setText(device);
        table->item(row, 2)->setText(rate);
    }

    void removeThrottles(QWidget *parent)
    {
        in<QTableWidget>(parent, "throttleTable")->selectAll();
        QTest::mouseClick(in<QPushButton>(parent, "throttleRemoveButton"), Qt::LeftButton);
    }

    // Every error the widget shows at a field, for failure messages.
    static std::string shownErrors(QWidget *parent)
    {
        std::string out;
        for (const QLabel *label : parent->findChildren<QLabel *>())
            if (label->objectName().endsWith(QLatin1String("Error")) && !label->text().isEmpty())
                out +=
                    label->objectName().toStdString() + ": " + label->text().toStdString() + "\n";
        return out;
    }

    QVariantMap container(const QString &ref)
    {
        const QDBusMessage reply = env().call(QStringLiteral("GetContainer"), {ref});
        if (reply.type() != QDBusMessage::ReplyMessage)
            return {};
        return qdbus_cast<QVariantMap>(reply.arguments().at(0));
    }
    QString idOf(const QString &name)
    {
        return container(name).value(QStringLiteral("Id")).toString();
    }
    QString stateOf(const QString &name)
    {
        return container(name).value(QStringLiteral("State")).toString();
    }

    // The Edit limits dialog of a container, with its limits loaded.
    gui::LimitsDialog &limitsDialog(const QString &name)
    {
        limits_ = std::make_unique<gui::LimitsDialog>(&helper(), idOf(name), name);
        limits_->show();
        EXPECT_TRUE(waitUntil([&] { return limits_->isLoaded(); }, 10000));
        return *limits_;
    }

    gui::MainWindow &window()
    {
        if (!window_) {
            window_ = std::make_unique<gui::MainWindow>(&helper());
            window_->show();
            EXPECT_TRUE(waitUntil([&] { return window_->model()->isLoaded(); }));
        }
        return *window_;
    }
    QAction *action(const char *name) { return in<QAction>(&window(), name); }
    void selectInWindow(const QStringList &names)
    {
        auto *table = in<QTableView>(&window(), "containerTable");
        QAbstractItemModel *model = table->model();
        ASSERT_TRUE(waitUntil([&] { return model->rowCount() >= names.size(); }));
        QItemSelection selection;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, gui::ContainerModel::NameColumn);
            if (names.contains(index.data().toString()))
                selection.select(index, index);
        }
        ASSERT_EQ(selection.indexes().size(), names.size());
        table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
        table->selectionModel()->setCurrentIndex(selection.indexes().first(),
                                                 QItemSelectionModel::NoUpdate);
    }
    QString statusInTable(const QString &name)
    {
        gui::ContainerModel *model = window().model();
        const int row = model->rowOf(idOf(name));
        return row < 0 ? QString()
                       : model->index(row, gui::ContainerModel::StatusColumn).data().toString();
    }

    std::unique_ptr<gui::CreateDialog> dialog_;
    std::unique_ptr<gui::LimitsDialog> limits_;
    std::unique_ptr<gui::MainWindow> window_;
};

TEST_F(ResourcesTest, EachFieldLandsInItsSpecFieldAndTheCommandLine)
{
    EXPECT_TRUE(resources().value(QStringLiteral("memory")).isUndefined());
    widget<QDoubleSpinBox>("cpusSpin")->setValue(0.5);
    type(&dialog(), "memoryEdit", QStringLiteral("100"));
    EXPECT_EQ(widget<QComboBox>("memoryEditUnit")->currentText().toStdString(), "MiB");
    EXPECT_EQ(at(resources(), QStringLiteral("cpu.quota")).toInteger(), 50000);
    EXPECT_EQ(at(resources(), QStringLiteral("cpu.period")).toInteger(), 100000);
    EXPECT_EQ(at(resources(), QStringLiteral("memory.limit")).toInteger(), 104857600);
    EXPECT_TRUE(dialog().commandLine().contains(QStringLiteral(" --cpus 0.5 -m 100m ")))
        << dialog().commandLine().toStdString();

    widget<QSpinBox>("cpuSharesSpin")->setValue(512);
    type(&dialog(), "cpusetCpusEdit", QStringLiteral("0"));
    type(&dialog(), "cpusetMemsEdit", QStringLiteral("0"));
    type(&dialog(), "memorySwapEdit", QStringLiteral("0.25"));
    widget<QComboBox>("memorySwapEditUnit")->setCurrentText(QStringLiteral("GiB"));
    type(&dialog(), "memoryReservationEdit", QStringLiteral("51200"));
    widget<QComboBox>("memoryReservationEditUnit")->setCurrentText(QStringLiteral("KiB"));
    widget<QCheckBox>("oomKillDisableCheck")->setChecked(true);
    widget<QSpinBox>("pidsLimitSpin")->setValue(20);
    widget<QSpinBox>("blkioWeightSpin")->setValue(300);
    const QString device = someBlockDevice();
    ASSERT_FALSE(device.isEmpty()) << "no block device on this host";
    addThrottle(&dialog(), 1 /* write bytes/s */, device, QStringLiteral("1 MiB"));
    addThrottle(&dialog(), 2 /* read operations/s */, device, QStringLiteral("100"));

    const QJsonObject r = resources();
    EXPECT_EQ(at(r, QStringLiteral("cpu.shares")).toInteger(), 512);
    EXPECT_EQ(at(r, QStringLiteral("cpu.cpus")).toString().toStdString(), "0");
    EXPECT_EQ(at(r, QStringLiteral("cpu.mems")).toString().toStdString(), "0");
    EXPECT_EQ(at(r, QStringLiteral("memory.swap")).toInteger(), 268435456);
    EXPECT_EQ(at(r, QStringLiteral("memory.reservation")).toInteger(), 52428800);
    EXPECT_TRUE(at(r, QStringLiteral("memory.disableOOMKiller")).toBool());
    EXPECT_EQ(at(r, QStringLiteral("pids.limit")).toInteger(), 20);
    EXPECT_EQ(at(r, QStringLiteral("blockIO.weight")).toInteger(), 300);
    struct stat info {
    };
    ASSERT_EQ(::stat(device.toLocal8Bit().constData(), &info), 0);
    const QJsonObject written =
        at(r, QStringLiteral("blockIO.throttleWriteBpsDevice")).toArray().at(0).toObject();
    EXPECT_EQ(written.value(QStringLiteral("major")).toInteger(), qint64(major(info.st_rdev)));
    EXPECT_EQ(written.value(QStringLiteral("minor")).toInteger(), qint64(minor(info.st_rdev)));
    EXPECT_EQ(written.value(QStringLiteral("rate")).toInteger(), 1048576);
    EXPECT_EQ(at(r, QStringLiteral("blockIO.throttleReadIOPSDevice"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("rate"))
                  .toInteger(),
              100);
    EXPECT_TRUE(dialog().commandLine().contains(
        QStringLiteral("--memory-swap 256m --memory-reservation 50m --oom-kill-disable "
                       "--pids-limit 20 --blkio-weight 300 --device-write-bps %1:1m "
                       "--device-read-iops %1:100")
            .arg(device)))
        << dialog().commandLine().toStdString();

    widget<QCheckBox>("unlimitedSwapCheck")->setChecked(true);
    EXPECT_FALSE(widget<QLineEdit>("memorySwapEdit")->isEnabled());
    EXPECT_EQ(at(resources(), QStringLiteral("memory.swap")).toInteger(), -1);

    // Period and quota instead of CPUs: under "advanced", hidden until asked for.
    widget<QDoubleSpinBox>("cpusSpin")->setValue(0);
    EXPECT_FALSE(widget<QSpinBox>("cpuQuotaSpin")->isVisible());
    QTest::mouseClick(widget<QToolButton>("advancedCpuButton"), Qt::LeftButton);
    EXPECT_TRUE(widget<QSpinBox>("cpuQuotaSpin")->isVisible());
    widget<QSpinBox>("cpuPeriodSpin")->setValue(50000);
    widget<QSpinBox>("cpuQuotaSpin")->setValue(25000);
    EXPECT_EQ(at(resources(), QStringLiteral("cpu.period")).toInteger(), 50000);
    EXPECT_EQ(at(resources(), QStringLiteral("cpu.quota")).toInteger(), 25000);
    EXPECT_TRUE(
        dialog().commandLine().contains(QStringLiteral("--cpu-period 50000 --cpu-quota 25000")))
        << dialog().commandLine().toStdString();

    // Every field back to empty: no limit at all.
    widget<QSpinBox>("cpuPeriodSpin")->setValue(0);
    widget<QSpinBox>("cpuQuotaSpin")->setValue(0);
    EXPECT_TRUE(at(resources(), QStringLiteral("cpu.quota")).isUndefined());
}

TEST_F(ResourcesTest, ABadValueIsRefusedAtItsField)
{
    auto *tabs = widget<QTabWidget>("createTabs");
    const int tab = tabs->indexOf(widget<QWidget>("resourcesPage"));
    struct Case {
        const char *field;
        std::function<void()> enter;
        std::function<void()> undo;
        QString message;
    };
    const Case cases[] = {
        {"memoryEdit", [&] { type(&dialog(), "memoryEdit", QStringLiteral("1")); },
         [&] { widget<QLineEdit>("memoryEdit")->clear(); },
         QStringLiteral("Minimum memory limit allowed is 6MB")},
        {"memoryEdit", [&] { type(&dialog(), "memoryEdit", QStringLiteral("lots")); },
         [&] { widget<QLineEdit>("memoryEdit")->clear(); }, QStringLiteral("Enter a number")},
        {"blkioWeightSpin", [&] { widget<QSpinBox>("blkioWeightSpin")->setValue(5); },
         [&] { widget<QSpinBox>("blkioWeightSpin")->setValue(0); },
         QStringLiteral("Range of blkio weight is from 10 to 1000")},
        {"cpusetCpusEdit", [&] { type(&dialog(), "cpusetCpusEdit", QStringLiteral("x")); },
         [&] { widget<QLineEdit>("cpusetCpusEdit")->clear(); }, QStringLiteral("invalid format")},
        {"cpusetCpusEdit", [&] { type(&dialog(), "cpusetCpusEdit", QStringLiteral("4095")); },
         [&] { widget<QLineEdit>("cpusetCpusEdit")->clear(); },
         QStringLiteral("Requested CPUs are not available")},
        {"memorySwapEdit",
         [&] {
             type(&dialog(), "memoryEdit", QStringLiteral("100"));
             type(&dialog(), "memorySwapEdit", QStringLiteral("50"));
         },
         [&] {
             widget<QLineEdit>("memoryEdit")->clear();
             widget<QLineEdit>("memorySwapEdit")->clear();
         },
         QStringLiteral("larger than memory limit")},
        {"throttleTable",
         [&] { addThrottle(&dialog(), 0, QStringLiteral("/dev/null"), QStringLiteral("1m")); },
         [&] { removeThrottles(&dialog()); },
         QStringLiteral("Row 1: /dev/null is not a block device")},
        {"throttleTable",
         [&] { addThrottle(&dialog(), 0, QStringLiteral("sda"), QStringLiteral("1m")); },
         [&] { removeThrottles(&dialog()); }, QStringLiteral("Row 1: bad format for device path")},
        {"throttleTable",
         [&] { addThrottle(&dialog(), 0, someBlockDevice(), QStringLiteral("fast")); },
         [&] { widget<QTableWidget>("throttleTable")->item(0, 2)->setText(QStringLiteral("2m")); },
         QStringLiteral("Row 1: ")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.message.toStdString());
        c.enter();
        EXPECT_TRUE(fieldError(&dialog(), c.field).contains(c.message))
            << fieldError(&dialog(), c.field).toStdString();
        EXPECT_FALSE(createAllowed());
        EXPECT_TRUE(dialog().specJson().isEmpty());
        EXPECT_FALSE(tabs->tabIcon(tab).isNull()) << "the Resources tab is not marked";
        c.undo();
        EXPECT_EQ(fieldError(&dialog(), c.field).toStdString(), "");
        EXPECT_TRUE(createAllowed());
        EXPECT_TRUE(tabs->tabIcon(tab).isNull());
    }

    // CPUs and a quota conflict: the quota is shown, even though it is an advanced setting.
    widget<QDoubleSpinBox>("cpusSpin")->setValue(1);
    widget<QSpinBox>("cpuQuotaSpin")->setValue(50000);
    EXPECT_TRUE(
        fieldError(&dialog(), "cpuQuotaSpin").contains(QStringLiteral("Conflicting options")))
        << fieldError(&dialog(), "cpuQuotaSpin").toStdString();
    EXPECT_TRUE(widget<QSpinBox>("cpuQuotaSpin")->isVisible());
    EXPECT_FALSE(createAllowed());
}

// The line the dialog shows, run by hakoctl, gives the container the limits the dialog would.
TEST_F(ResourcesTest, ShownCommandLineMakesTheSameLimits)
{
    type(&dialog(), "nameEdit", QStringLiteral("limitedcli"));
    type(&dialog(), "commandEdit", QStringLiteral("sleep 1000"));
    widget<QDoubleSpinBox>("cpusSpin")->setValue(0.75);
    type(&dialog(), "memoryEdit", QStringLiteral("1.5"));
    widget<QComboBox>("memoryEditUnit")->setCurrentText(QStringLiteral("GiB"));
    type(&dialog(), "memoryReservationEdit", QStringLiteral("100"));
    widget<QSpinBox>("pidsLimitSpin")->setValue(64);
    widget<QSpinBox>("cpuSharesSpin")->setValue(2048);
    addThrottle(&dialog(), 0, someBlockDevice(), QStringLiteral("20m"));
    const QJsonObject wanted = resources();

    QString error;
    const auto words = cli::shellSplit(dialog().commandLine(), &error);
    ASSERT_TRUE(words) << error.toStdString();
    dbustest::Args args;
    for (const QString &word : words->mid(1))
        args.push_back(word.toStdString());
    const auto ran = hakoctl(args);
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    const QJsonObject made = resourcesOf(
        container(QStringLiteral("limitedcli")).value(QStringLiteral("Spec")).toString());
    for (const char *group : {"cpu", "memory", "pids", "blockIO"})
        EXPECT_EQ(made.value(QLatin1String(group)), wanted.value(QLatin1String(group))) << group;
}

TEST_F(ResourcesTest, EditLimitsChangesARunningContainersMemoryLimit)
{
    ASSERT_EQ(hakoctl({"run", "-d", "--name", "limited", "-m", "100m", "--pids-limit", "50",
                       "busybox", "sleep", "1000"})
                  .exit,
              0);
    const QString id = idOf(QStringLiteral("limited"));
    ASSERT_EQ(firstLine(memoryLimitFile(id)).toStdString(), "104857600");

    gui::LimitsDialog &edit = limitsDialog(QStringLiteral("limited"));
    // Prefilled from the container's spec, and nothing to send while nothing changed.
    EXPECT_EQ(in<QLineEdit>(&edit, "memoryEdit")->text().toStdString(), "100");
    EXPECT_EQ(in<QComboBox>(&edit, "memoryEditUnit")->currentText().toStdString(), "MiB");
    EXPECT_EQ(in<QSpinBox>(&edit, "pidsLimitSpin")->value(), 50);
    EXPECT_TRUE(edit.patchJson().isEmpty()) << edit.patchJson().toStdString();
    auto *apply = in<QPushButton>(&edit, "applyLimitsButton");
    EXPECT_FALSE(apply->isEnabled());

    // A bad value is refused at the field before anything is sent.
    type(&edit, "memoryEdit", QStringLiteral("2"));
    EXPECT_TRUE(fieldError(&edit, "memoryEdit").contains(QStringLiteral("Minimum memory limit")));
    EXPECT_FALSE(apply->isEnabled());

    // Only what changed is sent: the limit, and the swap that follows it by docker's default
    // (as much again), as neither was given apart.
    type(&edit, "memoryEdit", QStringLiteral("200"));
    EXPECT_EQ(edit.patchJson().toStdString(),
              "{\"memory\":{\"limit\":209715200,\"swap\":419430400}}");
    ASSERT_TRUE(apply->isEnabled());
    QSignalSpy changed(&edit, &gui::LimitsDialog::limitsChanged);
    QTest::mouseClick(apply, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return changed.count() == 1; }, 30000))
        << in<gui::MessageBar>(&edit, "limitsFailure")->text().toStdString();
    EXPECT_EQ(edit.result(), QDialog::Accepted);
    EXPECT_EQ(firstLine(memoryLimitFile(id)).toStdString(), "209715200");
    EXPECT_EQ(stateOf(QStringLiteral("limited")).toStdString(), "running");
    const QJsonObject kept =
        resourcesOf(container(QStringLiteral("limited")).value(QStringLiteral("Spec")).toString());
    EXPECT_EQ(at(kept, QStringLiteral("memory.limit")).toInteger(), 209715200);
    EXPECT_EQ(at(kept, QStringLiteral("pids.limit")).toInteger(), 50); // untouched

    // Taking the limit away lifts it in the cgroup.
    gui::LimitsDialog &again = limitsDialog(QStringLiteral("limited"));
    EXPECT_EQ(in<QLineEdit>(&again, "memoryEdit")->text().toStdString(), "200");
    in<QLineEdit>(&again, "memoryEdit")->clear();
    EXPECT_EQ(again.patchJson().toStdString(), "{\"memory\":{\"limit\":-1,\"swap\":-1}}")
        << shownErrors(&again)
        << container(QStringLiteral("limited"))
               .value(QStringLiteral("Spec"))
               .toString()
               .toStdString();
    QSignalSpy lifted(&again, &gui::LimitsDialog::limitsChanged);
    QTest::mouseClick(in<QPushButton>(&again, "applyLimitsButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return lifted.count() == 1; }, 30000))
        << in<gui::MessageBar>(&again, "limitsFailure")->text().toStdString();
    const QString unlimited = firstLine(memoryLimitFile(id));
    EXPECT_TRUE(unlimited == QLatin1String("max") || unlimited.toULongLong() > (1ULL << 60))
        << unlimited.toStdString();
}

TEST_F(ResourcesTest, EditLimitsShowsTheHelpersAnswer)
{
    ASSERT_EQ(hakoctl({"create", "--name", "gone", "busybox", "true"}).exit, 0);
    gui::LimitsDialog &edit = limitsDialog(QStringLiteral("gone"));
    ASSERT_EQ(hakoctl({"rm", "gone"}).exit, 0);
    in<QSpinBox>(&edit, "pidsLimitSpin")->setValue(30);
    QTest::mouseClick(in<QPushButton>(&edit, "applyLimitsButton"), Qt::LeftButton);
    auto *failure = in<gui::MessageBar>(&edit, "limitsFailure");
    ASSERT_TRUE(waitUntil([&] { return failure->isVisible(); }, 30000));
    EXPECT_TRUE(failure->text().startsWith(QStringLiteral("No such container")))
        << failure->text().toStdString();
    EXPECT_TRUE(edit.isVisible());
}

TEST_F(ResourcesTest, EditLimitsIsReachableFromTheWindowAndTheDetails)
{
    runDetached("web", {"sleep", "1000"});
    runDetached("db", {"sleep", "1000"});
    selectInWindow({QStringLiteral("web")});
    QAction *edit = action("actionEditLimits");
    EXPECT_TRUE(edit->isEnabled());
    auto *overview = in<gui::OverviewPage>(&window(), "detailsOverview");
    ASSERT_TRUE(waitUntil(
        [&] { return overview->fieldText(QStringLiteral("Name")) == QLatin1String("web"); }));
    EXPECT_EQ(overview->fieldText(QStringLiteral("Limits")).toStdString(), "None");
    auto *button = in<QToolButton>(overview, "overviewEditLimits");
    EXPECT_EQ(button->defaultAction(), edit);
    selectInWindow({QStringLiteral("web"), QStringLiteral("db")});
    EXPECT_FALSE(edit->isEnabled()) << "it edits one container";
    selectInWindow({QStringLiteral("web")});

    QTest::mouseClick(button, Qt::LeftButton);
    gui::LimitsDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = window().findChild<gui::LimitsDialog *>();
        return dialog && dialog->isVisible() && dialog->isLoaded();
    }));
    in<QSpinBox>(dialog, "pidsLimitSpin")->setValue(40);
    QTest::mouseClick(in<QPushButton>(dialog, "applyLimitsButton"), Qt::LeftButton);
    EXPECT_TRUE(waitUntil(
        [&] {
            return overview->fieldText(QStringLiteral("Limits")) == QLatin1String("40 processes");
        },
        30000))
        << overview->fieldText(QStringLiteral("Limits")).toStdString();
    EXPECT_EQ(
        firstLine(
            QStringLiteral("/sys/fs/cgroup/pids/hako/%1/pids.max").arg(idOf(QStringLiteral("web"))))
            .toStdString(),
        "40");
}

TEST_F(ResourcesTest, PauseAndResumeFollowTheStateAndFreezeTheContainer)
{
    runDetached("ticker", {"sh", "-c", "while :; do date +%s%N > /tmp/tick; sleep 0.05; done"});
    ASSERT_EQ(hakoctl({"create", "--name", "made", "busybox", "true"}).exit, 0);
    selectInWindow({QStringLiteral("made")});
    EXPECT_FALSE(action("actionPause")->isEnabled());
    EXPECT_FALSE(action("actionResume")->isEnabled());
    selectInWindow({QStringLiteral("ticker")});
    EXPECT_TRUE(action("actionPause")->isEnabled());
    EXPECT_FALSE(action("actionResume")->isEnabled());

    action("actionPause")->trigger();
    ASSERT_TRUE(waitUntil(
        [&] { return stateOf(QStringLiteral("ticker")) == QLatin1String("paused"); }, 10000))
        << stateOf(QStringLiteral("ticker")).toStdString();
    const QString id = idOf(QStringLiteral("ticker"));
    EXPECT_EQ(freezerState(id).toStdString(), "frozen");
    ASSERT_TRUE(waitUntil([&] { return action("actionResume")->isEnabled(); }));
    EXPECT_FALSE(action("actionPause")->isEnabled());
    EXPECT_FALSE(action("actionShell")->isEnabled()); // nothing new can run in it
    EXPECT_TRUE(action("actionStop")->isEnabled());
    EXPECT_TRUE(statusInTable(QStringLiteral("ticker")).endsWith(QStringLiteral("(Paused)")))
        << statusInTable(QStringLiteral("ticker")).toStdString();
    EXPECT_EQ(action("actionPause")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
    EXPECT_EQ(action("actionResume")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));

    action("actionResume")->trigger();
    ASSERT_TRUE(waitUntil(
        [&] { return stateOf(QStringLiteral("ticker")) == QLatin1String("running"); }, 10000));
    EXPECT_EQ(freezerState(id).toStdString(), "thawed");
    ASSERT_TRUE(waitUntil([&] { return action("actionPause")->isEnabled(); }));
    EXPECT_FALSE(action("actionResume")->isEnabled());
    EXPECT_FALSE(statusInTable(QStringLiteral("ticker")).contains(QStringLiteral("Paused")));
}

// A memory hog above its limit is killed by the kernel, and the app says so in the table
// and the details, not as a bare 137.
TEST_F(ResourcesTest, AnOomKilledContainerReadsSo)
{
    ASSERT_EQ(hakoctl({"run", "-d", "--name", "hog", "-m", "10m", "--memory-swap", "10m", "busybox",
                       "tail", "/dev/zero"})
                  .exit,
              0);
    ASSERT_TRUE(waitUntil(
        [&] { return stateOf(QStringLiteral("hog")) == QLatin1String("stopped"); }, 30000));
    selectInWindow({QStringLiteral("hog")});
    const QString status = statusInTable(QStringLiteral("hog"));
    EXPECT_TRUE(status.startsWith(QStringLiteral("Exited (137)")) &&
                status.endsWith(QStringLiteral("(OOM killed)")))
        << status.toStdString();
    auto *overview = in<gui::OverviewPage>(&window(), "detailsOverview");
    EXPECT_TRUE(waitUntil([&] {
        return overview->fieldText(QStringLiteral("State")) == QLatin1String("Exited (OOM killed)");
    })) << overview->fieldText(QStringLiteral("State")).toStdString();
    EXPECT_EQ(overview->fieldText(QStringLiteral("OOMKilled")).toStdString(), "Yes");
    EXPECT_EQ(overview->fieldText(QStringLiteral("Limits")).toStdString(),
              "10 MiB memory, no swap");
}

// The JSON both ways: a spec's limits read back into the fields give the same limits, and the
// patch holds only what changed, with a lifted limit at its "no limit" value.
TEST(LimitsJson, ReadBackAndPatch)
{
    cli::ResourceOptions options;
    options.cpus = 1.25;
    options.memory = 256 << 20;
    options.pidsLimit = 99;
    options.cpusetCpus = QStringLiteral("0");
    QList<cli::SpecProblem> problems;
    const auto before = gui::resourcesJson(options, &problems);
    ASSERT_TRUE(before) << problems.value(0).text().toStdString();
    EXPECT_EQ(gui::resourceOptionsFromJson(*before), options)
        << QJsonDocument(*before).toJson().toStdString();
    EXPECT_TRUE(gui::resourcesPatch(*before, *before).isEmpty());

    cli::ResourceOptions changed = options;
    changed.memory.reset();
    changed.pidsLimit = 100;
    changed.cpusetCpus.clear();
    const auto after = gui::resourcesJson(changed, &problems);
    ASSERT_TRUE(after);
    const QJsonObject patch = gui::resourcesPatch(*before, *after);
    EXPECT_EQ(at(patch, QStringLiteral("memory.limit")).toInteger(), -1);
    EXPECT_EQ(at(patch, QStringLiteral("pids.limit")).toInteger(), 100);
    EXPECT_FALSE(at(patch, QStringLiteral("cpu.cpus")).toString().isEmpty()); // the host's all
    EXPECT_TRUE(at(patch, QStringLiteral("cpu.quota")).isUndefined());
    EXPECT_EQ(gui::limitsSummary(options).toStdString(),
              "1.25 CPUs, on CPUs 0, 256 MiB memory, 99 processes");
}

// Which states allow Pause, Resume and Edit limits (the engine's rules, core/state.cpp).
TEST(ActionRules, PauseResumeAndEditLimits)
{
    using gui::ContainerAction;
    const QStringList all = {QStringLiteral("created"), QStringLiteral("running"),
                             QStringLiteral("paused"), QStringLiteral("stopped")};
    for (const QString &state : all) {
        SCOPED_TRACE(state.toStdString());
        EXPECT_EQ(gui::stateAllows(ContainerAction::Pause, state),
                  state == QLatin1String("running"));
        EXPECT_EQ(gui::stateAllows(ContainerAction::Resume, state),
                  state == QLatin1String("paused"));
        EXPECT_TRUE(gui::stateAllows(ContainerAction::EditLimits, state));
    }
    EXPECT_TRUE(gui::selectionAllows(ContainerAction::Pause,
                                     {QStringLiteral("running"), QStringLiteral("running")}));
    EXPECT_FALSE(gui::selectionAllows(ContainerAction::Pause,
                                      {QStringLiteral("running"), QStringLiteral("paused")}));
    EXPECT_FALSE(gui::selectionAllows(ContainerAction::EditLimits,
                                      {QStringLiteral("running"), QStringLiteral("running")}));
}

} // namespace
} // namespace hako::guitest
