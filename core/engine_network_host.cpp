// The host side of the engine's networking: the subnets the host already uses, its default
// MTU, Hako's bridges, veth names and the published ports' host sockets.
#include "engine_network_support.h"

#include "error.h"
#include "fs.h"
#include "netlink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <set>

namespace hako
{

namespace
{

bool isHakoBridge(const std::string &link, const std::vector<NetworkConfig> &networks)
{
    if (isHakoBridgeName(link))
        return true;
    return std::ranges::any_of(networks, [&](const NetworkConfig &n) { return n.bridge == link; });
}

// A sysctl of the calling thread's network namespace, set to 1.
void enableSysctl(const std::string &path)
{
    writeFile(path, "1\n");
}

std::string describePort(const PortMapping &mapping)
{
    return std::to_string(mapping.hostPort) + "/" + mapping.protocol;
}

bool coversAllAddresses(const std::string &hostIp)
{
    return hostIp.empty() || hostIp == "0.0.0.0";
}

bool sameHostSocket(const PortMapping &a, const PortMapping &b)
{
    return a.hostPort == b.hostPort && a.protocol == b.protocol &&
           (coversAllAddresses(a.hostIp) || coversAllAddresses(b.hostIp) || a.hostIp == b.hostIp);
}

// bind() without SO_REUSEADDR is the kernel's own answer to "does anything hold this port".
void checkHostSocketFree(const PortMapping &mapping)
{
    const bool udp = mapping.protocol == "udp";
    const UniqueFd fd(::socket(AF_INET, (udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0));
    if (!fd)
        throwSys("socket", "port " + describePort(mapping));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(mapping.hostPort);
    if (!coversAllAddresses(mapping.hostIp)) {
        const std::optional<Ipv4Address> ip = parseIpv4(mapping.hostIp);
        if (!ip)
            throw SpecError("annotations.org.hako.network.publish: \"" + mapping.hostIp +
                            "\" is not an IPv4 address");
        address.sin_addr.s_addr = htonl(ip->value);
    }
    if (::bind(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
        return;
    const std::string where = coversAllAddresses(mapping.hostIp) ? "" : " at " + mapping.hostIp;
    if (errno == EADDRINUSE)
        throw Error("port " + describePort(mapping) + " is already in use on the host" + where);
    if (errno == EADDRNOTAVAIL)
        throw SpecError("annotations.org.hako.network.publish: " + mapping.hostIp +
                        " is not an address of this host");
    throwSys("bind", "port " + describePort(mapping) + where);
}

} // namespace

std::string endpointsPath(const StateStore &store, const std::string &id)
{
    return store.containerDir(id) + "/network.json";
}

std::vector<Ipv4Subnet> hostSubnets(const std::vector<NetworkConfig> &networks)
{
    const RtNetlink netlink;
    std::set<int> hakoLinks;
    for (const LinkInfo &link : netlink.links())
        if (isHakoBridge(link.name, networks))
            hakoLinks.insert(link.index);
    std::vector<Ipv4Subnet> subnets;
    for (const RouteInfo &route : netlink.routes())
        if (route.destination.prefix > 0 && !hakoLinks.contains(route.linkIndex))
            subnets.push_back(route.destination);
    for (const AddressInfo &address : netlink.addresses()) {
        if (hakoLinks.contains(address.linkIndex))
            continue;
        Ipv4Subnet subnet{address.address, address.prefix};
        subnet.address.value &= subnet.netmask().value;
        subnets.push_back(subnet);
    }
    return subnets;
}

int effectiveMtu(const NetworkConfig &network)
{
    if (network.mtu > 0)
        return network.mtu;
    const RtNetlink netlink;
    for (const RouteInfo &route : netlink.routes()) {
        if (route.destination.prefix != 0)
            continue;
        for (const LinkInfo &link : netlink.links())
            if (link.index == route.linkIndex && link.mtu > 0)
                return link.mtu;
    }
    return 1500;
}

bool ensureBridge(const NetworkConfig &network)
{
    RtNetlink netlink;
    int index = netlink.linkIndex(network.bridge);
    const bool made = index == 0;
    if (made) {
        netlink.createBridge(network.bridge, effectiveMtu(network));
        index = netlink.linkIndex(network.bridge);
        if (index == 0)
            throw Error("bridge " + network.bridge + " of network " + network.name +
                        " vanished right after it was made");
        // Else the bridge takes the lowest MAC of its ports and changes it as containers come
        // and go, and every container's ARP entry for the gateway goes stale with it.
        netlink.setMacAddress(index, macForAddress(network.gateway));
    }
    netlink.addAddress(index, network.gateway, network.subnet.prefix);
    netlink.setUp(index);
    enableSysctl("/proc/sys/net/ipv4/conf/" + network.bridge + "/route_localnet");
    if (!network.internal)
        enableSysctl("/proc/sys/net/ipv4/ip_forward");
    return made;
}

std::string newVethName(const std::vector<std::string> &taken)
{
    const RtNetlink netlink;
    for (int attempt = 0; attempt < 64; ++attempt) {
        std::string name = "veth" + generateId().substr(0, 7);
        if (std::ranges::find(taken, name) == taken.end() && netlink.linkIndex(name) == 0)
            return name;
    }
    throw Error("no free veth name after 64 random tries");
}

Endpoint makeEndpoint(const NetworkConfig &network, Ipv4Address address, std::string interface,
                      std::string hostInterface)
{
    Endpoint endpoint;
    endpoint.networkId = network.id;
    endpoint.networkName = network.name;
    endpoint.bridge = network.bridge;
    endpoint.hostInterface = std::move(hostInterface);
    endpoint.interface = std::move(interface);
    endpoint.address = address;
    endpoint.prefix = network.subnet.prefix;
    endpoint.gateway = network.gateway;
    endpoint.macAddress = macForAddress(address);
    endpoint.mtu = effectiveMtu(network);
    endpoint.isolated = !network.icc;
    return endpoint;
}

std::optional<NetworkConfig> findNetwork(const NetworkStore &networks, const std::string &ref)
{
    if (ref == kDefaultNetworkName) {
        for (const NetworkConfig &network : networks.list())
            if (network.isDefault())
                return network;
        return std::nullopt;
    }
    return networks.find(ref);
}

SpecError noSuchNetwork(const std::string &ref)
{
    return SpecError("annotations." + std::string(kNetworkAnnotation) + ": no network \"" + ref +
                     "\" (make it first: hakoctl network create " + ref + ")");
}

void nameNetworksByName(Spec &spec, const NetworkStore &networks)
{
    NetworkSettings settings = networkSettings(spec, nullptr);
    if (settings.networks.empty())
        return;
    for (std::string &ref : settings.networks) {
        if (ref == kDefaultNetworkName)
            continue;
        const std::optional<NetworkConfig> network = networks.find(ref);
        if (!network)
            throw noSuchNetwork(ref);
        ref = network->name;
    }
    setNetworkSettings(spec, settings);
}

void checkPortsFree(const std::vector<PortMapping> &ports, const std::string &selfId,
                    const std::vector<NetworkMember> &members)
{
    for (const PortMapping &mapping : ports) {
        for (const NetworkMember &member : members) {
            if (!(member.running || member.starting) || member.state.id == selfId ||
                member.endpoints.empty())
                continue;
            for (const PortMapping &theirs : member.settings.ports)
                if (sameHostSocket(mapping, theirs))
                    throw Error("port " + describePort(mapping) +
                                " is already published by container " + member.state.name + " (" +
                                formatPortMapping(theirs) + ")");
        }
        checkHostSocketFree(mapping);
    }
}

} // namespace hako
