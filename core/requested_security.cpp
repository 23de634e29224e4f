// requestedSecurityJson: the security a spec asks for, shaped to sit beside what the kernel
// reports (effective_security.cpp), so a reader can compare them field by field.
#include "effective_security.h"

#include "seccomp_profile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace hako {

namespace {

nlohmann::json capabilitiesJson(const std::optional<Capabilities> &caps)
{
    const Capabilities none;
    const Capabilities &c = caps ? *caps : none; // no capabilities object: none at all
    return {{"Bounding", c.bounding},       {"Effective", c.effective}, {"Permitted", c.permitted},
            {"Inheritable", c.inheritable}, {"Ambient", c.ambient}};
}

std::string seccompProfileKind(const Spec &spec)
{
    if (!spec.linux.seccomp)
        return "unconfined";
    const std::vector<std::string> bounding =
        spec.process.capabilities ? spec.process.capabilities->bounding : std::vector<std::string>{};
    // The default profile depends on the capabilities (some rules are included by them), so
    // the comparison is with the default for this container's own set.
    return *spec.linux.seccomp == defaultSeccomp(bounding) ? "default" : "custom";
}

nlohmann::json seccompJson(const Spec &spec)
{
    const std::optional<Seccomp> &filter = spec.linux.seccomp;
    size_t syscalls = 0;
    if (filter)
        for (const SeccompSyscall &rule : filter->syscalls)
            syscalls += rule.names.size();
    return {{"Profile", seccompProfileKind(spec)},
            {"Rules", filter ? filter->syscalls.size() : 0},
            {"Syscalls", syscalls},
            {"DefaultAction", filter ? filter->defaultAction : ""}};
}

// The host id `id` maps to; nullopt when no mapping covers it.
std::optional<uint32_t> hostIdOf(uint32_t id, const std::vector<IdMapping> &mappings)
{
    for (const IdMapping &m : mappings)
        if (id >= m.containerID && id - m.containerID < m.size)
            return m.hostID + (id - m.containerID);
    return std::nullopt;
}

nlohmann::json optionalId(std::optional<uint32_t> id)
{
    return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

nlohmann::json mappingsJson(const std::vector<IdMapping> &mappings)
{
    nlohmann::json list = nlohmann::json::array();
    for (const IdMapping &m : mappings)
        list.push_back({{"containerID", m.containerID}, {"hostID", m.hostID}, {"size", m.size}});
    return list;
}

bool inUserNamespace(const Spec &spec)
{
    return std::any_of(spec.linux.namespaces.begin(), spec.linux.namespaces.end(),
                       [](const Namespace &ns) { return ns.type == NamespaceType::User; });
}

} // namespace

nlohmann::json requestedSecurityJson(const Spec &spec)
{
    const User &user = spec.process.user;
    const bool userNamespace = inUserNamespace(spec);
    // Without a user namespace the container's ids are the host's.
    const std::optional<uint32_t> hostUid =
        userNamespace ? hostIdOf(user.uid, spec.linux.uidMappings) : std::optional(user.uid);
    const std::optional<uint32_t> hostGid =
        userNamespace ? hostIdOf(user.gid, spec.linux.gidMappings) : std::optional(user.gid);
    return {{"Capabilities", capabilitiesJson(spec.process.capabilities)},
            {"Seccomp", seccompJson(spec)},
            {"NoNewPrivileges", spec.process.noNewPrivileges},
            {"User",
             {{"UID", user.uid}, {"GID", user.gid}, {"HostUID", optionalId(hostUid)},
              {"HostGID", optionalId(hostGid)}}},
            {"UserNamespace", userNamespace},
            {"UidMappings", mappingsJson(spec.linux.uidMappings)},
            {"GidMappings", mappingsJson(spec.linux.gidMappings)},
            {"ReadonlyRootfs", spec.root.readonly},
            {"MaskedPaths", spec.linux.maskedPaths.size()},
            {"ReadonlyPaths", spec.linux.readonlyPaths.size()}};
}

} // namespace hako
