// A container's interface on one network, made from the host's side: the veth pair is
// created here with its peer already inside the container's namespace, so no interface ever
// has to be moved and none sits in the host's namespace under the container's name.
#include "netlink.h"

#include "error.h"

#include <cerrno>

namespace hako {

namespace {

// Everything on the host's side once the pair exists: the host end joins the bridge at
// creation; here its port options (isolated if asked, hairpin always, as Docker sets it), then up.
void finishHostEnd(RtNetlink &host, const Endpoint &endpoint)
{
    const int index = host.linkIndex(endpoint.hostInterface);
    if (index == 0)
        throwSys("find the new veth", endpoint.hostInterface, ENODEV);
    host.setBridgePort(index, endpoint.isolated, true);
    host.setUp(index);
}

// Inside the container's namespace, through a socket opened there.
void configureInside(int netnsFd, const Endpoint &endpoint)
{
    RtNetlink inside = RtNetlink::inNamespace(netnsFd);
    if (const int loopback = inside.linkIndex("lo"))
        inside.setUp(loopback);
    const int index = inside.linkIndex(endpoint.interface);
    if (index == 0)
        throwSys("find the container's interface", endpoint.interface, ENODEV);
    inside.addAddress(index, endpoint.address, endpoint.prefix);
    // Up before the route: a gateway is only reachable through a link that is up.
    inside.setUp(index);
    if (endpoint.defaultRoute)
        inside.addDefaultRoute(endpoint.gateway);
}

} // namespace

void connectEndpoint(int netnsFd, const Endpoint &endpoint)
{
    RtNetlink host;
    const int bridge = host.linkIndex(endpoint.bridge);
    if (bridge == 0)
        throwSys("find bridge", endpoint.bridge, ENODEV);
    VethRequest veth;
    veth.hostName = endpoint.hostInterface;
    veth.hostMasterIndex = bridge;
    veth.peerName = endpoint.interface;
    veth.peerNetnsFd = netnsFd;
    veth.peerMacAddress = endpoint.macAddress;
    veth.mtu = endpoint.mtu > 0 ? endpoint.mtu : 1500;
    host.createVethPair(veth);
    try {
        finishHostEnd(host, endpoint);
        configureInside(netnsFd, endpoint);
    } catch (...) {
        // Deleting one end deletes the pair. A failure here must not hide the first one.
        try {
            host.deleteLink(endpoint.hostInterface);
        } catch (const Error &) {
        }
        throw;
    }
}

void disconnectEndpoint(const Endpoint &endpoint)
{
    RtNetlink().deleteLink(endpoint.hostInterface);
}

} // namespace hako
