#include "details_pane.h"

#include "container_info.h"
#include "details_common.h"
#include "details_feed.h"
#include "details_inspect.h"
#include "details_logs.h"
#include "details_namespaces.h"
#include "details_network.h"
#include "details_overview.h"
#include "details_processes.h"
#include "details_security.h"
#include "helper_connection.h"
#include "stats_strip.h"

#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hako::gui {

struct DetailsPane::Private {
    ContainerFeed *feed = nullptr;
    QStackedWidget *stack = nullptr;
    QLabel *hint = nullptr;
    QTabWidget *tabs = nullptr;
    OverviewPage *overview = nullptr;
    ProcessesPage *processes = nullptr;
    NamespacesPage *namespaces = nullptr;
    NetworkPage *network = nullptr;
    SecurityPage *security = nullptr;
    LogsPage *logs = nullptr;
    InspectPage *inspect = nullptr;
    StatsStrip *usage = nullptr; // CPU and memory now, and the way to the stats window
    QString ref;

    void showContainer(const QVariantMap &container)
    {
        overview->showContainer(container);
        namespaces->showContainer(container);
        network->showContainer(container);
        security->showContainer(container);
        inspect->showContainer(container);
        const QString state = container.value(QStringLiteral("State")).toString();
        const bool live = state == states::kRunning || state == states::kPaused;
        processes->setRunning(live);
        logs->setRunning(live);
    }

    void showError(const QDBusError &error)
    {
        overview->showError(error);
        namespaces->showError(error);
        network->showError(error);
        security->showError(error);
        inspect->showError(error);
    }

    void showRemoved()
    {
        overview->showRemoved();
        namespaces->clear();
        network->clear();
        security->clear();
        processes->setRunning(false);
        logs->setRunning(false);
    }
};

DetailsPane::DetailsPane(HelperConnection *helper, QWidget *parent)
    : QWidget(parent), d(std::make_unique<Private>())
{
    setObjectName(QStringLiteral("detailsPane"));
    setAccessibleName(tr("Container details"));
    d->feed = new ContainerFeed(helper, this);
    connect(d->feed, &ContainerFeed::changed, this, [this](const QVariantMap &c) {
        d->showContainer(c);
        d->usage->setContainer(d->feed->id()); // the full id, which the stats frames use
    });
    connect(d->feed, &ContainerFeed::failed, this, [this](const QDBusError &e) { d->showError(e); });
    connect(d->feed, &ContainerFeed::removed, this, [this] { d->showRemoved(); });
    // Connecting or disconnecting a running container changes its addresses with no signal
    // of the container's own.
    connect(&helper->manager(), &ManagerProxy::NetworksChanged, this, [this] {
        if (!d->ref.isEmpty())
            d->feed->refresh();
    });

    d->hint = new QLabel(tr("Select a container to see its details."), this);
    d->hint->setObjectName(QStringLiteral("detailsHint"));
    d->hint->setAlignment(Qt::AlignCenter);
    d->hint->setWordWrap(true);

    d->tabs = new QTabWidget(this);
    d->tabs->setObjectName(QStringLiteral("detailsTabs"));
    d->tabs->setAccessibleName(tr("Container details"));
    d->overview = new OverviewPage(d->tabs);
    d->processes = new ProcessesPage(helper, d->tabs);
    d->namespaces = new NamespacesPage(d->tabs);
    d->network = new NetworkPage(d->tabs);
    d->security = new SecurityPage(helper, d->tabs);
    connect(d->security, &SecurityPage::checkIsolationRequested, this, &DetailsPane::checkIsolationRequested);
    d->logs = new LogsPage(helper, d->tabs);
    d->inspect = new InspectPage(d->tabs);
    // The order of the Page enum.
    d->tabs->addTab(d->overview, tr("&Overview"));
    d->tabs->addTab(d->processes, tr("&Processes"));
    d->tabs->addTab(d->namespaces, tr("&Namespaces"));
    //: The details page with the container's addresses and published ports
    d->tabs->addTab(d->network, tr("Net&work"));
    d->tabs->addTab(d->security, tr("Securit&y"));
    d->tabs->addTab(d->logs, tr("&Logs"));
    d->tabs->addTab(d->inspect, tr("&Inspect"));
    d->usage = new StatsStrip(helper, this);
    connect(d->usage, &StatsStrip::statisticsRequested, this, &DetailsPane::statisticsRequested);

    d->stack = new QStackedWidget(this);
    d->stack->addWidget(d->hint);
    d->stack->addWidget(d->tabs);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->stack, 1);
    layout->addWidget(d->usage);
}

DetailsPane::~DetailsPane() = default;

void DetailsPane::setContainer(const QString &id)
{
    if (id == d->ref)
        return;
    d->ref = id;
    d->overview->clear();
    d->namespaces->clear();
    d->network->clear();
    d->security->setContainer(id);
    d->inspect->clear();
    d->processes->setContainer(id);
    d->logs->setContainer(id);
    d->feed->setContainer(id);
    d->usage->setContainer(id);
    d->stack->setCurrentWidget(id.isEmpty() ? static_cast<QWidget *>(d->hint) : d->tabs);
}

QString DetailsPane::container() const
{
    return d->ref;
}

void DetailsPane::showPage(Page page)
{
    d->tabs->setCurrentIndex(int(page));
}

void DetailsPane::addPage(QWidget *page, const QString &title)
{
    d->tabs->addTab(page, title);
}

void DetailsPane::setEditLimitsAction(QAction *action)
{
    d->overview->setEditLimitsAction(action);
}

void DetailsPane::refresh()
{
    d->feed->refresh();
}

} // namespace hako::gui
