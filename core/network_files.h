// The files a bridge-mode container sees at /etc/resolv.conf, /etc/hosts and /etc/hostname:
// written by the engine into <container dir>/ and bind-mounted over the image's at start.
// /etc/hosts is rewritten in place (the bind mount pins the inode) whenever a container joins
// or leaves one of its user-defined networks, which is how containers there find each other
// by name. The default network gives no names, as Docker's does not.
#pragma once

#include "network.h"

#include <string>
#include <vector>

namespace hako {

struct HostsEntry {
    Ipv4Address address;
    std::vector<std::string> names; // "web", "3f2a9c1b7d4e" (short id), its hostname if different
};

// The host's resolv.conf made fit for a container: nameservers on loopback (127.0.0.0/8, ::1)
// dropped, Docker's fallback (8.8.8.8, 8.8.4.4) when none is left; `settings`' dns, search
// and options replace the host's when given.
std::string containerResolvConf(const std::string &hostResolvConf, const NetworkSettings &settings);
// localhost lines, the container's own address(es) under its hostname, its peers on
// user-defined networks, then --add-host entries.
std::string containerHosts(const std::string &hostname, const std::vector<Endpoint> &own,
                           const std::vector<HostsEntry> &peers,
                           const std::vector<ExtraHost> &extraHosts);

struct NetworkFilePaths {
    std::string resolvConf, hosts, hostname; // in the container's directory
};
NetworkFilePaths networkFilePaths(const std::string &containerDir);
// Replaces a file's content in place (O_NOFOLLOW, same inode): a bind mount of it sees the change.
void rewriteInPlace(const std::string &path, const std::string &content);
// The three bind mounts (rbind, rprivate; read-write as Docker's) in the order they apply.
std::vector<Mount> networkFileMounts(const NetworkFilePaths &paths);

} // namespace hako
