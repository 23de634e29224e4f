// Asks polkitd whether the caller (by unique bus name) may perform an action, without ever
// blocking: the answer arrives through a callback on the main thread.
//
// A caller whose connection belongs to uid 0 is authorised without asking: polkitd answers
// "yes" to root for every action anyway, and the round trip (which on Debian also runs
// pkla-check-authorization for every check) is most of a short call's cost. The uid is the
// bus daemon's record of the connection (GetConnectionUnixUser, taken from the socket's
// credentials when it connected), never something the caller says.
#pragma once

#include "errors.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace hako::helper {

struct AuthRequest {
    QString caller; // unique bus name, ":1.42"
    QString action; // "create" → org.hako.containers1.create
    QString verb;   // the method: details for the dialog and rules
    QString ref;    // the container, if any
};

class Authorizer : public QObject {
    Q_OBJECT
public:
    explicit Authorizer(QDBusConnection bus, QObject *parent = nullptr);

    // `done` gets nullopt when authorised, else the AccessDenied (or Failed) to send.
    using Done = std::function<void(std::optional<Failure>)>;
    void check(const AuthRequest &request, Done done);

    static QString actionId(const QString &action);

private:
    // The uid behind a unique name, from the cache or the bus daemon; nullopt if unknown.
    using UidKnown = std::function<void(std::optional<uint>)>;
    void lookUpUid(const QString &caller, UidKnown known);
    void askPolkit(const AuthRequest &request, Done done);

    QDBusConnection bus_;
    // Unique names are never reused on a bus, so an entry cannot go stale; the cache is
    // only bounded.
    QHash<QString, uint> uidOfCaller_;
};

} // namespace hako::helper
