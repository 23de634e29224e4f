// The network records: create (with the subnet pool), find, list, remove. Leases are in
// network_leases.cpp.
#include "network_store.h"

#include "error.h"
#include "fs.h"

#include <nlohmann/json.hpp>

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace hako
{

namespace
{

// Docker's rule, plus its reserved names; also keeps a name free of anything a file or a
// command line could misread (it appears in hosts files and in error messages).
std::string whyBadNetworkName(std::string_view name)
{
    auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    if (name.empty() || name.size() > 128)
        return "must be 1 to 128 characters long";
    if (!alnum(name.front()))
        return "must start with a letter or a digit";
    for (char c : name)
        if (!alnum(c) && c != '_' && c != '.' && c != '-')
            return std::string("contains the character '") + c + "'";
    if (name == "host" || name == "none" || name == kDefaultNetworkName)
        return "is a predefined network";
    return {};
}

bool isNetworkId(std::string_view text)
{
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The addresses Hako hands out when no subnet is asked for: Docker's defaults. 172.17.0.0/16
// is the default network's first choice; user networks start at 172.18.0.0/16.
std::vector<Ipv4Subnet> subnetPool(bool forDefault)
{
    std::vector<Ipv4Subnet> pool;
    for (uint32_t second = forDefault ? 17 : 18; second <= 31; ++second)
        pool.push_back({Ipv4Address{(172u << 24) | (second << 16)}, 16});
    for (uint32_t third = 0; third <= 255; ++third)
        pool.push_back({Ipv4Address{(192u << 24) | (168u << 16) | (third << 8)}, 24});
    return pool;
}

// What else `subnet` would collide with: another network's or one of the host's; empty if
// nothing.
std::string overlapOf(const Ipv4Subnet &subnet, const std::vector<NetworkConfig> &networks,
                      const std::vector<Ipv4Subnet> &hostSubnets)
{
    for (const NetworkConfig &network : networks)
        if (subnet.overlaps(network.subnet))
            return "network " + network.name + "'s subnet " + formatSubnet(network.subnet);
    for (const Ipv4Subnet &host : hostSubnets)
        if (subnet.overlaps(host))
            return "the host's " + formatSubnet(host) + " (a route or address of this machine)";
    return {};
}

Ipv4Subnet pickSubnet(bool forDefault, const std::vector<NetworkConfig> &networks,
                      const std::vector<Ipv4Subnet> &hostSubnets)
{
    for (const Ipv4Subnet &candidate : subnetPool(forDefault))
        if (overlapOf(candidate, networks, hostSubnets).empty())
            return candidate;
    throw Error("no free subnet left in the pool (172.17-31.0.0/16, 192.168.0-255.0/24): "
                "name one with --subnet");
}

Ipv4Subnet parseWantedSubnet(const std::string &text, const std::vector<NetworkConfig> &networks,
                             const std::vector<Ipv4Subnet> &hostSubnets)
{
    std::string error;
    const auto subnet = parseSubnet(text, &error);
    if (!subnet)
        throw SpecError("subnet " + error);
    if (subnet->prefix > 30)
        throw SpecError("subnet " + text +
                        " is too small: a network needs at least a /30 "
                        "(its gateway and one container)");
    if (const std::string other = overlapOf(*subnet, networks, hostSubnets); !other.empty())
        throw SpecError("subnet " + formatSubnet(*subnet) + " overlaps " + other);
    return *subnet;
}

Ipv4Address parseGateway(const std::string &text, const Ipv4Subnet &subnet)
{
    if (text.empty())
        return Ipv4Address{subnet.address.value + 1};
    const auto gateway = parseIpv4(text);
    if (!gateway)
        throw SpecError("gateway \"" + text + "\" is not an IPv4 address");
    if (!subnet.contains(*gateway))
        throw SpecError("gateway " + text + " is outside the subnet " + formatSubnet(subnet));
    if (*gateway == subnet.address || *gateway == subnet.broadcast())
        throw SpecError("gateway " + text + " is the " +
                        (*gateway == subnet.address ? "network" : "broadcast") +
                        " address of the subnet " + formatSubnet(subnet));
    return *gateway;
}

} // namespace

bool isValidNetworkName(std::string_view name)
{
    return whyBadNetworkName(name).empty();
}

NetworkStore::NetworkStore(std::string stateRoot) : root_(std::move(stateRoot) + "/networks") {}

FileLock NetworkStore::lock() const
{
    makeDirs(root_, 0755);
    return FileLock(root_ + "/.lock");
}

// Written under a temporary name and renamed in: a network is listed whole or not at all.
static void writeNetwork(const std::string &root, const NetworkConfig &network)
{
    makeDirs(root, 0755);
    const std::string staging = root + "/.new-" + network.id;
    try {
        makeDirs(staging + "/leases", 0755);
        writeFileAtomic(staging + "/network.json", toJson(network).dump(2) + "\n", 0644,
                        Durability::FileOnly);
        if (::rename(staging.c_str(), (root + "/" + network.id).c_str()) < 0)
            throwSys("rename", root + "/" + network.id);
        syncDirectory(root);
    } catch (...) {
        removeTree(staging);
        throw;
    }
}

NetworkConfig NetworkStore::create(const std::string &name, const NetworkCreateOptions &options,
                                   const std::vector<Ipv4Subnet> &hostSubnets) const
{
    if (const std::string why = whyBadNetworkName(name); !why.empty())
        throw SpecError("network name \"" + name + "\" " + why +
                        " (allowed: [a-zA-Z0-9][a-zA-Z0-9_.-]*, not host, none or bridge)");
    if (options.mtu != 0 && (options.mtu < 68 || options.mtu > 65535))
        throw SpecError("mtu " + std::to_string(options.mtu) + " is outside 68-65535");
    const std::vector<NetworkConfig> networks = list();
    for (const NetworkConfig &other : networks)
        if (other.name == name)
            throw ExistsError("network with name " + name + " already exists");

    NetworkConfig network;
    network.id = generateId();
    network.name = name;
    network.subnet = options.subnet.empty()
                         ? pickSubnet(false, networks, hostSubnets)
                         : parseWantedSubnet(options.subnet, networks, hostSubnets);
    network.gateway = parseGateway(options.gateway, network.subnet);
    network.bridge = "hk-" + network.id.substr(0, 12);
    network.internal = options.internal;
    network.icc = options.icc;
    network.mtu = options.mtu;
    network.createdAt = nowUnixNanos();
    network.labels = options.labels;
    writeNetwork(root_, network);
    return network;
}

NetworkConfig NetworkStore::ensureDefault(const std::vector<Ipv4Subnet> &hostSubnets) const
{
    const std::vector<NetworkConfig> networks = list();
    for (const NetworkConfig &network : networks)
        if (network.isDefault())
            return network;
    NetworkConfig network;
    network.id = generateId();
    network.name = std::string(kDefaultNetworkName);
    network.subnet = pickSubnet(true, networks, hostSubnets);
    network.gateway = Ipv4Address{network.subnet.address.value + 1};
    network.bridge = "hako0";
    network.createdAt = nowUnixNanos();
    writeNetwork(root_, network);
    return network;
}

std::optional<NetworkConfig> NetworkStore::find(const std::string &ref) const
{
    if (ref.empty())
        return std::nullopt;
    const std::vector<NetworkConfig> networks = list();
    // A name wins over an id prefix, as in Docker; a full id is exact.
    for (const NetworkConfig &network : networks)
        if (network.name == ref || network.id == ref)
            return network;
    std::optional<NetworkConfig> match;
    for (const NetworkConfig &network : networks) {
        if (!network.id.starts_with(ref))
            continue;
        if (match)
            return std::nullopt; // ambiguous
        match = network;
    }
    return match;
}

NetworkConfig NetworkStore::get(const std::string &ref) const
{
    if (auto network = find(ref))
        return *network;
    throw NotFoundError("no such network: " + ref);
}

std::vector<NetworkConfig> NetworkStore::list() const
{
    std::vector<NetworkConfig> networks;
    DirHandle dir(::opendir(root_.c_str()));
    if (!dir) {
        if (errno == ENOENT)
            return networks;
        throwSys("open", root_);
    }
    while (const dirent *entry = ::readdir(dir.get())) {
        const std::string id = entry->d_name;
        if (!isNetworkId(id)) // ".", "..", .lock, .new-*, .rm-*
            continue;
        const std::string path = root_ + "/" + id + "/network.json";
        try {
            networks.push_back(networkFromJson(nlohmann::json::parse(readFile(path))));
        } catch (const nlohmann::json::exception &e) {
            throw BadContentError(path + ": " + e.what());
        } catch (const BadContentError &e) {
            throw BadContentError(path + ": " + e.what());
        }
    }
    std::sort(networks.begin(), networks.end(),
              [](const NetworkConfig &a, const NetworkConfig &b) { return a.name < b.name; });
    return networks;
}

void NetworkStore::remove(
    const std::string &ref,
    const std::function<std::vector<std::string>(const NetworkConfig &)> &usedBy) const
{
    const NetworkConfig network = get(ref);
    if (network.isDefault())
        throw StateError("network " + network.name +
                         " is the default network and cannot be removed");
    if (usedBy) {
        const std::vector<std::string> users = usedBy(network);
        if (!users.empty()) {
            std::string names;
            for (const std::string &user : users)
                names += (names.empty() ? "" : ", ") + user;
            throw StateError("network " + network.name + " is in use by container(s) " + names);
        }
    }
    // Renamed away first, so the network (and its leases) disappear at once.
    const std::string doomed = root_ + "/.rm-" + network.id;
    removeTree(doomed);
    if (::rename((root_ + "/" + network.id).c_str(), doomed.c_str()) < 0)
        throwSys("rename", root_ + "/" + network.id);
    removeTree(doomed);
}

} // namespace hako
