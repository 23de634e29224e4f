// The experiment, against the real kernel inside the test's own network namespace:
// names on user-defined networks only, no way between networks, none/container modes,
// published ports from the "host" (this process), and icc=false.
#include "network_fixture.h"

#include "error.h"

#include <gtest/gtest.h>

using namespace hako;
using namespace hako::test;

namespace
{

class NetworkEngine : public NetworkEngineTest
{
};

// The interface names /proc/net/dev lists ("lo", "eth0", ...).
std::vector<std::string> interfacesIn(const std::string &procNetDev)
{
    std::vector<std::string> names;
    for (const std::string &word : splitWords(procNetDev))
        if (word.size() > 1 && word.back() == ':')
            names.push_back(word.substr(0, word.size() - 1));
    return names;
}

} // namespace

TEST_F(NetworkEngine, DefaultNetworkGivesAddressesButNoNames)
{
    const std::string web = runWeb("web", "bridge");
    const std::string client = runIdle("client", "bridge");
    const ContainerInfo info = engine_->inspect(web);
    ASSERT_EQ(info.endpoints.size(), 1u);
    EXPECT_EQ(info.endpoints[0].interface, "eth0");
    EXPECT_EQ(info.endpoints[0].bridge, "hako0");
    EXPECT_TRUE(info.endpoints[0].defaultRoute);

    EXPECT_NE(fetchFrom(client, "http://web:8080/").code, 0)
        << "the default network gives no names";
    const ExecOutput byAddress = fetchFrom(client, "http://" + addressOn(web, "bridge") + ":8080/");
    EXPECT_EQ(byAddress.code, 0) << byAddress.out;
    EXPECT_NE(byAddress.out.find("hello-from-web"), std::string::npos) << byAddress.out;
}

TEST_F(NetworkEngine, UserNetworkResolvesNamesAndOtherNetworksGetNothing)
{
    makeNetwork("front", "10.89.1.0/24");
    makeNetwork("back", "10.89.2.0/24");
    const std::string web = runWeb("web", "front");
    const std::string client = runIdle("client", "front");
    const std::string outsider = runIdle("outsider", "back");
    EXPECT_EQ(addressOn(web, "front").rfind("10.89.1.", 0), 0u) << addressOn(web, "front");

    const ExecOutput byName = fetchFrom(client, "http://web:8080/");
    EXPECT_EQ(byName.code, 0) << byName.out;
    EXPECT_NE(byName.out.find("hello-from-web"), std::string::npos) << byName.out;
    // The names of the short id work too, and the peer's file learnt about the client.
    EXPECT_EQ(fetchFrom(client, "http://" + web.substr(0, 12) + ":8080/").code, 0);
    EXPECT_NE(execIn(web, {"cat", "/etc/hosts"}).out.find("client"), std::string::npos);

    const ExecOutput across = fetchFrom(outsider, "http://" + addressOn(web, "front") + ":8080/");
    EXPECT_NE(across.code, 0) << "a container on another network reached web: " << across.out;
    EXPECT_EQ(across.out.find("hello-from-web"), std::string::npos);
}

TEST_F(NetworkEngine, NoneSeesOnlyLoopback)
{
    const std::string id = run(shellSpec("sleep 1000"), "alone");
    EXPECT_EQ(interfacesIn(execIn(id, {"cat", "/proc/net/dev"}).out),
              std::vector<std::string>{"lo"});
    EXPECT_TRUE(engine_->inspect(id).endpoints.empty());
    EXPECT_FALSE(hasLinkStartingWith("veth"));
}

TEST_F(NetworkEngine, ContainerModeSharesTheTargetsAddresses)
{
    const std::string target = runIdle("target", "bridge");
    Spec spec = shellSpec("sleep 1000");
    spec.annotations[joinAnnotationKey(NamespaceType::Network)] = "container:" + target;
    const std::string joiner = run(spec, "joiner");
    const std::string theirs = execIn(target, {"ip", "-4", "-o", "addr"}).out;
    EXPECT_NE(theirs.find(addressOn(target, "bridge")), std::string::npos) << theirs;
    EXPECT_EQ(execIn(joiner, {"ip", "-4", "-o", "addr"}).out, theirs);
}

TEST_F(NetworkEngine, PublishedPortsAnswerTheHostUntilStop)
{
    const NetworkConfig net = makeNetwork("pub", "10.89.5.0/24");
    const std::string web = runWeb("web", "pub", {"127.0.0.1:18080:8080", "18081:8080"});
    EXPECT_EQ(httpGet("127.0.0.1", 18080).value_or("<nothing>"), "hello-from-web\n");
    EXPECT_EQ(httpGet("127.0.0.1", 18081).value_or("<nothing>"), "hello-from-web\n");
    // 0.0.0.0: any of the host's addresses, the bridge's own included.
    EXPECT_EQ(httpGet(formatIpv4(net.gateway), 18081).value_or("<nothing>"), "hello-from-web\n");
    EXPECT_NE(nftTable().find("18080"), std::string::npos) << nftTable();
    // Hairpin: the container reaches its own published port through a host address, so the
    // DNAT'ed packet goes back out of the bridge port it came in on.
    const ExecOutput own = fetchFrom(web, "http://" + formatIpv4(net.gateway) + ":18081/");
    EXPECT_EQ(own.code, 0) << own.out;
    EXPECT_EQ(own.out, "hello-from-web\n");

    engine_->stop(web, std::chrono::seconds(2));
    EXPECT_FALSE(httpGet("127.0.0.1", 18080));
    EXPECT_FALSE(httpGet("127.0.0.1", 18081));
    EXPECT_EQ(nftTable().find("18080"), std::string::npos) << nftTable();
}

TEST_F(NetworkEngine, IccOffKeepsContainersApartButPortsWork)
{
    makeNetwork("quiet", "10.89.3.0/24", false);
    const std::string web = runWeb("web", "quiet", {"18082:8080"});
    const std::string client = runIdle("client", "quiet");
    const ExecOutput direct = fetchFrom(client, "http://web:8080/");
    EXPECT_NE(direct.code, 0) << "icc=false let client reach web: " << direct.out;
    EXPECT_EQ(httpGet("127.0.0.1", 18082).value_or("<nothing>"), "hello-from-web\n");
}
