// Tells when clients (unique bus names) leave the bus, for everything the helper keeps on a
// client's behalf: subscriptions, exec sessions, blocked waits. A client may leave between
// its call and the watch; once the watch is in place the bus is asked whether the name still
// has an owner (the bus handles our messages in order), so gone() is never missed.
#pragma once

#include <QDBusConnection>
#include <QDBusServiceWatcher>
#include <QObject>
#include <QString>

#include <map>

namespace hako::helper {

class ClientWatch : public QObject {
    Q_OBJECT
public:
    explicit ClientWatch(QDBusConnection bus, QObject *parent = nullptr);

    // Counted: the name is watched until unwatch() was called as often, or it has gone.
    void watch(const QString &uniqueName);
    void unwatch(const QString &uniqueName);

signals:
    void gone(const QString &uniqueName); // once per watched name that left the bus

private:
    void leave(const QString &uniqueName);
    void checkStillThere(const QString &uniqueName);

    QDBusConnection bus_;
    QDBusServiceWatcher watcher_;
    std::map<QString, int> counts_;
};

} // namespace hako::helper
