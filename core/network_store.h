// Networks and their address leases under <state root>/networks/:
//   <id>/network.json        the NetworkConfig
//   <id>/leases/<a.b.c.d>    one file per address handed out, holding the container's id;
//                            made with O_EXCL, so two starts can never get the same address,
//                            and a crash leaves a file the next reconcile can judge
//   .lock                    flock held by whoever changes networks, leases or the firewall
#pragma once

#include "network.h"
#include "store.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hako {

struct NetworkCreateOptions {
    std::string subnet;  // empty: the next free /16 of the pool (172.18.0.0/16 …), then /24s of 192.168.0.0/16
    std::string gateway; // empty: the subnet's first address
    bool internal = false;
    bool icc = true;
    int mtu = 0;
    std::map<std::string, std::string> labels;
};

struct Lease {
    Ipv4Address address;
    std::string containerId;
};

class NetworkStore {
public:
    explicit NetworkStore(std::string stateRoot);

    // The networks' lock (exclusive). The methods below do not take it (flock would deadlock
    // a caller already holding it): whoever changes networks holds it around create/remove/
    // releaseOrphans and the firewall. lease() is safe without it: O_EXCL decides.
    FileLock lock() const;

    // SpecError for a bad name (Docker's rule), a bad subnet or gateway (outside the subnet,
    // its network or broadcast address) or a subnet overlapping another network's or one of
    // `hostSubnets` (the host's routes and addresses), naming both; ExistsError for a name
    // in use. The bridge is not made here (the engine does, once the record is written).
    NetworkConfig create(const std::string &name, const NetworkCreateOptions &options,
                         const std::vector<Ipv4Subnet> &hostSubnets) const;
    // The default network, made on first use with the first pool subnet free of the others
    // and of `hostSubnets` (172.17.0.0/16 unless the host uses it), bridge "hako0".
    NetworkConfig ensureDefault(const std::vector<Ipv4Subnet> &hostSubnets) const;
    std::optional<NetworkConfig> find(const std::string &ref) const; // name, id or unique id prefix
    NetworkConfig get(const std::string &ref) const;                 // NotFoundError
    std::vector<NetworkConfig> list() const;                         // sorted by name
    // Removes the record and its leases. StateError naming them when `usedBy` returns any
    // containers; the default network cannot be removed (Docker's rule).
    void remove(const std::string &ref,
                const std::function<std::vector<std::string>(const NetworkConfig &)> &usedBy) const;

    // The address the container holds on `network`, leasing one if it has none: `wanted`
    // when given (SpecError when outside the subnet, reserved or another container's), else
    // the lowest free host address other than the gateway. Error when the subnet is full.
    Ipv4Address lease(const NetworkConfig &network, const std::string &containerId,
                      std::optional<Ipv4Address> wanted = std::nullopt) const;
    std::optional<Ipv4Address> leaseOf(const NetworkConfig &network, const std::string &containerId) const;
    void release(const NetworkConfig &network, const std::string &containerId) const;
    std::vector<Lease> leases(const NetworkConfig &network) const;
    // Releases every lease whose container `exists` says is gone; returns how many.
    int releaseOrphans(const std::function<bool(const std::string &containerId)> &exists) const;

private:
    std::string root_; // <state root>/networks
};

// Docker's network names: [a-zA-Z0-9][a-zA-Z0-9_.-]*; "host", "none" and "bridge" are taken.
bool isValidNetworkName(std::string_view name);

} // namespace hako
