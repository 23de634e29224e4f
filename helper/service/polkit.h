// Asks polkitd whether the caller (by unique bus name) may perform an action, without ever
// blocking: the answer arrives through a callback on the main thread.
#pragma once

#include "errors.h"

#include <QDBusConnection>
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
    QDBusConnection bus_;
};

} // namespace hako::helper
