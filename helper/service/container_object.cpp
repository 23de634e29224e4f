#include "container_object.h"

#include "container_adaptor.h"
#include "convert.h"

#include <QDBusMessage>

namespace hako::helper {

namespace {
const QString kInterface = QStringLiteral("org.hako.Containers1.Container");
}

QString ContainerObject::objectPath(const std::string &id)
{
    // Ids are 64 hex digits, valid in an object path as they are.
    return QStringLiteral("/org/hako/Containers1/container/") + QString::fromStdString(id);
}

ContainerObject::ContainerObject(QDBusConnection bus, const ContainerState &state, QObject *parent)
    : QObject(parent), bus_(std::move(bus)), path_(objectPath(state.id)), state_(state)
{
    new ContainerAdaptor(this); // owned by this object, as QtDBus adaptors are
    registered_ = bus_.registerObject(path_, this);
    if (!registered_)
        qWarning("cannot register %s: %s", qPrintable(path_), qPrintable(bus_.lastError().message()));
}

ContainerObject::~ContainerObject()
{
    if (registered_)
        bus_.unregisterObject(path_);
}

QVariantMap ContainerObject::properties() const
{
    return {{"Id", id()},
            {"Name", name()},
            {"Image", image()},
            {"State", stateName()},
            {"Pid", pid()},
            {"ExitStatus", exitStatus()},
            {"OOMKilled", oomKilled()},
            {"CreatedUsec", createdUsec()},
            {"StartedUsec", startedUsec()},
            {"FinishedUsec", finishedUsec()}};
}

void ContainerObject::update(const ContainerState &state)
{
    const QVariantMap before = properties();
    state_ = state;
    QVariantMap changed;
    const QVariantMap after = properties();
    for (auto it = after.begin(); it != after.end(); ++it)
        if (before.value(it.key()) != it.value())
            changed.insert(it.key(), it.value());
    if (changed.isEmpty() || !registered_)
        return;
    QDBusMessage signal = QDBusMessage::createSignal(path_, "org.freedesktop.DBus.Properties",
                                                     "PropertiesChanged");
    signal << kInterface << changed << QStringList{};
    bus_.send(signal);
}

QString ContainerObject::id() const { return QString::fromStdString(state_.id); }
QString ContainerObject::name() const { return QString::fromStdString(state_.name); }
QString ContainerObject::image() const { return QString::fromStdString(state_.image); }
QString ContainerObject::stateName() const
{
    return QString::fromStdString(std::string(statusName(state_.status)));
}
uint ContainerObject::pid() const
{
    const bool running = state_.status == Status::Running || state_.status == Status::Paused;
    return running && state_.pid.pid > 0 ? uint(state_.pid.pid) : 0;
}
int ContainerObject::exitStatus() const { return exitStatusOf(state_); }
bool ContainerObject::oomKilled() const { return state_.oomKilled; }
qulonglong ContainerObject::createdUsec() const { return qulonglong(std::max<int64_t>(state_.createdAt, 0) / 1000); }
qulonglong ContainerObject::startedUsec() const { return qulonglong(std::max<int64_t>(state_.startedAt, 0) / 1000); }
qulonglong ContainerObject::finishedUsec() const { return qulonglong(std::max<int64_t>(state_.finishedAt, 0) / 1000); }

} // namespace hako::helper
