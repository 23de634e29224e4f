// The network model: address, subnet, port and MAC parsers with their error text, and the JSON
// of networks and endpoints (the annotations are in test_network_settings.cpp).
#include "error.h"
#include "network.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace hako;

namespace
{

// ---- IPv4 addresses ----

TEST(NetworkModel, ParsesDottedQuads)
{
    EXPECT_EQ(parseIpv4("10.0.0.1")->value, 0x0a000001u);
    EXPECT_EQ(parseIpv4("0.0.0.0")->value, 0u);
    EXPECT_EQ(parseIpv4("255.255.255.255")->value, 0xffffffffu);
    EXPECT_EQ(formatIpv4(*parseIpv4("172.18.0.254")), "172.18.0.254");
}

TEST(NetworkModel, RefusesAnythingButADottedQuad)
{
    for (const char *bad : {"", "10", "10.0.0", "10.0.0.1.", "10.0.0.1.5", "256.0.0.1", "10.0.0.-1",
                            "010.0.0.1", "10.00.0.1", "1e.0.0.1", " 10.0.0.1", "10.0.0.1 ",
                            "10..0.1", "1000.0.0.1", "::1", "10.0.0.1/8"})
        EXPECT_FALSE(parseIpv4(bad)) << bad;
}

// ---- subnets ----

TEST(NetworkModel, SubnetArithmetic)
{
    std::string error;
    const auto subnet = parseSubnet("172.18.0.0/16", &error);
    ASSERT_TRUE(subnet) << error;
    EXPECT_EQ(formatIpv4(subnet->netmask()), "255.255.0.0");
    EXPECT_EQ(formatIpv4(subnet->broadcast()), "172.18.255.255");
    EXPECT_TRUE(subnet->contains(*parseIpv4("172.18.3.4")));
    EXPECT_FALSE(subnet->contains(*parseIpv4("172.19.0.1")));
    EXPECT_EQ(formatSubnet(*subnet), "172.18.0.0/16");

    const auto all = parseSubnet("0.0.0.0/0", &error);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->netmask().value, 0u);
    EXPECT_TRUE(all->contains(*parseIpv4("8.8.8.8")));
    const auto one = parseSubnet("10.89.0.7/32", &error);
    ASSERT_TRUE(one);
    EXPECT_EQ(one->broadcast(), one->address);
}

TEST(NetworkModel, SubnetOverlaps)
{
    const auto a = *parseSubnet("10.89.0.0/16", nullptr);
    EXPECT_TRUE(a.overlaps(*parseSubnet("10.89.4.0/24", nullptr)));
    EXPECT_TRUE(parseSubnet("10.89.4.0/24", nullptr)->overlaps(a));
    EXPECT_TRUE(a.overlaps(*parseSubnet("10.0.0.0/8", nullptr)));
    EXPECT_FALSE(a.overlaps(*parseSubnet("10.90.0.0/16", nullptr)));
}

TEST(NetworkModel, SubnetErrorsSayWhatIsWrong)
{
    std::string error;
    EXPECT_FALSE(parseSubnet("10.0.0.1/33", &error));
    EXPECT_EQ(error, "\"10.0.0.1/33\": prefix must be 0-32");
    EXPECT_FALSE(parseSubnet("10.0.0.1/24", &error));
    EXPECT_EQ(error, "\"10.0.0.1/24\" has host bits set; did you mean 10.0.0.0/24?");
    EXPECT_FALSE(parseSubnet("10.0.0.0", &error));
    EXPECT_EQ(error, "\"10.0.0.0\": expected ADDRESS/PREFIX (like 172.18.0.0/16)");
    EXPECT_FALSE(parseSubnet("10.0.0/8", &error));
    EXPECT_EQ(error, "\"10.0.0/8\": \"10.0.0\" is not an IPv4 address");
    EXPECT_FALSE(parseSubnet("10.0.0.0/", &error));
    EXPECT_EQ(error, "\"10.0.0.0/\": prefix must be 0-32");
    EXPECT_FALSE(parseSubnet("10.0.0.0/-1", &error));
    EXPECT_EQ(error, "\"10.0.0.0/-1\": prefix must be 0-32");
}

// ---- published ports ----

TEST(NetworkModel, ParsesDockersPortForms)
{
    std::string error;
    EXPECT_EQ(parsePortMapping("8080:80", &error), (PortMapping{"", 8080, 80, "tcp"}));
    EXPECT_EQ(parsePortMapping("127.0.0.1:8080:80", &error),
              (PortMapping{"127.0.0.1", 8080, 80, "tcp"}));
    EXPECT_EQ(parsePortMapping("53:53/udp", &error), (PortMapping{"", 53, 53, "udp"}));
    EXPECT_EQ(parsePortMapping("10.1.2.3:65535:1/tcp", &error),
              (PortMapping{"10.1.2.3", 65535, 1, "tcp"}));
    EXPECT_EQ(parsePortMapping(":8080:80", &error), (PortMapping{"", 8080, 80, "tcp"}));
    // 0.0.0.0 is "every address" too, stored as "" so nothing reads it as one address.
    EXPECT_EQ(parsePortMapping("0.0.0.0:8080:80/udp", &error), (PortMapping{"", 8080, 80, "udp"}));
    EXPECT_EQ(formatPortMapping(*parsePortMapping("0.0.0.0:8080:80", &error)), "8080:80/tcp");
}

TEST(NetworkModel, FormatsPortsSoTheyParseBack)
{
    const PortMapping mapping{"127.0.0.1", 8080, 80, "udp"};
    EXPECT_EQ(formatPortMapping(mapping), "127.0.0.1:8080:80/udp");
    EXPECT_EQ(formatPortMapping({"", 1, 2, "tcp"}), "1:2/tcp");
    EXPECT_EQ(parsePortMapping(formatPortMapping(mapping), nullptr), mapping);
}

TEST(NetworkModel, PortErrorsNameThePart)
{
    const auto errorOf = [](const char *text) {
        std::string error;
        EXPECT_FALSE(parsePortMapping(text, &error)) << text;
        return error;
    };
    EXPECT_EQ(errorOf("80:x"), "\"80:x\": container port \"x\" is not a port number (1-65535)");
    EXPECT_EQ(errorOf("99999:80"),
              "\"99999:80\": host port \"99999\" is not a port number (1-65535)");
    EXPECT_EQ(errorOf("0:80"), "\"0:80\": host port \"0\" is not a port number (1-65535)");
    EXPECT_EQ(errorOf("80:0"), "\"80:0\": container port \"0\" is not a port number (1-65535)");
    EXPECT_EQ(errorOf("80:80/icmp"), "\"80:80/icmp\": protocol \"icmp\" must be tcp or udp");
    EXPECT_EQ(errorOf("80:80/TCP"), "\"80:80/TCP\": protocol \"TCP\" must be tcp or udp");
    EXPECT_EQ(errorOf("::1:80:80"),
              "\"::1:80:80\": expected [HOSTIP:]HOSTPORT:CONTAINERPORT[/tcp|udp]");
    EXPECT_EQ(errorOf("localhost:80:80"),
              "\"localhost:80:80\": host address \"localhost\" is not an IPv4 address");
    EXPECT_EQ(errorOf("8000-8010:80"),
              "\"8000-8010:80\": host port \"8000-8010\" is not a port number (1-65535)");
    EXPECT_NE(errorOf("80").find("give the host port"), std::string::npos);
    EXPECT_NE(errorOf("80/udp").find("give the host port"), std::string::npos);
    EXPECT_NE(errorOf("127.0.0.1::80").find("give the host port"), std::string::npos);
}

// ---- MAC addresses ----

TEST(NetworkModel, MacFromAddressIsDockers)
{
    EXPECT_EQ(macForAddress(*parseIpv4("172.17.0.2")), "02:42:ac:11:00:02");
    EXPECT_EQ(macForAddress(*parseIpv4("10.89.255.254")), "02:42:0a:59:ff:fe");
    EXPECT_TRUE(isValidMacAddress(macForAddress(*parseIpv4("10.0.0.1"))));
}

TEST(NetworkModel, MacValidation)
{
    EXPECT_TRUE(isValidMacAddress("02:42:ac:11:00:02"));
    EXPECT_TRUE(isValidMacAddress("AA:BB:CC:DD:EE:FF")); // 0xaa: the multicast bit is clear
    EXPECT_TRUE(isValidMacAddress("a8:BB:cc:dd:ee:ff"));
    EXPECT_FALSE(isValidMacAddress("01:00:5e:00:00:01")); // multicast
    EXPECT_FALSE(isValidMacAddress("ff:ff:ff:ff:ff:ff")); // broadcast
    EXPECT_FALSE(isValidMacAddress("00:00:00:00:00:00"));
    EXPECT_FALSE(isValidMacAddress("02:42:ac:11:00"));
    EXPECT_FALSE(isValidMacAddress("02-42-ac-11-00-02"));
    EXPECT_FALSE(isValidMacAddress("02:42:ac:11:00:0g"));
    EXPECT_FALSE(isValidMacAddress("02:42:ac:11:00:02:"));
}

// ---- JSON ----

NetworkConfig sampleNetwork()
{
    NetworkConfig network;
    network.id = std::string(64, 'a');
    network.name = "backend";
    network.subnet = *parseSubnet("10.89.1.0/24", nullptr);
    network.gateway = *parseIpv4("10.89.1.1");
    network.bridge = "hk-aaaaaaaaaaaa";
    network.internal = true;
    network.icc = false;
    network.mtu = 1400;
    network.createdAt = 1764000000123456789;
    network.labels = {{"team", "web"}};
    return network;
}

Endpoint sampleEndpoint(const char *interface, const char *address)
{
    Endpoint endpoint;
    endpoint.networkId = std::string(64, 'b');
    endpoint.networkName = "backend";
    endpoint.bridge = "hk-bbbbbbbbbbbb";
    endpoint.hostInterface = "veth1a2b3c4";
    endpoint.interface = interface;
    endpoint.address = *parseIpv4(address);
    endpoint.prefix = 24;
    endpoint.gateway = *parseIpv4("10.89.1.1");
    endpoint.macAddress = macForAddress(endpoint.address);
    endpoint.mtu = 1400;
    endpoint.defaultRoute = true;
    endpoint.isolated = true;
    return endpoint;
}

TEST(NetworkModel, NetworkJsonRoundTrips)
{
    const NetworkConfig network = sampleNetwork();
    const nlohmann::json json = toJson(network);
    EXPECT_EQ(json["subnet"], "10.89.1.0/24");
    EXPECT_EQ(json["gateway"], "10.89.1.1");
    const NetworkConfig back = networkFromJson(nlohmann::json::parse(json.dump()));
    EXPECT_EQ(toJson(back), json);
    EXPECT_EQ(back.subnet, network.subnet);
    EXPECT_EQ(back.labels, network.labels);
    EXPECT_FALSE(back.isDefault());
}

TEST(NetworkModel, DamagedNetworkJsonNamesTheField)
{
    nlohmann::json json = toJson(sampleNetwork());
    json["subnet"] = "10.89.1.1/24";
    try {
        networkFromJson(json);
        FAIL() << "accepted a subnet with host bits";
    } catch (const BadContentError &e) {
        EXPECT_EQ(std::string(e.what()),
                  "network.subnet: \"10.89.1.1/24\" has host bits set; did you mean "
                  "10.89.1.0/24?");
    }
    json = toJson(sampleNetwork());
    json.erase("gateway");
    EXPECT_THROW(networkFromJson(json), BadContentError);
    json = toJson(sampleNetwork());
    json["mtu"] = "big";
    try {
        networkFromJson(json);
        FAIL();
    } catch (const BadContentError &e) {
        EXPECT_EQ(std::string(e.what()), "network.mtu: wrong type (string)");
    }
    EXPECT_THROW(networkFromJson(nlohmann::json::array()), BadContentError);
}

TEST(NetworkModel, EndpointJsonRoundTrips)
{
    const Endpoint endpoint = sampleEndpoint("eth0", "10.89.1.2");
    EXPECT_EQ(endpointFromJson(toJson(endpoint)), endpoint);
    nlohmann::json json = toJson(endpoint);
    json["address"] = "10.89.1";
    try {
        endpointFromJson(json);
        FAIL();
    } catch (const BadContentError &e) {
        EXPECT_EQ(std::string(e.what()), "endpoint.address: \"10.89.1\" is not an IPv4 address");
    }
}

class TempDir : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "hako-net-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string dir_;
};

using EndpointsFile = TempDir;

TEST_F(EndpointsFile, AbsentFileIsNoEndpoints)
{
    EXPECT_TRUE(readEndpoints(dir_ + "/network.json").empty());
}

TEST_F(EndpointsFile, WritesAndReadsBack)
{
    const std::string path = dir_ + "/network.json";
    const std::vector<Endpoint> endpoints{sampleEndpoint("eth0", "10.89.1.2"),
                                          sampleEndpoint("eth1", "10.89.1.3")};
    writeEndpoints(path, endpoints);
    EXPECT_EQ(readEndpoints(path), endpoints);
    const nlohmann::json json = nlohmann::json::parse(std::ifstream(path));
    ASSERT_TRUE(json["endpoints"].is_array());
    EXPECT_EQ(json["endpoints"][1]["interface"], "eth1");
    writeEndpoints(path, {});
    EXPECT_TRUE(readEndpoints(path).empty());
}

TEST_F(EndpointsFile, DamagedFileNamesThePath)
{
    const std::string path = dir_ + "/network.json";
    std::ofstream(path) << R"({"endpoints": {"eth0": 1}})";
    try {
        readEndpoints(path);
        FAIL();
    } catch (const BadContentError &e) {
        EXPECT_EQ(std::string(e.what()), path + ": file.endpoints: expected an array");
    }
    std::ofstream(path) << "{not json";
    try {
        readEndpoints(path);
        FAIL();
    } catch (const BadContentError &e) {
        EXPECT_TRUE(std::string(e.what()).starts_with(path + ": ")) << e.what();
    }
}

} // namespace
