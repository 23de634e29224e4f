// What hakoctl prints about networks, from the D-Bus API's maps (ListNetworks, GetNetwork,
// GetContainer's Endpoints and Ports): docker network ls's rows, docker network inspect's
// JSON, inspect's NetworkSettings and docker port's lines; and network create's options.
#pragma once

#include "flags.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace hako::cli
{

// The fields `network ls --format` knows: ID, Name, Driver, Scope, IPv6, Internal, Labels,
// CreatedAt.
QJsonObject networkRow(const QVariantMap &network, bool noTrunc);
QString defaultNetworksFormat(); // NETWORK ID NAME DRIVER SCOPE
QJsonObject networkHeaders();

// docker network inspect's object from GetNetwork's map.
QJsonObject networkInspectObject(const QVariantMap &network);

// docker inspect's NetworkSettings for a container: its networks (from the spec's
// org.hako.network annotation, with the addresses of GetContainer's Endpoints while it runs),
// its published Ports, and the first network's address at the top level, as docker has them.
QJsonObject containerNetworkSettings(const QVariantMap &container, const QJsonObject &spec);
// docker inspect's HostConfig.NetworkMode: "bridge" or the first network's name when the
// container is on Hako's networks, else `namespaceMode` (none, host, container:ID).
QString networkMode(const QJsonObject &spec, const QString &namespaceMode);

// docker inspect's HostConfig fields of the network flags, from the spec's annotations:
// PortBindings {"80/tcp": [{HostIp, HostPort}]}, Dns, DnsSearch, DnsOptions, ExtraHosts.
QJsonObject networkHostConfig(const QJsonObject &spec);

// docker port: "80/tcp -> 0.0.0.0:8080" lines from GetContainer's Ports, or with `filter`
// ("80", "80/udp") the host addresses alone; nothing with `error` set when the filter is
// malformed or matches no published port.
std::optional<QString> portLines(const QList<QVariantMap> &ports, const QString &container,
                                 const QString &filter, QString *error);

// network create's flags as CreateNetwork's options (Subnet, Gateway, Internal, Icc, Mtu,
// Labels); nothing with `error` naming the flag and value. Beside the flags' definitions, in
// network_command_defs.cpp.
std::optional<QVariantMap> networkCreateOptions(const ParsedArgs &args, QString *error);

} // namespace hako::cli
