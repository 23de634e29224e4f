// A running container's interfaces and published ports over D-Bus: GetContainer's Endpoints
// and Ports, connect and disconnect, and the reconciliation that closes what a container left
// when it exits by itself or when the helper was killed (its successor tidies at start-up).
#include "network_fixture.h"

#include "engine.h"

#include <QDBusPendingReply>

#include <signal.h>

#include <filesystem>
#include <fstream>

namespace hako::dbustest
{
namespace
{

using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_F(NetworksTest, ARunningContainerShowsItsEndpointsAndPorts)
{
    const QVariantMap network = create("hkrun", "10.89.7.0/24");
    ASSERT_FALSE(network.isEmpty());
    const std::string id =
        runThroughApi("runweb", bridgeSpec("hkrun", {tcpPort(18080, 80)}, {"sleep", "1000"}));
    ASSERT_FALSE(id.empty());
    auto reply = proxy_->GetContainer(QString::fromStdString(id));
    reply.waitForFinished();
    ASSERT_FALSE(reply.isError()) << reply.error().message().toStdString();
    const QList<QVariantMap> endpoints = listOf(reply.value().value("Endpoints"));
    ASSERT_EQ(endpoints.size(), 1);
    const QVariantMap &endpoint = endpoints.front();
    const auto address = parseIpv4(endpoint.value("IPAddress").toString().toStdString());
    ASSERT_TRUE(address) << endpoint.value("IPAddress").toString().toStdString();
    EXPECT_TRUE((Ipv4Subnet{*parseIpv4("10.89.7.0"), 24}.contains(*address)))
        << formatIpv4(*address) << " is not in 10.89.7.0/24";
    EXPECT_EQ(endpoint.value("IPPrefixLen").toInt(), 24);
    EXPECT_EQ(endpoint.value("Gateway").toString(), "10.89.7.1");
    EXPECT_EQ(endpoint.value("NetworkName").toString(), "hkrun");
    EXPECT_EQ(endpoint.value("NetworkId").toString(), network.value("Id").toString());
    EXPECT_EQ(endpoint.value("Interface").toString(), "eth0");
    EXPECT_FALSE(endpoint.value("HostInterface").toString().isEmpty());

    const QList<QVariantMap> ports = listOf(reply.value().value("Ports"));
    ASSERT_EQ(ports.size(), 1);
    EXPECT_EQ(ports.front().value("HostPort").toUInt(), 18080u);
    EXPECT_EQ(ports.front().value("ContainerPort").toUInt(), 80u);
    EXPECT_EQ(ports.front().value("Protocol").toString(), "tcp");

    auto inspected = proxy_->GetNetwork("hkrun");
    inspected.waitForFinished();
    const QList<QVariantMap> members = listOf(inspected.value().value("Endpoints"));
    ASSERT_EQ(members.size(), 1);
    EXPECT_EQ(members.front().value("ContainerName").toString(), "runweb");
    EXPECT_TRUE(members.front().value("Running").toBool());
    EXPECT_EQ(members.front().value("IPv4Address").toString().toStdString(),
              formatIpv4(*address) + "/24");
}

TEST_F(NetworksTest, ConnectAndDisconnectARunningContainer)
{
    ASSERT_FALSE(create("hkrun", "10.89.11.0/24").isEmpty());
    ASSERT_FALSE(create("hkother", "10.89.12.0/24").isEmpty());
    const std::string id = runThroughApi("joiner", bridgeSpec("hkrun", {}, {"sleep", "1000"}));
    ASSERT_FALSE(id.empty());

    const int before = changes_.count;
    auto connected = proxy_->ConnectNetwork("hkother", "joiner", {{"IPv4Address", "10.89.12.50"}});
    ASSERT_EQ(errorName(connected), "(no error)") << connected.error().message().toStdString();
    EXPECT_TRUE(changedSince(before)) << "NetworksChanged after ConnectNetwork";
    QList<QVariantMap> endpoints = endpointsOf(id);
    ASSERT_EQ(endpoints.size(), 2);
    EXPECT_EQ(endpoints.at(1).value("NetworkName").toString(), "hkother");
    EXPECT_EQ(endpoints.at(1).value("IPAddress").toString(), "10.89.12.50");
    EXPECT_EQ(endpoints.at(1).value("Interface").toString(), "eth1");

    auto twice = proxy_->ConnectNetwork("hkother", "joiner", {});
    EXPECT_EQ(errorName(twice), "org.hako.Containers1.Error.InvalidState")
        << twice.error().message().toStdString();
    auto host = proxy_->ConnectNetwork("host", "joiner", {});
    EXPECT_EQ(errorName(host), "org.hako.Containers1.Error.InvalidState");
    auto missing = proxy_->ConnectNetwork("hknosuch", "joiner", {});
    EXPECT_EQ(errorName(missing), "org.hako.Containers1.Error.NoSuchNetwork");
    auto badAddress = proxy_->ConnectNetwork("hkother", "joiner", {{"IPv4Address", "10.89.12"}});
    EXPECT_EQ(errorName(badAddress), "org.freedesktop.DBus.Error.InvalidArgs");
    auto nobody = proxy_->ConnectNetwork("hkother", "nosuchcontainer", {});
    EXPECT_EQ(errorName(nobody), "org.hako.Containers1.Error.NoSuchContainer");

    const int beforeDisconnect = changes_.count;
    auto disconnected = proxy_->DisconnectNetwork("hkother", "joiner", false);
    ASSERT_EQ(errorName(disconnected), "(no error)")
        << disconnected.error().message().toStdString();
    EXPECT_TRUE(changedSince(beforeDisconnect)) << "NetworksChanged after DisconnectNetwork";
    endpoints = endpointsOf(id);
    ASSERT_EQ(endpoints.size(), 1);
    EXPECT_EQ(endpoints.front().value("NetworkName").toString(), "hkrun");
}

// Nobody stops it: its process exits. The helper sees it leave running and reconciles, so its
// published port is closed as after a stop.
TEST_F(NetworksTest, AContainerThatExitsByItselfLosesItsPorts)
{
    ASSERT_FALSE(create("hkrun", "10.89.9.0/24").isEmpty());
    const std::string id =
        runThroughApi("selfexit", bridgeSpec("hkrun", {tcpPort(18083, 80)}, {"sleep", "1000"}));
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(eventually([] { return containsText(hakoTable(), "dport 18083"); }, 5s))
        << hakoTable();
    const int before = changes_.count;
    const pid_t pid = containerPid(id);
    ASSERT_GT(pid, 0);
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    EXPECT_TRUE(eventually([] { return !containsText(hakoTable(), "dport 18083"); }, 10s))
        << "the port of an exited container is still published:\n"
        << hakoTable();
    EXPECT_TRUE(changedSince(before)) << "NetworksChanged after the reconciliation";
}

// SIGKILL right after StartContainer: the containers outlive the helper, one of them exits
// while none runs, and a remover that crashed left a lease of a container that is gone. The
// next helper reconciles at start-up: the stale lease released, the firewall's published
// ports exactly those of the running containers.
TEST_F(NetworksTest, TheNextHelperReconcilesWhatAKilledOneLeft)
{
    const QVariantMap network = create("hkrec", "10.89.8.0/24");
    ASSERT_FALSE(network.isEmpty());
    const std::string stays =
        runThroughApi("recstays", bridgeSpec("hkrec", {tcpPort(18081, 80)}, {"sleep", "1000"}));
    const std::string exits =
        runThroughApi("recexits", bridgeSpec("hkrec", {tcpPort(18082, 80)}, {"sleep", "1000"}));
    ASSERT_FALSE(stays.empty() || exits.empty());
    env().killHelper();

    const std::string leases = leasesDir(network.value("Id").toString());
    EngineOptions options;
    options.stateRoot = env().stateRoot();
    const Engine engine(options); // reads the state root: no helper runs
    const pid_t exitsPid = engine.state(exits).pid.pid;
    ASSERT_GT(exitsPid, 0);
    ASSERT_EQ(::kill(exitsPid, SIGKILL), 0);
    ASSERT_TRUE(eventually([&] { return engine.state(exits).status == Status::Stopped; }, 10s));
    const std::string stale = leases + "/10.89.8.200";
    std::ofstream(stale) << std::string(64, 'e') << "\n";
    if (!containsText(hakoTable(), "dport 18082"))
        std::cerr << "NOTE: the exited container's port was gone before any helper ran\n";

    std::string why;
    ASSERT_TRUE(env().startHelper(&why)) << why;
    EXPECT_TRUE(eventually([&] { return !fs::exists(stale); }, 10s))
        << "stale lease left: " << stale;
    std::string table;
    EXPECT_TRUE(eventually(
        [&] {
            table = hakoTable();
            return containsText(table, "dport 18081") && !containsText(table, "dport 18082");
        },
        10s))
        << "ip hako does not match the running containers:\n"
        << table;

    auto inspected = proxy_->GetContainer(QString::fromStdString(stays));
    inspected.waitForFinished();
    ASSERT_FALSE(inspected.isError()) << inspected.error().message().toStdString();
    const QList<QVariantMap> endpoints = listOf(inspected.value().value("Endpoints"));
    ASSERT_EQ(endpoints.size(), 1);
    const std::string address = endpoints.front().value("IPAddress").toString().toStdString();
    EXPECT_TRUE(filesIn(leases).contains(address)) << "the running container's lease " << address;

    // Removing the exited container releases its lease too: only the running one's is left.
    ASSERT_EQ(env().call("RemoveContainer", {QString::fromStdString(exits), false}).type(),
              QDBusMessage::ReplyMessage);
    EXPECT_TRUE(eventually([&] { return filesIn(leases) == std::set<std::string>{address}; }, 10s))
        << "leases: " << filesIn(leases).size();
}

} // namespace
} // namespace hako::dbustest
