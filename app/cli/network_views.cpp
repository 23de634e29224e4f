#include "network_views.h"

#include "humanize.h"
#include "network.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>

namespace hako::cli
{

namespace
{

const QString kIccOption = QStringLiteral("com.docker.network.bridge.enable_icc");
const QString kBridgeNameOption = QStringLiteral("com.docker.network.bridge.name");
const QString kMtuOption = QStringLiteral("com.docker.network.driver.mtu");

QString text(const QVariantMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toString();
}

QJsonObject labelsObject(const QVariant &labels)
{
    QJsonObject out;
    const QVariantMap map = labels.toMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

// "k=v,k2=v2", as docker ls --format shows labels.
QString labelsText(const QVariant &labels)
{
    QStringList pairs;
    const QVariantMap map = labels.toMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        pairs.append(it.key() + QLatin1Char('=') + it.value().toString());
    return pairs.join(QLatin1Char(','));
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QJsonObject networkOptionsObject(const QVariantMap &network)
{
    QJsonObject options{
        {kIccOption, boolText(network.value(QStringLiteral("Icc"), true).toBool())}};
    if (!text(network, "Bridge").isEmpty())
        options.insert(kBridgeNameOption, text(network, "Bridge"));
    if (const int mtu = network.value(QStringLiteral("Mtu")).toInt(); mtu > 0)
        options.insert(kMtuOption, QString::number(mtu));
    return options;
}

QJsonObject ipamObject(const QVariantMap &network)
{
    QJsonArray config;
    if (!text(network, "Subnet").isEmpty())
        config.append(QJsonObject{{QStringLiteral("Subnet"), text(network, "Subnet")},
                                  {QStringLiteral("Gateway"), text(network, "Gateway")}});
    return QJsonObject{{QStringLiteral("Driver"), QStringLiteral("default")},
                       {QStringLiteral("Options"), QJsonObject{}},
                       {QStringLiteral("Config"), config}};
}

// GetNetwork's Endpoints of running containers, keyed by container id as docker's Containers
// are (docker lists the containers attached now, not the stopped ones that will be).
QJsonObject containersObject(const QVariant &endpoints)
{
    QJsonObject out;
    for (const QVariant &item : endpoints.toList()) {
        const QVariantMap endpoint = item.toMap();
        if (!endpoint.value(QStringLiteral("Running"), true).toBool())
            continue;
        out.insert(text(endpoint, "ContainerId"),
                   QJsonObject{{QStringLiteral("Name"), text(endpoint, "ContainerName")},
                               {QStringLiteral("MacAddress"), text(endpoint, "MacAddress")},
                               {QStringLiteral("IPv4Address"), text(endpoint, "IPv4Address")},
                               {QStringLiteral("IPv6Address"), QString()}});
    }
    return out;
}

QString annotation(const QJsonObject &spec, std::string_view key)
{
    return spec.value(QStringLiteral("annotations"))
        .toObject()
        .value(QString::fromLatin1(key.data(), qsizetype(key.size())))
        .toString();
}

QStringList specNetworks(const QJsonObject &spec)
{
    return annotation(spec, kNetworkAnnotation).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

QJsonObject endpointObject(const QVariantMap &endpoint)
{
    return QJsonObject{
        {QStringLiteral("NetworkID"), text(endpoint, "NetworkId")},
        {QStringLiteral("IPAddress"), text(endpoint, "IPAddress")},
        {QStringLiteral("IPPrefixLen"), endpoint.value(QStringLiteral("IPPrefixLen")).toInt()},
        {QStringLiteral("Gateway"), text(endpoint, "Gateway")},
        {QStringLiteral("MacAddress"), text(endpoint, "MacAddress")},
    };
}

QString hostIpOf(const QVariantMap &port)
{
    const QString ip = text(port, "HostIp");
    return ip.isEmpty() ? QStringLiteral("0.0.0.0") : ip;
}

QString portKey(const QVariantMap &port)
{
    const QString protocol = text(port, "Protocol");
    return QStringLiteral("%1/%2")
        .arg(port.value(QStringLiteral("ContainerPort")).toUInt())
        .arg(protocol.isEmpty() ? QStringLiteral("tcp") : protocol);
}

QJsonObject portsObject(const QVariant &ports)
{
    QJsonObject out;
    for (const QVariant &item : ports.toList()) {
        const QVariantMap port = item.toMap();
        QJsonArray bindings = out.value(portKey(port)).toArray();
        bindings.append(
            QJsonObject{{QStringLiteral("HostIp"), hostIpOf(port)},
                        {QStringLiteral("HostPort"),
                         QString::number(port.value(QStringLiteral("HostPort")).toUInt())}});
        out.insert(portKey(port), bindings);
    }
    return out;
}

QJsonArray listAnnotation(const QJsonObject &spec, std::string_view key)
{
    return QJsonArray::fromStringList(
        annotation(spec, key).split(QLatin1Char(','), Qt::SkipEmptyParts));
}

// The ports the spec asks for, as docker's HostConfig has them (HostIp "" for every address).
QJsonObject portBindings(const QJsonObject &spec)
{
    QJsonObject out;
    for (const QJsonValue &item : listAnnotation(spec, kPublishAnnotation)) {
        const auto mapping = parsePortMapping(item.toString().toStdString(), nullptr);
        if (!mapping)
            continue; // the helper refuses such a spec; nothing to show
        const QString key = QStringLiteral("%1/%2")
                                .arg(mapping->containerPort)
                                .arg(QString::fromStdString(mapping->protocol));
        QJsonArray bindings = out.value(key).toArray();
        bindings.append(
            QJsonObject{{QStringLiteral("HostIp"), QString::fromStdString(mapping->hostIp)},
                        {QStringLiteral("HostPort"), QString::number(mapping->hostPort)}});
        out.insert(key, bindings);
    }
    return out;
}

} // namespace

QJsonObject networkHostConfig(const QJsonObject &spec)
{
    return QJsonObject{
        {QStringLiteral("PortBindings"), portBindings(spec)},
        {QStringLiteral("Dns"), listAnnotation(spec, kDnsAnnotation)},
        {QStringLiteral("DnsSearch"), listAnnotation(spec, kDnsSearchAnnotation)},
        {QStringLiteral("DnsOptions"), listAnnotation(spec, kDnsOptionAnnotation)},
        {QStringLiteral("ExtraHosts"), listAnnotation(spec, kExtraHostsAnnotation)},
    };
}

QJsonObject networkRow(const QVariantMap &network, bool noTrunc)
{
    const QString id = text(network, "Id");
    return QJsonObject{
        {QStringLiteral("ID"), noTrunc ? id : id.left(12)},
        {QStringLiteral("Name"), text(network, "Name")},
        {QStringLiteral("Driver"), text(network, "Driver")},
        {QStringLiteral("Scope"), QStringLiteral("local")},
        {QStringLiteral("IPv6"), QStringLiteral("false")},
        {QStringLiteral("Internal"), boolText(network.value(QStringLiteral("Internal")).toBool())},
        {QStringLiteral("Labels"), labelsText(network.value(QStringLiteral("Labels")))},
        {QStringLiteral("CreatedAt"),
         rfc3339(network.value(QStringLiteral("CreatedUsec")).toULongLong())},
    };
}

QString defaultNetworksFormat()
{
    return QStringLiteral("table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}");
}

QJsonObject networkHeaders()
{
    return QJsonObject{
        {QStringLiteral("ID"), QStringLiteral("NETWORK ID")},
        {QStringLiteral("Name"), QStringLiteral("NAME")},
        {QStringLiteral("Driver"), QStringLiteral("DRIVER")},
        {QStringLiteral("Scope"), QStringLiteral("SCOPE")},
        {QStringLiteral("IPv6"), QStringLiteral("IPV6")},
        {QStringLiteral("Internal"), QStringLiteral("INTERNAL")},
        {QStringLiteral("Labels"), QStringLiteral("LABELS")},
        {QStringLiteral("CreatedAt"), QStringLiteral("CREATED AT")},
    };
}

QJsonObject networkInspectObject(const QVariantMap &network)
{
    return QJsonObject{
        {QStringLiteral("Name"), text(network, "Name")},
        {QStringLiteral("Id"), text(network, "Id")},
        {QStringLiteral("Created"),
         rfc3339(network.value(QStringLiteral("CreatedUsec")).toULongLong())},
        {QStringLiteral("Scope"), QStringLiteral("local")},
        {QStringLiteral("Driver"), text(network, "Driver")},
        {QStringLiteral("EnableIPv6"), false},
        {QStringLiteral("IPAM"), ipamObject(network)},
        {QStringLiteral("Internal"), network.value(QStringLiteral("Internal")).toBool()},
        {QStringLiteral("Attachable"), false},
        {QStringLiteral("Ingress"), false},
        {QStringLiteral("Containers"),
         containersObject(network.value(QStringLiteral("Endpoints")))},
        {QStringLiteral("Options"), networkOptionsObject(network)},
        {QStringLiteral("Labels"), labelsObject(network.value(QStringLiteral("Labels")))},
    };
}

QJsonObject containerNetworkSettings(const QVariantMap &container, const QJsonObject &spec)
{
    QJsonObject networks;
    // A stopped container is still on its networks, without addresses, as docker shows it.
    for (const QString &name : specNetworks(spec))
        networks.insert(name, endpointObject({}));
    QJsonObject first;
    for (const QVariant &item : container.value(QStringLiteral("Endpoints")).toList()) {
        const QJsonObject endpoint = endpointObject(item.toMap());
        networks.insert(text(item.toMap(), "NetworkName"), endpoint);
        if (first.isEmpty())
            first = endpoint;
    }
    return QJsonObject{
        {QStringLiteral("Networks"), networks},
        {QStringLiteral("Ports"), portsObject(container.value(QStringLiteral("Ports")))},
        {QStringLiteral("IPAddress"), first.value(QStringLiteral("IPAddress")).toString()},
        {QStringLiteral("IPPrefixLen"), first.value(QStringLiteral("IPPrefixLen")).toInt()},
        {QStringLiteral("Gateway"), first.value(QStringLiteral("Gateway")).toString()},
        {QStringLiteral("MacAddress"), first.value(QStringLiteral("MacAddress")).toString()},
    };
}

QString networkMode(const QJsonObject &spec, const QString &namespaceMode)
{
    const QStringList networks = specNetworks(spec);
    return networks.isEmpty() ? namespaceMode : networks.first();
}

std::optional<QString> portLines(const QList<QVariantMap> &ports, const QString &container,
                                 const QString &filter, QString *error)
{
    QString wanted = filter;
    if (!wanted.isEmpty()) {
        const QStringList parts = wanted.split(QLatin1Char('/'));
        bool ok = false;
        const uint number = parts[0].toUInt(&ok);
        if (!ok || number == 0 || number > 65535 || parts.size() > 2 ||
            (parts.size() == 2 && parts[1] != QLatin1String("tcp") &&
             parts[1] != QLatin1String("udp"))) {
            *error = QStringLiteral("Error: invalid port \"%1\": expected PRIVATE_PORT[/tcp|udp]")
                         .arg(filter);
            return std::nullopt;
        }
        wanted = QStringLiteral("%1/%2").arg(number).arg(parts.value(1, QStringLiteral("tcp")));
    }
    QList<QVariantMap> sorted = ports;
    std::stable_sort(sorted.begin(), sorted.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("ContainerPort")).toUInt() <
               b.value(QStringLiteral("ContainerPort")).toUInt();
    });
    QString out;
    for (const QVariantMap &port : sorted) {
        const QString host = hostIpOf(port) + QLatin1Char(':') +
                             QString::number(port.value(QStringLiteral("HostPort")).toUInt());
        if (wanted.isEmpty())
            out += portKey(port) + QStringLiteral(" -> ") + host + QLatin1Char('\n');
        else if (portKey(port) == wanted)
            out += host + QLatin1Char('\n');
    }
    if (!wanted.isEmpty() && out.isEmpty()) {
        *error =
            QStringLiteral("Error: No public port '%1' published for %2").arg(wanted, container);
        return std::nullopt;
    }
    return out;
}

} // namespace hako::cli
