#include "network_options.h"

#include "network.h"
#include "spec_builder.h"

#include <QRegularExpression>

namespace hako::cli
{

namespace
{

FlagDef flag(const char *name, char shorthand, FlagKind kind, const char *help)
{
    return FlagDef{QLatin1String(name), shorthand ? QChar(QLatin1Char(shorthand)) : QChar(), kind,
                   QLatin1String(help), QString()};
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// Docker's wording for a flag's bad value; `flagName` as its usage shows it ("-p, --publish").
QString invalid(const QString &value, const char *flagName, const QString &why)
{
    return QStringLiteral("invalid argument \"%1\" for \"%2\" flag: %3")
        .arg(value, QLatin1String(flagName), why);
}

// --network's value: the networks it names (none for none, host and container:NAME).
QStringList networksOf(const QString &mode)
{
    if (mode == QLatin1String("bridge") || mode == QLatin1String("default"))
        return {
            QString::fromLatin1(kDefaultNetworkName.data(), qsizetype(kDefaultNetworkName.size()))};
    if (mode == QLatin1String("none") || mode == QLatin1String("host") ||
        mode.startsWith(QLatin1String("container:")))
        return {};
    return {mode};
}

std::optional<ExtraHost> parseExtraHost(const QString &text, QString *why)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? QString() : text.left(colon);
    if (name.isEmpty() || name.contains(QRegularExpression(QStringLiteral("\\s")))) {
        *why = QStringLiteral("expected NAME:IP");
        return std::nullopt;
    }
    const auto address = parseIpv4(text.mid(colon + 1).toStdString());
    if (!address) {
        *why = QStringLiteral("\"%1\" is not an IPv4 address").arg(text.mid(colon + 1));
        return std::nullopt;
    }
    return ExtraHost{name.toStdString(), *address};
}

// Each value of a list flag through `check` (empty: fine, else why not).
template <typename Check>
bool checkEach(const QStringList &values, const char *flagName, Check check, QString *error)
{
    for (const QString &value : values) {
        const QString why = check(value);
        if (!why.isEmpty()) {
            *error = invalid(value, flagName, why);
            return false;
        }
    }
    return true;
}

QString portProblem(const QString &value)
{
    std::string why;
    if (parsePortMapping(value.toStdString(), &why))
        return QString();
    // Core's text starts with the value, which Docker's wording already quotes.
    const QString text = fromStd(why);
    const QString prefix = QLatin1Char('"') + value + QStringLiteral("\": ");
    return text.startsWith(prefix) ? text.mid(prefix.size()) : text;
}

QString addressProblem(const QString &value)
{
    return parseIpv4(value.toStdString()) ? QString() : QStringLiteral("not an IPv4 address");
}

QString hostProblem(const QString &value)
{
    QString why;
    return parseExtraHost(value, &why) ? QString() : why;
}

QString wordProblem(const QString &value)
{
    return value.isEmpty() || value.contains(QRegularExpression(QStringLiteral("\\s")))
               ? QStringLiteral("must be one word")
               : QString();
}

bool checkValues(const NetworkOptions &options, QString *error)
{
    if (!checkEach(options.publish, "-p, --publish", portProblem, error) ||
        !checkEach(options.dns, "--dns", addressProblem, error) ||
        !checkEach(options.dnsSearch, "--dns-search", wordProblem, error) ||
        !checkEach(options.dnsOptions, "--dns-option", wordProblem, error) ||
        !checkEach(options.addHosts, "--add-host", hostProblem, error))
        return false;
    if (!options.macAddress.isEmpty() && !isValidMacAddress(options.macAddress.toStdString())) {
        *error = invalid(options.macAddress, "--mac-address",
                         QStringLiteral("not a unicast MAC address (xx:xx:xx:xx:xx:xx)"));
        return false;
    }
    if (!options.ipAddress.isEmpty() && !addressProblem(options.ipAddress).isEmpty()) {
        *error = invalid(options.ipAddress, "--ip", addressProblem(options.ipAddress));
        return false;
    }
    return true;
}

// Without a Hako network there is no interface to publish on, address or name.
bool checkNeedsNetwork(const NetworkOptions &options, QString *error)
{
    if (!options.networks.isEmpty())
        return true;
    const std::pair<const char *, bool> asked[] = {
        {"--publish: published ports need", !options.publish.isEmpty()},
        {"--dns: DNS servers need", !options.dns.isEmpty()},
        {"--dns-search: DNS search domains need", !options.dnsSearch.isEmpty()},
        {"--dns-option: DNS options need", !options.dnsOptions.isEmpty()},
        {"--add-host: extra hosts need", !options.addHosts.isEmpty()},
        {"--mac-address: a MAC address needs", !options.macAddress.isEmpty()},
        {"--ip: an IP address needs", !options.ipAddress.isEmpty()},
    };
    for (const auto &[what, given] : asked) {
        if (!given)
            continue;
        *error = QStringLiteral("%1 a bridge network (--network %2)")
                     .arg(QLatin1String(what), options.mode);
        return false;
    }
    return true;
}

} // namespace

QList<FlagDef> networkFlagDefs()
{
    return {
        flag("add-host", 0, FlagKind::List, "Add a custom host-to-IP mapping (host:ip)"),
        flag("dns", 0, FlagKind::List, "Set custom DNS servers"),
        flag("dns-option", 0, FlagKind::List, "Set DNS options"),
        flag("dns-search", 0, FlagKind::List, "Set custom DNS search domains"),
        flag("ip", 0, FlagKind::String, "IPv4 address (e.g., 172.30.100.104)"),
        flag("mac-address", 0, FlagKind::String, "Container MAC address (e.g., 92:d0:c6:0a:29:33)"),
        flag("publish", 'p', FlagKind::List,
             "Publish a container's port(s) to the host ([ip:]hostPort:containerPort[/proto])"),
    };
}

bool isNetworkName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"));
    return pattern.match(name).hasMatch();
}

std::optional<NetworkOptions> networkOptionsFromArgs(const ParsedArgs &args, QString *error)
{
    NetworkOptions options;
    // --network wins over its alias --net, as namespaceChoicesFromArgs reads them.
    const QString name =
        args.isSet(QStringLiteral("network")) ? QStringLiteral("network") : QStringLiteral("net");
    options.mode = args.isSet(name) ? args.value(name) : QStringLiteral("bridge");
    options.networks = networksOf(options.mode);
    if (!options.networks.isEmpty() && !isNetworkName(options.networks.first())) {
        *error = invalid(options.mode, "--network", QStringLiteral("not a network name"));
        return std::nullopt;
    }
    options.publish = args.values(QStringLiteral("publish"));
    options.dns = args.values(QStringLiteral("dns"));
    options.dnsSearch = args.values(QStringLiteral("dns-search"));
    options.dnsOptions = args.values(QStringLiteral("dns-option"));
    options.addHosts = args.values(QStringLiteral("add-host"));
    options.macAddress = args.value(QStringLiteral("mac-address"));
    options.ipAddress = args.value(QStringLiteral("ip"));
    if (!checkValues(options, error) || !checkNeedsNetwork(options, error))
        return std::nullopt;
    return options;
}

void applyNetworkOptions(const NetworkOptions &options, Spec &spec, QList<SpecProblem> *problems)
{
    // The annotation's path, as core's validation names it; `message` names the value.
    const auto problem = [&](std::string_view annotation, const QString &value,
                             const QString &message) {
        problems->append(SpecProblem{
            QStringLiteral("annotations[\"%1\"]")
                .arg(QString::fromLatin1(annotation.data(), qsizetype(annotation.size()))),
            message, value});
    };
    const auto quoted = [](const QString &value, const QString &why) {
        return QStringLiteral("\"%1\": %2").arg(value, why);
    };
    NetworkSettings settings;
    for (const QString &network : options.networks)
        settings.networks.push_back(network.toStdString());
    for (const QString &text : options.publish) {
        std::string why;
        if (const auto mapping = parsePortMapping(text.toStdString(), &why))
            settings.ports.push_back(*mapping);
        else
            problem(kPublishAnnotation, text, fromStd(why)); // core's text quotes the value
    }
    for (const QString &text : options.addHosts) {
        QString why;
        if (const auto host = parseExtraHost(text, &why))
            settings.extraHosts.push_back(*host);
        else
            problem(kExtraHostsAnnotation, text, quoted(text, why));
    }
    for (const QString &server : options.dns)
        settings.dns.push_back(server.toStdString());
    for (const QString &domain : options.dnsSearch)
        settings.dnsSearch.push_back(domain.toStdString());
    for (const QString &option : options.dnsOptions)
        settings.dnsOptions.push_back(option.toStdString());
    settings.macAddress = options.macAddress.toStdString();
    if (!options.ipAddress.isEmpty()) {
        settings.ipAddress = parseIpv4(options.ipAddress.toStdString());
        if (!settings.ipAddress)
            problem(kIpAddressAnnotation, options.ipAddress,
                    quoted(options.ipAddress, QStringLiteral("not an IPv4 address")));
    }
    setNetworkSettings(spec, settings);
}

} // namespace hako::cli
