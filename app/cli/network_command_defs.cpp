// The network commands' flags and usage (docker's): the group `network` and `port`.
#include "command_defs.h"
#include "network_views.h"

#include "network.h"

#include <algorithm>

namespace hako::cli
{

namespace
{

FlagDef flag(const char *name, char shorthand, FlagKind kind, const char *help,
             const char *def = "")
{
    return FlagDef{QLatin1String(name), shorthand ? QChar(QLatin1Char(shorthand)) : QChar(), kind,
                   QLatin1String(help), QLatin1String(def)};
}

CommandDef def(const char *name, const char *usage, const char *summary, QList<FlagDef> flags,
               int minArgs, int maxArgs)
{
    return CommandDef{QLatin1String(name),
                      QLatin1String(usage),
                      QLatin1String(summary),
                      std::move(flags),
                      true,
                      minArgs,
                      maxArgs};
}

CommandDef createDef()
{
    CommandDef create =
        def("network create", "[OPTIONS] NETWORK", "Create a network",
            {flag("driver", 'd', FlagKind::String, "Driver to manage the Network", "bridge"),
             flag("gateway", 0, FlagKind::String, "IPv4 Gateway for the master subnet"),
             flag("internal", 0, FlagKind::Bool, "Restrict external access to the network"),
             flag("label", 0, FlagKind::List, "Set metadata on a network"),
             flag("opt", 'o', FlagKind::List, "Set driver specific options"),
             flag("subnet", 0, FlagKind::String,
                  "Subnet in CIDR format that represents a network segment")},
            1, 1);
    create.description = QStringLiteral(
        "Driver options (-o): com.docker.network.bridge.enable_icc=true|false (whether the\n"
        "containers on it may reach each other), com.docker.network.driver.mtu=BYTES.");
    return create;
}

QString invalid(const QString &value, const char *flagName, const QString &why)
{
    return QStringLiteral("invalid argument \"%1\" for \"%2\" flag: %3")
        .arg(value, QLatin1String(flagName), why);
}

// One -o/--opt KEY=VALUE into `options`: the bridge driver's options Hako honours.
bool applyDriverOption(const QString &option, QVariantMap &options, QString *error)
{
    const QString key = option.section(QLatin1Char('='), 0, 0);
    const QString value = option.section(QLatin1Char('='), 1);
    if (key == QLatin1String("com.docker.network.bridge.enable_icc")) {
        if (value != QLatin1String("true") && value != QLatin1String("false")) {
            *error = invalid(option, "-o, --opt", QStringLiteral("enable_icc takes true or false"));
            return false;
        }
        options.insert(QStringLiteral("Icc"), value == QLatin1String("true"));
        return true;
    }
    if (key == QLatin1String("com.docker.network.driver.mtu")) {
        bool ok = false;
        const int mtu = value.toInt(&ok);
        if (!ok || mtu < 68 || mtu > 65535) {
            *error = invalid(option, "-o, --opt",
                             QStringLiteral("the MTU is a number of bytes (68-65535)"));
            return false;
        }
        options.insert(QStringLiteral("Mtu"), mtu);
        return true;
    }
    *error = invalid(
        option, "-o, --opt",
        QStringLiteral("unsupported option (Hako's bridge driver takes "
                       "com.docker.network.bridge.enable_icc and com.docker.network.driver.mtu)"));
    return false;
}

bool checkAddresses(const QString &subnetText, const QString &gatewayText, QString *error)
{
    std::optional<Ipv4Subnet> subnet;
    if (!subnetText.isEmpty()) {
        std::string why;
        subnet = parseSubnet(subnetText.toStdString(), &why);
        if (!subnet) {
            *error = invalid(subnetText, "--subnet", QString::fromStdString(why));
            return false;
        }
    }
    if (gatewayText.isEmpty())
        return true;
    const auto gateway = parseIpv4(gatewayText.toStdString());
    if (!gateway) {
        *error = invalid(gatewayText, "--gateway", QStringLiteral("not an IPv4 address"));
        return false;
    }
    if (!subnet) {
        *error = QStringLiteral("--gateway %1: a gateway needs a --subnet").arg(gatewayText);
        return false;
    }
    if (!subnet->contains(*gateway)) {
        *error = QStringLiteral("no matching subnet for gateway %1 (--subnet %2)")
                     .arg(gatewayText, subnetText);
        return false;
    }
    return true;
}

} // namespace

std::optional<QVariantMap> networkCreateOptions(const ParsedArgs &args, QString *error)
{
    const QString driver = args.value(QStringLiteral("driver"));
    if (driver != QLatin1String("bridge")) {
        *error = invalid(driver, "-d, --driver", QStringLiteral("Hako has the bridge driver only"));
        return std::nullopt;
    }
    const QString subnet = args.value(QStringLiteral("subnet"));
    const QString gateway = args.value(QStringLiteral("gateway"));
    if (!checkAddresses(subnet, gateway, error))
        return std::nullopt;
    QVariantMap options;
    if (!subnet.isEmpty())
        options.insert(QStringLiteral("Subnet"), subnet);
    if (!gateway.isEmpty())
        options.insert(QStringLiteral("Gateway"), gateway);
    if (args.boolean(QStringLiteral("internal")))
        options.insert(QStringLiteral("Internal"), true);
    for (const QString &option : args.values(QStringLiteral("opt")))
        if (!applyDriverOption(option, options, error))
            return std::nullopt;
    // a{ss} on the wire: the helper reads the labels as strings.
    QMap<QString, QString> labels;
    for (const QString &label : args.values(QStringLiteral("label")))
        labels.insert(label.section(QLatin1Char('='), 0, 0), label.section(QLatin1Char('='), 1));
    if (!labels.isEmpty())
        options.insert(QStringLiteral("Labels"), QVariant::fromValue(labels));
    return options;
}

QList<CommandDef> networkCommandDefs()
{
    const FlagDef format =
        flag("format", 'f', FlagKind::String, "Format output using a Go template");
    QList<CommandDef> defs = {
        def("network ls", "[OPTIONS]", "List networks",
            {flag("format", 0, FlagKind::String, "Format output using a Go template"),
             flag("no-trunc", 0, FlagKind::Bool, "Do not truncate the output"),
             flag("quiet", 'q', FlagKind::Bool, "Only display network IDs")},
            0, 0),
        createDef(),
        def("network rm", "[OPTIONS] NETWORK [NETWORK...]", "Remove one or more networks",
            {flag("force", 'f', FlagKind::Bool, "Do not error if the network does not exist")}, 1,
            -1),
        def("network inspect", "[OPTIONS] NETWORK [NETWORK...]",
            "Display detailed information on one or more networks", {format}, 1, -1),
        def("network connect", "[OPTIONS] NETWORK CONTAINER", "Connect a container to a network",
            {flag("ip", 0, FlagKind::String, "IPv4 address (e.g., \"172.30.100.104\")")}, 2, 2),
        def("network disconnect", "[OPTIONS] NETWORK CONTAINER",
            "Disconnect a container from a network",
            {flag("force", 'f', FlagKind::Bool,
                  "Force the container to disconnect from a network")},
            2, 2),
        def("port", "CONTAINER [PRIVATE_PORT[/PROTO]]",
            "List port mappings or a specific mapping for the container", {}, 1, 2),
    };
    // docker's aliases (aliasTarget maps them back; listed after their target for groupHelp).
    const std::pair<const char *, const char *> aliases[] = {{"network ls", "network list"},
                                                             {"network rm", "network remove"}};
    for (const auto &[target, alias] : aliases) {
        CommandDef copy =
            *std::find_if(defs.begin(), defs.end(), [target](const CommandDef &command) {
                return command.name == QLatin1String(target);
            });
        copy.name = QLatin1String(alias);
        defs.append(copy);
    }
    return defs;
}

} // namespace hako::cli
