// rtnetlink over a plain NETLINK_ROUTE socket: links, addresses, routes and bridge ports,
// without running `ip`. Used by the engine (bridges, connect/disconnect) and by hako-monitor
// (a container's interfaces at start), so it needs nothing but libc.
//
// Every request is acknowledged; a refusal throws SysError naming the request and the link
// ("create veth veth1a2b3c4 (peer eth0): File exists").
#pragma once

#include "fd.h"
#include "network.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hako {

struct LinkInfo {
    int index = 0;
    std::string name;
    std::string kind; // IFLA_INFO_KIND: "bridge", "veth", ... ; empty for plain devices
    int masterIndex = 0;
    int mtu = 0;
    bool up = false; // IFF_UP
    std::string macAddress;
    uint64_t rxBytes = 0, txBytes = 0, rxPackets = 0, txPackets = 0;
};

struct AddressInfo {
    int linkIndex = 0;
    Ipv4Address address;
    int prefix = 0;
};

struct RouteInfo {
    Ipv4Subnet destination; // 0.0.0.0/0 for the default route
    int linkIndex = 0;
    Ipv4Address gateway; // 0 when on-link
};

struct VethRequest {
    std::string hostName; // in the namespace of the socket
    int hostMasterIndex = 0; // the bridge to make the host end a port of (0: none)
    std::string peerName; // created directly in the namespace of peerNetnsFd
    int peerNetnsFd = -1;
    std::string peerMacAddress; // empty: the kernel's random one
    int mtu = 1500;
};

class RtNetlink {
public:
    RtNetlink(); // a socket in the calling thread's network namespace
    // A socket in the namespace `netnsFd` refers to: opened by a short-lived thread that
    // enters it, so the caller's own namespace never changes.
    static RtNetlink inNamespace(int netnsFd);

    int linkIndex(const std::string &name) const; // 0 when there is no such link
    std::vector<LinkInfo> links() const;
    std::vector<AddressInfo> addresses() const; // IPv4
    std::vector<RouteInfo> routes() const;      // IPv4, main table

    void createBridge(const std::string &name, int mtu);
    void createVethPair(const VethRequest &request);
    void deleteLink(const std::string &name); // no error when there is no such link
    void setUp(int index);
    void setMtu(int index, int mtu);
    void setMacAddress(int index, const std::string &mac);
    void setMaster(int index, int masterIndex);
    // A bridge port's options, in one request (AF_BRIDGE, IFLA_PROTINFO):
    //   isolated  IFLA_BRPORT_ISOLATED: isolated ports forward only to non-isolated ones (the
    //             bridge itself included), which is how icc=false keeps containers apart;
    //   hairpin   IFLA_BRPORT_MODE: a frame may leave by the port it came in on — needed when
    //             a container reaches its own published port through a host address and the
    //             DNAT'ed frame must go back to it (br_netfilter does that DNAT on the bridge).
    void setBridgePort(int index, bool isolated, bool hairpin);
    void addAddress(int index, Ipv4Address address, int prefix); // no error when already there
    void addDefaultRoute(Ipv4Address gateway);

private:
    explicit RtNetlink(UniqueFd socket);
    UniqueFd socket_;
    mutable uint32_t sequence_ = 0;
};

// Runs `fn` on a new thread that has entered the network namespace of `netnsFd` (setns of a
// network namespace applies to the calling thread only); rethrows what `fn` throws.
void inNetworkNamespace(int netnsFd, const std::function<void()> &fn);

// The container's side of an endpoint (network.h), made from the host: the veth pair with
// the peer created inside the namespace of `netnsFd` under endpoint.interface, the host end a
// port of endpoint.bridge (isolated when asked) and up; inside: MAC, MTU, address, up, and the
// default route via the gateway when endpoint.defaultRoute. On failure the pair is deleted.
void connectEndpoint(int netnsFd, const Endpoint &endpoint);
// Deletes the host end (the kernel deletes the peer with it); no error when already gone.
void disconnectEndpoint(const Endpoint &endpoint);

} // namespace hako
