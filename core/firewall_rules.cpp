// The text of table `ip hako`: everything the firewall does is decided here, from the plan
// alone, so the unit tests can read the rules without a kernel.
#include "firewall.h"

#include "error.h"

#include <set>
#include <sstream>

namespace hako
{

namespace
{

// Interface names go into the script quoted; checking them first keeps a hostile or corrupt
// name (a quote, a brace, a newline) from ever becoming nft syntax. The kernel's own limit
// is IFNAMSIZ - 1 = 15 characters.
std::string quotedInterface(const std::string &name, std::string_view what)
{
    bool ok = !name.empty() && name.size() <= 15;
    for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-');
    if (!ok)
        throw SpecError("firewall: " + std::string(what) + " \"" + name +
                        "\" is not a valid interface name (1-15 of [A-Za-z0-9_.-])");
    return "\"" + name + "\"";
}

// A rule's comment names the container, so `nft list table ip hako` says whose port it is.
// Ids are hex; anything else is refused rather than escaped (nft comments cannot hold '"').
std::string containerComment(const std::string &containerId)
{
    bool ok = !containerId.empty() && containerId.size() <= 64;
    for (char c : containerId)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-');
    if (!ok)
        throw SpecError("firewall: container id \"" + containerId +
                        "\" cannot name a rule (1-64 of [A-Za-z0-9_.-])");
    return "comment \"container " + containerId + "\"";
}

std::string subnetText(const NetworkConfig &network)
{
    const bool valid = network.subnet.prefix >= 0 && network.subnet.prefix <= 32 &&
                       (network.subnet.address.value & ~network.subnet.netmask().value) == 0;
    if (!valid)
        throw SpecError("firewall: network " + network.name + " has no valid subnet (" +
                        formatSubnet(network.subnet) + ")");
    return formatSubnet(network.subnet);
}

// `[ip daddr HOSTIP] tcp dport HOSTPORT dnat to CONTAINERIP:PORT comment "container ID"`
std::string dnatRule(const PublishedPort &port)
{
    const PortMapping &mapping = port.mapping;
    if (mapping.protocol != "tcp" && mapping.protocol != "udp")
        throw SpecError("firewall: port " + std::to_string(mapping.hostPort) + ": protocol \"" +
                        mapping.protocol + "\" is neither tcp nor udp");
    if (mapping.hostPort == 0 || mapping.containerPort == 0)
        throw SpecError("firewall: port mapping " + formatPortMapping(mapping) + " has a port 0");
    if (!port.bridge.empty())
        quotedInterface(port.bridge, "bridge of a published port");
    std::string rule;
    if (!mapping.hostIp.empty()) {
        const auto hostIp = parseIpv4(mapping.hostIp);
        if (!hostIp)
            throw SpecError("firewall: port " + std::to_string(mapping.hostPort) +
                            ": host address \"" + mapping.hostIp + "\" is not an IPv4 address");
        if (hostIp->value != 0) // 0.0.0.0 is every address, as parsePortMapping has it too
            rule += "ip daddr " + formatIpv4(*hostIp) + " ";
    }
    rule += mapping.protocol + " dport " + std::to_string(mapping.hostPort) + " dnat to " +
            formatIpv4(port.containerAddress) + ":" + std::to_string(mapping.containerPort) + " " +
            containerComment(port.containerId);
    return rule;
}

struct Bridge {
    std::string quoted; // "\"hako0\""
    std::string subnet; // "172.17.0.0/16"
    bool internal = false;
};

std::vector<Bridge> bridgesOf(const FirewallPlan &plan)
{
    std::vector<Bridge> bridges;
    std::set<std::string> seen;
    for (const NetworkConfig &network : plan.networks) {
        Bridge bridge{quotedInterface(network.bridge, "bridge of network " + network.name),
                      subnetText(network), network.internal};
        if (!seen.insert(bridge.quoted).second)
            throw SpecError("firewall: bridge " + bridge.quoted + " belongs to two networks");
        bridges.push_back(std::move(bridge));
    }
    return bridges;
}

void writeNat(std::ostream &out, const FirewallPlan &plan, const std::vector<Bridge> &bridges)
{
    // Only packets for one of the host's own addresses are candidates for a published port;
    // the host's own connections to 127.0.0.0/8 are too (the loopback access Docker gives).
    out << "  chain prerouting {\n"
           "    type nat hook prerouting priority dstnat; policy accept;\n"
           "    fib daddr type local jump published\n"
           "  }\n"
           "  chain output {\n"
           "    type nat hook output priority -100; policy accept;\n"
           "    ip daddr 127.0.0.0/8 jump published\n"
           "    ip daddr != 127.0.0.0/8 fib daddr type local jump published\n"
           "  }\n"
           "  chain published {\n";
    for (const PublishedPort &port : plan.ports)
        out << "    " << dnatRule(port) << "\n";
    out << "  }\n"
           "  chain postrouting {\n"
           "    type nat hook postrouting priority srcnat; policy accept;\n";
    for (const Bridge &bridge : bridges) {
        if (!bridge.internal)
            out << "    ip saddr " << bridge.subnet << " oifname != " << bridge.quoted
                << " masquerade\n";
        // A host connection to 127.0.0.1:PORT, DNATed onto the bridge, keeps its loopback
        // source, which the container could not answer; so does a container reaching its own
        // network's published port (hairpin), whose reply would bypass the host's conntrack.
        out << "    oifname " << bridge.quoted << " ip saddr 127.0.0.0/8 masquerade\n"
            << "    oifname " << bridge.quoted << " ct status dnat ip saddr " << bridge.subnet
            << " masquerade\n";
    }
    out << "  }\n";
}

// Every bridge has route_localnet=1 (so the host's own 127.0.0.1:PORT can be DNATed onto
// it), which also lets a container route a packet for 127.0.0.0/8 to the host's loopback
// services. Nothing legitimate arrives on a bridge for 127/8 (replies to masqueraded loopback
// traffic come back for the bridge's address; conntrack restores 127.0.0.1 only later, at
// dstnat), so such packets are dropped before anything else sees them.
void writeLoopbackGuard(std::ostream &out, const std::vector<Bridge> &bridges)
{
    out << "  chain loopback_guard {\n"
           "    type filter hook prerouting priority raw; policy accept;\n";
    for (const Bridge &bridge : bridges)
        out << "    iifname " << bridge.quoted << " ip daddr 127.0.0.0/8 drop\n";
    out << "  }\n";
}

void writeForward(std::ostream &out, const std::vector<Bridge> &bridges)
{
    out << "  chain forward {\n"
           "    type filter hook forward priority filter; policy accept;\n";
    // First, before any accept: an internal network has no way in or out, published ports
    // included (Docker publishes nothing on one either).
    for (const Bridge &bridge : bridges)
        if (bridge.internal)
            out << "    iifname " << bridge.quoted << " oifname != " << bridge.quoted << " drop\n"
                << "    oifname " << bridge.quoted << " iifname != " << bridge.quoted << " drop\n";
    // A published port may be reached from anywhere, another Hako network included.
    out << "    ct status dnat accept\n";
    // Networks are isolated from one another: nothing crosses from one bridge to another.
    for (const Bridge &from : bridges) {
        std::string others;
        for (const Bridge &to : bridges)
            if (to.quoted != from.quoted)
                others += (others.empty() ? "" : ", ") + to.quoted;
        if (!others.empty())
            out << "    iifname " << from.quoted << " oifname { " << others << " } drop\n";
    }
    // The host forwards (ip_forward=1), so a machine that routes a container subnet via this
    // host could open any container port. From outside, a bridge takes only replies and
    // published ports (accepted above); containers' own traffic out stays allowed.
    out << "    ct state established,related accept\n";
    for (const Bridge &bridge : bridges)
        if (!bridge.internal)
            out << "    oifname " << bridge.quoted << " iifname != " << bridge.quoted << " drop\n";
    out << "  }\n";
}

} // namespace

std::string firewallRuleset(const FirewallPlan &plan)
{
    const std::vector<Bridge> bridges = bridgesOf(plan);
    std::ostringstream out;
    const std::string table = "table ip " + std::string(kFirewallTable);
    // Creating the table first makes the delete valid whether or not it exists; the three
    // commands are one transaction, so the old rules stay until the new ones are in place.
    out << table << " {}\n"
        << "delete " << table << "\n"
        << table << " {\n";
    writeNat(out, plan, bridges);
    writeLoopbackGuard(out, bridges);
    writeForward(out, bridges);
    out << "}\n";
    return out.str();
}

} // namespace hako
