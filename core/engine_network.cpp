// docker network create / rm / ls / inspect, and the reconciliation that brings bridges,
// leases, the firewall and /etc/hosts files in line with the state root.
#include "engine.h"

#include "engine_network_support.h"
#include "error.h"
#include "firewall.h"
#include "netlink.h"

#include <unistd.h>

#include <algorithm>
#include <set>

namespace hako
{

namespace
{


} // namespace

void deleteEndpoints(const std::string &path)
{
    // The links are not deleted here: the kernel deletes each veth pair with the container's
    // namespace, in its own cleanup work shortly after the last process exited. Deleting a
    // link ourselves waits for RCU grace periods (10-25 ms here) that a stop or `run --rm`
    // would otherwise pay for nothing. The address stays leased until the container is
    // removed, so no other container can be given it while a dying namespace still holds it.
    if (::unlink(path.c_str()) < 0 && errno != ENOENT)
        throwSys("remove", path);
}

namespace
{

// network.json of a container that does not run describes interfaces that die with its
// network namespace. A container whose lock is held is being started (or connected) by
// someone right now: its fresh plan is left alone.
void dropStaleEndpoints(const StateStore &store, const std::vector<ContainerState> &states)
{
    for (const ContainerState &state : states) {
        const std::string path = endpointsPath(store, state.id);
        if (isLive(state) || ::access(path.c_str(), F_OK) != 0)
            continue;
        std::optional<FileLock> lock;
        try {
            lock = store.tryLockContainer(state.id);
        } catch (const NotFoundError &) {
            continue; // removed meanwhile, network.json with it
        }
        if (!lock || isLive(store.loadState(state.id)))
            continue;
        deleteEndpoints(path);
    }
}

// Bridges named like Hako's (hk-*) whose network record is gone: a network removal
// interrupted between its record and its link.
void deleteOrphanBridges(const std::vector<NetworkConfig> &networks)
{
    RtNetlink netlink;
    for (const LinkInfo &link : netlink.links()) {
        if (link.kind != "bridge" || link.name == "hako0" || !isHakoBridgeName(link.name))
            continue;
        const bool known = std::ranges::any_of(
            networks, [&](const NetworkConfig &network) { return network.bridge == link.name; });
        if (!known)
            netlink.deleteLink(link.name);
    }
}

} // namespace

NetworkConfig Engine::createNetwork(const std::string &name, const NetworkCreateOptions &options)
{
    const FileLock lock = networks_.lock();
    const NetworkConfig network = networks_.create(name, options, hostSubnets(networks_.list()));
    try {
        ensureBridge(network);
        applyNetworking(store_, networks_, networkMembers(store_, list()));
    } catch (...) {
        // All or nothing: a network whose bridge or rules could not be made is not kept.
        try {
            RtNetlink().deleteLink(network.bridge);
            networks_.remove(network.id,
                             [](const NetworkConfig &) { return std::vector<std::string>{}; });
            applyNetworking(store_, networks_, networkMembers(store_, list()));
        } catch (const std::exception &) {
            // The first error is the one to report; reconcile deletes what is left.
        }
        rethrowWithContext("network create " + name);
    }
    return network;
}

void Engine::removeNetwork(const std::string &ref)
{
    const FileLock lock = networks_.lock();
    const NetworkConfig network = networks_.get(ref);
    const std::vector<NetworkMember> members = networkMembers(store_, list());
    networks_.remove(network.id, [&](const NetworkConfig &doomed) {
        std::vector<std::string> users;
        for (const NetworkMember &member : members)
            if (isOnNetwork(networks_, member, doomed))
                users.push_back(member.state.name);
        return users;
    });
    RtNetlink().deleteLink(network.bridge);
    applyNetworking(store_, networks_, members);
}

std::vector<NetworkConfig> Engine::listNetworks() const
{
    // Docker lists its default network before anything used it; so does Hako: the record is
    // made here (its bridge only when a container needs it).
    if (!networks_.find(std::string(kDefaultNetworkName))) {
        const FileLock lock = networks_.lock();
        networks_.ensureDefault(hostSubnets(networks_.list()));
    }
    return networks_.list();
}

NetworkDetails Engine::inspectNetwork(const std::string &ref) const
{
    NetworkDetails details;
    details.config = networks_.get(ref);
    for (const NetworkMember &member : networkMembers(store_, list())) {
        if (!isOnNetwork(networks_, member, details.config))
            continue;
        NetworkDetails::Member entry;
        entry.containerId = member.state.id;
        entry.containerName = member.state.name;
        entry.running = member.running;
        const auto endpoint =
            std::ranges::find(member.endpoints, details.config.id, &Endpoint::networkId);
        if (endpoint != member.endpoints.end()) {
            entry.endpoint = *endpoint;
        } else if (const auto address = networks_.leaseOf(details.config, member.state.id)) {
            entry.endpoint.networkId = details.config.id;
            entry.endpoint.networkName = details.config.name;
            entry.endpoint.address = *address;
            entry.endpoint.prefix = details.config.subnet.prefix;
            entry.endpoint.gateway = details.config.gateway;
        }
        details.containers.push_back(std::move(entry));
    }
    return details;
}

void Engine::reconcileNetworks() const
{
    const FileLock lock = networks_.lock();
    const std::vector<ContainerState> states = list();
    dropStaleEndpoints(store_, states);
    const std::vector<NetworkConfig> networks = networks_.list();
    // A state root that never had a network: no bridge, no table, nothing to bring in line
    // (and no default bridge made just because a container stopped).
    if (networks.empty())
        return;
    std::set<std::string> ids;
    for (const std::string &id : store_.listIds())
        ids.insert(id);
    networks_.releaseOrphans([&](const std::string &id) { return ids.contains(id); });
    deleteOrphanBridges(networks);
    for (const NetworkConfig &network : networks)
        ensureBridge(network);
    applyNetworking(store_, networks_, networkMembers(store_, list()));
}

size_t Engine::publishedPortsInForce() const
{
    return firewallPlan({}, networkMembers(store_, list())).ports.size();
}

} // namespace hako
