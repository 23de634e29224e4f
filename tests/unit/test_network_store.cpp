// Network records and address leases in a temporary state root.
#include "error.h"
#include "fs.h"
#include "network_store.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <set>
#include <thread>

using namespace hako;

namespace
{

class NetworkStoreTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        std::string pattern = ::testing::TempDir() + "hako-netstore-XXXXXX";
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        root_ = pattern;
        store_ = std::make_unique<NetworkStore>(root_);
    }
    void TearDown() override { removeTree(root_); }

    NetworkConfig create(const std::string &name, const std::string &subnet = {},
                         const std::string &gateway = {}, const std::vector<Ipv4Subnet> &host = {})
    {
        NetworkCreateOptions options;
        options.subnet = subnet;
        options.gateway = gateway;
        return store_->create(name, options, host);
    }

    std::string root_;
    std::unique_ptr<NetworkStore> store_;
};

Ipv4Address ip(const char *text)
{
    return *parseIpv4(text);
}

Ipv4Subnet net(const char *text)
{
    return *parseSubnet(text, nullptr);
}

template <typename E, typename F> std::string errorOf(F &&f)
{
    try {
        f();
    } catch (const E &e) {
        return e.what();
    }
    return "<no error>";
}

const std::string kC1 = std::string(64, '1');
const std::string kC2 = std::string(64, '2');
const std::string kC3 = std::string(64, '3');

} // namespace

TEST(NetworkName, FollowsDockersRule)
{
    EXPECT_TRUE(isValidNetworkName("mynet"));
    EXPECT_TRUE(isValidNetworkName("a"));
    EXPECT_TRUE(isValidNetworkName("my_net.2-x"));
    EXPECT_FALSE(isValidNetworkName(""));
    EXPECT_FALSE(isValidNetworkName("-net"));
    EXPECT_FALSE(isValidNetworkName("my net"));
    EXPECT_FALSE(isValidNetworkName("../x"));
    EXPECT_FALSE(isValidNetworkName("host"));
    EXPECT_FALSE(isValidNetworkName("none"));
    EXPECT_FALSE(isValidNetworkName("bridge"));
}

TEST_F(NetworkStoreTest, CreatesListsFindsAndRemoves)
{
    const NetworkConfig a = create("alpha");
    const NetworkConfig b = create("beta", "10.89.3.0/24", "10.89.3.254");
    EXPECT_EQ(a.id.size(), 64u);
    EXPECT_EQ(a.bridge, "hk-" + a.id.substr(0, 12));
    EXPECT_EQ(formatSubnet(a.subnet), "172.18.0.0/16"); // the pool's first user subnet
    EXPECT_EQ(a.gateway, ip("172.18.0.1"));
    EXPECT_EQ(formatSubnet(b.subnet), "10.89.3.0/24");
    EXPECT_EQ(b.gateway, ip("10.89.3.254"));
    EXPECT_TRUE(pathExists(root_ + "/networks/" + a.id + "/network.json"));

    const auto all = store_->list();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "alpha");
    EXPECT_EQ(all[1].name, "beta");
    EXPECT_EQ(store_->get("beta").id, b.id);
    EXPECT_EQ(store_->get(b.id).name, "beta");
    EXPECT_EQ(store_->get(b.id.substr(0, 5)).name, "beta");
    EXPECT_FALSE(store_->find("gamma"));
    EXPECT_THROW(store_->get("gamma"), NotFoundError);
    EXPECT_THROW(create("alpha", "10.90.0.0/16"), ExistsError);

    store_->remove("alpha", {});
    EXPECT_FALSE(store_->find("alpha"));
    EXPECT_FALSE(pathExists(root_ + "/networks/" + a.id));
    EXPECT_THROW(store_->remove("alpha", {}), NotFoundError);
    // Only the records are in the directory: no staging or doomed leftovers.
    ASSERT_EQ(store_->list().size(), 1u);
}

TEST_F(NetworkStoreTest, PoolSkipsTakenAndHostSubnets)
{
    const NetworkConfig def = store_->ensureDefault({});
    EXPECT_EQ(def.name, "bridge");
    EXPECT_EQ(def.bridge, "hako0");
    EXPECT_EQ(formatSubnet(def.subnet), "172.17.0.0/16");
    EXPECT_EQ(store_->ensureDefault({}).id, def.id); // made once
    // The host uses 172.18.1.0/24: the next pool subnet is taken instead.
    EXPECT_EQ(formatSubnet(create("one", {}, {}, {net("172.18.1.0/24")}).subnet), "172.19.0.0/16");
    EXPECT_EQ(formatSubnet(create("two").subnet), "172.18.0.0/16");
    EXPECT_EQ(formatSubnet(create("three").subnet), "172.20.0.0/16");
}

TEST_F(NetworkStoreTest, PoolFallsBackToSlash24s)
{
    for (int second = 18; second <= 31; ++second)
        create("n" + std::to_string(second));
    const NetworkConfig next = create("next", {}, {}, {net("192.168.0.0/24")});
    EXPECT_EQ(formatSubnet(next.subnet), "192.168.1.0/24");
    EXPECT_EQ(next.gateway, ip("192.168.1.1"));
}

TEST_F(NetworkStoreTest, DefaultAvoidsAHostSubnet)
{
    EXPECT_EQ(formatSubnet(store_->ensureDefault({net("172.16.0.0/12")}).subnet), "192.168.0.0/24");
}

TEST_F(NetworkStoreTest, OverlapsAreRefusedNamingBoth)
{
    create("alpha", "10.89.0.0/16");
    std::string error = errorOf<SpecError>([&] { create("beta", "10.89.4.0/24"); });
    EXPECT_NE(error.find("10.89.4.0/24"), std::string::npos) << error;
    EXPECT_NE(error.find("10.89.0.0/16"), std::string::npos) << error;
    EXPECT_NE(error.find("alpha"), std::string::npos) << error;

    error = errorOf<SpecError>([&] { create("beta", "10.0.0.0/8"); });
    EXPECT_NE(error.find("10.0.0.0/8"), std::string::npos) << error;
    EXPECT_NE(error.find("10.89.0.0/16"), std::string::npos) << error;

    error =
        errorOf<SpecError>([&] { create("gamma", "10.90.0.0/24", {}, {net("10.90.0.128/25")}); });
    EXPECT_NE(error.find("10.90.0.0/24"), std::string::npos) << error;
    EXPECT_NE(error.find("10.90.0.128/25"), std::string::npos) << error;
    EXPECT_NE(error.find("host"), std::string::npos) << error;
    EXPECT_EQ(store_->list().size(), 1u); // nothing was written
}

TEST_F(NetworkStoreTest, BadSubnetsGatewaysAndNamesAreSpecErrors)
{
    EXPECT_NE(errorOf<SpecError>([&] { create("x", "10.89.0.0"); }).find("10.89.0.0"),
              std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { create("x", "10.89.0.1/16"); }).find("host bits"),
              std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { create("x", "10.89.0.0/33"); }).find("prefix"),
              std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { create("x", "10.89.0.0/31"); }).find("too small"),
              std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { create("x", "10.89.0.0/24", "10.89.1.1"); }).find("outside"),
              std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] {
                  create("x", "10.89.0.0/24", "10.89.0.0");
              }).find("network address"),
              std::string::npos);
    EXPECT_NE(
        errorOf<SpecError>([&] { create("x", "10.89.0.0/24", "10.89.0.255"); }).find("broadcast"),
        std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { create("x", "10.89.0.0/24", "nope"); }).find("\"nope\""),
              std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { create("host"); }).find("predefined"), std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { create("a/b"); }).find("'/'"), std::string::npos);
    EXPECT_TRUE(store_->list().empty());
}

TEST_F(NetworkStoreTest, RemoveRefusesTheDefaultAndNetworksInUse)
{
    store_->ensureDefault({});
    EXPECT_THROW(store_->remove("bridge", {}), StateError);
    const NetworkConfig used = create("used", "10.89.0.0/24");
    const std::string error = errorOf<StateError>([&] {
        store_->remove("used", [&](const NetworkConfig &n) {
            EXPECT_EQ(n.id, used.id);
            return std::vector<std::string>{"web", "db"};
        });
    });
    EXPECT_NE(error.find("web, db"), std::string::npos) << error;
    EXPECT_TRUE(store_->find("used"));
    store_->lease(used, kC1);
    store_->remove("used", [](const NetworkConfig &) { return std::vector<std::string>{}; });
    EXPECT_FALSE(pathExists(root_ + "/networks/" + used.id)); // leases gone with it
}

TEST_F(NetworkStoreTest, LeasesTheLowestFreeAddressAndKeepsIt)
{
    const NetworkConfig n = create("n", "10.89.0.0/24", "10.89.0.1");
    EXPECT_EQ(store_->lease(n, kC1), ip("10.89.0.2"));
    EXPECT_EQ(store_->lease(n, kC2), ip("10.89.0.3"));
    EXPECT_EQ(store_->lease(n, kC1), ip("10.89.0.2")); // the same across restarts
    EXPECT_EQ(readFile(root_ + "/networks/" + n.id + "/leases/10.89.0.2"), kC1 + "\n");
    EXPECT_EQ(store_->leaseOf(n, kC2), ip("10.89.0.3"));
    EXPECT_FALSE(store_->leaseOf(n, kC3));

    store_->release(n, kC1);
    EXPECT_FALSE(store_->leaseOf(n, kC1));
    EXPECT_EQ(store_->lease(n, kC3), ip("10.89.0.2")); // the hole is reused first
    const auto all = store_->leases(n);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].containerId, kC3);
    EXPECT_EQ(all[1].containerId, kC2);
}

TEST_F(NetworkStoreTest, GatewayInTheMiddleIsSkipped)
{
    const NetworkConfig n = create("n", "10.89.0.0/29", "10.89.0.2");
    EXPECT_EQ(store_->lease(n, kC1), ip("10.89.0.1"));
    EXPECT_EQ(store_->lease(n, kC2), ip("10.89.0.3"));
}

TEST_F(NetworkStoreTest, WantedAddressIsCheckedAndHeld)
{
    const NetworkConfig n = create("n", "10.89.0.0/24");
    EXPECT_EQ(store_->lease(n, kC1, ip("10.89.0.50")), ip("10.89.0.50"));
    EXPECT_EQ(store_->lease(n, kC1, ip("10.89.0.50")), ip("10.89.0.50"));
    std::string error = errorOf<SpecError>([&] { store_->lease(n, kC2, ip("10.89.0.50")); });
    EXPECT_NE(error.find("in use by container " + kC1.substr(0, 12)), std::string::npos) << error;
    EXPECT_NE(errorOf<SpecError>([&] { store_->lease(n, kC2, ip("10.89.1.5")); }).find("outside"),
              std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { store_->lease(n, kC2, ip("10.89.0.1")); }).find("gateway"),
              std::string::npos);
    EXPECT_NE(
        errorOf<SpecError>([&] { store_->lease(n, kC2, ip("10.89.0.255")); }).find("broadcast"),
        std::string::npos);
    EXPECT_NE(errorOf<SpecError>([&] { store_->lease(n, kC2, ip("10.89.0.0")); }).find("network"),
              std::string::npos);
    // Asking for another address moves the lease.
    EXPECT_EQ(store_->lease(n, kC1, ip("10.89.0.60")), ip("10.89.0.60"));
    ASSERT_EQ(store_->leases(n).size(), 1u);
    EXPECT_EQ(store_->lease(n, kC2), ip("10.89.0.2"));
}

TEST_F(NetworkStoreTest, ASlash30HoldsOneContainer)
{
    const NetworkConfig n = create("tiny", "10.89.0.0/30");
    EXPECT_EQ(store_->lease(n, kC1), ip("10.89.0.2"));
    const std::string error = errorOf<Error>([&] { store_->lease(n, kC2); });
    EXPECT_NE(error.find("no free address"), std::string::npos) << error;
    EXPECT_NE(error.find("10.89.0.0/30"), std::string::npos) << error;
    store_->release(n, kC1);
    EXPECT_EQ(store_->lease(n, kC2), ip("10.89.0.2"));
}

TEST_F(NetworkStoreTest, OrphansAreReleased)
{
    const NetworkConfig a = create("a", "10.89.0.0/24");
    const NetworkConfig b = create("b", "10.89.1.0/24");
    store_->lease(a, kC1);
    store_->lease(a, kC2);
    store_->lease(b, kC2);
    store_->lease(b, kC3);
    // A writer that died between creating its lease and filling it.
    writeFileAtomic(root_ + "/networks/" + b.id + "/leases/10.89.1.99", "");
    EXPECT_EQ(store_->releaseOrphans([](const std::string &id) { return id == kC1 || id == kC3; }),
              3);
    EXPECT_EQ(store_->leaseOf(a, kC1), ip("10.89.0.2"));
    EXPECT_FALSE(store_->leaseOf(a, kC2));
    EXPECT_FALSE(store_->leaseOf(b, kC2));
    EXPECT_TRUE(store_->leaseOf(b, kC3));
    EXPECT_EQ(store_->leases(b).size(), 1u);
}

TEST_F(NetworkStoreTest, ConcurrentLeasesNeverCollide)
{
    const NetworkConfig n = create("busy", "10.89.0.0/24");
    constexpr int kPerThread = 60;
    std::vector<Ipv4Address> got[2];
    auto work = [&](int thread) {
        for (int i = 0; i < kPerThread; ++i)
            got[thread].push_back(
                store_->lease(n, std::to_string(thread) + "-" + std::to_string(i)));
    };
    std::thread first(work, 0), second(work, 1);
    first.join();
    second.join();
    std::set<Ipv4Address> unique(got[0].begin(), got[0].end());
    unique.insert(got[1].begin(), got[1].end());
    EXPECT_EQ(unique.size(), 2u * kPerThread);
    EXPECT_EQ(store_->leases(n).size(), 2u * kPerThread);
    EXPECT_EQ(*unique.begin(), ip("10.89.0.2"));
    EXPECT_EQ(*unique.rbegin(), ip("10.89.0.121")); // no hole was left either
}

TEST_F(NetworkStoreTest, LockIsTheNetworksLockFile)
{
    {
        const FileLock held = store_->lock();
        EXPECT_TRUE(pathExists(root_ + "/networks/.lock"));
        EXPECT_FALSE(FileLock::tryLock(root_ + "/networks/.lock"));
    }
    EXPECT_TRUE(FileLock::tryLock(root_ + "/networks/.lock"));
    create("after-lock", "10.89.0.0/24");
    EXPECT_EQ(store_->list().size(), 1u); // .lock is not a network
}
