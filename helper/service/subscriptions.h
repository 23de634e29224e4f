// Manager.Subscribe/Unsubscribe: the clients that want the helper to stay up (systemd's
// Subscribe is the model). A subscriber that leaves the bus counts as unsubscribing; while
// any is left, --idle-exit does not end the helper, so a desktop app watching the signals
// never sees the service vanish under it.
#pragma once

#include "client_watch.h"

#include <set>

namespace hako::helper {

class Subscriptions : public QObject {
    Q_OBJECT
public:
    explicit Subscriptions(QDBusConnection bus, QObject *parent = nullptr);

    // Idempotent: subscribing twice is one subscription, unsubscribing a stranger does nothing.
    void add(const QString &uniqueName);
    void remove(const QString &uniqueName);
    bool empty() const { return names_.empty(); }

private:
    std::set<QString> names_;
    ClientWatch clients_;
};

} // namespace hako::helper
