#include "networks_window.h"

#include "details_common.h"
#include "error_text.h"
#include "helper_connection.h"
#include "list_window_support.h"
#include "message_bar.h"
#include "network_create_dialog.h"
#include "network_model.h"

#include <QAction>
#include <QDBusPendingReply>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace hako::gui
{

struct NetworksWindow::Private {
    NetworksWindow *q;
    HelperConnection *helper;
    NetworkModel *model;
    QSortFilterProxyModel *proxy;
    QTableView *table = nullptr;
    MessageBar *errorBar = nullptr;
    QHash<Action, QAction *> actions;
    QString wanted; // the network to select once it is listed (just created)

    QAction *makeAction(Action which, const ActionLook &look, void (Private::*slot)())
    {
        return actions[which] = makeWindowAction(q, look, [this, slot] { (this->*slot)(); });
    }
    void buildActions();
    void buildTable();
    QVariantMap current() const; // the selected network's ListNetworks entry, or {}
    void updateActions();
    void showError(const QString &message) { showListError(q, errorBar, message); }
    void create();
    void remove();
    void removeNetwork(const QString &name);
    void refresh() { model->reload(); }
};

NetworksWindow::NetworksWindow(HelperConnection *helper, QWidget *parent)
    : QMainWindow(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->helper = helper;
    d->model = new NetworkModel(helper, this);
    d->proxy = new QSortFilterProxyModel(this);
    setUpListWindow(this, helper, d->model, QStringLiteral("networksWindow"),
                    tr("Networks — Hako"));
    d->buildTable();
    d->buildActions();
    connect(d->model, &NetworkModel::loaded, this, [this] {
        if (!d->wanted.isEmpty() && d->model->rowOfName(d->wanted) >= 0)
            selectNetwork(std::exchange(d->wanted, QString()));
        selectFirstRowIfNone(d->table);
        d->updateActions();
    });
    connect(d->model, &NetworkModel::loadFailed, this, [this](const QDBusError &error) {
        d->showError(tr("Could not list the networks: %1").arg(userMessage(error)));
    });
    d->updateActions();
    d->model->reload();
    resize(980, 420);
}

NetworksWindow::~NetworksWindow() = default;

NetworksWindow *NetworksWindow::open(HelperConnection *helper, QWidget *parent)
{
    return openChildWindow<NetworksWindow>(helper, parent);
}

NetworkModel *NetworksWindow::model() const
{
    return d->model;
}

QTableView *NetworksWindow::table() const
{
    return d->table;
}

QAction *NetworksWindow::action(Action which) const
{
    return d->actions.value(which);
}

void NetworksWindow::selectNetwork(const QString &name)
{
    selectSourceRow(d->table, d->proxy, d->model->rowOfName(name));
}

void NetworksWindow::Private::buildTable()
{
    errorBar = new MessageBar(MessageBar::Kind::Error, tr("&Dismiss"), q);
    errorBar->setObjectName(QStringLiteral("networksErrorBar"));
    proxy->setSourceModel(model);
    table = buildListView(q, errorBar, proxy, NetworkModel::NameColumn);
    table->setObjectName(QStringLiteral("networkTable"));
    table->setAccessibleName(tr("Networks"));
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(NetworkModel::ContainersColumn, QHeaderView::Stretch);
    QObject::connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, q,
                     [this] { updateActions(); });
}

void NetworksWindow::Private::buildActions()
{
    using P = Private;
    QAction *createAction =
        makeAction(Action::Create,
                   {tr("&New Network…"), QStringLiteral("list-add"), QStyle::SP_FileDialogNewFolder,
                    QKeySequence::New, tr("Make a network containers can be put on")},
                   &P::create);
    createAction->setObjectName(QStringLiteral("actionCreateNetwork"));
    QAction *removeAction = makeAction(
        Action::Remove,
        {tr("&Remove"), QStringLiteral("edit-delete"), QStyle::SP_TrashIcon, QKeySequence::Delete,
         tr("Remove the selected network (refused while a container is on it)")},
        &P::remove);
    removeAction->setObjectName(QStringLiteral("actionRemoveNetwork"));
    QAction *refreshAction =
        makeAction(Action::Refresh,
                   {tr("Re&fresh"), QStringLiteral("view-refresh"), QStyle::SP_BrowserReload,
                    QKeySequence::Refresh, tr("List the networks again")},
                   &P::refresh);
    refreshAction->setObjectName(QStringLiteral("actionRefreshNetworks"));

    QToolBar *toolbar = q->addToolBar(tr("Network actions"));
    toolbar->setObjectName(QStringLiteral("networksToolbar"));
    fillActionBars(q, toolbar, q->menuBar()->addMenu(tr("&Network")),
                   {{createAction, removeAction, refreshAction}}, tr("&Close"));
    table->addAction(removeAction);
}

QVariantMap NetworksWindow::Private::current() const
{
    return model->network(selectedSourceRow(table, proxy));
}

void NetworksWindow::Private::updateActions()
{
    const QVariantMap network = current();
    QAction *removeAction = actions.value(Action::Remove);
    removeAction->setEnabled(NetworkModel::isRemovable(network));
    q->statusBar()->showMessage(tr("%n network(s)", nullptr, model->rowCount()));
}

void NetworksWindow::Private::create()
{
    auto *dialog = new NetworkCreateDialog(helper, q);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &NetworkCreateDialog::networkCreated, q, [this](const QString &name) {
        wanted = name;
        q->statusBar()->showMessage(tr("Created the network %1.").arg(name), 15000);
        model->reload();
    });
    dialog->open();
}

void NetworksWindow::Private::remove()
{
    const QVariantMap network = current();
    if (!NetworkModel::isRemovable(network))
        return;
    const QString name = network.value(QStringLiteral("Name")).toString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove network"),
                                tr("Remove the network %1?").arg(name), QMessageBox::Cancel, q);
    box->setObjectName(QStringLiteral("removeNetworkConfirm"));
    box->setInformativeText(tr("Its bridge and firewall rules are deleted. It is refused while a "
                               "container is on the network."));
    QPushButton *removeButton = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    removeButton->setObjectName(QStringLiteral("removeNetworkButton"));
    box->setDefaultButton(removeButton);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, q, [this, box, removeButton, name] {
        if (box->clickedButton() == removeButton)
            removeNetwork(name);
    });
    box->open();
}

void NetworksWindow::Private::removeNetwork(const QString &name)
{
    whenFinished(helper, q, helper->manager().RemoveNetwork(name),
                 [this, name](QDBusPendingCallWatcher &w) {
                     const QDBusPendingReply<> reply = w;
                     if (reply.isError()) {
                         showError(tr("Could not remove the network %1: %2")
                                       .arg(name, userMessage(reply.error())));
                         return;
                     }
                     q->statusBar()->showMessage(tr("Removed the network %1.").arg(name), 15000);
                     model->reload();
                 });
}

} // namespace hako::gui
