// The text of table `ip hako` for a plan: what is masqueraded, DNATed, dropped; and that
// nothing a plan holds can become nft syntax of its own.
#include "error.h"
#include "firewall.h"

#include <gtest/gtest.h>

using namespace hako;

namespace
{

const std::string kIdA = std::string(64, 'a');
const std::string kIdB = std::string(64, 'b');

NetworkConfig network(const std::string &name, const std::string &bridge, const std::string &subnet,
                      bool internal = false)
{
    NetworkConfig config;
    config.id = std::string(64, 'f');
    config.name = name;
    config.bridge = bridge;
    config.subnet = *parseSubnet(subnet, nullptr);
    config.gateway = Ipv4Address{config.subnet.address.value + 1};
    config.internal = internal;
    return config;
}

PublishedPort port(const std::string &spec, const std::string &address,
                   const std::string &id = kIdA)
{
    std::string error;
    const auto mapping = parsePortMapping(spec, &error);
    EXPECT_TRUE(mapping) << spec << ": " << error;
    return {*mapping, *parseIpv4(address), "hako0", id};
}

bool has(const std::string &text, const std::string &line)
{
    return text.find(line) != std::string::npos;
}

} // namespace

TEST(FirewallRuleset, ReplacesTheTableInOneScript)
{
    const std::string rules = firewallRuleset({});
    // Declare, delete, redefine: valid whether the table exists or not, and atomic.
    EXPECT_TRUE(rules.starts_with("table ip hako {}\ndelete table ip hako\ntable ip hako {\n"))
        << rules;
    EXPECT_TRUE(has(rules, "type nat hook prerouting priority dstnat;")) << rules;
    EXPECT_TRUE(has(rules, "type nat hook output priority -100;")) << rules;
    EXPECT_TRUE(has(rules, "type nat hook postrouting priority srcnat;")) << rules;
    EXPECT_TRUE(has(rules, "type filter hook forward priority filter;")) << rules;
    EXPECT_TRUE(has(rules, "fib daddr type local jump published")) << rules;
    EXPECT_TRUE(has(rules, "ip daddr 127.0.0.0/8 jump published")) << rules;
    EXPECT_TRUE(has(rules, "ct status dnat accept")) << rules;
}

TEST(FirewallRuleset, MasqueradesWhatLeavesANetwork)
{
    const std::string rules = firewallRuleset({{network("bridge", "hako0", "172.17.0.0/16")}, {}});
    EXPECT_TRUE(has(rules, "ip saddr 172.17.0.0/16 oifname != \"hako0\" masquerade\n")) << rules;
    // Loopback access to a published port, and a container reaching its own network's port.
    EXPECT_TRUE(has(rules, "oifname \"hako0\" ip saddr 127.0.0.0/8 masquerade\n")) << rules;
    EXPECT_TRUE(has(rules, "oifname \"hako0\" ct status dnat ip saddr 172.17.0.0/16 masquerade\n"))
        << rules;
    // Only one bridge: nothing to isolate it from.
    EXPECT_FALSE(has(rules, "oifname {")) << rules;
}

TEST(FirewallRuleset, PublishesPortsWithAndWithoutHostAddress)
{
    FirewallPlan plan{{network("bridge", "hako0", "172.17.0.0/16")},
                      {port("8080:80", "172.17.0.2"), port("127.0.0.1:8081:81", "172.17.0.3", kIdB),
                       port("5353:53/udp", "172.17.0.2")}};
    const std::string rules = firewallRuleset(plan);
    EXPECT_TRUE(
        has(rules, "    tcp dport 8080 dnat to 172.17.0.2:80 comment \"container " + kIdA + "\"\n"))
        << rules;
    EXPECT_TRUE(has(
        rules, "    ip daddr 127.0.0.1 tcp dport 8081 dnat to 172.17.0.3:81 comment \"container " +
                   kIdB + "\"\n"))
        << rules;
    EXPECT_TRUE(has(rules, "    udp dport 5353 dnat to 172.17.0.2:53 comment")) << rules;
    // The DNAT rules live in the chain the prerouting and output hooks jump to.
    const size_t chain = rules.find("chain published {");
    ASSERT_NE(chain, std::string::npos);
    EXPECT_GT(rules.find("tcp dport 8080"), chain);
    EXPECT_LT(rules.find("tcp dport 8080"), rules.find("chain postrouting"));
}

TEST(FirewallRuleset, InternalNetworkHasNoWayInOrOut)
{
    FirewallPlan plan{{network("bridge", "hako0", "172.17.0.0/16"),
                       network("secret", "hk-0123456789ab", "172.20.0.0/16", true)},
                      {}};
    const std::string rules = firewallRuleset(plan);
    EXPECT_FALSE(has(rules, "ip saddr 172.20.0.0/16 oifname != \"hk-0123456789ab\" masquerade"))
        << rules;
    EXPECT_TRUE(has(rules, "iifname \"hk-0123456789ab\" oifname != \"hk-0123456789ab\" drop\n"))
        << rules;
    EXPECT_TRUE(has(rules, "oifname \"hk-0123456789ab\" iifname != \"hk-0123456789ab\" drop\n"))
        << rules;
    // Dropped before published-port traffic is accepted: an internal network publishes nothing.
    EXPECT_LT(rules.find("iifname \"hk-0123456789ab\" oifname != "),
              rules.find("ct status dnat accept"));
}

TEST(FirewallRuleset, BridgesAreIsolatedFromEachOther)
{
    FirewallPlan plan{{network("bridge", "hako0", "172.17.0.0/16"),
                       network("one", "hk-111111111111", "172.18.0.0/16"),
                       network("two", "hk-222222222222", "172.19.0.0/16")},
                      {}};
    const std::string rules = firewallRuleset(plan);
    EXPECT_TRUE(
        has(rules, "iifname \"hako0\" oifname { \"hk-111111111111\", \"hk-222222222222\" } drop\n"))
        << rules;
    EXPECT_TRUE(
        has(rules, "iifname \"hk-111111111111\" oifname { \"hako0\", \"hk-222222222222\" } drop\n"))
        << rules;
    EXPECT_TRUE(
        has(rules, "iifname \"hk-222222222222\" oifname { \"hako0\", \"hk-111111111111\" } drop\n"))
        << rules;
    // Published ports still cross networks: the accept comes first.
    EXPECT_LT(rules.find("ct status dnat accept"), rules.find("iifname \"hako0\" oifname {"));
    for (const char *subnet : {"172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16"})
        EXPECT_TRUE(has(rules, std::string("ip saddr ") + subnet + " oifname != ")) << subnet;
}

TEST(FirewallRuleset, ContainersCannotReachTheHostsLoopback)
{
    FirewallPlan plan{{network("bridge", "hako0", "172.17.0.0/16"),
                       network("secret", "hk-0123456789ab", "172.20.0.0/16", true)},
                      {}};
    const std::string rules = firewallRuleset(plan);
    // route_localnet=1 on every bridge: a packet for 127/8 arriving on one is dropped before
    // conntrack and routing (raw), on internal networks too.
    const size_t chain =
        rules.find("chain loopback_guard {\n"
                   "    type filter hook prerouting priority raw; policy accept;\n");
    ASSERT_NE(chain, std::string::npos) << rules;
    for (const char *bridge : {"\"hako0\"", "\"hk-0123456789ab\""}) {
        const size_t rule =
            rules.find(std::string("    iifname ") + bridge + " ip daddr 127.0.0.0/8 drop\n");
        EXPECT_GT(rule, chain) << bridge << "\n" << rules;
        EXPECT_LT(rule, rules.find("chain forward")) << bridge;
    }
    // Without bridges the chain is there but holds no rule.
    EXPECT_FALSE(has(firewallRuleset({}), "ip daddr 127.0.0.0/8 drop")) << firewallRuleset({});
}

TEST(FirewallRuleset, OutsideReachesOnlyPublishedPorts)
{
    FirewallPlan plan{{network("bridge", "hako0", "172.17.0.0/16"),
                       network("one", "hk-111111111111", "172.18.0.0/16"),
                       network("secret", "hk-0123456789ab", "172.20.0.0/16", true)},
                      {port("8080:80", "172.17.0.2")}};
    const std::string rules = firewallRuleset(plan);
    const size_t dnat = rules.find("    ct status dnat accept\n");
    const size_t established = rules.find("    ct state established,related accept\n");
    const size_t intoBridge = rules.find("    oifname \"hako0\" iifname != \"hako0\" drop\n");
    ASSERT_NE(established, std::string::npos) << rules;
    ASSERT_NE(intoBridge, std::string::npos) << rules;
    EXPECT_TRUE(has(rules, "    oifname \"hk-111111111111\" iifname != \"hk-111111111111\" drop\n"))
        << rules;
    // Published ports and replies are accepted before anything new into a bridge is dropped;
    // bridge-to-bridge drops come before the replies' accept (no reply without a request).
    EXPECT_LT(dnat, intoBridge);
    EXPECT_LT(established, intoBridge);
    EXPECT_LT(rules.find("iifname \"hako0\" oifname {"), established);
    // Containers going out are not dropped: no rule matches a bridge as the input alone.
    EXPECT_FALSE(has(rules, "iifname \"hako0\" drop")) << rules;
    // An internal network keeps its one pair of drops, before any accept.
    EXPECT_EQ(rules.find("oifname \"hk-0123456789ab\" iifname != \"hk-0123456789ab\" drop"),
              rules.rfind("oifname \"hk-0123456789ab\" iifname != \"hk-0123456789ab\" drop"));
    EXPECT_LT(rules.find("oifname \"hk-0123456789ab\" iifname != "), dnat);
}

TEST(FirewallRuleset, AllAddressesPublishesOnEveryAddress)
{
    // -p 0.0.0.0:8080:80 is "every address": no `ip daddr 0.0.0.0`, which would match nothing.
    const std::string rules = firewallRuleset(
        {{network("bridge", "hako0", "172.17.0.0/16")}, {port("0.0.0.0:8080:80", "172.17.0.2")}});
    EXPECT_TRUE(has(rules, "    tcp dport 8080 dnat to 172.17.0.2:80 comment")) << rules;
    EXPECT_FALSE(has(rules, "0.0.0.0")) << rules;
}

TEST(FirewallRuleset, RefusesNamesThatCouldBecomeSyntax)
{
    for (const std::string bridge : {"evil\"; flush ruleset; \"", "has space", "sixteen-chars-xx",
                                     "", "new\nline", "brace}"}) {
        FirewallPlan plan{{network("x", bridge, "172.18.0.0/16")}, {}};
        EXPECT_THROW(firewallRuleset(plan), SpecError) << bridge;
    }
    EXPECT_NO_THROW(firewallRuleset({{network("x", "fifteen-chars-x", "172.18.0.0/16")}, {}}));

    FirewallPlan badComment{{}, {port("80:80", "172.17.0.2", "id\" accept comment \"x")}};
    EXPECT_THROW(firewallRuleset(badComment), SpecError);
    FirewallPlan badBridge{{}, {port("80:80", "172.17.0.2")}};
    badBridge.ports[0].bridge = "a b";
    EXPECT_THROW(firewallRuleset(badBridge), SpecError);
    FirewallPlan badIp{{}, {port("80:80", "172.17.0.2")}};
    badIp.ports[0].mapping.hostIp = "1.2.3.4; drop";
    EXPECT_THROW(firewallRuleset(badIp), SpecError);
    FirewallPlan badProtocol{{}, {port("80:80", "172.17.0.2")}};
    badProtocol.ports[0].mapping.protocol = "sctp";
    EXPECT_THROW(firewallRuleset(badProtocol), SpecError);
    FirewallPlan twice{
        {network("a", "hako0", "172.17.0.0/16"), network("b", "hako0", "172.18.0.0/16")}, {}};
    EXPECT_THROW(firewallRuleset(twice), SpecError);
}

TEST(FirewallRuleset, ErrorsNameTheCulprit)
{
    FirewallPlan plan{{network("web", "bad name", "172.18.0.0/16")}, {}};
    try {
        firewallRuleset(plan);
        FAIL() << "no error";
    } catch (const SpecError &e) {
        EXPECT_TRUE(has(e.what(), "network web")) << e.what();
        EXPECT_TRUE(has(e.what(), "\"bad name\"")) << e.what();
    }
}
