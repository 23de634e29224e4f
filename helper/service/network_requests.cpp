#include "network_requests.h"

#include "option_checks.h"

#include <QDBusArgument>
#include <QDBusMetaType>
#include <QStringList>

namespace hako::helper
{

namespace
{

constexpr int kMinMtu = 68; // the least an IPv4 link must carry (RFC 791)
constexpr int kMaxMtu = 65535;

template <typename T>
std::optional<Failure> option(const QVariantMap &options, const QString &key, const char *signature,
                              T &out)
{
    if (!options.contains(key))
        return std::nullopt;
    const QVariant value = options.value(key);
    if (value.metaType() != QMetaType::fromType<T>())
        return invalidArgument(
            QStringLiteral("options: %1 must be of type %2").arg(key, signature));
    out = value.value<T>();
    return std::nullopt;
}

std::optional<Failure> labelsOption(const QVariantMap &options,
                                    std::map<std::string, std::string> &labels)
{
    if (!options.contains("Labels"))
        return std::nullopt;
    const QVariant value = options.value("Labels");
    // An a{ss} arrives unconverted, as a QDBusArgument of that signature.
    if (value.metaType() != QMetaType::fromType<QDBusArgument>() ||
        value.value<QDBusArgument>().currentSignature() != QLatin1String("a{ss}"))
        return invalidArgument("options: Labels must be a map of strings (a{ss})");
    const auto map = qdbus_cast<QMap<QString, QString>>(value);
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it.key().isEmpty())
            return invalidArgument("options: Labels: a label needs a name");
        labels[it.key().toStdString()] = it.value().toStdString();
    }
    return std::nullopt;
}

} // namespace

bool isPseudoNetwork(const QString &name)
{
    return name == QLatin1String("host") || name == QLatin1String("none");
}

std::optional<Failure> checkNetworkName(const QString &name)
{
    if (name.isEmpty())
        return invalidArgument("name: a network name is needed");
    if (isPseudoNetwork(name) || name == QLatin1String(kDefaultNetworkName.data()))
        return Failure{
            errors::NetworkExists,
            QStringLiteral("network with name %1 already exists (it is predefined)").arg(name)};
    if (name.size() > 255 || !isValidNetworkName(name.toStdString()))
        return invalidArgument(
            QStringLiteral("name: \"%1\" is not a network name ([a-zA-Z0-9][a-zA-Z0-9_.-]*, "
                           "at most 255 characters)")
                .arg(name));
    return std::nullopt;
}

std::variant<NetworkCreateOptions, Failure> parseNetworkCreateOptions(const QVariantMap &options)
{
    if (auto failure = checkOptionKeys(
            options, {"Subnet", "Gateway", "Internal", "Icc", "Mtu", "Labels"}, "CreateNetwork"))
        return *failure;
    NetworkCreateOptions out;
    QString subnet, gateway;
    for (auto failure :
         {option(options, "Subnet", "s", subnet), option(options, "Gateway", "s", gateway),
          option(options, "Internal", "b", out.internal), option(options, "Icc", "b", out.icc),
          option(options, "Mtu", "i", out.mtu), labelsOption(options, out.labels)})
        if (failure)
            return *failure;
    std::string why;
    std::optional<Ipv4Subnet> parsed;
    if (!subnet.isEmpty() && !(parsed = parseSubnet(subnet.toStdString(), &why)))
        return invalidArgument("options: Subnet: " + QString::fromStdString(why));
    if (!gateway.isEmpty()) {
        const std::optional<Ipv4Address> address = parseIpv4(gateway.toStdString());
        if (!address)
            return invalidArgument(
                QStringLiteral("options: Gateway: \"%1\" is not an IPv4 address").arg(gateway));
        // As Docker: a gateway is an address of a subnet the caller chose.
        if (!parsed)
            return invalidArgument(
                QStringLiteral("options: Gateway: %1 needs a Subnet it belongs to").arg(gateway));
        if (!parsed->contains(*address))
            return invalidArgument(QStringLiteral("options: Gateway: %1 is not in the subnet %2")
                                       .arg(gateway, subnet));
    }
    if (out.mtu != 0 && (out.mtu < kMinMtu || out.mtu > kMaxMtu))
        return invalidArgument(QStringLiteral("options: Mtu: %1 is outside %2..%3 (0: the host's)")
                                   .arg(out.mtu)
                                   .arg(kMinMtu)
                                   .arg(kMaxMtu));
    out.subnet = subnet.toStdString();
    out.gateway = gateway.toStdString();
    return out;
}

std::variant<ConnectOptions, Failure> parseConnectOptions(const QVariantMap &options)
{
    if (auto failure = checkOptionKeys(options, {"IPv4Address"}, "ConnectNetwork"))
        return *failure;
    QString text;
    if (auto failure = option(options, "IPv4Address", "s", text))
        return *failure;
    ConnectOptions out;
    if (text.isEmpty())
        return out;
    out.ipAddress = parseIpv4(text.toStdString());
    if (!out.ipAddress)
        return invalidArgument(
            QStringLiteral("options: IPv4Address: \"%1\" is not an IPv4 address").arg(text));
    return out;
}

} // namespace hako::helper
