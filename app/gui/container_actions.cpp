#include "container_actions.h"

#include "container_model.h"
#include "create_dialog.h"
#include "error_text.h"
#include "helper_connection.h"
#include "kill_dialog.h"
#include "limits_dialog.h"
#include "shell_launcher.h"

#include <QAction>
#include <QApplication>
#include <QDBusPendingCallWatcher>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QWidget>

namespace hako::gui {

namespace {

// Docker's default for docker stop and docker restart.
constexpr uint kStopTimeoutSeconds = 10;
// How long after a kill its container's exit still counts as asked for (a handled signal
// may end the process only later, or never).
constexpr int kExpectedExitMs = 30000;

} // namespace

ContainerActions::ContainerActions(HelperConnection *helper, ContainerModel *model, QWidget *window)
    : QObject(window), helper_(helper), model_(model), window_(window)
{
    newContainer_ = new QAction(tr("&New Container…"), this);
    newContainer_->setObjectName(QStringLiteral("actionNewContainer"));
    newContainer_->setIcon(QIcon::fromTheme(QStringLiteral("list-add"),
                                            window->style()->standardIcon(QStyle::SP_FileIcon)));
    newContainer_->setShortcut(QKeySequence::New);
    newContainer_->setToolTip(tr("Create a container from an image"));
    connect(newContainer_, &QAction::triggered, this, &ContainerActions::openCreateDialog);

    using A = ContainerAction;
    makeAction(A::Start, "Start", tr("&Start"), QStringLiteral("media-playback-start"),
               QStyle::SP_MediaPlay, QKeySequence(Qt::CTRL | Qt::Key_Return),
               tr("Start the selected containers"));
    makeAction(A::Stop, "Stop", tr("S&top"), QStringLiteral("media-playback-stop"),
               QStyle::SP_MediaStop, QKeySequence(Qt::CTRL | Qt::Key_Period),
               tr("Ask the selected containers to stop (they are killed after %1 seconds)")
                   .arg(kStopTimeoutSeconds));
    makeAction(A::Restart, "Restart", tr("&Restart"), QStringLiteral("view-refresh"),
               QStyle::SP_BrowserReload, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
               tr("Stop the selected containers, then start them again"));
    makeAction(A::Pause, "Pause", tr("&Pause"), QStringLiteral("media-playback-pause"),
               QStyle::SP_MediaPause, QKeySequence(Qt::CTRL | Qt::Key_P),
               tr("Freeze every process of the selected containers where it is"));
    makeAction(A::Resume, "Resume", tr("Res&ume"), QStringLiteral("media-playback-start"),
               QStyle::SP_MediaPlay, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
               tr("Let the processes of the selected paused containers run on"));
    makeAction(A::Kill, "Kill", tr("&Kill…"), QStringLiteral("process-stop"),
               QStyle::SP_MessageBoxCritical, QKeySequence(Qt::CTRL | Qt::Key_K),
               tr("Send a signal to the selected containers"));
    // Icons everyone reads: on a toolbar with text, these show theirs alone, to leave room.
    for (const A which : {A::Restart, A::Pause, A::Resume})
        action(which)->setPriority(QAction::LowPriority);
    makeAction(A::EditLimits, "EditLimits", tr("&Edit Limits…"), QStringLiteral("configure"),
               QStyle::SP_FileDialogListView, QKeySequence(Qt::CTRL | Qt::Key_E),
               tr("Change the selected container's CPU, memory, process and block I/O limits"));
    makeAction(A::Remove, "Remove", tr("Re&move…"), QStringLiteral("edit-delete"),
               QStyle::SP_TrashIcon, QKeySequence::Delete, tr("Remove the selected containers"));
    makeAction(A::Logs, "Logs", tr("&Logs"), QStringLiteral("text-x-log"),
               QStyle::SP_FileDialogDetailedView, QKeySequence(Qt::CTRL | Qt::Key_L),
               tr("Show the selected container's output"));
    makeAction(A::Inspect, "Inspect", tr("&Inspect"), QStringLiteral("document-properties"),
               QStyle::SP_FileDialogInfoView, QKeySequence(Qt::CTRL | Qt::Key_I),
               tr("Show everything the helper knows about the selected container"));
    makeAction(A::Shell, "Shell", tr("Open a S&hell"), QStringLiteral("utilities-terminal"),
               QStyle::SP_ComputerIcon, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
               tr("Open a terminal running a shell inside the selected container"));
    updateEnabled();
}

QAction *ContainerActions::makeAction(ContainerAction which, const char *key, const QString &text,
                                      const QString &iconName, int fallbackIcon,
                                      const QKeySequence &shortcut, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QStringLiteral("action") + QLatin1String(key)); // for tests and scripts
    action->setIcon(QIcon::fromTheme(
        iconName, window_->style()->standardIcon(QStyle::StandardPixmap(fallbackIcon))));
    action->setShortcut(shortcut);
    action->setToolTip(
        QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
    connect(action, &QAction::triggered, this, [this, which] { trigger(which); });
    actions_[which] = action;
    return action;
}

QList<QAction *> ContainerActions::menuOrder() const
{
    using A = ContainerAction;
    return {newContainer_,         nullptr,           action(A::Start),  action(A::Stop),
            action(A::Restart),    action(A::Pause),  action(A::Resume), action(A::Kill),
            nullptr,               action(A::EditLimits), action(A::Remove), nullptr,
            action(A::Logs),       action(A::Inspect), action(A::Shell)};
}

void ContainerActions::setSelection(const QStringList &ids)
{
    selection_ = ids;
    updateEnabled();
}

void ContainerActions::updateEnabled()
{
    QStringList states;
    for (const QString &id : selection_)
        if (const ContainerInfo *info = model_->find(id))
            states << info->state;
    const bool busy = isBusy(selection_);
    const bool reachable = helper_->isConnected();
    for (auto &[which, action] : actions_) {
        const bool waits =
            busy && (which == ContainerAction::Start || which == ContainerAction::Stop ||
                     which == ContainerAction::Restart || which == ContainerAction::Pause ||
                     which == ContainerAction::Resume);
        action->setEnabled(reachable && states.size() == selection_.size() && !waits &&
                           selectionAllows(which, states));
    }
}

bool ContainerActions::isBusy(const QStringList &ids) const
{
    return std::any_of(ids.begin(), ids.end(),
                       [this](const QString &id) { return callsInFlight_.value(id) > 0; });
}

QString ContainerActions::nameOf(const QString &id) const
{
    const ContainerInfo *info = model_->find(id);
    return info && !info->name.isEmpty() ? info->name : id.left(12);
}

void ContainerActions::trigger(ContainerAction which)
{
    const QStringList ids = selection_;
    if (ids.isEmpty())
        return;
    ManagerProxy &manager = helper_->manager();
    switch (which) {
    case ContainerAction::Start:
        callEach(ids, tr("Starting “%1”…"), tr("Could not start “%1”: %2"), false,
                 [&manager](const QString &id) { return manager.StartContainer(id); });
        break;
    case ContainerAction::Stop:
        callEach(ids, tr("Stopping “%1”…"), tr("Could not stop “%1”: %2"), true,
                 [&manager](const QString &id) {
                     return manager.StopContainer(id, kStopTimeoutSeconds);
                 });
        break;
    case ContainerAction::Restart:
        callEach(ids, tr("Restarting “%1”…"), tr("Could not restart “%1”: %2"), true,
                 [&manager](const QString &id) {
                     return manager.RestartContainer(id, kStopTimeoutSeconds);
                 });
        break;
    case ContainerAction::Pause:
        callEach(ids, tr("Pausing “%1”…"), tr("Could not pause “%1”: %2"), false,
                 [&manager](const QString &id) { return manager.PauseContainer(id); });
        break;
    case ContainerAction::Resume:
        callEach(ids, tr("Resuming “%1”…"), tr("Could not resume “%1”: %2"), false,
                 [&manager](const QString &id) { return manager.UnpauseContainer(id); });
        break;
    case ContainerAction::Kill:
        askKill(ids);
        break;
    case ContainerAction::EditLimits:
        openLimitsDialog(ids.first());
        break;
    case ContainerAction::Remove:
        askRemove(ids);
        break;
    case ContainerAction::Logs:
        emit logsRequested(ids.first());
        break;
    case ContainerAction::Inspect:
        emit inspectRequested(ids.first());
        break;
    case ContainerAction::Shell:
        openShell(nameOf(ids.first()), window_);
        break;
    }
}

void ContainerActions::askKill(const QStringList &ids)
{
    QStringList names;
    for (const QString &id : ids)
        names << nameOf(id);
    auto *dialog = new KillDialog(names, window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ids] {
        const int signal = dialog->chosenSignal().value_or(0);
        if (signal == 0)
            return;
        callEach(ids, tr("Sending a signal to “%1”…"), tr("Could not send the signal to “%1”: %2"),
                 true, [this, signal](const QString &id) {
                     return helper_->manager().KillContainer(id, signal);
                 });
    });
    dialog->open();
}

void ContainerActions::askRemove(const QStringList &ids)
{
    QStringList names, running;
    for (const QString &id : ids) {
        names << nameOf(id);
        if (const ContainerInfo *info = model_->find(id); info && info->isRunning())
            running << nameOf(id);
    }
    const QString question = ids.size() == 1 ? tr("Remove the container “%1”?").arg(names.first())
                                             : tr("Remove these %1 containers?").arg(ids.size());
    QString detail = tr("Its files and its log are deleted. This cannot be undone.");
    if (ids.size() > 1)
        detail = names.join(QStringLiteral(", ")) + QStringLiteral("\n\n") +
                 tr("Their files and logs are deleted. This cannot be undone.");
    if (!running.isEmpty())
        detail +=
            QStringLiteral("\n\n") +
            tr("Still running, and killed first: %1.").arg(running.join(QStringLiteral(", ")));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Remove containers"), question,
                                QMessageBox::Cancel, window_);
    box->setObjectName(QStringLiteral("removeConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(detail);
    QPushButton *remove = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmRemove"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, ids](QAbstractButton *clicked) {
        if (clicked != remove)
            return;
        callEach(ids, tr("Removing “%1”…"), tr("Could not remove “%1”: %2"), true,
                 [this](const QString &id) {
                     const ContainerInfo *info = model_->find(id);
                     // Forced only where it must be: the confirmation named the running ones.
                     return helper_->manager().RemoveContainer(id, info && info->isRunning());
                 });
    });
    box->open();
}

void ContainerActions::openLimitsDialog(const QString &id)
{
    auto *dialog = new LimitsDialog(helper_, id, nameOf(id), window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LimitsDialog::limitsChanged, this,
            [this](const QString &changed) { emit limitsChanged(changed); });
    dialog->open();
}

void ContainerActions::openCreateDialog()
{
    auto *dialog = new CreateDialog(helper_, window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateDialog::containerCreated, this,
            [this](const QString &id, bool) { emit created(id); });
    dialog->open();
}

void ContainerActions::callEach(const QStringList &ids, const QString &doing,
                                const QString &failure, bool expectsExit, const CallFor &call)
{
    for (const QString &id : ids) {
        const QString name = nameOf(id);
        if (expectsExit)
            expectedExits_[id] = QDeadlineTimer(QDeadlineTimer::Forever);
        ++callsInFlight_[id];
        emit progress(doing.arg(name));
        auto *watcher = new QDBusPendingCallWatcher(call(id), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this,
                [this, id, name, failure, expectsExit](QDBusPendingCallWatcher *w) {
                    w->deleteLater();
                    if (--callsInFlight_[id] <= 0)
                        callsInFlight_.remove(id);
                    helper_->reportResult(w->isError() ? w->error() : QDBusError());
                    if (expectsExit) {
                        if (w->isError())
                            expectedExits_.remove(id);
                        else if (expectedExits_.contains(id))
                            expectedExits_[id] = QDeadlineTimer(kExpectedExitMs);
                    }
                    if (w->isError())
                        emit failed(failure.arg(name, userMessage(w->error())));
                    else
                        emit progress(QString());
                    updateEnabled();
                });
    }
    updateEnabled();
}

bool ContainerActions::takeExpectedExit(const QString &id)
{
    const auto it = expectedExits_.find(id);
    if (it == expectedExits_.end())
        return false;
    const bool expected = !it->hasExpired();
    expectedExits_.erase(it);
    return expected;
}

} // namespace hako::gui
