// Core's structures as the a{sv} maps the D-Bus API sends (keys documented in
// docs/dbus-api.md and the introspection XML).
#pragma once

#include "engine.h"

#include <QList>
#include <QVariantMap>

namespace hako::helper {

// ListContainers' entry; `command` is the process args from the spec, when known.
QVariantMap containerEntry(const ContainerState &state, const std::vector<std::string> &command = {});
// GetContainer: the entry plus Spec, HostPid and Namespaces.
QVariantMap containerDetails(const ContainerInfo &info);
QVariantMap logEntry(const LogLine &line);
// Images, volumes and disk usage: convert_images.cpp.
// ListImages' entry; `usedBy`: names of the containers made from it.
QVariantMap imageEntry(const Image &image, const std::vector<std::string> &usedBy = {});
// GetImage: the entry plus Config (the stored config JSON), DiffIds and History (newest first).
QVariantMap imageDetails(const Image &image, const std::vector<std::string> &usedBy,
                         const std::string &configJson);
QVariantMap volumeEntry(const Volume &volume, const std::vector<std::string> &usedBy = {});
QVariantMap diskUsageMap(const DiskUsage &usage);

// Networks: convert_networks.cpp.
// ListNetworks' entry; `containers`: names of the containers on it.
QVariantMap networkEntry(const NetworkConfig &network, const std::vector<std::string> &containers);
// GetNetwork: the entry with Containers replaced by Endpoints.
QVariantMap networkDetails(const NetworkDetails &details);
// The pseudo networks "host" (Driver "host") and "none" (Driver "null") as Docker lists them:
// no subnet, no bridge. `members`: the containers in that mode (id, name, running).
struct PseudoMember {
    std::string id, name;
    bool running = false;
};
QVariantMap pseudoNetworkEntry(const std::string &name, const std::vector<PseudoMember> &members,
                               bool withEndpoints);
// GetContainer's Endpoints and Ports.
QList<QVariantMap> endpointEntries(const std::vector<Endpoint> &endpoints);
QList<QVariantMap> portEntries(const std::vector<PortMapping> &ports);

// A StatsUpdated / GetStats entry: the figures of `now`, CPU % over the time since `before`
// (an earlier sample of the same run of the container).
QVariantMap statsEntry(const QString &id, const QString &name, const ResourceSample &before,
                       const ResourceSample &now, bool paused);

// -1 while there is none: the exit code or 128 + signal otherwise.
int exitStatusOf(const ContainerState &state);
// CRI log format: "2026-01-01T00:00:00.123456789Z stdout F text\n".
std::string criLine(const LogLine &line);

QStringList toStringList(const std::vector<std::string> &values);

} // namespace hako::helper
