#include "helper_connection.h"

#include "stats_feed.h"

#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>

namespace hako::gui {

namespace {
constexpr int kRetryIntervalMs = 3000;
} // namespace

HelperConnection::HelperConnection(QObject *parent)
    : HelperConnection(client::systemBus(), parent)
{
}

HelperConnection::HelperConnection(const QDBusConnection &bus, QObject *parent)
    : QObject(parent), bus_(bus), manager_(client::connectManager(bus_))
{
    // A restarted or re-activated helper has a new unique name: containers may have changed
    // while it was gone, so listeners reload rather than trust their copy.
    watcher_ = new QDBusServiceWatcher(QString::fromLatin1(client::kService), bus_,
                                       QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(watcher_, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString &, const QString &, const QString &newOwner) {
                if (newOwner.isEmpty()) {
                    helperLeft();
                    return;
                }
                setConnected(true, {});
                announceHelper();
            });
    retry_.setInterval(kRetryIntervalMs);
    connect(&retry_, &QTimer::timeout, this, &HelperConnection::probe);
    stats_ = new StatsFeed(this);
    probe();
}

HelperConnection::~HelperConnection() = default;

void HelperConnection::probe()
{
    if (probing_)
        return;
    if (!bus_.isConnected()) {
        // A bus connection that failed once stays dead in QtDBus: make a fresh one.
        const QString name = QStringLiteral("hako-gui-%1").arg(quintptr(this));
        QDBusConnection::disconnectFromBus(name);
        QDBusConnection fresh = QDBusConnection::connectToBus(QDBusConnection::SystemBus, name);
        if (!fresh.isConnected()) {
            setConnected(false, tr("The system D-Bus is not running. Start it (on a machine "
                                   "without one: sudo .ci/system-bus), then wait: Hako "
                                   "reconnects by itself."));
            return;
        }
        bus_ = fresh;
        manager_ = client::connectManager(bus_);
        watcher_->setConnection(bus_);
        announceHelper();
    }
    probing_ = true;
    auto *call = new QDBusPendingCallWatcher(manager_->GetHostInfo(), this);
    connect(call, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        probing_ = false;
        const bool wasConnected = connected_;
        reportResult(w->isError() ? w->error() : QDBusError());
        if (connected_ && !wasConnected)
            announceHelper();
    });
}

void HelperConnection::announceHelper()
{
    // Subscribed, the helper stays while this app is open (it would otherwise exit when
    // idle, and no one would send the signals the table lives on). Idempotent on its side.
    auto *call = new QDBusPendingCallWatcher(manager_->Subscribe(), this);
    connect(call, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        if (w->isError())
            reportResult(w->error());
    });
    emit helperRestarted();
}

void HelperConnection::helperLeft()
{
    // An installed helper is D-Bus activated and leaves when idle: the next call starts it
    // again, so its leaving is no disconnection. One that cannot be activated (started by
    // hand, or by a test set-up) is gone until someone starts it: say so, and probe.
    auto *call = new QDBusPendingCallWatcher(
        bus_.interface()->asyncCall(QStringLiteral("ListActivatableNames")), this);
    connect(call, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<QStringList> names = *w;
        if (names.isError() || !names.value().contains(QString::fromLatin1(client::kService)))
            confirmHelperGone();
    });
}

void HelperConnection::confirmHelperGone()
{
    // Asked last, so a new owner that came meanwhile either answers "yes" here or is
    // announced after this reply (the bus keeps the order) and reconnects.
    auto *call = new QDBusPendingCallWatcher(
        bus_.interface()->asyncCall(QStringLiteral("NameHasOwner"),
                                    QString::fromLatin1(client::kService)),
        this);
    connect(call, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<bool> hasOwner = *w;
        if (!hasOwner.isError() && hasOwner.value())
            return;
        setConnected(false, tr("Hako's helper has stopped, and the system cannot start it by "
                               "itself (it is not installed as a D-Bus service). Start "
                               "hako-helper again, or install Hako (sudo cmake --install "
                               "build): Hako reconnects by itself."));
    });
}

void HelperConnection::reportResult(const QDBusError &error)
{
    if (!error.isValid()) {
        setConnected(true, {});
        return;
    }
    if (!client::isNotReachable(error))
        return; // the helper answered, with an error of its own: it is reachable
    setConnected(false, tr("Hako's helper cannot be reached (%1). Is Hako installed "
                           "(sudo cmake --install build)? Hako keeps trying and reconnects by "
                           "itself.")
                            .arg(error.message()));
}

void HelperConnection::setConnected(bool connected, const QString &problem)
{
    problem_ = problem;
    if (connected)
        retry_.stop();
    else if (!retry_.isActive())
        retry_.start();
    if (connected == connected_)
        return;
    connected_ = connected;
    emit connectedChanged(connected);
}

} // namespace hako::gui
