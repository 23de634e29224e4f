// Hako's nftables rules: one table of its own (`ip hako`), rebuilt whole from the state root
// in one transaction each time something changes, so it can never drift from the containers
// and nothing outside the table is touched. Applied through libnftables, in-process.
//
//   postrouting  masquerade what leaves a non-internal network's subnet for elsewhere; and
//                the loopback/hairpin sources of published-port traffic onto a bridge
//   prerouting,  DNAT of published ports: packets to a host address (or the one -p named)
//   output       and port go to the container's address and port (output: the host's own
//                connections, 127.0.0.1 included — the bridge gets route_localnet for that)
//   forward      published-port traffic accepted; traffic between two Hako bridges dropped;
//                nothing in or out of an internal network's bridge; into any bridge from
//                elsewhere only replies and published ports
//   loopback_guard (prerouting, raw) nothing for 127.0.0.0/8 from a bridge (route_localnet)
// icc=false is not a rule here: the bridge ports are isolated (netlink.h).
#pragma once

#include "network.h"

#include <string>
#include <vector>

namespace hako {

struct PublishedPort {
    PortMapping mapping;
    Ipv4Address containerAddress;
    std::string bridge;      // the bridge the container's address is on
    std::string containerId; // for the rule's comment
};

struct FirewallPlan {
    std::vector<NetworkConfig> networks; // every network that has a bridge
    std::vector<PublishedPort> ports;    // every running container's published ports
};

inline constexpr std::string_view kFirewallTable = "hako";

// The nft script that replaces table `ip hako` with the plan's rules in one transaction.
std::string firewallRuleset(const FirewallPlan &plan);
// Runs firewallRuleset(plan) through libnftables; throws Error with nft's own message. The
// table carries a fingerprint of the script in its comment, and a plan whose script matches
// the table's is not applied again (no transaction at all).
void applyFirewall(const FirewallPlan &plan);
// Deletes table `ip hako`; no error when it is not there.
void removeFirewall();

} // namespace hako
