// What the windows that list one of the helper's collections (Images, Networks) share: one per
// main window, a sortable single-selection table behind a sort proxy with an error bar above
// it, and actions with an icon, a shortcut and a tooltip on a toolbar and a menu. Every text a
// person reads is passed in, so that it stays translated in the window's own context.
#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>
#include <QStyle>
#include <QWidget>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace hako::gui
{

class HelperConnection;
class HelperListModel;
class MessageBar;

// The one `Window` that is a direct child of `parent` (made on first use, as a window of its
// own), shown and raised.
template <class Window> Window *openChildWindow(HelperConnection *helper, QWidget *parent)
{
    auto *window = parent->findChild<Window *>(QString(), Qt::FindDirectChildrenOnly);
    if (!window) {
        window = new Window(helper, parent);
        window->setWindowFlag(Qt::Window);
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

// Names `window`, deletes it on close, and lists again when the helper restarts.
void setUpListWindow(QMainWindow *window, HelperConnection *helper, HelperListModel *model,
                     const QString &objectName, const QString &title);

// Puts `errorBar` (its button hides it) above a new table of `proxy`, sorted by `sortColumn`,
// as the central widget of `window`; returns the table for the caller to name and size.
QTableView *buildListView(QMainWindow *window, MessageBar *errorBar, QSortFilterProxyModel *proxy,
                          int sortColumn);

// Shows `message` in the error bar and, for a while, in the status bar.
void showListError(QMainWindow *window, MessageBar *errorBar, const QString &message);

// The proxy's source row of the table's selected row, or -1 when none is selected.
int selectedSourceRow(const QTableView *table, const QSortFilterProxyModel *proxy);
// Selects the table row that shows the source row `row` (nothing for -1).
void selectSourceRow(QTableView *table, const QSortFilterProxyModel *proxy, int row);
// Selects the first row when none is, so that the actions have something to act on.
void selectFirstRowIfNone(QTableView *table);

// How an action looks: the theme's icon or else the style's, and a tooltip to which the
// shortcut is added.
struct ActionLook {
    QString text;
    QString themeIcon;
    QStyle::StandardPixmap fallbackIcon;
    QKeySequence shortcut;
    QString tip;
};

// An action of `window` (its shortcut works anywhere in the window) that runs `onTriggered`.
QAction *makeWindowAction(QWidget *window, const ActionLook &look,
                          std::function<void()> onTriggered);

// Puts the groups of actions on `toolbar` (text beside icons) and `menu`, a separator between
// groups, and ends the menu with a separator and `closeText` (Ctrl+W), which closes `window`.
void fillActionBars(QWidget *window, QToolBar *toolbar, QMenu *menu,
                    const QList<QList<QAction *>> &groups, const QString &closeText);

} // namespace hako::gui
