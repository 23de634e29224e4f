#include "helper_list_model.h"

#include "helper_connection.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace hako::gui
{

HelperListModel::HelperListModel(HelperConnection *helper, int columnCount, QObject *parent)
    : QAbstractTableModel(parent), helper_(helper), columnCount_(columnCount)
{
}

int HelperListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(entries_.size());
}

int HelperListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : columnCount_;
}

int HelperListModel::rowWhere(const QString &key, const QString &value) const
{
    for (int row = 0; row < entries_.size(); ++row)
        if (entries_.at(row).value(key).toString() == value)
            return row;
    return -1;
}

void HelperListModel::reload()
{
    if (loading_) {
        again_ = true;
        return;
    }
    loading_ = true;
    auto *watcher = new QDBusPendingCallWatcher(requestList(), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        loading_ = false;
        const QDBusPendingReply<QList<QVariantMap>> reply = *w;
        helper_->reportResult(reply.isError() ? reply.error() : QDBusError());
        if (std::exchange(again_, false)) {
            reload(); // something changed meanwhile: this answer may be out of date
            return;
        }
        if (reply.isError()) {
            emit loadFailed(reply.error());
            return;
        }
        beginResetModel();
        entries_ = reply.value();
        loaded_ = true;
        endResetModel();
        emit loaded();
    });
}

} // namespace hako::gui
