// A bridge-mode container's /etc/resolv.conf, /etc/hosts and /etc/hostname, as Docker makes
// them: the host's resolver minus what the container cannot reach, names for itself and its
// peers, and bind mounts that put them over the image's files.
#include "network_files.h"

#include "error.h"
#include "fs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

namespace hako
{

namespace
{

// Docker's fallback when the host names no nameserver a container can use.
constexpr std::string_view kFallbackNameservers[] = {"8.8.8.8", "8.8.4.4"};

struct Resolver {
    std::vector<std::string> nameservers;
    std::vector<std::string> search; // the last "search" or "domain" line wins, as in glibc
    std::vector<std::string> options;
};

std::vector<std::string> words(std::istringstream &line)
{
    std::vector<std::string> result;
    for (std::string word; line >> word;)
        result.push_back(word);
    return result;
}

// A nameserver a process in the container can reach. Loopback ones (systemd-resolved's
// 127.0.0.53, dnsmasq's 127.0.1.1) live in the host's namespace, not the container's; IPv6
// ones are out of reach because Hako gives containers IPv4 only.
bool reachableNameserver(const std::string &address)
{
    const std::optional<Ipv4Address> ipv4 = parseIpv4(address);
    constexpr uint32_t kLoopbackNet = 0x7f000000;
    return ipv4 && (ipv4->value & 0xff000000) != kLoopbackNet;
}

Resolver parseResolvConf(const std::string &text)
{
    Resolver resolver;
    std::istringstream input(text);
    for (std::string line; std::getline(input, line);) {
        if (const size_t comment = line.find_first_of("#;"); comment != std::string::npos)
            line.erase(comment);
        std::istringstream fields(line);
        std::string keyword;
        if (!(fields >> keyword))
            continue;
        if (keyword == "nameserver") {
            std::string address;
            if (fields >> address && reachableNameserver(address))
                resolver.nameservers.push_back(address);
        } else if (keyword == "search" || keyword == "domain") {
            resolver.search = words(fields);
        } else if (keyword == "options") {
            for (std::string &option : words(fields))
                resolver.options.push_back(std::move(option));
        }
    }
    return resolver;
}

void appendLine(std::string &out, std::string_view keyword, const std::vector<std::string> &items)
{
    if (items.empty())
        return;
    out += keyword;
    for (const std::string &item : items)
        out += " " + item;
    out += "\n";
}

std::string joinNames(const std::vector<std::string> &names)
{
    std::string text;
    for (const std::string &name : names)
        if (!name.empty())
            text += (text.empty() ? "" : " ") + name;
    return text;
}

} // namespace

std::string containerResolvConf(const std::string &hostResolvConf, const NetworkSettings &settings)
{
    Resolver resolver = parseResolvConf(hostResolvConf);
    if (!settings.dns.empty())
        resolver.nameservers = settings.dns;
    if (resolver.nameservers.empty())
        resolver.nameservers.assign(std::begin(kFallbackNameservers),
                                    std::end(kFallbackNameservers));
    if (!settings.dnsSearch.empty())
        resolver.search = settings.dnsSearch;
    // "--dns-search ." asks for no search domains at all.
    if (resolver.search == std::vector<std::string>{"."})
        resolver.search.clear();
    if (!settings.dnsOptions.empty())
        resolver.options = settings.dnsOptions;

    std::string out = "# Written by Hako from the host's resolver configuration.\n";
    for (const std::string &server : resolver.nameservers)
        out += "nameserver " + server + "\n";
    appendLine(out, "search", resolver.search);
    appendLine(out, "options", resolver.options);
    return out;
}

std::string containerHosts(const std::string &hostname, const std::vector<Endpoint> &own,
                           const std::vector<HostsEntry> &peers,
                           const std::vector<ExtraHost> &extraHosts)
{
    std::string out = "# Written by Hako: rewritten whenever this container's networks "
                      "change, so edits do not last.\n"
                      "127.0.0.1\tlocalhost\n"
                      "::1\tlocalhost ip6-localhost ip6-loopback\n"
                      "fe00::0\tip6-localnet\n"
                      "ff00::0\tip6-mcastprefix\n"
                      "ff02::1\tip6-allnodes\n"
                      "ff02::2\tip6-allrouters\n";
    if (!hostname.empty())
        for (const Endpoint &endpoint : own)
            out += formatIpv4(endpoint.address) + "\t" + hostname + "\n";
    for (const HostsEntry &peer : peers)
        if (const std::string names = joinNames(peer.names); !names.empty())
            out += formatIpv4(peer.address) + "\t" + names + "\n";
    for (const ExtraHost &host : extraHosts)
        out += formatIpv4(host.address) + "\t" + host.name + "\n";
    return out;
}

NetworkFilePaths networkFilePaths(const std::string &containerDir)
{
    return {containerDir + "/resolv.conf", containerDir + "/hosts", containerDir + "/hostname"};
}

void rewriteInPlace(const std::string &path, const std::string &content)
{
    // Not writeFileAtomic: a rename makes a new inode, and the container's bind mount would
    // keep showing the old one. O_NOFOLLOW: the container dir is ours, but a symlink planted
    // there must not redirect the write.
    const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_CREAT, 0644));
    if (!fd)
        throwSys("open", path);
    if (::ftruncate(fd.get(), 0) != 0)
        throwSys("truncate", path);
    writeAll(fd.get(), content, path);
}

std::vector<Mount> networkFileMounts(const NetworkFilePaths &paths)
{
    const std::vector<std::string> options{"rbind", "rprivate"};
    return {
        {"/etc/resolv.conf", "bind", paths.resolvConf, options},
        {"/etc/hosts", "bind", paths.hosts, options},
        {"/etc/hostname", "bind", paths.hostname, options},
    };
}

} // namespace hako
