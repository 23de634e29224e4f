#include "subscriptions.h"

namespace hako::helper {

Subscriptions::Subscriptions(QDBusConnection bus, QObject *parent) : QObject(parent), clients_(bus)
{
    connect(&clients_, &ClientWatch::gone, this, [this](const QString &name) { names_.erase(name); });
}

void Subscriptions::add(const QString &uniqueName)
{
    if (names_.insert(uniqueName).second)
        clients_.watch(uniqueName);
}

void Subscriptions::remove(const QString &uniqueName)
{
    if (names_.erase(uniqueName) > 0)
        clients_.unwatch(uniqueName);
}

} // namespace hako::helper
