#include "network_connect.h"

#include "error.h"
#include "fd.h"
#include "netlink.h"
#include "network.h"
#include "proc.h"

#include <fcntl.h>

namespace hako {

std::function<void(pid_t)> networkConnector(const Spec &spec, const std::string &endpointsPath)
{
    const Namespace *own = spec.findNamespace(NamespaceType::Network);
    if (!own || !own->path.empty())
        return {};
    std::vector<Endpoint> endpoints = readEndpoints(endpointsPath);
    if (endpoints.empty())
        return {};
    return [endpoints = std::move(endpoints)](pid_t pid) {
        const std::string path = "/proc/" + std::to_string(pid) + "/ns/net";
        const UniqueFd netns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!netns)
            throwSys("open the container's network namespace", path);
        // Belt and braces: the clone made a new namespace, so this never matches — unless
        // something is badly wrong, and then the host's own stack must not get the veths.
        if (namespaceInode(path) == namespaceInode("/proc/self/ns/net"))
            throw Error("the container shares hako-monitor's network namespace: refusing to "
                        "connect its interfaces there");
        for (const Endpoint &endpoint : endpoints) {
            try {
                connectEndpoint(netns.get(), endpoint);
            } catch (...) {
                rethrowWithContext(endpoint.interface + " on network " + endpoint.networkName);
            }
        }
    };
}

} // namespace hako
