// Networks, their endpoints and a container's published ports as the a{sv} maps of the D-Bus
// API (keys documented in docs/dbus-api.md and the introspection XML).
#include "convert.h"

#include "sha256.h"

namespace hako::helper
{

namespace
{

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

qulonglong usec(int64_t nanos)
{
    return nanos > 0 ? qulonglong(nanos / 1000) : 0;
}

QMap<QString, QString> stringMap(const std::map<std::string, std::string> &values)
{
    QMap<QString, QString> out;
    for (const auto &[key, value] : values)
        out.insert(qs(key), qs(value));
    return out;
}

// An address that is not set (0.0.0.0) is sent as "", not as an address.
QString addressText(Ipv4Address address)
{
    return address.value == 0 ? QString() : qs(formatIpv4(address));
}

} // namespace

QVariantMap networkEntry(const NetworkConfig &network, const std::vector<std::string> &containers)
{
    return {
        {"Id", qs(network.id)},
        {"Name", qs(network.name)},
        {"Driver", qs(network.driver)},
        {"Subnet", qs(formatSubnet(network.subnet))},
        {"Gateway", qs(formatIpv4(network.gateway))},
        {"Bridge", qs(network.bridge)},
        {"Internal", network.internal},
        {"Icc", network.icc},
        {"Mtu", network.mtu},
        {"CreatedUsec", usec(network.createdAt)},
        {"Labels", QVariant::fromValue(stringMap(network.labels))},
        {"Containers", toStringList(containers)},
    };
}

QVariantMap networkDetails(const NetworkDetails &details)
{
    QVariantMap map = networkEntry(details.config, {});
    map.remove("Containers");
    QList<QVariantMap> endpoints;
    for (const NetworkDetails::Member &member : details.containers) {
        const Endpoint &endpoint = member.endpoint;
        // A stopped member's endpoint holds only its leased address: the prefix is the
        // network's.
        const int prefix = endpoint.prefix > 0 ? endpoint.prefix : details.config.subnet.prefix;
        const QString address = addressText(endpoint.address);
        endpoints << QVariantMap{
            {"ContainerId", qs(member.containerId)},
            {"ContainerName", qs(member.containerName)},
            {"Running", member.running},
            {"IPv4Address", address.isEmpty() ? address : address + '/' + QString::number(prefix)},
            {"MacAddress", qs(endpoint.macAddress)},
            {"Interface", qs(endpoint.interface)},
            {"HostInterface", qs(endpoint.hostInterface)},
        };
    }
    map.insert("Endpoints", QVariant::fromValue(endpoints));
    return map;
}

QVariantMap pseudoNetworkEntry(const std::string &name, const std::vector<PseudoMember> &members,
                               bool withEndpoints)
{
    QVariantMap map{
        // Docker's ids for these are random but fixed per daemon; derived from the name, ours
        // are fixed everywhere.
        {"Id", qs(sha256Hex("hako pseudo network " + name))},
        {"Name", qs(name)},
        {"Driver", name == "none" ? QStringLiteral("null") : qs(name)},
        {"Subnet", QString()},
        {"Gateway", QString()},
        {"Bridge", QString()},
        {"Internal", false},
        {"Icc", false}, // no bridge whose traffic the setting would govern
        {"Mtu", 0},
        {"CreatedUsec", qulonglong(0)},
        {"Labels", QVariant::fromValue(QMap<QString, QString>{})},
    };
    if (!withEndpoints) {
        QStringList names;
        for (const PseudoMember &member : members)
            names << qs(member.name);
        map.insert("Containers", names);
        return map;
    }
    QList<QVariantMap> endpoints;
    for (const PseudoMember &member : members)
        endpoints << QVariantMap{{"ContainerId", qs(member.id)}, {"ContainerName", qs(member.name)},
                                 {"Running", member.running},    {"IPv4Address", QString()},
                                 {"MacAddress", QString()},      {"Interface", QString()},
                                 {"HostInterface", QString()}};
    map.insert("Endpoints", QVariant::fromValue(endpoints));
    return map;
}

QList<QVariantMap> endpointEntries(const std::vector<Endpoint> &endpoints)
{
    QList<QVariantMap> out;
    for (const Endpoint &endpoint : endpoints)
        out << QVariantMap{
            {"NetworkId", qs(endpoint.networkId)},
            {"NetworkName", qs(endpoint.networkName)},
            {"Interface", qs(endpoint.interface)},
            {"HostInterface", qs(endpoint.hostInterface)},
            {"IPAddress", addressText(endpoint.address)},
            {"IPPrefixLen", endpoint.prefix},
            {"Gateway", addressText(endpoint.gateway)},
            {"MacAddress", qs(endpoint.macAddress)},
            {"Mtu", endpoint.mtu},
        };
    return out;
}

QList<QVariantMap> portEntries(const std::vector<PortMapping> &ports)
{
    QList<QVariantMap> out;
    for (const PortMapping &port : ports)
        out << QVariantMap{
            {"HostIp", qs(port.hostIp)},
            {"HostPort", QVariant::fromValue(ushort(port.hostPort))},
            {"ContainerPort", QVariant::fromValue(ushort(port.containerPort))},
            {"Protocol", qs(port.protocol)},
        };
    return out;
}

} // namespace hako::helper
