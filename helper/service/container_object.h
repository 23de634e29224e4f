// One container as a D-Bus object (/org/hako/Containers1/container/<id>): read-only
// properties from its last known state, PropertiesChanged when they change.
#pragma once

#include "state.h"

#include <QDBusConnection>
#include <QObject>
#include <QVariantMap>

namespace hako::helper {

class ContainerObject : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString Id READ id)
    Q_PROPERTY(QString Name READ name)
    Q_PROPERTY(QString Image READ image)
    Q_PROPERTY(QString State READ stateName)
    Q_PROPERTY(uint Pid READ pid)
    Q_PROPERTY(int ExitStatus READ exitStatus)
    Q_PROPERTY(bool OOMKilled READ oomKilled)
    Q_PROPERTY(qulonglong CreatedUsec READ createdUsec)
    Q_PROPERTY(qulonglong StartedUsec READ startedUsec)
    Q_PROPERTY(qulonglong FinishedUsec READ finishedUsec)

public:
    static QString objectPath(const std::string &id);

    ContainerObject(QDBusConnection bus, const ContainerState &state, QObject *parent = nullptr);
    ~ContainerObject() override; // unregisters the object path

    bool registered() const { return registered_; }
    // Stores the new state and emits PropertiesChanged with the properties that differ.
    void update(const ContainerState &state);

    QString id() const;
    QString name() const;
    QString image() const;
    QString stateName() const;
    uint pid() const;
    int exitStatus() const;
    bool oomKilled() const;
    qulonglong createdUsec() const;
    qulonglong startedUsec() const;
    qulonglong finishedUsec() const;

private:
    QVariantMap properties() const;

    QDBusConnection bus_;
    QString path_;
    ContainerState state_;
    bool registered_ = false;
};

} // namespace hako::helper
