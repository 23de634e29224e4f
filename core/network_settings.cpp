// NetworkSettings <-> the spec's org.hako.network* annotations, with the checks validateSpec
// runs on them: each value is parsed as strictly as the flag it came from, and the rules
// across the spec (a network needs a network namespace of the container's own) are checked
// here so that a spec edited by hand is held to the same rules as one made by hakoctl.
#include "network.h"

#include <algorithm>
#include <cctype>

namespace hako
{

namespace
{

std::string quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

std::string annotationPath(std::string_view key)
{
    return "annotations." + std::string(key);
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> items;
    for (;;) {
        const size_t at = text.find(separator);
        items.push_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return items;
        text.remove_prefix(at + 1);
    }
}

bool isAlnum(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// What the annotation may name a network by: a name in Docker's characters, an id or a prefix
// of one ([a-zA-Z0-9][a-zA-Z0-9_.-]*). Looser than isValidNetworkName (network_store.h), which
// judges a new network's name: "bridge" and a 64-hex id are fine here.
bool isValidNetworkRef(std::string_view name)
{
    return !name.empty() && isAlnum(name[0]) && std::ranges::all_of(name, [](char c) {
        return isAlnum(c) || c == '_' || c == '.' || c == '-';
    });
}

// A DNS name: dot-separated labels of letters, digits, '-' and '_' (1-63 each, no '-' at
// either end), 253 characters at most. A trailing dot (fully qualified) is allowed.
bool isValidDomainName(std::string_view name)
{
    constexpr size_t kNameMax = 253;
    constexpr size_t kLabelMax = 63;
    if (name.ends_with('.'))
        name.remove_suffix(1);
    if (name.empty() || name.size() > kNameMax)
        return false;
    for (const std::string_view label : split(name, '.')) {
        if (label.empty() || label.size() > kLabelMax || label.front() == '-' ||
            label.back() == '-')
            return false;
        if (!std::ranges::all_of(label, [](char c) { return isAlnum(c) || c == '-' || c == '_'; }))
            return false;
    }
    return true;
}

// A resolv.conf option: a name ("rotate", "single-request-reopen") optionally with ":n"
// ("ndots:2"); nothing that could start another word or line in the file.
bool isValidDnsOption(std::string_view option)
{
    const size_t colon = option.find(':');
    const std::string_view name = option.substr(0, colon);
    if (name.empty() || !std::ranges::all_of(name, [](char c) {
            return std::islower(static_cast<unsigned char>(c)) ||
                   std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        }))
        return false;
    if (colon == std::string_view::npos)
        return true;
    const std::string_view value = option.substr(colon + 1);
    return !value.empty() && value.size() <= 5 &&
           std::ranges::all_of(value, [](char c) { return c >= '0' && c <= '9'; });
}

// Two mappings that the firewall could not tell apart: the same port and protocol on the same
// host address, or on every address and any one of them.
bool portsClash(const PortMapping &a, const PortMapping &b)
{
    return a.hostPort == b.hostPort && a.protocol == b.protocol &&
           (a.hostIp == b.hostIp || a.hostIp.empty() || b.hostIp.empty());
}

class SettingsReader
{
  public:
    SettingsReader(const Spec &spec, std::vector<SpecIssue> *issues) : spec_(spec), issues_(issues)
    {
    }

    NetworkSettings run();

  private:
    void error(std::string_view key, std::string message)
    {
        if (issues_)
            issues_->push_back({annotationPath(key), std::move(message)});
    }
    // The annotation's items, or none when it is absent or empty.
    std::vector<std::string_view> items(std::string_view key) const;

    void readNetworks();
    void readPorts();
    void readDns();
    void readExtraHosts();
    void readAddresses();
    void checkNamespace();
    void checkNeedsNetwork();

    const Spec &spec_;
    std::vector<SpecIssue> *issues_;
    NetworkSettings settings_;
};

std::vector<std::string_view> SettingsReader::items(std::string_view key) const
{
    const auto it = spec_.annotations.find(std::string(key));
    if (it == spec_.annotations.end() || it->second.empty())
        return {};
    return split(it->second, ',');
}

NetworkSettings SettingsReader::run()
{
    readNetworks();
    readPorts();
    readDns();
    readExtraHosts();
    readAddresses();
    if (spec_.annotations.contains(std::string(kNetworkAnnotation)))
        checkNamespace();
    else
        checkNeedsNetwork();
    return std::move(settings_);
}

void SettingsReader::readNetworks()
{
    const auto it = spec_.annotations.find(std::string(kNetworkAnnotation));
    if (it == spec_.annotations.end())
        return;
    if (it->second.empty())
        error(kNetworkAnnotation, "must name at least one network (\"bridge\" is the default)");
    for (const std::string_view name : items(kNetworkAnnotation)) {
        if (name == "none" || name == "host")
            error(kNetworkAnnotation,
                  quoted(name) + " is a network mode, not a network a container can be on");
        else if (!isValidNetworkRef(name))
            error(kNetworkAnnotation, quoted(name) + " is not a valid network name "
                                                     "([a-zA-Z0-9][a-zA-Z0-9_.-]*)");
        else if (std::ranges::find(settings_.networks, name) != settings_.networks.end())
            error(kNetworkAnnotation, "network " + quoted(name) + " is named twice");
        else
            settings_.networks.emplace_back(name);
    }
}

void SettingsReader::readPorts()
{
    for (const std::string_view text : items(kPublishAnnotation)) {
        std::string problem;
        const std::optional<PortMapping> mapping = parsePortMapping(text, &problem);
        if (!mapping) {
            error(kPublishAnnotation, problem);
            continue;
        }
        const auto clash = std::ranges::find_if(
            settings_.ports, [&](const PortMapping &other) { return portsClash(*mapping, other); });
        if (clash != settings_.ports.end()) {
            error(kPublishAnnotation, quoted(text) + ": host port " +
                                          std::to_string(mapping->hostPort) + "/" +
                                          mapping->protocol + " is already published by " +
                                          quoted(formatPortMapping(*clash)));
            continue;
        }
        settings_.ports.push_back(*mapping);
    }
}

void SettingsReader::readDns()
{
    for (const std::string_view server : items(kDnsAnnotation)) {
        if (parseIpv4(server))
            settings_.dns.emplace_back(server);
        else
            error(kDnsAnnotation, quoted(server) + " is not an IPv4 address");
    }
    const std::vector<std::string_view> domains = items(kDnsSearchAnnotation);
    for (const std::string_view domain : domains) {
        // Docker's "--dns-search ." : no search domains at all, not even the host's.
        if ((domain == "." && domains.size() == 1) || isValidDomainName(domain))
            settings_.dnsSearch.emplace_back(domain);
        else
            error(kDnsSearchAnnotation, quoted(domain) + " is not a domain name");
    }
    for (const std::string_view option : items(kDnsOptionAnnotation)) {
        if (isValidDnsOption(option))
            settings_.dnsOptions.emplace_back(option);
        else
            error(kDnsOptionAnnotation,
                  quoted(option) + " is not a resolver option (NAME or NAME:NUMBER, like ndots:2)");
    }
}

void SettingsReader::readExtraHosts()
{
    for (const std::string_view entry : items(kExtraHostsAnnotation)) {
        const size_t colon = entry.find(':');
        if (colon == std::string_view::npos) {
            error(kExtraHostsAnnotation, quoted(entry) + ": expected NAME:IP (like db:10.0.0.5)");
            continue;
        }
        const std::string_view name = entry.substr(0, colon);
        const std::string_view address = entry.substr(colon + 1);
        if (!isValidDomainName(name)) {
            error(kExtraHostsAnnotation,
                  quoted(entry) + ": " + quoted(name) + " is not a host name");
            continue;
        }
        const std::optional<Ipv4Address> parsed = parseIpv4(address);
        if (!parsed) {
            error(kExtraHostsAnnotation,
                  quoted(entry) + ": " + quoted(address) + " is not an IPv4 address");
            continue;
        }
        settings_.extraHosts.push_back({std::string(name), *parsed});
    }
}

void SettingsReader::readAddresses()
{
    if (const auto it = spec_.annotations.find(std::string(kMacAddressAnnotation));
        it != spec_.annotations.end() && !it->second.empty()) {
        if (isValidMacAddress(it->second)) {
            // Lower case, as the kernel reports it, so a comparison with the link's matches.
            settings_.macAddress = it->second;
            std::ranges::transform(settings_.macAddress, settings_.macAddress.begin(),
                                   [](char c) { return static_cast<char>(std::tolower(c)); });
        } else {
            error(kMacAddressAnnotation,
                  quoted(it->second) + " is not a unicast MAC address (xx:xx:xx:xx:xx:xx, the "
                                       "low bit of the first byte clear)");
        }
    }
    if (const auto it = spec_.annotations.find(std::string(kIpAddressAnnotation));
        it != spec_.annotations.end() && !it->second.empty()) {
        settings_.ipAddress = parseIpv4(it->second);
        if (!settings_.ipAddress)
            error(kIpAddressAnnotation, quoted(it->second) + " is not an IPv4 address");
        // Docker's rule: the default network's addresses are handed out, never chosen.
        else if (!settings_.networks.empty() && settings_.networks.front() == kDefaultNetworkName)
            error(kIpAddressAnnotation, "an address can be chosen on a user-defined network "
                                        "only, not on the default network \"bridge\"");
    }
}

void SettingsReader::checkNamespace()
{
    const Namespace *ns = spec_.findNamespace(NamespaceType::Network);
    if (!ns)
        error(kNetworkAnnotation, "a container on a network needs a network namespace of its "
                                  "own, but linux.namespaces has no \"network\" entry (the "
                                  "host's network)");
    else if (!ns->path.empty())
        error(kNetworkAnnotation, "a container on a network needs a network namespace of its "
                                  "own, but linux.namespaces joins " +
                                      quoted(ns->path));
    if (spec_.annotations.contains(joinAnnotationKey(NamespaceType::Network)))
        error(kNetworkAnnotation, "a container on a network needs a network namespace of its "
                                  "own, but annotation " +
                                      joinAnnotationKey(NamespaceType::Network) +
                                      " joins another container's");
}

void SettingsReader::checkNeedsNetwork()
{
    for (const std::string_view key :
         {kPublishAnnotation, kDnsAnnotation, kDnsSearchAnnotation, kDnsOptionAnnotation,
          kExtraHostsAnnotation, kMacAddressAnnotation, kIpAddressAnnotation}) {
        const auto it = spec_.annotations.find(std::string(key));
        if (it != spec_.annotations.end() && !it->second.empty())
            error(key, "needs the container on a network (annotation " +
                           std::string(kNetworkAnnotation) + ", network mode bridge)");
    }
}

} // namespace

NetworkSettings networkSettings(const Spec &spec, std::vector<SpecIssue> *issues)
{
    return SettingsReader(spec, issues).run();
}

} // namespace hako
