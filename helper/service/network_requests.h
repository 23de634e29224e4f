// The arguments of the network methods, checked before polkit is asked (a malformed call gets
// InvalidArgs naming the argument and the value, and changes nothing), and turned into core's
// requests.
#pragma once

#include "errors.h"

#include "engine.h"

#include <QString>
#include <QVariantMap>

#include <optional>
#include <variant>

namespace hako::helper
{

// "host" and "none": listed and inspected like networks, but nothing to create, remove,
// connect to or disconnect from (a container's mode is chosen when it is created).
bool isPseudoNetwork(const QString &name);

// CreateNetwork's name: Docker's rule. The predefined names get NetworkExists, as Docker
// answers them.
std::optional<Failure> checkNetworkName(const QString &name);

// CreateNetwork's options: Subnet, Gateway (s), Internal, Icc (b), Mtu (i), Labels (a{ss}).
// Subnet and gateway are parsed here (their text in the message); overlaps are the store's.
std::variant<NetworkCreateOptions, Failure> parseNetworkCreateOptions(const QVariantMap &options);

// ConnectNetwork's options: IPv4Address (s).
std::variant<ConnectOptions, Failure> parseConnectOptions(const QVariantMap &options);

} // namespace hako::helper
