// The org.hako.network* annotations: reading them into NetworkSettings with an issue per bad
// value (path and text), writing them back, and validateSpec's rules across the spec.
#include "network.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace hako;

namespace
{

// A bridge-mode container: its own network namespace, on `networks`.
Spec bridgeSpec(const std::string &networks = "bridge")
{
    Spec spec = defaultSpec();
    spec.annotations[std::string(kNetworkAnnotation)] = networks;
    return spec;
}

std::vector<SpecIssue> issuesOf(const Spec &spec)
{
    std::vector<SpecIssue> issues;
    networkSettings(spec, &issues);
    return issues;
}

// The one issue `spec` has; fails the test when it has none or several.
std::string onlyIssue(const Spec &spec)
{
    const std::vector<SpecIssue> issues = issuesOf(spec);
    EXPECT_EQ(issues.size(), 1u) << issuesText(issues);
    return issues.empty() ? "" : issues.front().text();
}

std::string withAnnotation(std::string_view key, const std::string &value,
                           const std::string &networks = "mynet")
{
    Spec spec = bridgeSpec(networks);
    spec.annotations[std::string(key)] = value;
    return onlyIssue(spec);
}

TEST(NetworkSettings, NoAnnotationsIsNoNetwork)
{
    std::vector<SpecIssue> issues;
    const NetworkSettings settings = networkSettings(defaultSpec(), &issues);
    EXPECT_TRUE(settings.empty());
    EXPECT_TRUE(issues.empty());
    EXPECT_TRUE(validateSpec(defaultSpec(), ValidateMode::FromImage).empty());
}

TEST(NetworkSettings, ReadsEveryAnnotation)
{
    Spec spec = bridgeSpec("mynet,other");
    spec.annotations["org.hako.network.publish"] = "8080:80,127.0.0.1:5353:53/udp";
    spec.annotations["org.hako.network.dns"] = "10.89.0.1,1.1.1.1";
    spec.annotations["org.hako.network.dns-search"] = "example.org,corp.example.com.";
    spec.annotations["org.hako.network.dns-option"] = "ndots:2,rotate,single-request-reopen";
    spec.annotations["org.hako.network.extra-hosts"] = "db:10.89.0.5,cache.local:10.89.0.6";
    spec.annotations["org.hako.network.mac-address"] = "02:42:AC:11:00:09";
    spec.annotations["org.hako.network.ip"] = "10.89.0.9";
    std::vector<SpecIssue> issues;
    const NetworkSettings settings = networkSettings(spec, &issues);
    EXPECT_TRUE(issues.empty()) << issuesText(issues);
    EXPECT_EQ(settings.networks, (std::vector<std::string>{"mynet", "other"}));
    EXPECT_EQ(settings.ports,
              (std::vector<PortMapping>{{"", 8080, 80, "tcp"}, {"127.0.0.1", 5353, 53, "udp"}}));
    EXPECT_EQ(settings.dns, (std::vector<std::string>{"10.89.0.1", "1.1.1.1"}));
    EXPECT_EQ(settings.dnsSearch, (std::vector<std::string>{"example.org", "corp.example.com."}));
    EXPECT_EQ(settings.dnsOptions,
              (std::vector<std::string>{"ndots:2", "rotate", "single-request-reopen"}));
    EXPECT_EQ(settings.extraHosts,
              (std::vector<ExtraHost>{{"db", *parseIpv4("10.89.0.5")},
                                      {"cache.local", *parseIpv4("10.89.0.6")}}));
    EXPECT_EQ(settings.macAddress, "02:42:ac:11:00:09");
    EXPECT_EQ(settings.ipAddress, parseIpv4("10.89.0.9"));
    EXPECT_TRUE(validateSpec(spec, ValidateMode::FromImage).empty());
}

TEST(NetworkSettings, RoundTripsThroughAnnotations)
{
    NetworkSettings settings;
    settings.networks = {"backend", "bridge"};
    settings.ports = {{"", 8080, 80, "tcp"}, {"10.0.0.1", 53, 53, "udp"}};
    settings.dns = {"10.0.0.2"};
    settings.dnsSearch = {"example.org"};
    settings.dnsOptions = {"ndots:1"};
    settings.extraHosts = {{"db", *parseIpv4("10.0.0.3")}};
    settings.macAddress = "02:42:0a:00:00:09";
    settings.ipAddress = parseIpv4("10.0.0.9");
    Spec spec = defaultSpec();
    setNetworkSettings(spec, settings);
    EXPECT_EQ(spec.annotations["org.hako.network"], "backend,bridge");
    EXPECT_EQ(spec.annotations["org.hako.network.publish"], "8080:80/tcp,10.0.0.1:53:53/udp");
    EXPECT_EQ(spec.annotations["org.hako.network.extra-hosts"], "db:10.0.0.3");
    std::vector<SpecIssue> issues;
    EXPECT_EQ(networkSettings(spec, &issues), settings);
    EXPECT_TRUE(issues.empty()) << issuesText(issues);

    // Empty settings erase every annotation they own, and only those.
    spec.annotations["org.hako.user"] = "nobody";
    setNetworkSettings(spec, NetworkSettings{});
    EXPECT_EQ(spec.annotations, (std::map<std::string, std::string>{{"org.hako.user", "nobody"}}));
}

TEST(NetworkSettings, NetworkNamesFollowDockersRule)
{
    EXPECT_EQ(onlyIssue(bridgeSpec("-bad")),
              "annotations.org.hako.network: \"-bad\" is not a valid network name "
              "([a-zA-Z0-9][a-zA-Z0-9_.-]*)");
    EXPECT_EQ(onlyIssue(bridgeSpec("ok,container:abc")),
              "annotations.org.hako.network: \"container:abc\" is not a valid network name "
              "([a-zA-Z0-9][a-zA-Z0-9_.-]*)");
    EXPECT_EQ(onlyIssue(bridgeSpec("host")),
              "annotations.org.hako.network: \"host\" is a network mode, not a network a "
              "container can be on");
    EXPECT_EQ(onlyIssue(bridgeSpec("none")),
              "annotations.org.hako.network: \"none\" is a network mode, not a network a "
              "container can be on");
    EXPECT_EQ(onlyIssue(bridgeSpec("a,b,a")),
              "annotations.org.hako.network: network \"a\" is named twice");
    EXPECT_EQ(onlyIssue(bridgeSpec("")),
              "annotations.org.hako.network: must name at least one network (\"bridge\" is the "
              "default)");
    EXPECT_EQ(onlyIssue(bridgeSpec("a,,b")),
              "annotations.org.hako.network: \"\" is not a valid network name "
              "([a-zA-Z0-9][a-zA-Z0-9_.-]*)");
    EXPECT_TRUE(issuesOf(bridgeSpec("My_net.2-x,3f2a9c1b7d4e")).empty());
}

TEST(NetworkSettings, BadValuesAreNamedWithTheirAnnotation)
{
    EXPECT_EQ(withAnnotation(kPublishAnnotation, "8080:80,80:x"),
              "annotations.org.hako.network.publish: \"80:x\": container port \"x\" is not a "
              "port number (1-65535)");
    EXPECT_EQ(withAnnotation(kDnsAnnotation, "10.0.0.1,dns.example"),
              "annotations.org.hako.network.dns: \"dns.example\" is not an IPv4 address");
    EXPECT_EQ(withAnnotation(kDnsAnnotation, "::1"),
              "annotations.org.hako.network.dns: \"::1\" is not an IPv4 address");
    EXPECT_EQ(withAnnotation(kDnsSearchAnnotation, "good.org,bad domain"),
              "annotations.org.hako.network.dns-search: \"bad domain\" is not a domain name");
    EXPECT_EQ(withAnnotation(kDnsSearchAnnotation, "-x.org"),
              "annotations.org.hako.network.dns-search: \"-x.org\" is not a domain name");
    EXPECT_EQ(withAnnotation(kDnsSearchAnnotation, "a..b"),
              "annotations.org.hako.network.dns-search: \"a..b\" is not a domain name");
    EXPECT_EQ(withAnnotation(kDnsOptionAnnotation, "ndots:x"),
              "annotations.org.hako.network.dns-option: \"ndots:x\" is not a resolver option "
              "(NAME or NAME:NUMBER, like ndots:2)");
    // A value must not be able to add a line of its own to resolv.conf.
    EXPECT_NE(withAnnotation(kDnsOptionAnnotation, "rotate\nnameserver 1.2.3.4")
                  .find("is not a resolver option"),
              std::string::npos);
    EXPECT_EQ(withAnnotation(kExtraHostsAnnotation, "db"),
              "annotations.org.hako.network.extra-hosts: \"db\": expected NAME:IP (like "
              "db:10.0.0.5)");
    EXPECT_EQ(withAnnotation(kExtraHostsAnnotation, "db:10.0.0"),
              "annotations.org.hako.network.extra-hosts: \"db:10.0.0\": \"10.0.0\" is not an "
              "IPv4 address");
    EXPECT_EQ(withAnnotation(kExtraHostsAnnotation, "bad name:10.0.0.1"),
              "annotations.org.hako.network.extra-hosts: \"bad name:10.0.0.1\": \"bad name\" "
              "is not a host name");
    EXPECT_EQ(withAnnotation(kMacAddressAnnotation, "01:00:5e:00:00:01"),
              "annotations.org.hako.network.mac-address: \"01:00:5e:00:00:01\" is not a unicast "
              "MAC address (xx:xx:xx:xx:xx:xx, the low bit of the first byte clear)");
    EXPECT_EQ(withAnnotation(kIpAddressAnnotation, "10.0.0.256"),
              "annotations.org.hako.network.ip: \"10.0.0.256\" is not an IPv4 address");
    EXPECT_EQ(withAnnotation(kIpAddressAnnotation, "172.17.0.9", "bridge,mynet"),
              "annotations.org.hako.network.ip: an address can be chosen on a user-defined "
              "network only, not on the default network \"bridge\"");
}

TEST(NetworkSettings, GoodValuesNextToBadOnesAreKept)
{
    Spec spec = bridgeSpec("mynet");
    spec.annotations["org.hako.network.dns"] = "10.0.0.1,nope,10.0.0.2";
    std::vector<SpecIssue> issues;
    const NetworkSettings settings = networkSettings(spec, &issues);
    EXPECT_EQ(issues.size(), 1u);
    EXPECT_EQ(settings.dns, (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
    EXPECT_EQ(settings.networks, (std::vector<std::string>{"mynet"}));
}

TEST(NetworkSettings, DnsSearchDotMeansNone)
{
    EXPECT_TRUE(issuesOf([] {
                    Spec spec = bridgeSpec();
                    spec.annotations["org.hako.network.dns-search"] = ".";
                    return spec;
                }())
                    .empty());
    EXPECT_EQ(withAnnotation(kDnsSearchAnnotation, ".,example.org"),
              "annotations.org.hako.network.dns-search: \".\" is not a domain name");
}

TEST(NetworkSettings, DuplicateHostPortsAreRefused)
{
    EXPECT_EQ(withAnnotation(kPublishAnnotation, "8080:80,8080:81"),
              "annotations.org.hako.network.publish: \"8080:81\": host port 8080/tcp is already "
              "published by \"8080:80/tcp\"");
    EXPECT_EQ(withAnnotation(kPublishAnnotation, "127.0.0.1:8080:80,8080:81"),
              "annotations.org.hako.network.publish: \"8080:81\": host port 8080/tcp is already "
              "published by \"127.0.0.1:8080:80/tcp\"");
    Spec spec = bridgeSpec();
    spec.annotations["org.hako.network.publish"] =
        "8080:80,8080:80/udp,127.0.0.1:9090:90,127.0.0.2:9090:90";
    std::vector<SpecIssue> issues;
    EXPECT_EQ(networkSettings(spec, &issues).ports.size(), 4u);
    EXPECT_TRUE(issues.empty()) << issuesText(issues);
}

TEST(NetworkSettings, NetworkNeedsANamespaceOfItsOwn)
{
    Spec host = bridgeSpec();
    std::erase_if(host.linux.namespaces,
                  [](const Namespace &ns) { return ns.type == NamespaceType::Network; });
    EXPECT_EQ(onlyIssue(host),
              "annotations.org.hako.network: a container on a network needs a network namespace "
              "of its own, but linux.namespaces has no \"network\" entry (the host's network)");

    Spec pathJoin = bridgeSpec();
    for (Namespace &ns : pathJoin.linux.namespaces)
        if (ns.type == NamespaceType::Network)
            ns.path = "/run/netns/x";
    EXPECT_EQ(onlyIssue(pathJoin),
              "annotations.org.hako.network: a container on a network needs a network namespace "
              "of its own, but linux.namespaces joins \"/run/netns/x\"");

    Spec joined = bridgeSpec();
    joined.annotations[joinAnnotationKey(NamespaceType::Network)] =
        "container:" + std::string(64, 'a');
    EXPECT_EQ(onlyIssue(joined),
              "annotations.org.hako.network: a container on a network needs a network namespace "
              "of its own, but annotation org.hako.namespace.network joins another container's");
}

TEST(NetworkSettings, OtherAnnotationsNeedANetwork)
{
    Spec spec = defaultSpec();
    spec.annotations["org.hako.network.publish"] = "8080:80";
    spec.annotations["org.hako.network.dns"] = "10.0.0.1";
    std::vector<SpecIssue> issues;
    networkSettings(spec, &issues);
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].text(), "annotations.org.hako.network.publish: needs the container on a "
                                "network (annotation org.hako.network, network mode bridge)");
    EXPECT_EQ(issues[1].path, "annotations.org.hako.network.dns");
}

TEST(NetworkSettings, ValidateSpecReportsThem)
{
    Spec spec = bridgeSpec("mynet");
    spec.annotations["org.hako.network.publish"] = "80";
    spec.annotations["org.hako.network.ip"] = "x";
    const std::vector<SpecIssue> issues = validateSpec(spec, ValidateMode::FromImage);
    ASSERT_EQ(issues.size(), 2u) << issuesText(issues);
    EXPECT_EQ(issues[0].path, "annotations.org.hako.network.publish");
    EXPECT_NE(issues[0].message.find("give the host port"), std::string::npos);
    EXPECT_EQ(issues[1].path, "annotations.org.hako.network.ip");

    // parseSpec runs the same checks on a config.json edited by hand.
    const ParseResult parsed = parseSpec(toJsonText(spec), ValidateMode::FromImage);
    EXPECT_FALSE(parsed.ok());
    EXPECT_NE(parsed.errorText().find("annotations.org.hako.network.ip: \"x\" is not an IPv4 "
                                      "address"),
              std::string::npos)
        << parsed.errorText();
}

} // namespace
