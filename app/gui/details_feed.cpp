#include "details_feed.h"

#include "details_common.h"
#include "helper_connection.h"

#include <QDBusArgument>
#include <QDBusMetaType>
#include <QDBusPendingReply>

namespace hako::gui {

namespace {

const QString kPropertiesInterface = QStringLiteral("org.freedesktop.DBus.Properties");
const QString kContainerInterface = QStringLiteral("org.hako.Containers1.Container");


} // namespace

ContainerFeed::ContainerFeed(HelperConnection *helper, QObject *parent)
    : QObject(parent), helper_(helper)
{
    connectManagerSignals();
    connect(helper_, &HelperConnection::helperRestarted, this, [this] {
        // A fresh bus connection comes with a new proxy, and our match rules went with the
        // old one; a restarted helper may have seen the container change meanwhile.
        connectManagerSignals();
        unwatchObject();
        refresh();
    });
}

ContainerFeed::~ContainerFeed()
{
    unwatchObject();
}

void ContainerFeed::connectManagerSignals()
{
    for (const QMetaObject::Connection &connection : std::as_const(managerSignals_))
        disconnect(connection);
    ManagerProxy &manager = helper_->manager();
    managerSignals_ = {
        connect(&manager, &ManagerProxy::ContainerStateChanged, this,
                [this](const QString &id, const QString &, int) { onStateChanged(id); }),
        connect(&manager, &ManagerProxy::ContainerRemoved, this, &ContainerFeed::onRemoved),
    };
}

void ContainerFeed::setContainer(const QString &ref)
{
    unwatchObject();
    ++generation_;
    ref_ = ref;
    id_.clear();
    container_.clear();
    inFlight_ = stale_ = false;
    refresh();
}

QString ContainerFeed::state() const
{
    return container_.value(QStringLiteral("State")).toString();
}

void ContainerFeed::refresh()
{
    if (ref_.isEmpty() || !helper_)
        return;
    if (inFlight_) {
        stale_ = true;
        return;
    }
    fetch();
}

void ContainerFeed::fetch()
{
    inFlight_ = true;
    stale_ = false;
    const quint64 generation = generation_;
    // The manager proxy is looked up per call: a reconnect replaces it.
    whenFinished(helper_, this, helper_->manager().GetContainer(ref_),
                 [this, generation](QDBusPendingCallWatcher &call) {
                     if (generation != generation_)
                         return; // an answer about the container shown before
                     inFlight_ = false;
                     const QDBusPendingReply<QVariantMap> reply = call;
                     if (reply.isError()) {
                         emit failed(reply.error());
                     } else {
                         container_ = client::unmarshalNested(reply.value());
                         id_ = container_.value(QStringLiteral("Id")).toString();
                         watchObject(id_);
                         emit changed(container_);
                     }
                     if (stale_)
                         fetch();
                 });
}

bool ContainerFeed::isShown(const QString &id) const
{
    return !ref_.isEmpty() && (id == id_ || id == ref_);
}

void ContainerFeed::onStateChanged(const QString &id)
{
    // The signal carries only the state; exit code, signal, error, pid and namespaces come
    // with GetContainer.
    if (isShown(id))
        refresh();
}

void ContainerFeed::onRemoved(const QString &id)
{
    if (!isShown(id))
        return;
    unwatchObject();
    container_.clear();
    emit removed();
}

void ContainerFeed::onPropertiesChanged(const QString &interface, const QVariantMap &properties,
                                        const QStringList &invalidated)
{
    if (interface != kContainerInterface || container_.isEmpty())
        return;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        container_.insert(it.key(), it.value());
        if (it.key() == QLatin1String("Pid"))
            container_.insert(QStringLiteral("HostPid"), it.value()); // GetContainer names it both
    }
    emit changed(container_);
    // A new state, or a value we were not given, makes the rest of the map doubtful.
    if (properties.contains(QStringLiteral("State")) || !invalidated.isEmpty())
        refresh();
}

QString ContainerFeed::objectPath() const
{
    return QStringLiteral("/org/hako/Containers1/container/") + watchedId_;
}

void ContainerFeed::watchObject(const QString &id)
{
    if (id == watchedId_ || id.isEmpty())
        return;
    unwatchObject();
    watchedId_ = id;
    helper_->bus().connect(QString::fromLatin1(client::kService), objectPath(), kPropertiesInterface,
                           QStringLiteral("PropertiesChanged"), this,
                           SLOT(onPropertiesChanged(QString, QVariantMap, QStringList)));
}

void ContainerFeed::unwatchObject()
{
    if (watchedId_.isEmpty() || !helper_)
        return;
    helper_->bus().disconnect(QString::fromLatin1(client::kService), objectPath(),
                              kPropertiesInterface, QStringLiteral("PropertiesChanged"), this,
                              SLOT(onPropertiesChanged(QString, QVariantMap, QStringList)));
    watchedId_.clear();
}

} // namespace hako::gui
