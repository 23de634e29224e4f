// The manager's machinery: calls in flight, polkit, workers, replies, and the container
// objects kept in step with the state root. The methods themselves are in manager_*.cpp.
#include "manager.h"

#include "container_object.h"
#include "convert.h"
#include "manager_adaptor.h"
#include "workers.h"

#include <QDBusMetaType>

namespace hako::helper {

Manager::Manager(HelperOptions options, QDBusConnection bus, QObject *parent)
    : QObject(parent), options_(std::move(options)), bus_(bus), authorizer_(bus),
      watcher_(options_.engine), execs_(bus),
      subscriptions_(bus), stats_(options_.engine, bus), autoRemover_(options_.engine),
      waiters_(bus), jobs_(bus), reconciler_(options_.engine)
{
    // aa{sv} is not among QtDBus's built-in types: without this, methods returning it are
    // silently left out of the object.
    qDBusRegisterMetaType<QList<QVariantMap>>();
    qDBusRegisterMetaType<QMap<QString, QString>>(); // a{ss}: image and volume labels
    new ManagerAdaptor(this); // owned by this object; relays its signals
    connect(&watcher_, &StateWatcher::containerAdded, this, &Manager::onAdded);
    connect(&watcher_, &StateWatcher::containerChanged, this, &Manager::onChanged);
    connect(&watcher_, &StateWatcher::containerRemoved, this, &Manager::onRemoved);
    connect(&autoRemover_, &AutoRemover::removed, &watcher_, &StateWatcher::requestScan);
    connect(&reconciler_, &NetworkReconciler::reconciled, this, &Manager::NetworksChanged);
    sinceLastCall_.start();
}

Manager::~Manager() = default;

bool Manager::publish()
{
    for (const ContainerState &state : watcher_.loadInitial()) {
        const QString id = QString::fromStdString(state.id);
        objects_[id] = std::make_unique<ContainerObject>(bus_, state);
        autoRemover_.observe(state); // those that stopped while no helper ran go now
        stats_.track(state);
    }
    if (!bus_.registerObject("/org/hako/Containers1", this)) {
        qCritical("cannot register /org/hako/Containers1: %s", qPrintable(bus_.lastError().message()));
        return false;
    }
    // A helper that was killed, or containers that stopped while none ran, may have left
    // endpoints, leases or firewall rules behind.
    reconciler_.request();
    return true;
}

qint64 Manager::idleSeconds() const
{
    const bool busy = inFlight_ > 0 || !execs_.empty() || !subscriptions_.empty() || !stats_.empty() ||
                      autoRemover_.busy() || !jobs_.empty() || reconciler_.busy() ||
                      Workers::blocking().activeThreadCount() > 0;
    if (busy)
        return -1;
    const qint64 idle = sinceLastCall_.elapsed() / 1000;
    // A running container's published ports are rules only this helper takes down when it
    // stops (a monitor cannot): stay while there are any. Asked only once idle, so a busy
    // helper never pays for the look.
    if (idle > 0 && Engine(options_.engine).publishedPortsInForce() > 0)
        return -1;
    return idle;
}

Call Manager::begin(const QString &verb, const QString &ref)
{
    setDelayedReply(true);
    ++inFlight_;
    sinceLastCall_.restart();
    return Call{connection(), message(), verb, ref};
}

void Manager::fail(const Call &call, const Failure &failure)
{
    deliver(call, Outcome{failure, {}, std::nullopt, {}});
}

void Manager::authorizeThen(const Call &call, const QString &action, std::function<void()> next)
{
    authorizer_.check({call.message.service(), action, call.verb, call.ref},
                      [this, call, next = std::move(next)](std::optional<Failure> denied) {
                          if (denied)
                              fail(call, *denied);
                          else
                              next();
                      });
}

void Manager::dispatch(const Call &call, std::optional<Failure> invalid, const QString &action,
                       QThreadPool &pool, Rescan rescan, Work work)
{
    if (invalid) {
        fail(call, *invalid);
        return;
    }
    authorizeThen(call, action, [this, call, &pool, rescan, work = std::move(work)] {
        runWork(call, pool, rescan, work);
    });
}

void Manager::runWork(const Call &call, QThreadPool &pool, Rescan rescan, Work work)
{
    pool.start([this, call, rescan, work = std::move(work), engineOptions = options_.engine] {
        Outcome outcome;
        try {
            Engine engine(engineOptions);
            outcome.reply = work(engine);
        } catch (...) {
            outcome.failure = failureFromCurrentException();
        }
        // Read the root again after a change so that the signals precede the reply: a client
        // that gets the reply can rely on ContainerNew/StateChanged having been sent.
        if (rescan == Rescan::Yes) {
            try {
                outcome.scan = StateWatcher::scan(engineOptions);
            } catch (const std::exception &e) {
                qWarning("scan after %s failed: %s", qPrintable(call.verb), e.what());
            }
        }
        post(call, std::move(outcome));
    });
}

void Manager::post(const Call &call, Outcome outcome)
{
    QMetaObject::invokeMethod(
        this, [this, call, outcome = std::move(outcome)]() mutable { deliver(call, std::move(outcome)); },
        Qt::QueuedConnection);
}

void Manager::deliver(const Call &call, Outcome outcome)
{
    if (outcome.scan)
        watcher_.apply(*outcome.scan);
    if (!outcome.failure && outcome.onMain) {
        try {
            outcome.reply = outcome.onMain();
        } catch (...) {
            outcome.failure = failureFromCurrentException();
        }
    }
    const QDBusMessage reply =
        outcome.failure ? call.message.createErrorReply(outcome.failure->name, outcome.failure->message)
                        : call.message.createReply(outcome.reply);
    call.connection.send(reply);
    --inFlight_;
    sinceLastCall_.restart();
}

void Manager::onAdded(const ContainerState &state)
{
    const QString id = QString::fromStdString(state.id);
    objects_[id] = std::make_unique<ContainerObject>(bus_, state);
    autoRemover_.observe(state);
    stats_.track(state);
    emit ContainerNew(id, QString::fromStdString(state.name));
}

void Manager::onChanged(const ContainerState &before, const ContainerState &after)
{
    const QString id = QString::fromStdString(after.id);
    if (const auto it = objects_.find(id); it != objects_.end())
        it->second->update(after);
    if (before.status != after.status || exitStatusOf(before) != exitStatusOf(after))
        emit ContainerStateChanged(id, QString::fromStdString(std::string(statusName(after.status))),
                                   exitStatusOf(after));
    autoRemover_.observe(after);
    stats_.track(after);
    // A container that exits by itself is tidied by nobody else: its published ports and
    // firewall rules must go, as after a stop.
    const auto active = [](const ContainerState &s) {
        return s.status == Status::Running || s.status == Status::Paused;
    };
    if (active(before) && !active(after))
        reconciler_.request();
}

void Manager::onRemoved(const QString &id)
{
    objects_.erase(id);
    autoRemover_.forget(id);
    stats_.forget(id);
    reconciler_.request(); // its leases, if whoever removed it could not release them
    emit ContainerRemoved(id);
}

} // namespace hako::helper
