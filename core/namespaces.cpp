#include "launch.h"

#include "error.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cstring>

namespace hako {

namespace {
int cloneFlag(NamespaceType type)
{
    switch (type) {
    case NamespaceType::Pid: return CLONE_NEWPID;
    case NamespaceType::Network: return CLONE_NEWNET;
    case NamespaceType::Mount: return CLONE_NEWNS;
    case NamespaceType::Ipc: return CLONE_NEWIPC;
    case NamespaceType::Uts: return CLONE_NEWUTS;
    case NamespaceType::User: return CLONE_NEWUSER;
    case NamespaceType::Cgroup: return CLONE_NEWCGROUP;
    }
    return 0;
}
} // namespace

unsigned long cloneFlagsFor(const Spec &spec)
{
    unsigned long flags = 0;
    for (const auto &ns : spec.linux.namespaces)
        if (ns.path.empty() && ns.type != NamespaceType::Cgroup)
            flags |= static_cast<unsigned long>(cloneFlag(ns.type));
    return flags;
}

void joinNamespace(const Namespace &ns)
{
    UniqueFd fd(::open(ns.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        throwSys("open " + std::string(namespaceName(ns.type)) + " namespace", ns.path);
    if (::setns(fd.get(), cloneFlag(ns.type)) < 0)
        throwSys("join " + std::string(namespaceName(ns.type)) + " namespace", ns.path);
}

void bringLoopbackUp()
{
    UniqueFd sock(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!sock)
        throwSys("socket for loopback");
    ifreq req{};
    std::strncpy(req.ifr_name, "lo", IFNAMSIZ - 1);
    if (::ioctl(sock.get(), SIOCGIFFLAGS, &req) < 0)
        throwSys("get flags", "lo");
    req.ifr_flags = static_cast<short>(req.ifr_flags | IFF_UP | IFF_RUNNING);
    if (::ioctl(sock.get(), SIOCSIFFLAGS, &req) < 0)
        throwSys("bring up", "lo");
}

} // namespace hako
