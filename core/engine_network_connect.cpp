// docker network connect / disconnect: the spec's org.hako.network annotation changed (so
// the next start has it too) and, for a running container, the interface made or deleted now.
#include "engine.h"

#include "engine_network_support.h"
#include "error.h"
#include "fs.h"
#include "netlink.h"
#include "proc.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

namespace hako
{

namespace
{


Spec loadSpec(const std::string &path)
{
    const ParseResult parsed = parseSpec(readFile(path));
    if (!parsed.ok())
        throw Error(path + ": " + parsed.errorText());
    return *parsed.spec;
}

// The network namespace of the container's PID 1, opened while that very process (pid and
// start time) is alive, so a recycled pid is never entered.
UniqueFd openNetworkNamespace(const ContainerState &state)
{
    const UniqueFd process = openProcess(state.pid);
    if (!process)
        throw StateError("container " + state.name + " is not running");
    const std::string path = "/proc/" + std::to_string(state.pid.pid) + "/ns/net";
    UniqueFd ns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    const int openError = errno;
    if (pidfdWaitExit(process.get(), std::chrono::milliseconds(0)))
        throw StateError("container " + state.name + " stopped while being connected");
    if (!ns)
        throw SysError("open", path, openError);
    return ns;
}

// The lowest "ethN" none of `endpoints` uses.
std::string nextInterface(const std::vector<Endpoint> &endpoints)
{
    for (int n = 0;; ++n) {
        std::string name = "eth" + std::to_string(n);
        if (std::ranges::find(endpoints, name, &Endpoint::interface) == endpoints.end())
            return name;
    }
}

// A connect needs a network namespace of the container's own (a container with none gets
// its first network this way, as one disconnected from all of them does).
void checkConnectable(const Spec &spec, const ContainerState &state)
{
    const Namespace *ns = spec.findNamespace(NamespaceType::Network);
    if (!ns || !ns->path.empty() || joinedContainer(spec, NamespaceType::Network))
        throw StateError("container " + state.name +
                         " shares the host's or another container's "
                         "network namespace: it cannot be connected to a network");
}

// The running container's new interface on `network`, recorded in its network.json.
void connectNow(const ContainerState &state, const NetworkConfig &network, Ipv4Address address,
                const std::string &path)
{
    ensureBridge(network);
    std::vector<Endpoint> endpoints = readEndpoints(path);
    std::vector<std::string> taken;
    for (const Endpoint &e : endpoints)
        taken.push_back(e.hostInterface);
    const Endpoint endpoint =
        makeEndpoint(network, address, nextInterface(endpoints), newVethName(taken));
    connectEndpoint(openNetworkNamespace(state).get(), endpoint);
    endpoints.push_back(endpoint);
    try {
        writeEndpoints(path, endpoints);
    } catch (...) {
        disconnectEndpoint(endpoint);
        throw;
    }
}

} // namespace

void Engine::connectNetwork(const std::string &networkRef, const std::string &container,
                            const ConnectOptions &options)
{
    const std::string id = store_.resolve(container);
    const FileLock containerLock = store_.lockContainer(id);
    const ContainerState state = refreshedState(id);
    Spec spec = loadSpec(store_.configPath(id));
    checkConnectable(spec, state);
    NetworkSettings settings = networkSettings(spec, nullptr);

    const FileLock lock = networks_.lock();
    const NetworkConfig network = networkRef == kDefaultNetworkName
                                      ? networks_.ensureDefault(hostSubnets(networks_.list()))
                                      : networks_.get(networkRef);
    NetworkMember self{state, settings, spec.hostname, {}, isLive(state)};
    if (isOnNetwork(networks_, self, network))
        throw ExistsError("container " + state.name + " is already connected to network " +
                          network.name);
    // The record first: a crash after it leaves the container named on the network without
    // its interface yet (its next start makes it), never an interface or a lease that no
    // record accounts for. A connect that fails puts the record back.
    Spec connected = spec;
    settings.networks.push_back(network.name);
    setNetworkSettings(connected, settings);
    writeFileAtomic(store_.configPath(id), toJsonText(connected), 0600, Durability::FileOnly);
    // Leased now even for a stopped container, so an address asked for is held for it.
    const bool hadLease = networks_.leaseOf(network, id).has_value();
    try {
        const Ipv4Address address = networks_.lease(network, id, options.ipAddress);
        if (self.running)
            connectNow(state, network, address, endpointsPath(store_, id));
    } catch (...) {
        if (!hadLease)
            networks_.release(network, id);
        writeFileAtomic(store_.configPath(id), toJsonText(spec), 0600, Durability::FileOnly);
        throw;
    }
    if (self.running)
        applyNetworking(store_, networks_, networkMembers(store_, list()));
}

void Engine::disconnectNetwork(const std::string &networkRef, const std::string &container,
                               bool force)
{
    const std::string id = store_.resolve(container);
    const FileLock containerLock = store_.lockContainer(id);
    const ContainerState state = refreshedState(id);
    Spec spec = loadSpec(store_.configPath(id));
    NetworkSettings settings = networkSettings(spec, nullptr);

    const FileLock lock = networks_.lock();
    const std::optional<NetworkConfig> network = findNetwork(networks_, networkRef);
    if (!network)
        throw NotFoundError("no network \"" + networkRef + "\"");
    const auto named = std::ranges::find_if(settings.networks, [&](const std::string &ref) {
        const std::optional<NetworkConfig> found = findNetwork(networks_, ref);
        return found && found->id == network->id;
    });
    if (named == settings.networks.end()) {
        if (force)
            return; // --force: being off the network already is what was asked for
        throw StateError("container " + state.name + " is not connected to network " +
                         network->name);
    }
    if (isLive(state)) {
        std::vector<Endpoint> endpoints = readEndpoints(endpointsPath(store_, id));
        const auto endpoint = std::ranges::find(endpoints, network->id, &Endpoint::networkId);
        if (endpoint != endpoints.end()) {
            disconnectEndpoint(*endpoint);
            endpoints.erase(endpoint);
            writeEndpoints(endpointsPath(store_, id), endpoints);
        }
    } else {
        deleteEndpoints(endpointsPath(store_, id)); // a plan from its last run: stale now
    }
    const bool wasFirst = named == settings.networks.begin();
    settings.networks.erase(named);
    if (wasFirst) {
        // They were the first network's: the next one has its own address and MAC.
        settings.ipAddress.reset();
        settings.macAddress.clear();
    }
    if (settings.networks.empty())
        settings = {}; // no network left: ports, DNS and extra hosts have nothing to apply to
    setNetworkSettings(spec, settings);
    writeFileAtomic(store_.configPath(id), toJsonText(spec), 0600, Durability::FileOnly);
    networks_.release(*network, id);
    applyNetworking(store_, networks_, networkMembers(store_, list()));
}

} // namespace hako
