#include "details_processes.h"

#include "details_common.h"
#include "details_process_model.h"
#include "helper_connection.h"

#include <QDBusPendingReply>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace hako::gui {

ProcessesPage::ProcessesPage(HelperConnection *helper, QWidget *parent)
    : QWidget(parent), helper_(helper)
{
    setObjectName(QStringLiteral("detailsProcesses"));
    model_ = new ProcessModel(this);
    sorted_ = new QSortFilterProxyModel(this);
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(ProcessModel::SortRole);

    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("processesView"));
    view_->setAccessibleName(tr("Processes in the container"));
    view_->setModel(sorted_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(ProcessModel::InsidePid, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setTabKeyNavigation(false); // Tab leaves the table, arrows move inside it
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 8);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(ProcessModel::Command, QHeaderView::Stretch);

    message_ = new PageMessage(QStringLiteral("processesMessage"), this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message_);
    layout->addWidget(view_, 1);

    timer_.setInterval(kRefreshIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &ProcessesPage::refresh);
    setRunning(false);
}

void ProcessesPage::setContainer(const QString &id)
{
    ++generation_;
    inFlight_ = false;
    id_ = id;
    running_ = false; // until the container's state is known
    model_->setProcesses({});
    message_->clearMessage();
    updateTimer();
}

void ProcessesPage::setRunning(bool running)
{
    const bool started = running && !running_;
    running_ = running;
    if (!running) {
        model_->setProcesses({});
        message_->showHint(tr("The container is not running, so it has no processes."));
    } else if (started) {
        message_->clearMessage();
    }
    updateTimer();
    if (started && isVisible())
        refresh();
}

void ProcessesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateTimer();
    refresh();
}

void ProcessesPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}

void ProcessesPage::updateTimer()
{
    // Nothing to watch when off screen or stopped: no calls then.
    if (isVisible() && running_ && !id_.isEmpty())
        timer_.start();
    else
        timer_.stop();
}

void ProcessesPage::refresh()
{
    if (id_.isEmpty() || !running_ || inFlight_)
        return;
    inFlight_ = true;
    const quint64 generation = generation_;
    whenFinished(helper_, this, helper_->manager().ListContainerProcesses(id_),
                 [this, generation](QDBusPendingCallWatcher &call) {
                     if (generation != generation_)
                         return;
                     inFlight_ = false;
                     const QDBusPendingReply<QList<QVariantMap>> reply = call;
                     if (reply.isError())
                         showError(reply.error());
                     else if (running_)
                         showProcesses(reply.value());
                 });
}

void ProcessesPage::showProcesses(const QList<QVariantMap> &processes)
{
    model_->setProcesses(processes);
    if (processes.isEmpty())
        message_->showHint(tr("The container is not running, so it has no processes."));
    else
        message_->clearMessage();
}

void ProcessesPage::showError(const QDBusError &error)
{
    message_->showError(error);
}

} // namespace hako::gui
