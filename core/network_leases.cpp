// Address leases: <root>/networks/<id>/leases/<a.b.c.d>, one file per address handed out,
// holding the container's id. The file's O_EXCL creation is the allocation: two starts racing
// for an address can never both get it. releaseOrphans needs the networks' lock all the same:
// a lease just made holds no id for a moment, and only the lock keeps it from looking orphaned.
#include "network_store.h"

#include "error.h"
#include "fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <set>

namespace hako
{

namespace
{

std::string networkDir(const std::string &root, const NetworkConfig &network)
{
    return root + "/" + network.id;
}

std::string leasePath(const std::string &root, const NetworkConfig &network, Ipv4Address address)
{
    return networkDir(root, network) + "/leases/" + formatIpv4(address);
}

// The container id a lease file holds; nullopt when the file is gone. An empty string is a
// lease whose writer crashed between creating and filling it.
std::optional<std::string> leaseOwner(const std::string &path)
{
    try {
        std::string owner = readFile(path);
        while (!owner.empty() && (owner.back() == '\n' || owner.back() == ' '))
            owner.pop_back();
        return owner;
    } catch (const SysError &e) {
        if (e.code() == ENOENT)
            return std::nullopt;
        throw;
    }
}

// Takes `address` for the container: false when someone holds it already.
bool claim(const std::string &path, const std::string &containerId)
{
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) {
        if (errno == EEXIST)
            return false;
        throwSys("create lease", path);
    }
    try {
        writeAll(fd.get(), containerId + "\n", path);
    } catch (...) {
        ::unlink(path.c_str());
        throw;
    }
    return true;
}

void unlinkLease(const std::string &path)
{
    if (::unlink(path.c_str()) < 0 && errno != ENOENT)
        throwSys("remove lease", path);
}

void checkContainerId(const std::string &containerId)
{
    if (containerId.empty() || containerId.find_first_of("\n/") != std::string::npos)
        throw SpecError("lease: \"" + containerId + "\" is not a container id");
}

} // namespace

std::vector<Lease> NetworkStore::leases(const NetworkConfig &network) const
{
    std::vector<Lease> result;
    const std::string dirPath = networkDir(root_, network) + "/leases";
    DirHandle dir(::opendir(dirPath.c_str()));
    if (!dir) {
        if (errno == ENOENT)
            return result;
        throwSys("open", dirPath);
    }
    while (const dirent *entry = ::readdir(dir.get())) {
        const auto address = parseIpv4(entry->d_name);
        if (!address || formatIpv4(*address) != entry->d_name)
            continue;
        if (auto owner = leaseOwner(dirPath + "/" + entry->d_name))
            result.push_back({*address, std::move(*owner)});
    }
    std::sort(result.begin(), result.end(),
              [](const Lease &a, const Lease &b) { return a.address < b.address; });
    return result;
}

std::optional<Ipv4Address> NetworkStore::leaseOf(const NetworkConfig &network,
                                                 const std::string &containerId) const
{
    for (const Lease &lease : leases(network))
        if (lease.containerId == containerId)
            return lease.address;
    return std::nullopt;
}

void NetworkStore::release(const NetworkConfig &network, const std::string &containerId) const
{
    for (const Lease &lease : leases(network))
        if (lease.containerId == containerId)
            unlinkLease(leasePath(root_, network, lease.address));
}

// A wanted address (--ip): it must be a host address of the subnet, and free or already ours.
static void checkWanted(const NetworkConfig &network, Ipv4Address wanted)
{
    const std::string text = formatIpv4(wanted);
    const std::string where =
        " on network " + network.name + " (" + formatSubnet(network.subnet) + ")";
    if (!network.subnet.contains(wanted))
        throw SpecError("address " + text + " is outside the subnet" + where);
    if (wanted == network.subnet.address || wanted == network.subnet.broadcast())
        throw SpecError("address " + text + " is reserved" + where + ": it is the " +
                        (wanted == network.subnet.address ? "network" : "broadcast") + " address");
    if (wanted == network.gateway)
        throw SpecError("address " + text + " is the gateway" + where);
}

Ipv4Address NetworkStore::lease(const NetworkConfig &network, const std::string &containerId,
                                std::optional<Ipv4Address> wanted) const
{
    checkContainerId(containerId);
    if (!pathExists(networkDir(root_, network) + "/network.json"))
        throw NotFoundError("no such network: " + network.name);
    makeDirs(networkDir(root_, network) + "/leases", 0755);

    if (wanted) {
        checkWanted(network, *wanted);
        const std::string path = leasePath(root_, network, *wanted);
        if (!claim(path, containerId)) {
            const auto owner = leaseOwner(path);
            if (owner != containerId)
                throw SpecError("address " + formatIpv4(*wanted) + " on network " + network.name +
                                " is in use by container " + owner.value_or("").substr(0, 12));
        }
        // An address the container held before, when it now asks for another, is given back.
        for (const Lease &lease : leases(network))
            if (lease.containerId == containerId && lease.address != *wanted)
                unlinkLease(leasePath(root_, network, lease.address));
        return *wanted;
    }

    std::set<Ipv4Address> taken;
    for (const Lease &lease : leases(network)) {
        if (lease.containerId == containerId)
            return lease.address; // kept across restarts
        taken.insert(lease.address);
    }
    const uint32_t first = network.subnet.address.value + 1;
    const uint32_t last = network.subnet.broadcast().value; // exclusive
    for (uint32_t value = first; value < last; ++value) {
        const Ipv4Address candidate{value};
        if (candidate == network.gateway || taken.contains(candidate))
            continue;
        // Lost a race for it (another start, another thread): try the next one.
        if (claim(leasePath(root_, network, candidate), containerId))
            return candidate;
    }
    throw Error("network " + network.name + " (" + formatSubnet(network.subnet) +
                ") has no free address left");
}

int NetworkStore::releaseOrphans(const std::function<bool(const std::string &)> &exists) const
{
    int released = 0;
    for (const NetworkConfig &network : list())
        for (const Lease &lease : leases(network)) {
            // An empty lease is one whose writer died before filling it: no one owns it.
            if (!lease.containerId.empty() && exists(lease.containerId))
                continue;
            unlinkLease(leasePath(root_, network, lease.address));
            ++released;
        }
    return released;
}

} // namespace hako
