#include "namespace_joins.h"

#include "error.h"
#include "proc.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>

namespace hako
{

namespace
{

constexpr std::array kAllTypes{NamespaceType::Pid,   NamespaceType::Network, NamespaceType::Mount,
                               NamespaceType::Ipc,   NamespaceType::Uts,     NamespaceType::User,
                               NamespaceType::Cgroup};

std::string describeTarget(NamespaceType type, const std::string &name)
{
    return "cannot join the " + std::string(namespaceName(type)) + " namespace of container " +
           name;
}

uint64_t inodeOf(int fd)
{
    struct stat st {
    };
    return ::fstat(fd, &st) == 0 ? st.st_ino : 0;
}

bool isHostNamespace(NamespaceType type, int fd)
{
    const uint64_t inode = inodeOf(fd);
    const std::string kind(procNsName(type));
    return inode == namespaceInode("/proc/1/ns/" + kind) ||
           inode == namespaceInode("/proc/self/ns/" + kind);
}

ContainerState lookUpTarget(NamespaceType type, const std::string &id,
                            const ContainerLookup &lookup)
{
    try {
        return lookup(id);
    } catch (const NotFoundError &) {
        throw StateError(describeTarget(type, id.substr(0, 12)) + ": it no longer exists");
    }
}

UniqueFd openTargetNamespace(NamespaceType type, const ContainerState &target)
{
    const std::string what = describeTarget(type, target.name);
    const bool live = target.status == Status::Running || target.status == Status::Paused;
    const UniqueFd process = live ? openProcess(target.pid) : UniqueFd();
    if (!process)
        throw StateError(what + ": it is not running");
    const std::string path =
        "/proc/" + std::to_string(target.pid.pid) + "/ns/" + std::string(procNsName(type));
    UniqueFd ns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    const int openError = errno;
    // While the process behind the pidfd has not exited, its pid cannot have been reused: the
    // file just opened is its namespace.
    if (pidfdWaitExit(process.get(), std::chrono::milliseconds(0)))
        throw StateError(what + ": it stopped while being joined");
    if (!ns)
        throw SysError(what + ": open", path, openError);
    if (isHostNamespace(type, ns.get()))
        throw SpecError(what + ": it shares the host's " + std::string(namespaceName(type)) +
                        " namespace (ask for the host's namespace directly instead)");
    return ns;
}

} // namespace

void checkJoinTargets(const Spec &spec, const ContainerLookup &lookup)
{
    for (NamespaceType type : kAllTypes) {
        const auto id = joinedContainer(spec, type);
        if (!id)
            continue;
        try {
            lookup(*id);
        } catch (const NotFoundError &) {
            throw SpecError("annotations[\"" + joinAnnotationKey(type) +
                            "\"]: no container has the id " + *id);
        }
    }
}

NamespaceJoins::NamespaceJoins(const Spec &spec, const ContainerLookup &lookup)
{
    for (NamespaceType type : kAllTypes) {
        const auto id = joinedContainer(spec, type);
        if (!id)
            continue;
        const ContainerState target = lookUpTarget(type, *id, lookup);
        joins_.push_back({type, openTargetNamespace(type, target)});
    }
}

Spec NamespaceJoins::applyTo(Spec spec) const
{
    const std::string ourFds = "/proc/" + std::to_string(::getpid()) + "/fd/";
    for (const Join &join : joins_)
        for (Namespace &ns : spec.linux.namespaces)
            if (ns.type == join.type)
                ns.path = ourFds + std::to_string(join.fd.get());
    return spec;
}

} // namespace hako
