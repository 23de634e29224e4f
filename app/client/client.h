// The D-Bus client helpers shared by hakoctl and the GUI: where the helper lives on the bus,
// a proxy connected to it, and QDBusError turned into one line a person can act on.
#pragma once

#include "manager_proxy.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QString>
#include <QVariantMap>

#include <memory>

namespace hako::client {

inline constexpr const char *kService = "org.hako.Containers1";
inline constexpr const char *kManagerPath = "/org/hako/Containers1";
inline constexpr const char *kErrorPrefix = "org.hako.Containers1.Error.";

// The system bus (DBUS_SYSTEM_BUS_ADDRESS honoured, so tests can use a private one).
QDBusConnection systemBus();

// A manager proxy whose calls wait as long as the helper needs: a start may wait for a polkit
// prompt and a wait may last days, so the default 25 s timeout would cut them off.
std::unique_ptr<ManagerProxy> connectManager(const QDBusConnection &bus = systemBus());

// A reply's a{sv} with its nested maps (GetContainer's Namespaces) unmarshalled: QtDBus hands
// a map inside a variant over still as a QDBusArgument. Recursive; other values unchanged.
QVariantMap unmarshalNested(QVariantMap map);

// Which of Hako's named errors this is ("NoSuchContainer"), or empty for any other error.
QString hakoErrorName(const QDBusError &error);

bool isNotReachable(const QDBusError &error);

// One line for the user: the helper's own message, with a hint where the person can do
// something about it (polkit rules, installing the helper).
QString describeError(const QDBusError &error);

} // namespace hako::client
