// The app's one link to hako-helper: the generated Manager proxy on the system bus, and
// whether the helper is there. The helper is D-Bus activated and may exit when idle, so
// "connected" means "the bus answers and the name can be reached" — a call activates it;
// `connectedChanged` reports the bus itself coming and going, and the name's owner changing.
#pragma once

#include "client.h"

#include <QDBusConnection>
#include <QObject>
#include <QTimer>

#include <memory>

class QDBusServiceWatcher;

namespace hako::gui {

class StatsFeed;

class HelperConnection : public QObject {
    Q_OBJECT
public:
    // `bus` defaults to the system bus (DBUS_SYSTEM_BUS_ADDRESS honoured: tests use a private one).
    explicit HelperConnection(QObject *parent = nullptr);
    HelperConnection(const QDBusConnection &bus, QObject *parent);
    ~HelperConnection() override;

    ManagerProxy &manager() { return *manager_; }
    QDBusConnection bus() const { return bus_; }
    // The containers' live statistics, subscribed while a view watches (stats_feed.h).
    StatsFeed &stats() { return *stats_; }

    // True once a call to the helper succeeded and until a call fails as "not reachable".
    bool isConnected() const { return connected_; }
    // The last reason the helper could not be reached, in plain words (empty when connected).
    QString problem() const { return problem_; }

    // Tells the connection how a call ended; every caller routes its errors through here so
    // the status bar and the reconnect logic see them. Returns `error` unchanged for chaining.
    void reportResult(const QDBusError &error);

public slots:
    // Probes the helper now (GetHostInfo); emits connectedChanged if that changes the answer.
    void probe();

signals:
    void connectedChanged(bool connected);
    // The helper's name got a new owner (it was restarted or activated): reload everything.
    void helperRestarted();

private:
    // Subscribes to the helper (so it stays while the app is open) and tells listeners to reload.
    void announceHelper();
    void setConnected(bool connected, const QString &problem);
    void helperLeft();        // the name lost its owner
    void confirmHelperGone(); // not activatable: gone unless it has an owner again

    QDBusConnection bus_;
    std::unique_ptr<ManagerProxy> manager_;
    QDBusServiceWatcher *watcher_ = nullptr;
    QTimer retry_; // while unreachable: probe every few seconds, so it comes back by itself
    StatsFeed *stats_ = nullptr;
    bool connected_ = false;
    bool probing_ = false;
    QString problem_;
};

} // namespace hako::gui
