#include "client.h"

#include <QDBusArgument>
#include <QDBusMetaType>

#include <climits>

namespace hako::client {

QDBusConnection systemBus()
{
    return QDBusConnection::systemBus();
}

std::unique_ptr<ManagerProxy> connectManager(const QDBusConnection &bus)
{
    auto proxy = std::make_unique<ManagerProxy>(QString::fromLatin1(kService),
                                                QString::fromLatin1(kManagerPath), bus);
    proxy->setTimeout(INT_MAX);
    return proxy;
}

QVariantMap unmarshalNested(QVariantMap map)
{
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->userType() != qMetaTypeId<QDBusArgument>())
            continue;
        const auto arg = it->value<QDBusArgument>();
        if (arg.currentSignature() == QLatin1String("a{sv}"))
            *it = unmarshalNested(qdbus_cast<QVariantMap>(arg));
    }
    return map;
}

QString hakoErrorName(const QDBusError &error)
{
    const QString name = error.name();
    const QString prefix = QString::fromLatin1(kErrorPrefix);
    return name.startsWith(prefix) ? name.mid(prefix.size()) : QString();
}

bool isNotReachable(const QDBusError &error)
{
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
    case QDBusError::NoServer:
    case QDBusError::Disconnected:
    case QDBusError::NoNetwork:
    case QDBusError::UnknownObject:
    case QDBusError::UnknownInterface:
        return true;
    default:
        // Activation failures come as org.freedesktop.DBus.Error.Spawn.*.
        return error.name().startsWith(QLatin1String("org.freedesktop.DBus.Error.Spawn."));
    }
}

QString describeError(const QDBusError &error)
{
    QString message = error.message().trimmed();
    if (message.isEmpty())
        message = error.name();
    if (isNotReachable(error))
        return QStringLiteral("cannot reach hako-helper on the system bus: %1 — is it installed? "
                              "see README")
            .arg(message);
    if (error.type() == QDBusError::AccessDenied)
        return message + QStringLiteral(" (ask an administrator, or check polkit rules)");
    return message;
}

} // namespace hako::client
