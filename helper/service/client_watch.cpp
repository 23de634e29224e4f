#include "client_watch.h"

#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace hako::helper {

ClientWatch::ClientWatch(QDBusConnection bus, QObject *parent)
    : QObject(parent), bus_(bus), watcher_(QString(), bus, QDBusServiceWatcher::WatchForUnregistration)
{
    connect(&watcher_, &QDBusServiceWatcher::serviceUnregistered, this, &ClientWatch::leave);
}

void ClientWatch::watch(const QString &uniqueName)
{
    if (counts_[uniqueName]++ > 0)
        return;
    watcher_.addWatchedService(uniqueName);
    checkStillThere(uniqueName);
}

void ClientWatch::unwatch(const QString &uniqueName)
{
    const auto it = counts_.find(uniqueName);
    if (it == counts_.end() || --it->second > 0)
        return;
    counts_.erase(it);
    watcher_.removeWatchedService(uniqueName);
}

void ClientWatch::leave(const QString &uniqueName)
{
    if (counts_.erase(uniqueName) == 0)
        return;
    watcher_.removeWatchedService(uniqueName);
    emit gone(uniqueName);
}

void ClientWatch::checkStillThere(const QString &uniqueName)
{
    const QDBusPendingCall call = bus_.interface()->asyncCall(QStringLiteral("NameHasOwner"), uniqueName);
    auto *pending = new QDBusPendingCallWatcher(call, this);
    connect(pending, &QDBusPendingCallWatcher::finished, this, [this, uniqueName](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<bool> reply = *w;
        if (reply.isValid() && !reply.value())
            leave(uniqueName);
        w->deleteLater();
    });
}

} // namespace hako::helper
