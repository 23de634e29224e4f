// What the engine's network verbs (engine_network*.cpp) share: the host's view (its subnets,
// its default MTU, the bridges), the running containers as networking sees them, and the
// firewall plan and /etc/hosts files derived from them. Internal to core.
#pragma once

#include "error.h"
#include "firewall.h"
#include "network.h"
#include "network_store.h"
#include "state.h"
#include "store.h"

#include <optional>
#include <string>
#include <vector>

namespace hako
{

// <container dir>/network.json: the endpoints a running container has (network.h).
std::string endpointsPath(const StateStore &store, const std::string &id);
// A stopped container's network.json (its veths go with its namespace; see engine_network.cpp).
void deleteEndpoints(const std::string &path);

// The subnets of the host's routes and addresses in the calling thread's network namespace,
// without those of Hako's own bridges (hako0, hk-*, and any bridge a network record names)
// and without the default route (which overlaps everything).
std::vector<Ipv4Subnet> hostSubnets(const std::vector<NetworkConfig> &networks);

// The MTU a network's interfaces get: its own when set, else the MTU of the link the host's
// default route leaves through, else 1500.
int effectiveMtu(const NetworkConfig &network);

// The network's bridge made if missing, with the gateway's address, up; route_localnet on it
// (published ports reached through 127.0.0.1 are DNAT'ed onto it) and, unless internal,
// ip_forward for the namespace. True when it had to be made (after a reboot, or first use).
bool ensureBridge(const NetworkConfig &network);

// A name for a veth's host end: "veth" + 7 random hex digits, no existing link's and none of
// `taken`.
std::string newVethName(const std::vector<std::string> &taken);

// An interface on `network` (MAC from the address, the network's MTU and icc), not the
// default route.
Endpoint makeEndpoint(const NetworkConfig &network, Ipv4Address address, std::string interface,
                      std::string hostInterface);

// A network named in a spec ("bridge" the default one, else a name or id); nullopt when there
// is no such network (the default network when it was never made).
std::optional<NetworkConfig> findNetwork(const NetworkStore &networks, const std::string &ref);

// Engine::create: each network the spec names exists (SpecError naming the annotation).
// create: each network the spec names must exist, and is then kept by its name: an id or a
// prefix of one could later match another network, or none. SpecError names a missing one.
void nameNetworksByName(Spec &spec, const NetworkStore &networks);
SpecError noSuchNetwork(const std::string &ref);

// A container as networking sees it: its settings (from its stored spec) and, while it runs,
// its endpoints (from network.json).
struct NetworkMember {
    ContainerState state;
    NetworkSettings settings;
    std::string hostname;
    std::vector<Endpoint> endpoints; // empty unless it runs or starts
    bool running = false;
    // Being started by someone right now: its plan (network.json) is written and its lock
    // held. Its ports count as taken, or two starts racing could both publish one port.
    bool starting = false;
};

bool isLive(const ContainerState &state); // running or paused
// A bridge this code made: "hako0" or "hk-" and 12 hex digits (never a user's own "hk-lan").
bool isHakoBridgeName(std::string_view name);
// Every container whose spec parses; `states` as Engine::list() returns them.
std::vector<NetworkMember> networkMembers(const StateStore &store,
                                          const std::vector<ContainerState> &states);
// Whether `member`'s spec names `network` (by name, id or id prefix).
bool isOnNetwork(const NetworkStore &networks, const NetworkMember &member,
                 const NetworkConfig &network);

// The firewall for every network and each running member's published ports (bound to the
// address of its first endpoint).
FirewallPlan firewallPlan(const std::vector<NetworkConfig> &networks,
                          const std::vector<NetworkMember> &members);
// The /etc/hosts of each running member with endpoints rewritten in place where it changed:
// its peers are the running members that share one of its user-defined networks.
void rewriteHostsFiles(const StateStore &store, const std::vector<NetworkMember> &members);
// The hosts file content for `self` among `members`.
std::string hostsFor(const NetworkMember &self, const std::vector<NetworkMember> &members);

// The firewall rebuilt and the hosts files rewritten for `members` (the caller holds the
// networks' lock).
void applyNetworking(const StateStore &store, const NetworkStore &networks,
                     const std::vector<NetworkMember> &members);

// Refuses ports another running member (not `selfId`) publishes on the same host address,
// port and protocol (naming it), and ports a host socket already holds (a test bind()).
void checkPortsFree(const std::vector<PortMapping> &ports, const std::string &selfId,
                    const std::vector<NetworkMember> &members);

} // namespace hako
