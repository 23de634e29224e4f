// The container actions of the main window (toolbar, context menu, menu bar, shortcuts):
// each enabled only where every selected container's state allows it, each call to the
// helper asynchronous, each failure told in plain words and routed through the connection.
#pragma once

#include "action_rules.h"

#include <QDBusPendingCall>
#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <map>

class QAction;
class QWidget;

namespace hako::gui {

class ContainerModel;
class HelperConnection;

class ContainerActions : public QObject {
    Q_OBJECT
public:
    ContainerActions(HelperConnection *helper, ContainerModel *model, QWidget *window);

    QAction *newContainer() const { return newContainer_; }
    QAction *action(ContainerAction which) const { return actions_.at(which); }
    // Every action in menu order; nullptr marks a separator.
    QList<QAction *> menuOrder() const;

    // The ids of the selected containers; the actions follow their states.
    void setSelection(const QStringList &ids);
    QStringList selection() const { return selection_; }
    void updateEnabled();

    // True (once) if this app asked the container to stop, kill or remove it, so its exit
    // is no surprise and deserves no notification.
    bool takeExpectedExit(const QString &id);

signals:
    void failed(const QString &message);   // in plain words, naming the container
    void progress(const QString &message); // "Stopping “web”…", for the status bar
    void created(const QString &id);       // from the New container dialog
    void logsRequested(const QString &id);
    void inspectRequested(const QString &id);
    void limitsChanged(const QString &id); // by the Edit limits dialog

private:
    using CallFor = std::function<QDBusPendingCall(const QString &id)>;

    QAction *makeAction(ContainerAction which, const char *key, const QString &text,
                        const QString &iconName, int fallbackIcon, const QKeySequence &shortcut,
                        const QString &tip);
    void trigger(ContainerAction which);
    void askKill(const QStringList &ids);
    void askRemove(const QStringList &ids);
    void openCreateDialog();
    void openLimitsDialog(const QString &id);
    // Calls the helper for each container; `failure` is the message format (%1 name, %2 why).
    void callEach(const QStringList &ids, const QString &doing, const QString &failure,
                  bool expectsExit, const CallFor &call);
    QString nameOf(const QString &id) const;
    bool isBusy(const QStringList &ids) const;

    HelperConnection *helper_;
    ContainerModel *model_;
    QWidget *window_;
    QAction *newContainer_ = nullptr;
    std::map<ContainerAction, QAction *> actions_;
    QStringList selection_;
    QHash<QString, int> callsInFlight_;
    QHash<QString, QDeadlineTimer> expectedExits_;
};

} // namespace hako::gui
