#include "list_window_support.h"

#include "helper_connection.h"
#include "helper_list_model.h"
#include "message_bar.h"

#include <QAction>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace hako::gui
{

void setUpListWindow(QMainWindow *window, HelperConnection *helper, HelperListModel *model,
                     const QString &objectName, const QString &title)
{
    window->setObjectName(objectName);
    window->setWindowTitle(title);
    window->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(helper, &HelperConnection::helperRestarted, model, &HelperListModel::reload);
}

QTableView *buildListView(QMainWindow *window, MessageBar *errorBar, QSortFilterProxyModel *proxy,
                          int sortColumn)
{
    auto *central = new QWidget(window);
    QObject::connect(errorBar, &MessageBar::buttonClicked, errorBar, &QWidget::hide);
    auto *table = new QTableView(central);
    table->setModel(proxy);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setSortingEnabled(true);
    table->sortByColumn(sortColumn, Qt::AscendingOrder);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    table->verticalHeader()->hide();
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(errorBar);
    layout->addWidget(table, 1);
    window->setCentralWidget(central);
    return table;
}

void showListError(QMainWindow *window, MessageBar *errorBar, const QString &message)
{
    errorBar->showMessage(message);
    window->statusBar()->showMessage(message, 15000);
}

int selectedSourceRow(const QTableView *table, const QSortFilterProxyModel *proxy)
{
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : proxy->mapToSource(rows.first()).row();
}

void selectSourceRow(QTableView *table, const QSortFilterProxyModel *proxy, int row)
{
    if (row >= 0)
        table->selectRow(proxy->mapFromSource(proxy->sourceModel()->index(row, 0)).row());
}

void selectFirstRowIfNone(QTableView *table)
{
    if (table->selectionModel()->selectedRows().isEmpty() && table->model()->rowCount() > 0)
        table->selectRow(0);
}

QAction *makeWindowAction(QWidget *window, const ActionLook &look,
                          std::function<void()> onTriggered)
{
    auto *action = new QAction(
        QIcon::fromTheme(look.themeIcon, window->style()->standardIcon(look.fallbackIcon)),
        look.text, window);
    action->setShortcut(look.shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(
        look.tip + QStringLiteral(" (%1)").arg(look.shortcut.toString(QKeySequence::NativeText)));
    QObject::connect(action, &QAction::triggered, window, std::move(onTriggered));
    return action;
}

void fillActionBars(QWidget *window, QToolBar *toolbar, QMenu *menu,
                    const QList<QList<QAction *>> &groups, const QString &closeText)
{
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (i > 0) {
            toolbar->addSeparator();
            menu->addSeparator();
        }
        toolbar->addActions(groups.at(i));
        menu->addActions(groups.at(i));
    }
    menu->addSeparator();
    menu->addAction(closeText, QKeySequence::Close, window, &QWidget::close);
}

} // namespace hako::gui
