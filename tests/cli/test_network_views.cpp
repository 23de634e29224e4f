// hakoctl's networking without a bus: run/create's network flags (Docker's forms, the errors
// naming flag and value) and the annotations they become; network ls/inspect, inspect's
// NetworkSettings and port in Docker's formats; network create's options; --help.
#include "command_defs.h"
#include "network_views.h"
#include "spec_builder.h"
#include "views.h"

#include "network.h"
#include "spec.h"

#include "qt_print.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace hako::cli;

namespace
{

std::optional<ParsedArgs> parse(const char *command, const char *line, QString *error)
{
    const QStringList words = QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return FlagParser(*findCommandDef(QLatin1String(command))).parse(words, error);
}

std::optional<NetworkOptions> runFlags(const char *line, QString *error)
{
    const auto args = parse("run", line, error);
    return args ? networkOptionsFromArgs(*args, error) : std::nullopt;
}

std::optional<QString> noEnv(const QString &)
{
    return std::nullopt;
}

// The spec the options build, as the helper will parse it.
hako::Spec built(const NetworkOptions &network)
{
    ContainerOptions options;
    options.network = network;
    QString error;
    const auto json = buildSpecJson(options, noEnv, &error);
    EXPECT_TRUE(json) << error.toStdString();
    const auto parsed = hako::parseSpec(json.value_or("{}"), hako::ValidateMode::FromImage);
    EXPECT_TRUE(parsed.ok()) << parsed.errorText();
    return parsed.spec.value_or(hako::Spec{});
}

QString runError(const char *line)
{
    QString error;
    EXPECT_FALSE(runFlags(line, &error)) << line;
    return error;
}

QVariantMap endpoint(const char *network, const char *ip)
{
    return {{QStringLiteral("NetworkId"), QStringLiteral("abc123")},
            {QStringLiteral("NetworkName"), QLatin1String(network)},
            {QStringLiteral("IPAddress"), QLatin1String(ip)},
            {QStringLiteral("IPPrefixLen"), 16},
            {QStringLiteral("Gateway"), QStringLiteral("10.89.0.1")},
            {QStringLiteral("MacAddress"), QStringLiteral("02:42:0a:59:00:02")}};
}

QVariantMap port(const char *hostIp, uint hostPort, uint containerPort,
                 const char *protocol = "tcp")
{
    return {{QStringLiteral("HostIp"), QLatin1String(hostIp)},
            {QStringLiteral("HostPort"), hostPort},
            {QStringLiteral("ContainerPort"), containerPort},
            {QStringLiteral("Protocol"), QLatin1String(protocol)}};
}

} // namespace

TEST(NetworkFlags, BridgeIsTheDefault)
{
    QString error;
    const auto absent = runFlags("busybox", &error);
    ASSERT_TRUE(absent) << error.toStdString();
    EXPECT_EQ(absent->networks, QStringList{QStringLiteral("bridge")});
    EXPECT_EQ(built(*absent).annotations.at("org.hako.network"), "bridge");
    for (const char *line :
         {"--network none busybox", "--network host busybox", "--net container:web busybox"}) {
        const auto options = runFlags(line, &error);
        ASSERT_TRUE(options) << line << ": " << error.toStdString();
        EXPECT_TRUE(options->networks.isEmpty()) << line;
    }
    EXPECT_EQ(runFlags("--network default busybox", &error)->networks,
              QStringList{QStringLiteral("bridge")});
    EXPECT_FALSE(built(*runFlags("--network none busybox", &error))
                     .annotations.contains("org.hako.network"));
}

TEST(NetworkFlags, EveryFlagReachesTheAnnotations)
{
    QString error;
    const auto options =
        runFlags("--network mynet -p 8080:80 -p 127.0.0.1:18081:8080/udp --dns 10.89.0.53 "
                 "--dns-search example.org --dns-option ndots:2 --add-host db:10.89.0.5 "
                 "--mac-address 02:42:0a:59:00:09 --ip 10.89.0.9 busybox",
                 &error);
    ASSERT_TRUE(options) << error.toStdString();
    std::vector<hako::SpecIssue> issues;
    const hako::NetworkSettings settings = hako::networkSettings(built(*options), &issues);
    EXPECT_TRUE(issues.empty());
    EXPECT_EQ(settings.networks, std::vector<std::string>{"mynet"});
    ASSERT_EQ(settings.ports.size(), 2u);
    EXPECT_EQ(settings.ports[0], (hako::PortMapping{"", 8080, 80, "tcp"}));
    EXPECT_EQ(settings.ports[1], (hako::PortMapping{"127.0.0.1", 18081, 8080, "udp"}));
    EXPECT_EQ(settings.dns, std::vector<std::string>{"10.89.0.53"});
    EXPECT_EQ(settings.dnsSearch, std::vector<std::string>{"example.org"});
    EXPECT_EQ(settings.dnsOptions, std::vector<std::string>{"ndots:2"});
    ASSERT_EQ(settings.extraHosts.size(), 1u);
    EXPECT_EQ(settings.extraHosts[0].name, "db");
    EXPECT_EQ(hako::formatIpv4(settings.extraHosts[0].address), "10.89.0.5");
    EXPECT_EQ(settings.macAddress, "02:42:0a:59:00:09");
    ASSERT_TRUE(settings.ipAddress);
    EXPECT_EQ(hako::formatIpv4(*settings.ipAddress), "10.89.0.9");
}

TEST(NetworkFlags, BadValuesNameTheFlagAndValue)
{
    EXPECT_EQ(runError("-p 80:x busybox"),
              QStringLiteral("invalid argument \"80:x\" for \"-p, --publish\" flag: "
                             "container port \"x\" is not a port number (1-65535)"));
    EXPECT_TRUE(runError("-p 99999:80 busybox").contains(QStringLiteral("99999")))
        << runError("-p 99999:80 busybox").toStdString();
    EXPECT_EQ(runError("--network none -p 8080:80 busybox"),
              QStringLiteral("--publish: published ports need a bridge network (--network none)"));
    EXPECT_EQ(runError("--network host --dns 10.89.0.53 busybox"),
              QStringLiteral("--dns: DNS servers need a bridge network (--network host)"));
    EXPECT_EQ(
        runError("--dns 10.89.0 busybox"),
        QStringLiteral("invalid argument \"10.89.0\" for \"--dns\" flag: not an IPv4 address"));
    EXPECT_EQ(runError("--add-host db busybox"),
              QStringLiteral("invalid argument \"db\" for \"--add-host\" flag: expected NAME:IP"));
    EXPECT_TRUE(runError("--add-host db:nowhere busybox")
                    .contains(QStringLiteral("\"nowhere\" is not an IPv4 address")));
    EXPECT_TRUE(runError("--mac-address 01:00:5e:00:00:01 busybox")
                    .startsWith(QStringLiteral(
                        "invalid argument \"01:00:5e:00:00:01\" for \"--mac-address\" flag")));
    EXPECT_EQ(
        runError("--ip 10.89.0.300 busybox"),
        QStringLiteral("invalid argument \"10.89.0.300\" for \"--ip\" flag: not an IPv4 address"));
    EXPECT_TRUE(runError("--network bad/name busybox").contains(QStringLiteral("bad/name")))
        << runError("--network bad/name busybox").toStdString();
}

TEST(NetworkFlags, FormValuesAreProblemsOfTheirAnnotation)
{
    ContainerOptions options;
    options.network.networks = {QStringLiteral("bridge")};
    options.network.publish = {QStringLiteral("8080:80"), QStringLiteral("80:x")};
    options.network.addHosts = {QStringLiteral("nohost")};
    const BuiltSpec spec = buildSpec(options, noEnv);
    EXPECT_FALSE(spec.json);
    ASSERT_GE(spec.problems.size(), 2);
    EXPECT_EQ(spec.problems[0].path, QStringLiteral("annotations[\"org.hako.network.publish\"]"));
    EXPECT_EQ(spec.problems[0].value, QStringLiteral("80:x"));
    EXPECT_TRUE(spec.problems[0].message.contains(QStringLiteral("container port \"x\"")))
        << spec.problems[0].message.toStdString();
    EXPECT_EQ(spec.problems[1].path,
              QStringLiteral("annotations[\"org.hako.network.extra-hosts\"]"));
    EXPECT_EQ(spec.problems[1].message, QStringLiteral("\"nohost\": expected NAME:IP"));
}

TEST(NetworkViews, LsRowsInDockersTable)
{
    const QString id =
        QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    const QList<QVariantMap> networks = {
        {{QStringLiteral("Id"), id},
         {QStringLiteral("Name"), QStringLiteral("bridge")},
         {QStringLiteral("Driver"), QStringLiteral("bridge")}},
        {{QStringLiteral("Id"), QStringLiteral("fedcba9876543210")},
         {QStringLiteral("Name"), QStringLiteral("none")},
         {QStringLiteral("Driver"), QStringLiteral("null")}},
    };
    QList<QJsonObject> rows;
    for (const QVariantMap &network : networks)
        rows.append(networkRow(network, false));
    QString error;
    const auto table = renderRows(defaultNetworksFormat(), networkHeaders(), rows, &error);
    ASSERT_TRUE(table) << error.toStdString();
    EXPECT_EQ(*table, QStringLiteral("NETWORK ID     NAME      DRIVER    SCOPE\n"
                                     "0123456789ab   bridge    bridge    local\n"
                                     "fedcba987654   none      null      local\n"));
    EXPECT_EQ(networkRow(networks[0], true).value(QStringLiteral("ID")).toString(), id);
    EXPECT_EQ(*renderRows(QStringLiteral("{{.Name}}:{{.Driver}}"), networkHeaders(), rows, &error),
              QStringLiteral("bridge:bridge\nnone:null\n"));
}

TEST(NetworkViews, InspectIsDockerShaped)
{
    const QVariantMap network = {
        {QStringLiteral("Id"), QStringLiteral("abc")},
        {QStringLiteral("Name"), QStringLiteral("mynet")},
        {QStringLiteral("Driver"), QStringLiteral("bridge")},
        {QStringLiteral("Subnet"), QStringLiteral("10.89.0.0/24")},
        {QStringLiteral("Gateway"), QStringLiteral("10.89.0.1")},
        {QStringLiteral("Bridge"), QStringLiteral("hk-abc")},
        {QStringLiteral("Internal"), true},
        {QStringLiteral("Icc"), false},
        {QStringLiteral("Labels"), QVariantMap{{QStringLiteral("env"), QStringLiteral("test")}}},
        {QStringLiteral("Endpoints"),
         QVariantList{
             QVariantMap{{QStringLiteral("ContainerId"), QStringLiteral("c1")},
                         {QStringLiteral("ContainerName"), QStringLiteral("web")},
                         {QStringLiteral("IPv4Address"), QStringLiteral("10.89.0.2/24")},
                         {QStringLiteral("MacAddress"), QStringLiteral("02:42:0a:59:00:02")}}}},
    };
    const QJsonObject object = networkInspectObject(network);
    EXPECT_EQ(object.value(QStringLiteral("Scope")).toString(), QStringLiteral("local"));
    EXPECT_TRUE(object.value(QStringLiteral("Internal")).toBool());
    const QJsonObject config = object.value(QStringLiteral("IPAM"))
                                   .toObject()
                                   .value(QStringLiteral("Config"))
                                   .toArray()
                                   .at(0)
                                   .toObject();
    EXPECT_EQ(config.value(QStringLiteral("Subnet")).toString(), QStringLiteral("10.89.0.0/24"));
    EXPECT_EQ(config.value(QStringLiteral("Gateway")).toString(), QStringLiteral("10.89.0.1"));
    const QJsonObject options = object.value(QStringLiteral("Options")).toObject();
    EXPECT_EQ(options.value(QStringLiteral("com.docker.network.bridge.enable_icc")).toString(),
              QStringLiteral("false"));
    EXPECT_EQ(options.value(QStringLiteral("com.docker.network.bridge.name")).toString(),
              QStringLiteral("hk-abc"));
    const QJsonObject web = object.value(QStringLiteral("Containers"))
                                .toObject()
                                .value(QStringLiteral("c1"))
                                .toObject();
    EXPECT_EQ(web.value(QStringLiteral("Name")).toString(), QStringLiteral("web"));
    EXPECT_EQ(web.value(QStringLiteral("IPv4Address")).toString(), QStringLiteral("10.89.0.2/24"));
    EXPECT_EQ(
        object.value(QStringLiteral("Labels")).toObject().value(QStringLiteral("env")).toString(),
        QStringLiteral("test"));
}

TEST(NetworkViews, ContainerInspectHasNetworkSettings)
{
    QString error;
    ContainerOptions options;
    options.network = *runFlags(
        "--network mynet -p 127.0.0.1:18081:80 --dns 10.89.0.53 --add-host db:10.89.0.5 busybox",
        &error);
    const QVariantMap container = {
        {QStringLiteral("Spec"), QString::fromStdString(*buildSpecJson(options, noEnv, &error))},
        {QStringLiteral("Endpoints"), QVariantList{endpoint("mynet", "10.89.0.2")}},
        {QStringLiteral("Ports"), QVariantList{port("", 8080, 80), port("127.0.0.1", 18081, 80)}},
    };
    const QJsonObject inspected = inspectObject(container);
    const QJsonObject settings = inspected.value(QStringLiteral("NetworkSettings")).toObject();
    EXPECT_EQ(settings.value(QStringLiteral("IPAddress")).toString(), QStringLiteral("10.89.0.2"));
    EXPECT_EQ(settings.value(QStringLiteral("Gateway")).toString(), QStringLiteral("10.89.0.1"));
    EXPECT_EQ(settings.value(QStringLiteral("IPPrefixLen")).toInt(), 16);
    const QJsonObject mynet = settings.value(QStringLiteral("Networks"))
                                  .toObject()
                                  .value(QStringLiteral("mynet"))
                                  .toObject();
    EXPECT_EQ(mynet.value(QStringLiteral("NetworkID")).toString(), QStringLiteral("abc123"));
    EXPECT_EQ(mynet.value(QStringLiteral("MacAddress")).toString(),
              QStringLiteral("02:42:0a:59:00:02"));
    const QJsonArray bindings = settings.value(QStringLiteral("Ports"))
                                    .toObject()
                                    .value(QStringLiteral("80/tcp"))
                                    .toArray();
    ASSERT_EQ(bindings.size(), 2);
    EXPECT_EQ(bindings[0].toObject().value(QStringLiteral("HostIp")).toString(),
              QStringLiteral("0.0.0.0"));
    EXPECT_EQ(bindings[0].toObject().value(QStringLiteral("HostPort")).toString(),
              QStringLiteral("8080"));
    EXPECT_EQ(bindings[1].toObject().value(QStringLiteral("HostIp")).toString(),
              QStringLiteral("127.0.0.1"));
    EXPECT_EQ(inspected.value(QStringLiteral("HostConfig"))
                  .toObject()
                  .value(QStringLiteral("NetworkMode"))
                  .toString(),
              QStringLiteral("mynet"));
    const QJsonObject host = inspected.value(QStringLiteral("HostConfig")).toObject();
    EXPECT_EQ(QJsonDocument(host.value(QStringLiteral("PortBindings")).toObject())
                  .toJson(QJsonDocument::Compact),
              QByteArray(R"({"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"18081"}]})"));
    EXPECT_EQ(host.value(QStringLiteral("Dns")).toArray(),
              QJsonArray{QStringLiteral("10.89.0.53")});
    EXPECT_EQ(host.value(QStringLiteral("ExtraHosts")).toArray(),
              QJsonArray{QStringLiteral("db:10.89.0.5")});

    // Stopped: still on its network, without an address.
    QVariantMap stopped = container;
    stopped.remove(QStringLiteral("Endpoints"));
    stopped.remove(QStringLiteral("Ports"));
    const QJsonObject idle =
        inspectObject(stopped).value(QStringLiteral("NetworkSettings")).toObject();
    EXPECT_TRUE(
        idle.value(QStringLiteral("Networks")).toObject().contains(QStringLiteral("mynet")));
    EXPECT_EQ(idle.value(QStringLiteral("IPAddress")).toString(), QString());
}

TEST(NetworkViews, PortLinesAsDockerPort)
{
    const QList<QVariantMap> ports = {port("127.0.0.1", 18081, 8080), port("", 8053, 53, "udp"),
                                      port("", 8080, 80)};
    QString error;
    EXPECT_EQ(*portLines(ports, QStringLiteral("web"), QString(), &error),
              QStringLiteral(
                  "53/udp -> 0.0.0.0:8053\n80/tcp -> 0.0.0.0:8080\n8080/tcp -> 127.0.0.1:18081\n"));
    EXPECT_EQ(*portLines(ports, QStringLiteral("web"), QStringLiteral("8080"), &error),
              QStringLiteral("127.0.0.1:18081\n"));
    EXPECT_EQ(*portLines(ports, QStringLiteral("web"), QStringLiteral("53/udp"), &error),
              QStringLiteral("0.0.0.0:8053\n"));
    EXPECT_FALSE(portLines(ports, QStringLiteral("web"), QStringLiteral("53"), &error));
    EXPECT_EQ(error, QStringLiteral("Error: No public port '53/tcp' published for web"));
    EXPECT_FALSE(portLines(ports, QStringLiteral("web"), QStringLiteral("80/sctp"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("invalid port \"80/sctp\""))) << error.toStdString();
    EXPECT_EQ(*portLines({}, QStringLiteral("web"), QString(), &error), QString());
}

TEST(NetworkCreate, FlagsBecomeOptions)
{
    QString error;
    auto args = parse(
        "network create",
        "--subnet 10.89.3.0/24 --gateway 10.89.3.254 --internal "
        "-o com.docker.network.bridge.enable_icc=false --opt com.docker.network.driver.mtu=1400 "
        "--label env=test -d bridge mynet",
        &error);
    ASSERT_TRUE(args) << error.toStdString();
    const auto options = networkCreateOptions(*args, &error);
    ASSERT_TRUE(options) << error.toStdString();
    EXPECT_EQ(options->value(QStringLiteral("Subnet")).toString(), QStringLiteral("10.89.3.0/24"));
    EXPECT_EQ(options->value(QStringLiteral("Gateway")).toString(), QStringLiteral("10.89.3.254"));
    EXPECT_TRUE(options->value(QStringLiteral("Internal")).toBool());
    EXPECT_FALSE(options->value(QStringLiteral("Icc"), true).toBool());
    EXPECT_EQ(options->value(QStringLiteral("Mtu")).toInt(), 1400);
    const auto labels = options->value(QStringLiteral("Labels")).value<QMap<QString, QString>>();
    EXPECT_EQ(labels.value(QStringLiteral("env")), QStringLiteral("test"));
    EXPECT_TRUE(networkCreateOptions(*parse("network create", "plain", &error), &error)->isEmpty());
}

TEST(NetworkCreate, BadFlagsNameTheirValue)
{
    const auto failure = [](const char *line) {
        QString error;
        const auto args = parse("network create", line, &error);
        EXPECT_TRUE(args) << error.toStdString();
        EXPECT_FALSE(args && networkCreateOptions(*args, &error)) << line;
        return error;
    };
    EXPECT_TRUE(failure("--subnet 10.89.3.1/24 n")
                    .startsWith(QStringLiteral(
                        "invalid argument \"10.89.3.1/24\" for \"--subnet\" flag: ")));
    EXPECT_EQ(failure("--subnet 10.89.3.0/24 --gateway 10.89.4.1 n"),
              QStringLiteral("no matching subnet for gateway 10.89.4.1 (--subnet 10.89.3.0/24)"));
    EXPECT_TRUE(failure("-o com.docker.network.bridge.enable_icc=maybe n")
                    .contains(QStringLiteral("enable_icc=maybe")));
    EXPECT_TRUE(failure("-o com.docker.network.bridge.name=br9 n")
                    .contains(QStringLiteral("unsupported option")));
    EXPECT_TRUE(
        failure("-d overlay n")
            .startsWith(QStringLiteral("invalid argument \"overlay\" for \"-d, --driver\" flag")));
}

TEST(NetworkHelp, ListedInMainAndGroupHelp)
{
    const QString main = mainHelp();
    EXPECT_TRUE(main.contains(QStringLiteral("\n  network   Manage networks\n")))
        << main.toStdString();
    EXPECT_TRUE(main.contains(QStringLiteral("\n  port      List port mappings")))
        << main.toStdString();
    const QString group = groupHelp(QStringLiteral("network"));
    for (const char *command : {"connect", "create", "disconnect", "inspect", "ls", "rm"})
        EXPECT_TRUE(group.contains(QStringLiteral("\n  %1 ").arg(QLatin1String(command))))
            << command << group.toStdString();
    EXPECT_FALSE(group.contains(QStringLiteral("  list"))) << group.toStdString();
    EXPECT_EQ(aliasTarget(QStringLiteral("network list")), QStringLiteral("network ls"));
    const QString run = helpText(*findCommandDef(QStringLiteral("run")));
    for (const char *flag : {"--publish", "--dns-search", "--add-host", "--mac-address", "--ip "})
        EXPECT_TRUE(run.contains(QLatin1String(flag))) << flag;
}
