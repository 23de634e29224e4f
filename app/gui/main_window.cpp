#include "main_window.h"

#include "container_actions.h"
#include "container_model.h"
#include "desktop_notifier.h"
#include "details_pane.h"
#include "disk_usage_dialog.h"
#include "error_text.h"
#include "helper_connection.h"
#include "images_window.h"
#include "isolation_dialog.h"
#include "isolation_look.h"
#include "message_bar.h"
#include "networks_window.h"
#include "stats_feed.h"
#include "stats_overview.h"
#include "stats_window.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <functional>

namespace hako::gui {

namespace {

// Runs `handler` for each event of `target` (it returns true to stop the event).
class EventHook : public QObject {
public:
    EventHook(QObject *target, std::function<bool(QEvent *)> handler)
        : QObject(target), handler_(std::move(handler))
    {
        target->installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *event) override { return handler_(event); }

private:
    std::function<bool(QEvent *)> handler_;
};

constexpr int kErrorLinesKept = 5;
constexpr int kStatusMessageMs = 15000;

} // namespace

struct MainWindow::Private {
    MainWindow *q;
    HelperConnection *helper;
    ContainerModel *model;
    QSortFilterProxyModel *proxy;
    ContainerActions *actions;
    DesktopNotifier *notifier;
    QLineEdit *filter = nullptr;
    QTableView *table = nullptr;
    QLabel *overlay = nullptr;
    DetailsPane *details = nullptr;
    QSplitter *splitter = nullptr;
    MessageBar *connectionBar = nullptr;
    MessageBar *errorBar = nullptr;
    QLabel *connectionStatus = nullptr;
    QLabel *counts = nullptr;
    QAction *statistics = nullptr; // the selected container's stats window
    QAction *checkIsolation = nullptr; // the selected container's isolation check
    QAction *images = nullptr;         // the Images window
    QAction *diskUsage = nullptr;      // docker system df
    QAction *networks = nullptr;       // the Networks window
    QDockWidget *overview = nullptr;
    QString loadProblem; // why the last ListContainers failed ("" if it did not)
    QStringList selectedBeforeReset;
    bool firstPaintArmed = false; // the first list reply (or failure) is in
    bool firstPaintSent = false;

    Private(MainWindow *window, HelperConnection *connection)
        : q(window), helper(connection), model(new ContainerModel(connection, window)),
          proxy(new QSortFilterProxyModel(window)),
          actions(new ContainerActions(connection, model, window)),
          notifier(new DesktopNotifier(window))
    {
    }

    QWidget *buildTableSide();
    void buildMenusAndToolbar();
    void buildStatusBar();
    void connectModel();
    void connectActions();
    QStringList selectedIds() const;
    QString currentId() const;
    void selectionChanged();
    void select(const QStringList &ids);
    void showDetails(DetailsPane::Page page, const QString &id);
    void updateConnection();
    void updateOverlay();
    void updateCounts();
    void showError(const QString &message);
    void containerExited(const QString &id);
    void armFirstPaint();
    void buildStatistics();
    void openStatistics(const QString &id);
    void buildIsolationCheck();
    void buildImageActions();
    void updateIsolationCheck();
    void openIsolationCheck(const QString &id);
};

MainWindow::MainWindow(HelperConnection *helper, QWidget *parent)
    : QMainWindow(parent), d(std::make_unique<Private>(this, helper))
{
    setWindowTitle(tr("Hako"));
    setObjectName(QStringLiteral("mainWindow"));
    d->splitter = new QSplitter(Qt::Horizontal, this);
    d->splitter->addWidget(d->buildTableSide());
    d->details = new DetailsPane(helper, d->splitter);
    if (d->details->accessibleName().isEmpty())
        d->details->setAccessibleName(tr("Container details"));
    // Its labels' own hints (a 64-digit id) must not push the table aside.
    d->details->setMinimumWidth(300);
    d->splitter->addWidget(d->details);
    d->splitter->setStretchFactor(0, 2);
    d->splitter->setStretchFactor(1, 1);
    d->splitter->setSizes({780, 400});
    setCentralWidget(d->splitter);
    d->buildStatistics();
    d->buildIsolationCheck();
    d->buildImageActions();
    d->buildMenusAndToolbar();
    d->buildStatusBar();
    d->connectModel();
    d->connectActions();
    new EventHook(this, [this](QEvent *event) {
        if (event->type() == QEvent::PaletteChange)
            d->model->setPalette(palette());
        return false;
    });
    d->updateConnection();
    d->updateCounts();
    resize(1180, 680);
    d->table->setFocus();
}

MainWindow::~MainWindow() = default;

ContainerModel *MainWindow::model() const
{
    return d->model;
}

QWidget *MainWindow::Private::buildTableSide()
{
    auto *side = new QWidget(q);
    connectionBar = new MessageBar(MessageBar::Kind::Warning, tr("Retry &Now"), side);
    connectionBar->setObjectName(QStringLiteral("connectionBar"));
    connectionBar->setAccessibleName(tr("Connection problem"));
    errorBar = new MessageBar(MessageBar::Kind::Error, tr("&Dismiss"), side);
    errorBar->setObjectName(QStringLiteral("errorBar"));
    errorBar->setAccessibleName(tr("Error"));

    filter = new QLineEdit(side);
    filter->setObjectName(QStringLiteral("filter"));
    filter->setPlaceholderText(tr("Filter by name, image, state or command (Ctrl+F)"));
    filter->setAccessibleName(tr("Filter containers"));
    filter->setClearButtonEnabled(true);

    proxy->setSourceModel(model);
    proxy->setSortRole(ContainerModel::SortRole);
    proxy->setFilterKeyColumn(-1); // every column
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    QObject::connect(filter, &QLineEdit::textChanged, proxy,
                     &QSortFilterProxyModel::setFilterFixedString);

    table = new QTableView(side);
    table->setObjectName(QStringLiteral("containerTable"));
    table->setAccessibleName(tr("Containers"));
    table->setModel(proxy);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setSortingEnabled(true);
    table->sortByColumn(ContainerModel::NameColumn, Qt::AscendingOrder);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(ContainerModel::CommandColumn,
                                                    QHeaderView::Stretch);
    table->setColumnWidth(ContainerModel::NameColumn, 130);
    table->setColumnWidth(ContainerModel::ImageColumn, 90);
    table->setColumnWidth(ContainerModel::StateColumn, 95);
    table->setColumnWidth(ContainerModel::StatusColumn, 200);
    table->setColumnWidth(ContainerModel::CommandColumn, 120);
    table->setColumnWidth(ContainerModel::CpuColumn, 60);
    table->setColumnWidth(ContainerModel::MemoryColumn, 80);

    overlay = new QLabel(table->viewport());
    overlay->setObjectName(QStringLiteral("emptyTableText"));
    overlay->setAlignment(Qt::AlignCenter);
    overlay->setWordWrap(true);
    overlay->setAttribute(Qt::WA_TransparentForMouseEvents);
    overlay->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(connectionBar);
    layout->addWidget(errorBar);
    layout->addWidget(filter);
    layout->addWidget(table, 1);
    return side;
}

void MainWindow::Private::buildMenusAndToolbar()
{
    QMenu *file = q->menuBar()->addMenu(tr("&File"));
    file->addAction(actions->newContainer());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), q, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *container = q->menuBar()->addMenu(tr("&Container"));
    QToolBar *toolbar = q->addToolBar(tr("Container actions"));
    toolbar->setObjectName(QStringLiteral("containerToolbar"));
    toolbar->setAccessibleName(tr("Container actions"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction *action : actions->menuOrder()) {
        if (!action) {
            container->addSeparator();
            toolbar->addSeparator();
            continue;
        }
        if (action != actions->newContainer())
            container->addAction(action);
        toolbar->addAction(action);
    }
    container->addSeparator();
    container->addAction(statistics);
    toolbar->addAction(statistics);
    container->addAction(checkIsolation);
    toolbar->addAction(checkIsolation);

    QMenu *imageMenu = q->menuBar()->addMenu(tr("&Images"));
    imageMenu->addAction(images);
    imageMenu->addAction(diskUsage);
    toolbar->addSeparator();
    toolbar->addAction(images);
    QMenu *networkMenu = q->menuBar()->addMenu(tr("Net&works"));
    networkMenu->addAction(networks);
    toolbar->addAction(networks);

    QMenu *view = q->menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Filter"), q, [this] {
        filter->setFocus(Qt::ShortcutFocusReason);
        filter->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *showDetails = view->addAction(tr("Show &Details"));
    showDetails->setCheckable(true);
    showDetails->setChecked(true);
    showDetails->setShortcut(QKeySequence(Qt::Key_F9));
    QObject::connect(showDetails, &QAction::toggled, details, &QWidget::setVisible);
    view->addAction(overview->toggleViewAction());
    QAction *focusTable = view->addAction(tr("Go to the &Table"), q,
                                          [this] { table->setFocus(Qt::ShortcutFocusReason); });
    focusTable->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    QAction *focusDetails = view->addAction(tr("Go to the De&tails"), q, [this] {
        details->show();
        for (QWidget *child : details->findChildren<QWidget *>()) {
            if (child->isVisible() && (child->focusPolicy() & Qt::TabFocus)) {
                child->setFocus(Qt::ShortcutFocusReason);
                return;
            }
        }
    });
    focusDetails->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
}

void MainWindow::Private::buildStatusBar()
{
    connectionStatus = new QLabel(q);
    connectionStatus->setObjectName(QStringLiteral("connectionStatus"));
    connectionStatus->setAccessibleName(tr("Connection to the helper"));
    counts = new QLabel(q);
    counts->setObjectName(QStringLiteral("containerCounts"));
    counts->setAccessibleName(tr("Container counts"));
    q->statusBar()->addPermanentWidget(counts);
    q->statusBar()->addPermanentWidget(connectionStatus);
}

void MainWindow::Private::connectModel()
{
    QObject::connect(model, &ContainerModel::loaded, q, [this] {
        loadProblem.clear();
        if (!firstPaintArmed && table->selectionModel()->selectedRows().isEmpty() &&
            proxy->rowCount() > 0)
            table->selectRow(0); // the details pane shows something from the start
        updateConnection();
        armFirstPaint();
    });
    QObject::connect(model, &ContainerModel::loadFailed, q, [this](const QDBusError &error) {
        loadProblem = userMessage(error);
        if (!client::isNotReachable(error))
            showError(tr("Could not list the containers: %1").arg(loadProblem));
        updateConnection();
        armFirstPaint();
    });
    QObject::connect(model, &ContainerModel::containerExited, q,
                     [this](const QString &id) { containerExited(id); });
    const auto changed = [this] {
        actions->updateEnabled();
        updateIsolationCheck();
        updateCounts();
        updateOverlay();
    };
    QObject::connect(model, &QAbstractItemModel::dataChanged, q,
                     [changed](const QModelIndex &from, const QModelIndex &to) {
                         // The once-a-second uptime and usage refreshes change nothing the
                         // window derives.
                         const bool uptime = from.column() == ContainerModel::StatusColumn &&
                                             to.column() == ContainerModel::StatusColumn;
                         const bool usage = from.column() >= ContainerModel::CpuColumn &&
                                            to.column() <= ContainerModel::MemoryColumn;
                         if (!uptime && !usage)
                             changed();
                     });
    QObject::connect(proxy, &QAbstractItemModel::rowsInserted, q, changed);
    QObject::connect(proxy, &QAbstractItemModel::rowsRemoved, q, changed);
    QObject::connect(proxy, &QAbstractItemModel::layoutChanged, q, changed);
    // A reset (the helper restarted) keeps what was selected.
    QObject::connect(proxy, &QAbstractItemModel::modelAboutToBeReset, q,
                     [this] { selectedBeforeReset = selectedIds(); });
    QObject::connect(proxy, &QAbstractItemModel::modelReset, q, [this, changed] {
        select(std::exchange(selectedBeforeReset, {}));
        selectionChanged();
        changed();
    });
    QObject::connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, q,
                     [this] { selectionChanged(); });
    QObject::connect(table->selectionModel(), &QItemSelectionModel::currentChanged, q,
                     [this] { selectionChanged(); });
    QObject::connect(helper, &HelperConnection::connectedChanged, q,
                     [this] { updateConnection(); });
    new EventHook(table->viewport(), [this](QEvent *event) {
        if (event->type() == QEvent::Resize)
            overlay->setGeometry(table->viewport()->rect().adjusted(24, 24, -24, -24));
        if (event->type() == QEvent::Paint && firstPaintArmed && !firstPaintSent) {
            firstPaintSent = true;
            // Queued: the paint this event starts has reached the screen when it runs.
            QMetaObject::invokeMethod(
                q, [this] { emit q->firstContainersPainted(proxy->rowCount()); },
                Qt::QueuedConnection);
        }
        return false;
    });
}

void MainWindow::Private::connectActions()
{
    QObject::connect(actions, &ContainerActions::failed, q,
                     [this](const QString &message) { showError(message); });
    QObject::connect(actions, &ContainerActions::progress, q, [this](const QString &message) {
        if (message.isEmpty())
            q->statusBar()->clearMessage();
        else
            q->statusBar()->showMessage(message);
    });
    QObject::connect(actions, &ContainerActions::logsRequested, q,
                     [this](const QString &id) { showDetails(DetailsPane::Page::Logs, id); });
    QObject::connect(actions, &ContainerActions::inspectRequested, q,
                     [this](const QString &id) { showDetails(DetailsPane::Page::Inspect, id); });
    details->setEditLimitsAction(actions->action(ContainerAction::EditLimits));
    QObject::connect(actions, &ContainerActions::limitsChanged, q, [this](const QString &id) {
        if (details->container() == id)
            details->refresh(); // the Overview's limits: no signal says they changed
    });
    QObject::connect(actions, &ContainerActions::created, q, [this](const QString &id) {
        filter->clear();
        select({id});
    });
    QObject::connect(table, &QWidget::customContextMenuRequested, q, [this](const QPoint &pos) {
        auto *menu = new QMenu(q);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (QAction *action : actions->menuOrder()) {
            if (action)
                menu->addAction(action);
            else
                menu->addSeparator();
        }
        menu->addSeparator();
        menu->addAction(statistics);
        menu->addAction(checkIsolation);
        menu->popup(table->viewport()->mapToGlobal(pos));
    });
    QObject::connect(table, &QAbstractItemView::activated, q,
                     [this] { showDetails(DetailsPane::Page::Overview, currentId()); });
    QObject::connect(connectionBar, &MessageBar::buttonClicked, q, [this] {
        helper->probe();
        model->reload();
    });
    QObject::connect(errorBar, &MessageBar::buttonClicked, q, [this] {
        errorBar->hide();
        table->setFocus();
    });
    QObject::connect(notifier, &DesktopNotifier::unavailable, q,
                     [this](const QString &summary, const QString &body) {
                         q->statusBar()->showMessage(summary + QStringLiteral(" — ") + body,
                                                     kStatusMessageMs);
                     });
}

QStringList MainWindow::Private::selectedIds() const
{
    QStringList ids;
    for (const QModelIndex &index : table->selectionModel()->selectedRows())
        ids << index.data(ContainerModel::IdRole).toString();
    return ids;
}

QString MainWindow::Private::currentId() const
{
    const QStringList ids = selectedIds();
    if (ids.size() == 1)
        return ids.first();
    const QModelIndex current = table->currentIndex();
    if (current.isValid() && table->selectionModel()->isRowSelected(current.row(), {}))
        return current.data(ContainerModel::IdRole).toString();
    return {};
}

void MainWindow::Private::selectionChanged()
{
    actions->setSelection(selectedIds());
    const QString id = currentId();
    statistics->setEnabled(!id.isEmpty());
    updateIsolationCheck();
    if (details->container() != id)
        details->setContainer(id);
    updateCounts();
}

void MainWindow::Private::select(const QStringList &ids)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QString &id : ids) {
        const int row = model->rowOf(id);
        if (row < 0)
            continue;
        const QModelIndex index = proxy->mapFromSource(model->index(row, 0));
        if (!index.isValid())
            continue;
        selection.select(index, index);
        if (!first.isValid())
            first = index;
    }
    if (!first.isValid())
        return;
    table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                   QItemSelectionModel::Rows);
    table->scrollTo(first);
}

void MainWindow::Private::showDetails(DetailsPane::Page page, const QString &id)
{
    if (id.isEmpty())
        return;
    details->show();
    if (details->container() != id)
        details->setContainer(id);
    details->showPage(page);
}

void MainWindow::Private::updateConnection()
{
    if (helper->isConnected()) {
        connectionStatus->setText(tr("Connected to Hako's helper"));
        connectionBar->hide();
    } else if (helper->problem().isEmpty()) {
        connectionStatus->setText(tr("Connecting to Hako's helper…"));
    } else {
        connectionStatus->setText(tr("Not connected: retrying every few seconds"));
        connectionBar->showMessage(helper->problem());
    }
    actions->updateEnabled();
    updateIsolationCheck();
    updateOverlay();
}

void MainWindow::Private::updateOverlay()
{
    QString text;
    if (proxy->rowCount() == 0) {
        if (!helper->isConnected() && !helper->problem().isEmpty())
            text = helper->problem();
        else if (!loadProblem.isEmpty())
            text = tr("The containers could not be listed.\n%1").arg(loadProblem);
        else if (!model->isLoaded())
            text = tr("Asking Hako's helper for the containers…");
        else if (model->rowCount() == 0)
            text = tr("No containers yet.\nCreate one with New Container (%1), or with "
                      "hakoctl run in a terminal: it appears here at once.")
                       .arg(actions->newContainer()->shortcut().toString(QKeySequence::NativeText));
        else
            text = tr("No container matches “%1”.").arg(filter->text());
    }
    overlay->setText(text);
    overlay->setVisible(!text.isEmpty());
    if (!text.isEmpty())
        overlay->setGeometry(table->viewport()->rect().adjusted(24, 24, -24, -24));
}

void MainWindow::Private::updateCounts()
{
    const int total = model->rowCount();
    const int running = model->runningCount();
    QString text = total == 1 ? tr("1 container, %1 running").arg(running)
                              : tr("%1 containers, %2 running").arg(total).arg(running);
    const int selected = int(table->selectionModel()->selectedRows().size());
    if (selected > 1)
        text += QStringLiteral(" · ") + tr("%1 selected").arg(selected);
    counts->setText(text);
}

void MainWindow::Private::showError(const QString &message)
{
    QStringList lines;
    if (errorBar->isVisible())
        lines = errorBar->text().split(QLatin1Char('\n'));
    lines << message;
    while (lines.size() > kErrorLinesKept)
        lines.removeFirst();
    errorBar->showMessage(lines.join(QLatin1Char('\n')));
    q->statusBar()->showMessage(message, kStatusMessageMs);
}

void MainWindow::Private::containerExited(const QString &id)
{
    const ContainerInfo *info = model->find(id);
    if (!info || actions->takeExpectedExit(id))
        return;
    if (info->exitStatus == 0 && !info->oomKilled)
        return;
    const QString summary = tr("Container “%1” stopped").arg(info->name);
    QString body;
    if (info->oomKilled)
        body = tr("It ran out of memory and was killed (exit status %1).").arg(info->exitStatus);
    else if (info->exitStatus < 0)
        body = info->error.isEmpty() ? tr("It stopped unexpectedly.")
                                     : tr("It stopped unexpectedly: %1").arg(info->error);
    else
        body = tr("Its main process ended with exit status %1.").arg(info->exitStatus);
    notifier->notify(summary, body);
}

void MainWindow::Private::armFirstPaint()
{
    if (firstPaintArmed)
        return;
    firstPaintArmed = true;
    table->viewport()->update(); // a paint follows even when the list left the table as it was
}

void MainWindow::Private::buildStatistics()
{
    const QIcon fallback = q->style()->standardIcon(QStyle::SP_FileDialogContentsView);
    //: Opens a window with graphs of the selected container's CPU, memory, network…
    statistics = new QAction(QIcon::fromTheme(QStringLiteral("utilities-system-monitor"), fallback),
                             tr("St&atistics…"), q);
    statistics->setObjectName(QStringLiteral("actionStatistics"));
    statistics->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    statistics->setToolTip(tr("Graphs of the selected container's CPU, memory, network, disk "
                              "and processes over the last minutes"));
    statistics->setEnabled(false);
    QObject::connect(statistics, &QAction::triggered, q, [this] { openStatistics(currentId()); });
    QObject::connect(details, &DetailsPane::statisticsRequested, q,
                     [this](const QString &id) { openStatistics(id); });

    // The table's CPU and memory columns, and the overview, live while the window is shown.
    new StatsWatchWhileVisible(q, helper->stats());
    QObject::connect(&helper->stats(), &StatsFeed::frameReceived, model,
                     [this](const QList<StatsSample> &frame) {
                         for (const StatsSample &sample : frame)
                             model->setUsage(sample.id, sample.cpuPercent, sample.memoryUsage);
                     });
    overview = addOverviewDock(q, helper);
    auto *tiles = static_cast<StatsOverview *>(overview->widget());
    QObject::connect(tiles, &StatsOverview::containerClicked, q, [this](const QString &id) {
        filter->clear();
        select({id});
    });
    QObject::connect(tiles, &StatsOverview::statisticsRequested, q,
                     [this](const QString &id) { openStatistics(id); });
}

void MainWindow::Private::openStatistics(const QString &id)
{
    if (!id.isEmpty())
        StatsWindow::open(helper, id, q);
}

void MainWindow::Private::buildIsolationCheck()
{
    const QIcon fallback = isolationShieldIcon(q->palette());
    //: Runs checks inside the selected container that show whether it is isolated.
    checkIsolation = new QAction(QIcon::fromTheme(QStringLiteral("security-high"), fallback),
                                 tr("Check &Isolation…"), q);
    checkIsolation->setObjectName(QStringLiteral("actionCheckIsolation"));
    // Ctrl+I is Inspect's: two actions on one shortcut would both stop working.
    checkIsolation->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    checkIsolation->setToolTip(tr("Check that the selected running container has its own "
                                  "processes, hostname, network, IPC and mounts, and that its "
                                  "user, capabilities, seccomp filter and limits are in force"));
    checkIsolation->setPriority(QAction::LowPriority); // on the toolbar: its icon alone
    checkIsolation->setEnabled(false);
    QObject::connect(checkIsolation, &QAction::triggered, q,
                     [this] { openIsolationCheck(currentId()); });
    QObject::connect(details, &DetailsPane::checkIsolationRequested, q,
                     [this](const QString &id) { openIsolationCheck(id); });
}

// Only for one running container: the check runs a probe in it, which a paused container
// cannot start, the same rule as for a shell.
void MainWindow::Private::updateIsolationCheck()
{
    const ContainerInfo *info = model->find(currentId());
    checkIsolation->setEnabled(helper->isConnected() && info &&
                               stateAllows(ContainerAction::Shell, info->state));
}

void MainWindow::Private::buildImageActions()
{
    const QIcon fallback = q->style()->standardIcon(QStyle::SP_DriveCDIcon);
    //: Opens the window listing the images containers are made from
    images = new QAction(QIcon::fromTheme(QStringLiteral("media-optical"), fallback),
                         tr("I&mages…"), q);
    images->setObjectName(QStringLiteral("actionImages"));
    images->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    images->setToolTip(tr("The images: pull, import, remove, history (%1)")
                           .arg(images->shortcut().toString(QKeySequence::NativeText)));
    QObject::connect(images, &QAction::triggered, q, [this] { ImagesWindow::open(helper, q); });
    diskUsage = new QAction(QIcon::fromTheme(QStringLiteral("drive-harddisk"),
                                             q->style()->standardIcon(QStyle::SP_DriveHDIcon)),
                            tr("&Disk Usage…"), q);
    diskUsage->setObjectName(QStringLiteral("actionDiskUsage"));
    diskUsage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    diskUsage->setToolTip(tr("What images, containers and volumes take on disk (%1)")
                              .arg(diskUsage->shortcut().toString(QKeySequence::NativeText)));
    //: Opens the window listing the networks containers can be put on
    networks = new QAction(QIcon::fromTheme(QStringLiteral("network-wired"),
                                            q->style()->standardIcon(QStyle::SP_DriveNetIcon)),
                           tr("&Networks…"), q);
    networks->setObjectName(QStringLiteral("actionNetworks"));
    networks->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    networks->setToolTip(tr("The networks: create, remove, see who is on each (%1)")
                             .arg(networks->shortcut().toString(QKeySequence::NativeText)));
    QObject::connect(networks, &QAction::triggered, q,
                     [this] { NetworksWindow::open(helper, q); });
    QObject::connect(diskUsage, &QAction::triggered, q, [this] {
        auto *dialog = new DiskUsageDialog(helper, q);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

void MainWindow::Private::openIsolationCheck(const QString &id)
{
    const ContainerInfo *info = model->find(id);
    if (id.isEmpty() || !info)
        return;
    IsolationDialog::open(helper, id, info->name.isEmpty() ? id.left(12) : info->name, q);
}

} // namespace hako::gui
