// A bridge-mode container's start: its networks resolved, their bridges made, an address
// leased on each, its interfaces planned into network.json (which hako-monitor reads to make
// them), its resolv.conf, hosts and hostname written; then, once it runs, the firewall and
// its neighbours' /etc/hosts.
#include "engine.h"

#include "engine_network_support.h"
#include "error.h"
#include "fs.h"
#include "network_files.h"

#include <unistd.h>

#include <algorithm>

namespace hako
{

namespace
{

std::string hostResolvConf()
{
    try {
        return readFile("/etc/resolv.conf");
    } catch (const SysError &e) {
        if (e.code() != ENOENT)
            throw;
        return {}; // no resolver configured: the container gets Docker's fallback servers
    }
}

// One interface per network, in the order the spec names them: eth0 on the first.
std::vector<Endpoint> planEndpoints(const NetworkStore &store, const std::string &id,
                                    const std::vector<NetworkConfig> &networks,
                                    const NetworkSettings &settings)
{
    std::vector<Endpoint> endpoints;
    std::vector<std::string> vethNames;
    for (size_t i = 0; i < networks.size(); ++i) {
        const NetworkConfig &network = networks[i];
        const Ipv4Address address =
            store.lease(network, id, i == 0 ? settings.ipAddress : std::nullopt);
        Endpoint endpoint =
            makeEndpoint(network, address, "eth" + std::to_string(i), newVethName(vethNames));
        vethNames.push_back(endpoint.hostInterface);
        if (i == 0) {
            endpoint.defaultRoute = true;
            if (!settings.macAddress.empty())
                endpoint.macAddress = settings.macAddress;
        }
        endpoints.push_back(std::move(endpoint));
    }
    return endpoints;
}

void removeQuietly(const std::string &path)
{
    ::unlink(path.c_str()); // absent already is fine: this only undoes what a start wrote
}

} // namespace

std::vector<Mount> Engine::prepareNetwork(const std::string &id, const Spec &spec)
{
    std::vector<SpecIssue> issues;
    const NetworkSettings settings = networkSettings(spec, &issues);
    if (!issues.empty())
        throw SpecError(issuesText(issues));
    if (settings.networks.empty()) {
        // hako-monitor makes whatever network.json plans: a plan left from a run on a network
        // since disconnected must not come back (its addresses may be another's by now).
        removeQuietly(endpointsPath(store_, id));
        return {};
    }
    const std::string dir = store_.containerDir(id);
    const NetworkFilePaths paths = networkFilePaths(dir);
    const FileLock lock = networks_.lock();
    try {
        const std::vector<Ipv4Subnet> host = hostSubnets(networks_.list());
        std::vector<NetworkConfig> joined;
        for (const std::string &name : settings.networks) {
            if (name == kDefaultNetworkName) {
                joined.push_back(networks_.ensureDefault(host));
                continue;
            }
            std::optional<NetworkConfig> network = networks_.find(name);
            if (!network)
                throw noSuchNetwork(name);
            joined.push_back(std::move(*network));
        }
        const std::vector<NetworkMember> members = networkMembers(store_, list());
        checkPortsFree(settings.ports, id, members);
        bool madeBridge = false;
        for (const NetworkConfig &network : joined)
            madeBridge = ensureBridge(network) || madeBridge;
        // A new bridge needs its masquerade and isolation rules before traffic flows; an
        // existing one has them, and a start without published ports changes no rule, so
        // most starts never run an nft transaction.
        if (madeBridge)
            applyFirewall(firewallPlan(networks_.list(), members));

        NetworkMember self;
        self.state = store_.loadState(id);
        self.running = true;
        self.settings = settings;
        self.hostname = spec.hostname.empty() ? id.substr(0, 12) : spec.hostname;
        self.endpoints = planEndpoints(networks_, id, joined, settings);
        writeEndpoints(endpointsPath(store_, id), self.endpoints);
        writeFileAtomic(paths.resolvConf, containerResolvConf(hostResolvConf(), settings), 0644,
                        Durability::None);
        writeFileAtomic(paths.hosts, hostsFor(self, members), 0644, Durability::None);
        writeFileAtomic(paths.hostname, self.hostname + "\n", 0644, Durability::None);
        return networkFileMounts(paths);
    } catch (...) {
        // The leases stay (a container keeps its addresses until it is removed); nothing else.
        for (const std::string &path :
             {endpointsPath(store_, id), paths.resolvConf, paths.hosts, paths.hostname})
            removeQuietly(path);
        throw;
    }
}

void Engine::networkStarted(const std::string &id)
{
    const FileLock lock = networks_.lock();
    const std::vector<NetworkMember> members = networkMembers(store_, list());
    const auto self = std::ranges::find_if(members, [&](const NetworkMember &member) {
        return member.state.id == id && !member.endpoints.empty();
    });
    if (self == members.end())
        return;
    if (!self->settings.ports.empty())
        applyFirewall(firewallPlan(networks_.list(), members));
    rewriteHostsFiles(store_, members);
}

} // namespace hako
