// rtnetlink without `ip`: a bridge with its address, a container's side of an endpoint made
// into a second namespace (veth peer, MAC, address, default route, isolated bridge port),
// real traffic across it, counters, errors that name the link, and cleanup on failure.
// Everything happens in the test's own network namespace (tests/in-netns.sh) and in scratch
// namespaces made here; the machine's real namespace is never touched.
#include "network_fixture.h"

#include "error.h"
#include "netlink.h"
#include "netlink_message.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <linux/if_link.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <optional>
#include <thread>

using namespace hako;

namespace {

const Ipv4Address kGateway{0x0a590001};   // 10.89.0.1
const Ipv4Address kContainer{0x0a590002}; // 10.89.0.2
constexpr const char *kBridge = "hktest0";

uint64_t inodeOf(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// A network namespace of nobody: made by a thread that unshares and hands back an fd of it.
// It lives as long as the fd does, only lo in it (down).
class ScratchNamespace {
public:
    ScratchNamespace()
    {
        std::thread([this] {
            if (::unshare(CLONE_NEWNET) == 0)
                fd_.reset(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
        }).join();
        if (!fd_)
            throw Error("could not make a scratch network namespace");
    }
    int fd() const { return fd_.get(); }

private:
    UniqueFd fd_;
};

std::optional<LinkInfo> findLink(const RtNetlink &netlink, const std::string &name)
{
    for (const LinkInfo &link : netlink.links())
        if (link.name == name)
            return link;
    return std::nullopt;
}

// A bridge port flag (IFLA_BRPORT_ISOLATED, IFLA_BRPORT_MODE) as the kernel reports it: an
// AF_BRIDGE link dump, whose ports carry IFLA_PROTINFO. (/sys/class/net shows the machine's
// namespace, not ours.)
std::optional<bool> portFlag(int index, uint16_t flag)
{
    UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
    netlink::Request request(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
    ifinfomsg header{};
    header.ifi_family = AF_BRIDGE;
    request.append(header);
    for (const netlink::Message &reply :
         netlink::exchange(fd.get(), 1, request, "dump bridge ports", std::string())) {
        if (reply.header<ifinfomsg>().ifi_index != index)
            continue;
        const auto protinfo = netlink::Attributes::after<ifinfomsg>(reply).find(IFLA_PROTINFO);
        if (!protinfo)
            return std::nullopt;
        if (const auto value = protinfo->nested().find(flag))
            return value->data[0] != 0;
    }
    return std::nullopt;
}

// busybox ping run inside the namespace of `netnsFd`; true when every echo came back.
bool pingFrom(int netnsFd, Ipv4Address target)
{
    const std::string address = formatIpv4(target);
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (::setns(netnsFd, CLONE_NEWNET) == 0)
            ::execl("/bin/busybox", "ping", "-q", "-c", "3", "-W", "2", address.c_str(), nullptr);
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

class NetlinkTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        test::requireRoot();
        // Only ever inside the test's own namespace (ctest runs us through in-netns.sh).
        if (!test::inOwnNetworkNamespace())
            GTEST_SKIP() << "not in a network namespace of its own: run through tests/in-netns.sh";
        netlink_.emplace();
    }

    void TearDown() override
    {
        if (netlink_)
            netlink_->deleteLink(kBridge);
    }

    int makeBridge()
    {
        netlink_->createBridge(kBridge, 1500);
        const int index = netlink_->linkIndex(kBridge);
        netlink_->addAddress(index, kGateway, 24);
        netlink_->setUp(index);
        return index;
    }

    static Endpoint endpoint()
    {
        Endpoint e;
        e.networkName = "testnet";
        e.bridge = kBridge;
        e.hostInterface = "vethtest1";
        e.interface = "eth0";
        e.address = kContainer;
        e.prefix = 24;
        e.gateway = kGateway;
        e.macAddress = "02:42:0a:59:00:02";
        e.mtu = 1400;
        e.defaultRoute = true;
        e.isolated = true;
        return e;
    }

    std::optional<RtNetlink> netlink_;
};

TEST_F(NetlinkTest, BridgeWithAddressIsListedUp)
{
    const int index = makeBridge();
    ASSERT_GT(index, 0);
    netlink_->addAddress(index, kGateway, 24); // already there: no error

    const auto bridge = findLink(*netlink_, kBridge);
    ASSERT_TRUE(bridge);
    EXPECT_EQ(bridge->index, index);
    EXPECT_EQ(bridge->kind, "bridge");
    EXPECT_EQ(bridge->mtu, 1500);
    EXPECT_TRUE(bridge->up);
    const auto addresses = netlink_->addresses();
    const AddressInfo expected{index, kGateway, 24};
    EXPECT_TRUE(std::any_of(addresses.begin(), addresses.end(), [&](const AddressInfo &a) {
        return a.linkIndex == expected.linkIndex && a.address == expected.address &&
               a.prefix == expected.prefix;
    }));
    EXPECT_EQ(netlink_->linkIndex("nosuchlink"), 0);
}

TEST_F(NetlinkTest, ConnectEndpointMakesBothSidesAndCarriesTraffic)
{
    const int bridgeIndex = makeBridge();
    ScratchNamespace container;
    connectEndpoint(container.fd(), endpoint());

    const auto hostEnd = findLink(*netlink_, "vethtest1");
    ASSERT_TRUE(hostEnd);
    EXPECT_EQ(hostEnd->kind, "veth");
    EXPECT_EQ(hostEnd->masterIndex, bridgeIndex);
    EXPECT_EQ(hostEnd->mtu, 1400);
    EXPECT_TRUE(hostEnd->up);
    EXPECT_EQ(portFlag(hostEnd->index, IFLA_BRPORT_ISOLATED), std::optional<bool>(true));
    EXPECT_EQ(portFlag(hostEnd->index, IFLA_BRPORT_MODE), std::optional<bool>(true)) << "hairpin";
    EXPECT_FALSE(findLink(*netlink_, "eth0")) << "the peer must not appear on the host's side";

    const RtNetlink inside = RtNetlink::inNamespace(container.fd());
    const auto eth0 = findLink(inside, "eth0");
    ASSERT_TRUE(eth0);
    EXPECT_EQ(eth0->macAddress, "02:42:0a:59:00:02");
    EXPECT_EQ(eth0->mtu, 1400);
    EXPECT_TRUE(eth0->up);
    EXPECT_TRUE(findLink(inside, "lo").value_or(LinkInfo{}).up) << "lo is not up";
    const auto addresses = inside.addresses();
    EXPECT_TRUE(std::any_of(addresses.begin(), addresses.end(), [&](const AddressInfo &a) {
        return a.linkIndex == eth0->index && a.address == kContainer && a.prefix == 24;
    }));
    const auto routes = inside.routes();
    EXPECT_TRUE(std::any_of(routes.begin(), routes.end(), [&](const RouteInfo &r) {
        return r.destination == Ipv4Subnet{} && r.gateway == kGateway &&
               r.linkIndex == eth0->index;
    })) << "no default route via 10.89.0.1 on eth0";

    EXPECT_TRUE(pingFrom(container.fd(), kGateway));
    const auto afterPing = findLink(*netlink_, "vethtest1");
    EXPECT_GE(afterPing->rxPackets, hostEnd->rxPackets + 3);
    EXPECT_GT(afterPing->rxBytes, hostEnd->rxBytes);
    EXPECT_GE(afterPing->txPackets, hostEnd->txPackets + 3);
    EXPECT_GT(findLink(inside, "eth0")->txBytes, eth0->txBytes);

    netlink_->deleteLink("vethtest1");
    EXPECT_FALSE(findLink(*netlink_, "vethtest1"));
    EXPECT_FALSE(findLink(inside, "eth0")) << "deleting the host end deletes the peer";
}

TEST_F(NetlinkTest, ErrorsNameTheLink)
{
    makeBridge();
    try {
        netlink_->createBridge(kBridge, 1500);
        FAIL() << "a second bridge of the same name was created";
    } catch (const SysError &e) {
        EXPECT_EQ(e.code(), EEXIST);
        EXPECT_NE(std::string(e.what()).find(kBridge), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("exists"), std::string::npos) << e.what();
    }
    try {
        netlink_->setMtu(netlink_->linkIndex(kBridge), 1);
        FAIL() << "an MTU of 1 was accepted";
    } catch (const SysError &e) {
        EXPECT_NE(std::string(e.what()).find(kBridge), std::string::npos) << e.what();
    }
    Endpoint missing = endpoint();
    missing.bridge = "nosuchbridge";
    ScratchNamespace container;
    try {
        connectEndpoint(container.fd(), missing);
        FAIL() << "connected to a bridge that does not exist";
    } catch (const SysError &e) {
        EXPECT_NE(std::string(e.what()).find("nosuchbridge"), std::string::npos) << e.what();
    }
}

TEST_F(NetlinkTest, FailedConnectLeavesNoLink)
{
    makeBridge();
    ScratchNamespace container;
    Endpoint unreachable = endpoint();
    unreachable.gateway = Ipv4Address{0x0a630001}; // 10.99.0.1: not on eth0's subnet
    EXPECT_THROW(connectEndpoint(container.fd(), unreachable), SysError);
    EXPECT_EQ(netlink_->linkIndex("vethtest1"), 0);
    EXPECT_EQ(RtNetlink::inNamespace(container.fd()).linkIndex("eth0"), 0);

    // The names are free again, and disconnecting is idempotent.
    connectEndpoint(container.fd(), endpoint());
    disconnectEndpoint(endpoint());
    disconnectEndpoint(endpoint());
    EXPECT_EQ(netlink_->linkIndex("vethtest1"), 0);
}

TEST_F(NetlinkTest, InNamespaceLeavesTheCallerWhereItWas)
{
    ScratchNamespace other;
    const uint64_t mine = inodeOf("/proc/thread-self/ns/net");
    struct stat target {};
    ASSERT_EQ(::fstat(other.fd(), &target), 0);
    ASSERT_NE(mine, target.st_ino);

    uint64_t seenInside = 0;
    inNetworkNamespace(other.fd(), [&] { seenInside = inodeOf("/proc/thread-self/ns/net"); });
    EXPECT_EQ(seenInside, target.st_ino);
    const RtNetlink inside = RtNetlink::inNamespace(other.fd());
    EXPECT_EQ(inodeOf("/proc/thread-self/ns/net"), mine);
    // The socket answers for the other namespace: only its lo, down.
    const auto links = inside.links();
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].name, "lo");
    EXPECT_FALSE(links[0].up);

    EXPECT_THROW(inNetworkNamespace(other.fd(), [] { throw NotFoundError("inside"); }),
                 NotFoundError);
    EXPECT_EQ(inodeOf("/proc/thread-self/ns/net"), mine);
}

} // namespace
