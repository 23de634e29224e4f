// The networks' life cycle through the engine: nothing left after removal, a refused start or
// a refused network; stable addresses across restarts; connect and disconnect while running.
#include "network_fixture.h"

#include "error.h"
#include "fs.h"
#include "netlink.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace hako;
using namespace hako::test;

namespace
{

class NetworkLifecycle : public NetworkEngineTest
{
};

std::string thrownBy(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const std::exception &e) {
        return e.what();
    }
    return "<nothing thrown>";
}

} // namespace

TEST_F(NetworkLifecycle, RemovingEverythingLeavesNoLinkRuleOrLease)
{
    makeNetwork("gone", "10.89.6.0/24");
    const std::string web = runWeb("web", "gone,bridge", {"18084:8080"});
    const std::string idle = runIdle("idle", "bridge");
    EXPECT_TRUE(hasLinkStartingWith("veth"));
    EXPECT_FALSE(leaseFiles().empty());

    engine_->remove(web, true);
    engine_->remove(idle, true);
    engine_->removeNetwork("gone");
    // The kernel deletes each veth pair with its container's namespace, in its own cleanup
    // work a little after the container ended.
    EXPECT_TRUE(eventually([&] { return !hasLinkStartingWith("veth"); }))
        << ::testing::PrintToString(linkNames());
    EXPECT_FALSE(hasLinkStartingWith("hk-")) << ::testing::PrintToString(linkNames());
    EXPECT_TRUE(leaseFiles().empty()) << ::testing::PrintToString(leaseFiles());
    const std::string table = nftTable();
    EXPECT_EQ(table.find("18084"), std::string::npos) << table;
    EXPECT_EQ(table.find(web.substr(0, 12)), std::string::npos) << table;
    EXPECT_EQ(table.find("10.89.6."), std::string::npos) << table;
}

TEST_F(NetworkLifecycle, PortInUseFailsTheStartAndLeavesNothing)
{
    const UniqueFd holder(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(18083);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(holder.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address),
              0);
    ASSERT_EQ(::listen(holder.get(), 1), 0);

    const std::string id =
        engine_->create({"web", "busybox", onNetworks("sleep 1000", "bridge", {"18083:8080"})});
    const std::string error = thrownBy([&] { engine_->start(id); });
    EXPECT_NE(error.find("port 18083/tcp is already in use on the host"), std::string::npos)
        << error;
    EXPECT_NE(engine_->state(id).status, Status::Running);
    EXPECT_FALSE(hasLinkStartingWith("veth"));
    EXPECT_FALSE(pathExists(engine_->store().containerDir(id) + "/network.json"));
    EXPECT_EQ(nftTable().find("18083"), std::string::npos);
}

TEST_F(NetworkLifecycle, SecondContainerOnTheSamePortIsNamed)
{
    runWeb("first", "bridge", {"18085:8080"});
    const std::string second =
        engine_->create({"second", "busybox", onNetworks("sleep 1000", "bridge", {"18085:8080"})});
    const std::string error = thrownBy([&] { engine_->start(second); });
    EXPECT_NE(error.find("already published by container first"), std::string::npos) << error;
}

TEST_F(NetworkLifecycle, BadOrOverlappingSubnetsChangeNothing)
{
    makeNetwork("taken", "10.89.4.0/24");
    const std::vector<std::string> links = linkNames();
    std::string error;
    try {
        makeNetwork("bad", "10.89.7.0/33");
        ADD_FAILURE() << "a /33 was accepted";
    } catch (const SpecError &e) {
        error = e.what();
    }
    EXPECT_NE(error.find("10.89.7.0/33"), std::string::npos) << error;
    try {
        makeNetwork("overlap", "10.89.4.128/25");
        ADD_FAILURE() << "an overlapping subnet was accepted";
    } catch (const SpecError &e) {
        error = e.what();
    }
    EXPECT_NE(error.find("10.89.4.128/25"), std::string::npos) << error;
    EXPECT_NE(error.find("taken"), std::string::npos) << error;
    const std::vector<NetworkConfig> networks = engine_->listNetworks();
    ASSERT_EQ(networks.size(), 2u); // "taken", and the default network that listing makes
    EXPECT_TRUE(std::ranges::none_of(networks, [](const NetworkConfig &n) {
        return n.name == "bad" || n.name == "overlap";
    }));
    EXPECT_EQ(linkNames(), links);
}

TEST_F(NetworkLifecycle, CreateRefusesAnUnknownNetwork)
{
    const std::string error = thrownBy([&] {
        engine_->create({"lost", "busybox", onNetworks("true", "nowhere")});
    });
    EXPECT_NE(error.find("annotations.org.hako.network: no network \"nowhere\""), std::string::npos)
        << error;
    EXPECT_TRUE(engine_->list().empty());
}

TEST_F(NetworkLifecycle, RestartKeepsTheAddress)
{
    makeNetwork("steady", "10.89.8.0/24");
    const std::string id = runIdle("steady1", "steady");
    runIdle("other", "steady");
    const std::string before = addressOn(id, "steady");
    ASSERT_FALSE(before.empty());
    engine_->stop(id, std::chrono::seconds(1));
    EXPECT_TRUE(engine_->inspect(id).endpoints.empty());
    EXPECT_FALSE(pathExists(engine_->store().containerDir(id) + "/network.json"));
    engine_->start(id);
    EXPECT_EQ(addressOn(id, "steady"), before);
}

TEST_F(NetworkLifecycle, ConnectAndDisconnectARunningContainer)
{
    makeNetwork("extra", "10.89.9.0/24");
    const std::string id = runIdle("mover", "bridge");
    engine_->connectNetwork("extra", "mover");
    const std::vector<Endpoint> endpoints = engine_->inspect(id).endpoints;
    ASSERT_EQ(endpoints.size(), 2u);
    EXPECT_EQ(endpoints[1].interface, "eth1");
    EXPECT_NE(execIn(id, {"cat", "/proc/net/dev"}).out.find("eth1:"), std::string::npos);
    EXPECT_NE(execIn(id, {"ip", "-4", "-o", "addr"}).out.find(formatIpv4(endpoints[1].address)),
              std::string::npos);
    EXPECT_EQ(engine_->inspect(id).spec.annotations.at("org.hako.network"), "bridge,extra");
    EXPECT_THROW(engine_->connectNetwork("extra", "mover"), ExistsError);

    engine_->disconnectNetwork("extra", "mover", false);
    EXPECT_EQ(engine_->inspect(id).endpoints.size(), 1u);
    EXPECT_EQ(execIn(id, {"cat", "/proc/net/dev"}).out.find("eth1:"), std::string::npos);
    EXPECT_EQ(engine_->inspect(id).spec.annotations.at("org.hako.network"), "bridge");
    EXPECT_TRUE(engine_->networks().leases(engine_->networks().get("extra")).empty());
    EXPECT_TRUE(engine_->inspectNetwork("extra").containers.empty());
}

TEST_F(NetworkLifecycle, ConnectAStoppedContainerTakesEffectAtStart)
{
    makeNetwork("later", "10.89.10.0/24");
    const std::string id =
        engine_->create({"sleeper", "busybox", onNetworks("sleep 1000", "bridge")});
    engine_->connectNetwork("later", "sleeper");
    engine_->start(id);
    EXPECT_FALSE(addressOn(id, "later").empty());
    EXPECT_FALSE(addressOn(id, "bridge").empty());
    const NetworkDetails details = engine_->inspectNetwork("later");
    ASSERT_EQ(details.containers.size(), 1u);
    EXPECT_TRUE(details.containers[0].running);
    EXPECT_THROW(engine_->removeNetwork("later"), StateError);
}

// What a crash (of the helper, or of the machine) can leave: a lease of a container that is
// gone, the bridge of a network whose record is gone, network.json of a container that no
// longer runs, a missing bridge. One reconcile brings it all in line.
TEST_F(NetworkLifecycle, ReconcileRepairsWhatACrashLeft)
{
    const NetworkConfig kept = makeNetwork("kept", "10.89.11.0/24");
    const std::string id = engine_->create({"stopped", "busybox", onNetworks("true", "kept")});
    const std::string ghost(64, 'f');
    engine_->networks().lease(kept, ghost);
    RtNetlink netlink;
    netlink.createBridge("hk-0123456789ab", 1500);
    netlink.deleteLink(kept.bridge);
    const std::string stale = engine_->store().containerDir(id) + "/network.json";
    Endpoint endpoint;
    endpoint.networkId = kept.id;
    endpoint.networkName = kept.name;
    endpoint.interface = "eth0";
    writeEndpoints(stale, {endpoint});

    engine_->reconcileNetworks();
    EXPECT_TRUE(engine_->networks().leases(kept).empty());
    EXPECT_EQ(netlink.linkIndex("hk-0123456789ab"), 0);
    EXPECT_NE(netlink.linkIndex(kept.bridge), 0) << "the bridge of a network in use is made again";
    EXPECT_FALSE(pathExists(stale));
}
