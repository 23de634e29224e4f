// hako-gui-screenshots: the app's windows as PNGs, in English and in zh_CN, under
// <build>/screenshots/<locale>/ — the main window with several containers, each tab of the
// create dialog, each page of the details pane. Run by ctest under Xvfb (the xcb platform,
// real fonts) against the real helper on the test bus; look at them, and copy the current
// ones to docs/screenshots/ for the README.
#include "create_dialog.h"
#include "details_pane.h"
#include "details_security.h"
#include "disk_usage_dialog.h"
#include "create_mount_table.h"
#include "create_network_page.h"
#include "create_port_table.h"
#include "create_storage_page.h"
#include "image_history_dialog.h"
#include "image_jobs.h"
#include "images_window.h"
#include "import_dialog.h"
#include "pull_dialog.h"
#include "gui_fixture.h"
#include "isolation_dialog.h"
#include "limits_dialog.h"
#include "network_create_dialog.h"
#include "networks_window.h"
#include "main_window.h"
#include "stats_chart.h"
#include "stats_window.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QTcpServer>
#include <QTreeWidget>

#include <filesystem>

namespace hako::guitest {
namespace {

class Screenshots : public GuiTest, public ::testing::WithParamInterface<const char *> {
protected:
    void SetUp() override
    {
        GuiTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        runDetached("web", {"sh", "-c", "echo serving; while :; do date; sleep 1; done"});
        runDetached("worker", {"sh", "-c", "for i in 1 2 3; do echo job $i; done; sleep 1000"});
        runDetached("batch", {"sh", "-c", "echo done; exit 3"});
        ASSERT_TRUE(dbustest::eventually([&] { return inspectField("batch", "{{.State.Status}}") == "exited"; },
                               std::chrono::seconds(5)));
        dir_ = QStringLiteral(HAKO_SCREENSHOT_DIR "/") + QString::fromLatin1(GetParam());
        ASSERT_TRUE(QDir().mkpath(dir_));
        useLocale(QString::fromLatin1(GetParam()));
    }
    void TearDown() override
    {
        for (auto *t : {translator_.get(), qtTranslator_.get()})
            if (t)
                QApplication::removeTranslator(t);
        QLocale::setDefault(QLocale::c());
        GuiTest::TearDown();
    }

    void useLocale(const QString &name)
    {
        QLocale::setDefault(QLocale(name));
        if (name == QLatin1String("en"))
            return;
        translator_ = std::make_unique<QTranslator>();
        ASSERT_TRUE(translator_->load(QStringLiteral(":/i18n/hako_") + name))
            << "no embedded translation for " << name.toStdString();
        QApplication::installTranslator(translator_.get());
        // Qt's own buttons (Cancel…), as the app loads them.
        qtTranslator_ = std::make_unique<QTranslator>();
        if (qtTranslator_->load(QStringLiteral("qtbase_") + name,
                                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(qtTranslator_.get());
    }

    void save(QWidget *widget, const QString &name)
    {
        QTest::qWait(150); // let the last replies and repaints land
        const QString path = dir_ + QLatin1Char('/') + name + QStringLiteral(".png");
        ASSERT_TRUE(widget->grab().save(path)) << path.toStdString();
        std::printf("screenshot: %s\n", qPrintable(path));
    }

    QString dir_;
    std::unique_ptr<QTranslator> translator_, qtTranslator_;
};

TEST_P(Screenshots, MainWindowCreateDialogAndDetails)
{
    gui::MainWindow window(&helper());
    window.resize(1280, 760);
    window.show();
    auto *table = window.findChild<QTableView *>(QStringLiteral("containerTable"));
    ASSERT_TRUE(table);
    ASSERT_TRUE(waitUntil([&] { return table->model()->rowCount() >= 3; }));
    // The running "web" shows the most: processes, namespaces, a log that grows.
    const QModelIndexList web = table->model()->match(table->model()->index(0, 0), Qt::DisplayRole,
                                                      QStringLiteral("web"), 1, Qt::MatchExactly);
    ASSERT_EQ(web.size(), 1);
    table->selectRow(web.first().row());
    auto *details = window.findChild<gui::DetailsPane *>();
    ASSERT_TRUE(details);
    auto *detailTabs = details->findChild<QTabWidget *>(QStringLiteral("detailsTabs"));
    ASSERT_TRUE(detailTabs);
    save(&window, QStringLiteral("main-window"));
    const char *pages[] = {"overview", "processes", "namespaces", "network",
                           "security", "logs",      "inspect"};
    for (int i = 0; i < detailTabs->count() && i < 7; ++i) {
        detailTabs->setCurrentIndex(i);
        QTest::qWait(600); // the processes page asks the helper when it is shown
        save(&window, QStringLiteral("details-") + QLatin1String(pages[i]));
    }

    gui::CreateDialog dialog(&helper(), &window);
    dialog.show();
    if (auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit")))
        name->setText(QStringLiteral("hello"));
    if (auto *command = dialog.findChild<QLineEdit *>(QStringLiteral("commandEdit")))
        command->setText(QStringLiteral("sh -c 'echo hello from $(hostname)'"));
    if (auto *hostname = dialog.findChild<QLineEdit *>(QStringLiteral("hostnameEdit")))
        hostname->setText(QStringLiteral("box"));
    auto *createTabs = dialog.findChild<QTabWidget *>(QStringLiteral("createTabs"));
    ASSERT_TRUE(createTabs);
    for (int i = 0; i < createTabs->count(); ++i) {
        createTabs->setCurrentIndex(i);
        save(&dialog, QStringLiteral("create-") + QString::number(i + 1));
    }
}

// A busy loop held to half a core: the main window's overview with it and the others after
// a few seconds, then its stats window, the CPU graph against the dashed limit.
TEST_P(Screenshots, StatsOverviewAndWindowOfABusyContainer)
{
    const auto run = dbustest::hakoctl({"run", "-d", "--name", "busy", "--cpus", "0.5", "busybox",
                                        "sh", "-c", "while :; do :; done"});
    ASSERT_EQ(run.exit, 0) << run.describe();
    const QString busy = QString::fromStdString(inspectField("busy", "{{.Id}}"));
    gui::MainWindow main(&helper());
    main.resize(1280, 760);
    main.show();
    gui::StatsWindow window(&helper(), busy);
    window.setHistorySeconds(60); // the shortest span, so a dozen seconds fill some of it
    window.show();
    ASSERT_TRUE(waitUntil(
        [&] { return window.chart(gui::StatsWindow::Graph::Cpu)->points(0).size() >= 12; }, 20000));
    save(&main, QStringLiteral("main-window-overview"));
    save(&window, QStringLiteral("stats-window"));
}

// The Resources tab with a few limits, one of them refused at its field, and the Edit limits
// dialog of a running container with limits.
TEST_P(Screenshots, ResourcesTabAndEditLimits)
{
    gui::CreateDialog dialog(&helper());
    dialog.show();
    auto *createTabs = dialog.findChild<QTabWidget *>(QStringLiteral("createTabs"));
    ASSERT_TRUE(createTabs);
    createTabs->setCurrentWidget(dialog.findChild<QWidget *>(QStringLiteral("resourcesPage")));
    if (auto *cpus = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("cpusSpin")))
        cpus->setValue(1.5);
    if (auto *memory = dialog.findChild<QLineEdit *>(QStringLiteral("memoryEdit")))
        memory->setText(QStringLiteral("512"));
    if (auto *swap = dialog.findChild<QLineEdit *>(QStringLiteral("memorySwapEdit")))
        swap->setText(QStringLiteral("256")); // below the memory limit: refused at the field
    if (auto *pids = dialog.findChild<QSpinBox *>(QStringLiteral("pidsLimitSpin")))
        pids->setValue(100);
    save(&dialog, QStringLiteral("create-resources"));

    const auto run = dbustest::hakoctl({"run", "-d", "--name", "limited", "--cpus", "0.5", "-m",
                                        "256m", "--pids-limit", "64", "--cpu-shares", "512",
                                        "busybox", "sleep", "1000"});
    ASSERT_EQ(run.exit, 0) << run.describe();
    gui::LimitsDialog limits(&helper(), QString::fromStdString(inspectField("limited", "{{.Id}}")),
                             QStringLiteral("limited"));
    limits.show();
    ASSERT_TRUE(waitUntil([&] { return limits.isLoaded(); }));
    if (auto *memory = limits.findChild<QLineEdit *>(QStringLiteral("memoryEdit")))
        memory->setText(QStringLiteral("384")); // a change: Apply enabled
    save(&limits, QStringLiteral("edit-limits"));
}

// The Security tab as it opens (Docker's defaults), then with --privileged and its warning.
TEST_P(Screenshots, SecurityTab)
{
    gui::CreateDialog dialog(&helper());
    dialog.show();
    auto *createTabs = dialog.findChild<QTabWidget *>(QStringLiteral("createTabs"));
    ASSERT_TRUE(createTabs);
    createTabs->setCurrentWidget(dialog.findChild<QWidget *>(QStringLiteral("securityPage")));
    save(&dialog, QStringLiteral("create-security"));
    auto *privileged = dialog.findChild<QCheckBox *>(QStringLiteral("privilegedCheck"));
    ASSERT_TRUE(privileged);
    privileged->setChecked(true);
    save(&dialog, QStringLiteral("create-security-privileged"));

    // Lower down: a profile file that is not there, refused at its field; a read-only root
    // with a tmpfs for /tmp.
    privileged->setChecked(false);
    if (auto *custom = dialog.findChild<QRadioButton *>(QStringLiteral("seccompProfileRadio")))
        custom->setChecked(true);
    if (auto *path = dialog.findChild<QLineEdit *>(QStringLiteral("seccompProfileEdit")))
        path->setText(QStringLiteral("/etc/hako/no-such-profile.json"));
    if (auto *readOnly = dialog.findChild<QCheckBox *>(QStringLiteral("readOnlyCheck")))
        readOnly->setChecked(true);
    if (auto *add = dialog.findChild<QPushButton *>(QStringLiteral("tmpfsAddButton")))
        add->click();
    if (auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("tmpfsTable"))) {
        table->closePersistentEditor(table->item(0, 0));
        table->setFocus();
        table->item(0, 0)->setText(QStringLiteral("/tmp"));
        table->item(0, 1)->setText(QStringLiteral("size=64m"));
    }
    auto *scroll = dialog.findChild<QWidget *>(QStringLiteral("securityPage"))
                       ->findChild<QScrollArea *>();
    ASSERT_TRUE(scroll);
    scroll->ensureWidgetVisible(dialog.findChild<QWidget *>(QStringLiteral("seccompBox")), 0, 0);
    save(&dialog, QStringLiteral("create-security-seccomp"));
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    save(&dialog, QStringLiteral("create-security-filesystem"));
}

// The isolation check of the running "web" (its PID row unfolded to show the evidence), and
// of a container run with --pid=host, --cap-add SYS_ADMIN and seccomp=unconfined (weakened).
TEST_P(Screenshots, IsolationCheck)
{
    const auto shoot = [&](const std::string &name, const QString &file) {
        gui::IsolationDialog dialog(&helper(), QString::fromStdString(inspectField(name, "{{.Id}}")),
                                    QString::fromStdString(name));
        dialog.show();
        ASSERT_TRUE(waitUntil([&] { return !dialog.isBusy(); }, 30000));
        auto *checks = dialog.findChild<QTreeWidget *>(QStringLiteral("isolationChecks"));
        ASSERT_TRUE(checks);
        for (int i = 0; i < checks->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = checks->topLevelItem(i);
            const QString verdict = item->data(1, Qt::UserRole).toString();
            const bool pid = item->data(0, Qt::UserRole).toString() == QLatin1String("pid");
            item->setExpanded(pid || verdict != QLatin1String("isolated"));
        }
        save(&dialog, file);
    };
    shoot("web", QStringLiteral("isolation-check"));
    const auto run = dbustest::hakoctl({"run", "-d", "--name", "loose", "--pid=host", "--cap-add", "SYS_ADMIN",
                                        "--security-opt", "seccomp=unconfined", "busybox", "sleep", "1000"});
    ASSERT_EQ(run.exit, 0) << run.describe();
    shoot("loose", QStringLiteral("isolation-check-weakened"));
}

// The details pane's Security tab for a container run as uid 1000: the kernel dropped the
// capabilities its spec lists at exec, so the effective and permitted rows carry red marks.
TEST_P(Screenshots, DetailsSecurityWithADifference)
{
    const auto run = dbustest::hakoctl({"run", "-d", "--name", "unprivileged", "--user", "1000",
                                        "busybox", "sleep", "1000"});
    ASSERT_EQ(run.exit, 0) << run.describe();
    gui::DetailsPane pane(&helper());
    pane.resize(1000, 560);
    pane.setContainer(QStringLiteral("unprivileged"));
    pane.showPage(gui::DetailsPane::Page::Security);
    pane.show();
    auto *page = pane.findChild<gui::SecurityPage *>();
    ASSERT_TRUE(page);
    ASSERT_TRUE(waitUntil([&] { return page->hasEffective(); }));
    save(&pane, QStringLiteral("details-security-difference"));
}

// The Images window with an imported image beside busybox, the import and pull dialogs (a
// reference refused as typed, a pull that failed), an image's history, the Storage tab, the
// disk-usage view and the overview of a container with a volume.
TEST_P(Screenshots, ImagesAndStorage)
{
    char tmp[] = "/tmp/hako-shots-XXXXXX";
    ASSERT_NE(::mkdtemp(tmp), nullptr);
    const std::string work = tmp;
    const std::string tar = work + "/rootfs.tar";
    ASSERT_TRUE(dbustest::makeRootfsTar(work, tar));
    const auto run = dbustest::hakoctl({"run", "-d", "--name", "stored", "-v", "site-data:/data",
                                        "-v", "/tmp:/host-tmp:ro", "--tmpfs", "/run", "busybox",
                                        "sleep", "1000"});
    ASSERT_EQ(run.exit, 0) << run.describe();

    gui::ImportDialog import(&helper());
    import.show();
    import.setFile(QString::fromStdString(tar));
    import.setTag(QStringLiteral("myapp:1.0"));
    auto *importButton = import.findChild<QPushButton *>(QStringLiteral("importButton"));
    importButton->click();
    ASSERT_TRUE(waitUntil([&] { return importButton->isEnabled(); }, 60000));
    save(&import, QStringLiteral("import-dialog"));
    std::filesystem::remove_all(work);

    gui::ImagesWindow images(&helper());
    images.resize(1000, 420);
    images.show();
    ASSERT_TRUE(waitUntil([&] { return images.table()->model()->rowCount() >= 2; }));
    images.table()->selectRow(0);
    save(&images, QStringLiteral("images-window"));

    const QString busybox = dbustest::imageTagged(QStringLiteral("busybox:latest"))
                                .value(QStringLiteral("Id"))
                                .toString();
    gui::ImageHistoryDialog history(&helper(), busybox.isEmpty() ? QStringLiteral("busybox")
                                                                 : busybox);
    history.show();
    ASSERT_TRUE(waitUntil([&] { return history.table()->rowCount() > 0; }));
    save(&history, QStringLiteral("image-history"));

    gui::PullDialog pull(&helper());
    pull.show();
    pull.setReference(QStringLiteral("Library/BusyBox"));
    save(&pull, QStringLiteral("pull-dialog-invalid"));
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    pull.setReference(QStringLiteral("127.0.0.1:%1/team/app:v1").arg(port));
    pull.findChild<QPushButton *>(QStringLiteral("pullButton"))->click();
    auto *cancel = pull.findChild<QPushButton *>(QStringLiteral("pullCancelButton"));
    // The helper may still be retrying the connection: then the shot shows a cancelled pull.
    if (!waitUntil([&] { return !cancel->isEnabled(); }, 20000))
        cancel->click();
    ASSERT_TRUE(waitUntil([&] { return !cancel->isEnabled(); }, 20000));
    save(&pull, QStringLiteral("pull-dialog-failed"));

    gui::DiskUsageDialog usage(&helper());
    usage.show();
    ASSERT_TRUE(waitUntil([&] { return usage.summary()->item(0, 1) != nullptr; }));
    save(&usage, QStringLiteral("disk-usage"));

    gui::CreateDialog dialog(&helper());
    dialog.show();
    auto *createTabs = dialog.findChild<QTabWidget *>(QStringLiteral("createTabs"));
    auto *storage = dialog.findChild<gui::CreateStoragePage *>();
    ASSERT_TRUE(createTabs && storage);
    createTabs->setCurrentWidget(storage);
    storage->volumes()->addRow(QStringLiteral("site-data"), QStringLiteral("/data"), false);
    storage->binds()->addRow(QStringLiteral("/srv/www"), QStringLiteral("/usr/share/www"), true);
    storage->binds()->addRow(QStringLiteral("/srv/logs"), QStringLiteral("logs"), false);
    if (auto *add = dialog.findChild<QPushButton *>(QStringLiteral("tmpfsAddButton")))
        add->click();
    if (auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("tmpfsTable"))) {
        table->closePersistentEditor(table->item(0, 0));
        table->item(0, 0)->setText(QStringLiteral("/run"));
        table->item(0, 1)->setText(QStringLiteral("size=16m"));
    }
    createTabs->setCurrentWidget(storage);
    save(&dialog, QStringLiteral("create-storage"));

    gui::DetailsPane pane(&helper());
    pane.resize(640, 640);
    pane.setContainer(QStringLiteral("stored"));
    pane.showPage(gui::DetailsPane::Page::Overview);
    pane.show();
    QTest::qWait(800);
    save(&pane, QStringLiteral("details-overview-mounts"));
    env().call(QStringLiteral("RemoveImage"), {QStringLiteral("myapp:1.0"), true});
    env().call(QStringLiteral("RemoveVolume"), {QStringLiteral("site-data"), true});
}

// A user network with a container on it and a published port: the Networks window, its New
// Network dialog, the create dialog's Network tab (bridge with ports and names, then host with
// its warning) and the container's Network page.
TEST_P(Screenshots, NetworksAndNetworkTab)
{
    const QDBusMessage made = env().call(
        QStringLiteral("CreateNetwork"),
        {QStringLiteral("backend"),
         QVariantMap{{QStringLiteral("Subnet"), QStringLiteral("10.89.50.0/24")},
                     {QStringLiteral("Icc"), false}}});
    ASSERT_EQ(made.type(), QDBusMessage::ReplyMessage) << made.errorMessage().toStdString();
    const auto ran = dbustest::hakoctl({"run", "-d", "--name", "api", "--network", "backend", "-p",
                                        "127.0.0.1:8080:80", "busybox", "sleep", "1000"});
    ASSERT_EQ(ran.exit, 0) << ran.describe();

    gui::NetworksWindow networks(&helper());
    networks.setAttribute(Qt::WA_DeleteOnClose, false);
    networks.show();
    ASSERT_TRUE(waitUntil([&] { return networks.table()->model()->rowCount() >= 4; }));
    networks.selectNetwork(QStringLiteral("backend"));
    save(&networks, QStringLiteral("networks-window"));

    gui::NetworkCreateDialog create(&helper());
    create.show();
    create.findChild<QLineEdit *>(QStringLiteral("networkNameEdit"))->setText(QStringLiteral("frontend"));
    create.findChild<QLineEdit *>(QStringLiteral("networkSubnetEdit"))->setText(QStringLiteral("10.89.51.1/24"));
    save(&create, QStringLiteral("network-create-invalid"));

    gui::CreateDialog dialog(&helper());
    dialog.show();
    auto *createTabs = dialog.findChild<QTabWidget *>(QStringLiteral("createTabs"));
    auto *page = dialog.findChild<gui::CreateNetworkPage *>();
    ASSERT_TRUE(createTabs && page);
    createTabs->setCurrentWidget(page);
    page->ports()->addRow(QStringLiteral("127.0.0.1"), QStringLiteral("8081"), QStringLiteral("80"));
    page->ports()->addRow(QString(), QStringLiteral("5353"), QStringLiteral("53"), QStringLiteral("udp"));
    dialog.findChild<QLineEdit *>(QStringLiteral("networkDnsEdit"))->setText(QStringLiteral("10.89.50.1"));
    dialog.findChild<QLineEdit *>(QStringLiteral("networkExtraHostsEdit"))->setText(QStringLiteral("db:10.89.50.5"));
    save(&dialog, QStringLiteral("create-network"));
    // The bottom of the tab: a multicast MAC address refused at its field.
    dialog.findChild<QLineEdit *>(QStringLiteral("networkMacEdit"))->setText(QStringLiteral("01:00:5e:00:00:01"));
    if (auto *scroll = page->findChild<QScrollArea *>())
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    save(&dialog, QStringLiteral("create-network-invalid-mac"));
    auto *mode = dialog.findChild<QComboBox *>(QStringLiteral("networkNamespaceMode"));
    mode->setCurrentIndex(mode->findData(int(cli::NamespaceMode::Host)));
    save(&dialog, QStringLiteral("create-network-host"));

    gui::DetailsPane pane(&helper());
    pane.resize(720, 520);
    pane.setContainer(QStringLiteral("api"));
    pane.showPage(gui::DetailsPane::Page::Network);
    pane.show();
    QTest::qWait(800);
    save(&pane, QStringLiteral("details-network-ports"));

    env().removeAllContainers();
    env().call(QStringLiteral("RemoveNetwork"), {QStringLiteral("backend")});
}

INSTANTIATE_TEST_SUITE_P(Locales, Screenshots, ::testing::Values("en", "zh_CN"),
                         [](const auto &info) { return std::string(info.param); });

} // namespace
} // namespace hako::guitest
