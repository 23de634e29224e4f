// Container networking: the model the engine, hako-monitor and the helper share.
//
// A container's network mode is read from its spec (docs/networking.md):
//   none        its own network namespace (an entry without a path) and no kNetworkAnnotation:
//               loopback only.
//   bridge      its own network namespace and annotations["org.hako.network"] = the networks
//               it is on, comma-separated names or ids ("bridge" is the default network). It
//               gets one interface per network (eth0, eth1, ...): a veth pair whose host end is
//               a port of that network's bridge.
//   host        no network namespace entry at all (the privileged action).
//   container:X the join annotation of namespace_joins.h (org.hako.namespace.network).
// The other org.hako.network.* annotations (ports, DNS, extra hosts, MAC, address) need a
// bridge-mode container. Only IPv4 is managed.
#pragma once

#include "spec.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hako {

struct Ipv4Address {
    uint32_t value = 0; // host byte order: 10.0.0.1 is 0x0a000001

    friend bool operator==(const Ipv4Address &, const Ipv4Address &) = default;
    friend auto operator<=>(const Ipv4Address &, const Ipv4Address &) = default;
};
std::optional<Ipv4Address> parseIpv4(std::string_view text); // dotted quad only
std::string formatIpv4(Ipv4Address address);

struct Ipv4Subnet {
    Ipv4Address address; // the network address (host bits zero)
    int prefix = 0;      // 0..32

    Ipv4Address netmask() const;
    Ipv4Address broadcast() const;
    bool contains(Ipv4Address address) const;
    bool overlaps(const Ipv4Subnet &other) const;

    friend bool operator==(const Ipv4Subnet &, const Ipv4Subnet &) = default;
};
// "172.18.0.0/16". Host bits set ("172.18.0.1/16") is an error, as Docker makes it; *error
// says what is wrong with the text.
std::optional<Ipv4Subnet> parseSubnet(std::string_view text, std::string *error);
std::string formatSubnet(const Ipv4Subnet &subnet);

// One published port: -p [hostIP:]hostPort:containerPort[/tcp|udp].
struct PortMapping {
    std::string hostIp; // empty: every address of the host
    uint16_t hostPort = 0;
    uint16_t containerPort = 0;
    std::string protocol = "tcp"; // "tcp" or "udp"

    friend bool operator==(const PortMapping &, const PortMapping &) = default;
};
// *error names the part that is wrong ("host port \"99999\" is not a port number (1-65535)").
std::optional<PortMapping> parsePortMapping(std::string_view text, std::string *error);
std::string formatPortMapping(const PortMapping &mapping); // "127.0.0.1:8080:80/tcp"

// --add-host NAME:IP
struct ExtraHost {
    std::string name;
    Ipv4Address address;

    friend bool operator==(const ExtraHost &, const ExtraHost &) = default;
};

// What a container asks of the network, kept in its spec's annotations.
inline constexpr std::string_view kNetworkAnnotation = "org.hako.network";
inline constexpr std::string_view kPublishAnnotation = "org.hako.network.publish";
inline constexpr std::string_view kDnsAnnotation = "org.hako.network.dns";
inline constexpr std::string_view kDnsSearchAnnotation = "org.hako.network.dns-search";
inline constexpr std::string_view kDnsOptionAnnotation = "org.hako.network.dns-option";
inline constexpr std::string_view kExtraHostsAnnotation = "org.hako.network.extra-hosts";
inline constexpr std::string_view kMacAddressAnnotation = "org.hako.network.mac-address";
inline constexpr std::string_view kIpAddressAnnotation = "org.hako.network.ip";
inline constexpr std::string_view kDefaultNetworkName = "bridge";

struct NetworkSettings {
    std::vector<std::string> networks; // as named; empty: no Hako network
    std::vector<PortMapping> ports;
    std::vector<std::string> dns;        // nameserver addresses
    std::vector<std::string> dnsSearch;  // search domains
    std::vector<std::string> dnsOptions; // resolv.conf options ("ndots:2")
    std::vector<ExtraHost> extraHosts;
    std::string macAddress; // on the first network; empty: derived from its address
    std::optional<Ipv4Address> ipAddress; // on the first network; empty: the next free one

    bool empty() const;
    friend bool operator==(const NetworkSettings &, const NetworkSettings &) = default;
};

// Reads the annotations. Each problem is added to *issues with the annotation's path
// ("annotations.org.hako.network.publish: \"80:x\": container port ..."); the rest is kept.
// Also checks the rules across the spec: a bridge-mode container needs a network namespace
// of its own (not host, not joined); ports, DNS, hosts, MAC and address need a network.
NetworkSettings networkSettings(const Spec &spec, std::vector<SpecIssue> *issues);
// Writes `settings` into the annotations (empty lists erase their annotation).
void setNetworkSettings(Spec &spec, const NetworkSettings &settings);

// docker network: a bridge network Hako manages (<root>/networks/<id>/network.json).
struct NetworkConfig {
    std::string id;   // 64 hex digits
    std::string name; // "bridge" for the default network
    std::string driver = "bridge";
    Ipv4Subnet subnet;
    Ipv4Address gateway;   // the bridge's own address
    std::string bridge;    // link name: "hako0" for the default network, "hk-<12 hex of id>"
    bool internal = false; // no way out: no masquerade, nothing forwarded off the bridge
    bool icc = true;       // containers on it may reach each other
    int mtu = 0;           // 0: the MTU of the link of the host's default route (else 1500)
    int64_t createdAt = 0; // unix nanoseconds
    std::map<std::string, std::string> labels;

    bool isDefault() const { return name == kDefaultNetworkName; }
};
nlohmann::json toJson(const NetworkConfig &network);
NetworkConfig networkFromJson(const nlohmann::json &json);

// One interface of a running container on one network. The engine plans them at start into
// <container dir>/network.json; hako-monitor makes them once the container's namespace
// exists; the file stays the record of what the container is connected to while it runs.
struct Endpoint {
    std::string networkId;
    std::string networkName;
    std::string bridge;        // the bridge the host end is a port of
    std::string hostInterface; // "veth1a2b3c4" in the host's namespace
    std::string interface;     // in the container: "eth0", "eth1", ...
    Ipv4Address address;
    int prefix = 0;
    Ipv4Address gateway;
    std::string macAddress; // "02:42:ac:11:00:02"
    int mtu = 1500;
    bool defaultRoute = false; // the first network's gateway is the container's default route
    bool isolated = false;     // icc off: a bridge port that may reach the bridge, not other ports

    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};
nlohmann::json toJson(const Endpoint &endpoint);
Endpoint endpointFromJson(const nlohmann::json &json);
std::vector<Endpoint> readEndpoints(const std::string &path); // empty when the file is absent
void writeEndpoints(const std::string &path, const std::vector<Endpoint> &endpoints);

// 02:42 followed by the four bytes of the address, as Docker makes them: stable across
// restarts, so neighbours' ARP caches stay right when an address is handed out again.
std::string macForAddress(Ipv4Address address);
bool isValidMacAddress(std::string_view text); // "xx:xx:xx:xx:xx:xx", unicast

} // namespace hako
