// The containers as networking sees them, and what follows from them: the firewall plan and
// the /etc/hosts through which containers on a user-defined network find each other.
#include "engine_network_support.h"

#include "error.h"
#include "fs.h"
#include "network_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

namespace hako
{

bool isLive(const ContainerState &state)
{
    return state.status == Status::Running || state.status == Status::Paused;
}

bool isHakoBridgeName(std::string_view name)
{
    if (name == "hako0")
        return true;
    constexpr std::string_view prefix = "hk-";
    if (!name.starts_with(prefix) || name.size() != prefix.size() + 12)
        return false;
    return std::ranges::all_of(name.substr(prefix.size()), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

namespace
{

// Whether someone holds the container's lock now: only a start (or connect) in progress does
// while its network.json exists and it does not run yet.
bool isBeingStarted(const StateStore &store, const std::string &id)
{
    if (::access(endpointsPath(store, id).c_str(), F_OK) != 0)
        return false;
    try {
        return !store.tryLockContainer(id);
    } catch (const std::exception &) {
        return false; // removed meanwhile
    }
}

// The user-defined networks (by id) `member` has an interface on.
std::set<std::string> userNetworks(const NetworkMember &member)
{
    std::set<std::string> ids;
    for (const Endpoint &endpoint : member.endpoints)
        if (endpoint.networkName != kDefaultNetworkName)
            ids.insert(endpoint.networkId);
    return ids;
}

std::vector<std::string> namesOf(const NetworkMember &member)
{
    std::vector<std::string> names = {member.state.name};
    const std::string shortId = member.state.id.substr(0, 12);
    if (shortId != member.state.name)
        names.push_back(shortId);
    if (!member.hostname.empty() && std::ranges::find(names, member.hostname) == names.end())
        names.push_back(member.hostname);
    return names;
}

} // namespace

std::vector<NetworkMember> networkMembers(const StateStore &store,
                                          const std::vector<ContainerState> &states)
{
    std::vector<NetworkMember> members;
    for (const ContainerState &state : states) {
        NetworkMember member;
        member.state = state;
        member.running = isLive(state);
        try {
            const ParseResult parsed = parseSpec(readFile(store.configPath(state.id)));
            if (!parsed.ok())
                continue; // a container that cannot start has no network to manage
            member.settings = networkSettings(*parsed.spec, nullptr);
            member.hostname = parsed.spec->hostname;
            member.starting = !member.running && isBeingStarted(store, state.id);
            if (member.running || member.starting)
                member.endpoints = readEndpoints(endpointsPath(store, state.id));
        } catch (const std::exception &) {
            continue; // removed meanwhile, or a file torn by a crash: nothing to route to
        }
        members.push_back(std::move(member));
    }
    return members;
}

bool isOnNetwork(const NetworkStore &networks, const NetworkMember &member,
                 const NetworkConfig &network)
{
    return std::ranges::any_of(member.settings.networks, [&](const std::string &ref) {
        if (ref == network.name || ref == network.id)
            return true;
        const std::optional<NetworkConfig> found = findNetwork(networks, ref);
        return found && found->id == network.id;
    });
}

FirewallPlan firewallPlan(const std::vector<NetworkConfig> &networks,
                          const std::vector<NetworkMember> &members)
{
    FirewallPlan plan;
    plan.networks = networks;
    for (const NetworkMember &member : members) {
        if (!member.running || member.endpoints.empty())
            continue;
        const Endpoint &first = member.endpoints.front();
        for (const PortMapping &mapping : member.settings.ports)
            plan.ports.push_back({mapping, first.address, first.bridge, member.state.id});
    }
    return plan;
}

std::string hostsFor(const NetworkMember &self, const std::vector<NetworkMember> &members)
{
    const std::set<std::string> mine = userNetworks(self);
    std::vector<HostsEntry> peers;
    for (const NetworkMember &peer : members) {
        if (!peer.running || peer.state.id == self.state.id)
            continue;
        for (const Endpoint &endpoint : peer.endpoints)
            if (mine.contains(endpoint.networkId))
                peers.push_back({endpoint.address, namesOf(peer)});
    }
    return containerHosts(self.hostname, self.endpoints, peers, self.settings.extraHosts);
}

void rewriteHostsFiles(const StateStore &store, const std::vector<NetworkMember> &members)
{
    for (const NetworkMember &member : members) {
        if (!member.running || member.endpoints.empty())
            continue;
        const std::string path = networkFilePaths(store.containerDir(member.state.id)).hosts;
        const std::string content = hostsFor(member, members);
        try {
            // The container may write its /etc/hosts (it is its file, read-write as Docker
            // has it): a size that differs settles it without reading what it wrote.
            struct stat st {};
            if (::stat(path.c_str(), &st) < 0)
                throwSys("stat", path);
            if (static_cast<size_t>(st.st_size) != content.size() || readFile(path) != content)
                rewriteInPlace(path, content);
        } catch (const SysError &e) {
            // Removed since it was listed: its file no longer matters.
            if (e.code() != ENOENT)
                throw;
        }
    }
}

void applyNetworking(const StateStore &store, const NetworkStore &networks,
                     const std::vector<NetworkMember> &members)
{
    applyFirewall(firewallPlan(networks.list(), members));
    rewriteHostsFiles(store, members);
}

} // namespace hako
