#include "privilege.h"

#include "network.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

namespace hako::helper {

namespace {

constexpr NamespaceType kIsolatingNamespaces[] = {NamespaceType::Pid, NamespaceType::Network,
                                                  NamespaceType::Mount, NamespaceType::Ipc,
                                                  NamespaceType::Uts, NamespaceType::Cgroup};

bool sameFile(const std::string &a, const std::string &b)
{
    struct stat sa {}, sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

// A path that resolves to one of the host's namespaces (init's or the helper's own), of any
// kind: joining it puts the container in the host's namespace.
bool isHostNamespace(const std::string &path)
{
    static const char *const kinds[] = {"pid", "net", "mnt", "ipc", "uts", "user", "cgroup", "time"};
    for (const char *kind : kinds)
        for (const std::string base : {"/proc/1/ns/", "/proc/self/ns/"})
            if (sameFile(path, base + kind))
                return true;
    return false;
}

void checkNamespaces(const Spec &spec, std::vector<std::string> &reasons)
{
    for (NamespaceType type : kIsolatingNamespaces)
        if (!spec.hasNamespace(type))
            reasons.push_back("shares the host's " + std::string(namespaceName(type)) + " namespace");
    // Any namespace joined by path: it may belong to any process of the host, not only to
    // init. Joining another container (annotations["org.hako.namespace.<type>"]) keeps the
    // entry without a path: ordinary when the target is (checkJoinedContainers), and the
    // engine refuses at each start a target whose namespace is the host's.
    for (const Namespace &ns : spec.linux.namespaces)
        if (!ns.path.empty())
            reasons.push_back((isHostNamespace(ns.path) ? "joins the host's " : "joins the ") +
                              std::string(namespaceName(ns.type)) + " namespace at " + ns.path);
}

void checkCapabilities(const Spec &spec, std::vector<std::string> &reasons)
{
    static const std::set<std::string> docker = {
        "CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",           "CAP_MKNOD",
        "CAP_NET_RAW", "CAP_SETGID",      "CAP_SETUID", "CAP_SETFCAP",          "CAP_SETPCAP",
        "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"};
    const auto &caps = spec.process.capabilities;
    if (!caps) {
        // Without a capabilities object the engine leaves root's full set in place.
        reasons.push_back("keeps every capability (process.capabilities is absent)");
        return;
    }
    std::set<std::string> extra;
    for (const auto *set : {&caps->bounding, &caps->effective, &caps->inheritable,
                            &caps->permitted, &caps->ambient})
        for (const std::string &cap : *set)
            if (!docker.contains(cap))
                extra.insert(cap);
    for (const std::string &cap : extra)
        reasons.push_back("adds capability " + cap);
}

void checkMounts(const Spec &spec, std::vector<std::string> &reasons)
{
    for (const Mount &mount : spec.mounts) {
        // A named volume is a directory Hako made and manages under its state root, mounted
        // by the engine (which refuses any source that is not a volume name), never a host
        // path the caller picks.
        if (mount.type == "volume")
            continue;
        const bool bindOption = std::any_of(mount.options.begin(), mount.options.end(),
            [](const std::string &o) { return o == "bind" || o == "rbind"; });
        if (mount.type == "bind" || bindOption) {
            reasons.push_back("bind-mounts host path " + mount.source + " at " + mount.destination);
            continue;
        }
        // Pseudo and memory file systems show the container only its own things; any other
        // type (overlay with a host lowerdir, ext4 from a host device, nfs …) reaches the host.
        static const std::set<std::string> contained = {"proc",   "sysfs",   "tmpfs", "devpts",
                                                        "mqueue", "cgroup",  "cgroup2"};
        if (!contained.contains(mount.type))
            reasons.push_back("mounts a " + (mount.type.empty() ? std::string("?") : mount.type) +
                              " file system from " + mount.source + " at " + mount.destination);
        // sysfs and the cgroup tree are the host's kernel settings and limits, not the
        // container's: written to, they change the host (as --privileged allows).
        const bool readOnly = std::find(mount.options.begin(), mount.options.end(), "ro") != mount.options.end();
        if ((mount.type == "sysfs" || mount.type == "cgroup" || mount.type == "cgroup2") && !readOnly)
            reasons.push_back("mounts " + mount.type + " writable at " + mount.destination);
    }
}

// Docker's masked and read-only paths hide the host's kernel interfaces; dropping any weakens
// isolation.
void checkHiddenPaths(const Spec &spec, std::vector<std::string> &reasons)
{
    const Spec defaults = defaultSpec();
    const std::pair<const std::vector<std::string> *, const std::vector<std::string> *> lists[] = {
        {&defaults.linux.maskedPaths, &spec.linux.maskedPaths},
        {&defaults.linux.readonlyPaths, &spec.linux.readonlyPaths}};
    for (const auto &[wanted, given] : lists)
        for (const std::string &path : *wanted)
            if (std::find(given->begin(), given->end(), path) == given->end())
                reasons.push_back("exposes " + path + " (removed from the masked or read-only paths)");
}

// A user namespace itself narrows the container. --userns=remap with Hako's own user leaves
// the mappings empty here (the engine fills them from that user's subordinate range at
// create, and refuses a range that holds host id 0), so it is ordinary. Anything else picks
// host ids: another user's subordinate range (ids their own containers use) or any ids at
// all given explicitly — the container's processes would run as, and its files belong to,
// host ids Hako did not set aside for it.
void checkMappings(const Spec &spec, std::vector<std::string> &reasons)
{
    const auto remap = spec.annotations.find(std::string(kUsernsRemapAnnotation));
    if (remap != spec.annotations.end() && remap->second != kDefaultRemapUser)
        reasons.push_back("maps the container's ids into the subordinate ids of host user " +
                          remap->second + " (only " + std::string(kDefaultRemapUser) +
                          "'s are set aside for Hako)");
    for (const auto *mappings : {&spec.linux.uidMappings, &spec.linux.gidMappings}) {
        const char *kind = mappings == &spec.linux.uidMappings ? "uid" : "gid";
        const bool root = std::any_of(mappings->begin(), mappings->end(),
                                      [](const IdMapping &m) { return m.hostID == 0 && m.size > 0; });
        if (root)
            reasons.push_back(std::string(kind) + " mapping includes the host's root (hostID 0)");
        else if (!mappings->empty())
            reasons.push_back(std::string(kind) + " mapping names host ids explicitly "
                              "(--userns=remap takes them from Hako's subordinate range)");
    }
}

// Device rules beyond Docker's defaults let the container open host devices.
void checkDevices(const Spec &spec, std::vector<std::string> &reasons)
{
    if (!spec.linux.resources)
        return;
    const std::vector<DeviceRule> defaults = defaultSpec().linux.resources->devices;
    for (const DeviceRule &rule : spec.linux.resources->devices)
        if (rule.allow && std::find(defaults.begin(), defaults.end(), rule) == defaults.end()) {
            reasons.push_back("allows access to host devices beyond the default set "
                              "(linux.resources.devices)");
            return;
        }
}

// Without the default filter, every system call Docker's profile denies (mount, bpf,
// keyctl, …) reaches the kernel. Judged against defaultSpec() like the masked paths, so it
// holds once the default spec carries the filter. A custom profile is the user's choice, but
// one whose default action lets through every call it does not list is a deny-list: any
// call its author did not think of (the next new syscall included) reaches the kernel, as
// with no filter at all.
void checkSeccomp(const Spec &spec, std::vector<std::string> &reasons)
{
    if (!spec.linux.seccomp) {
        if (defaultSpec().linux.seccomp)
            reasons.push_back("runs without a seccomp filter (linux.seccomp is absent)");
        return;
    }
    const std::string &action = spec.linux.seccomp->defaultAction;
    if (action == "SCMP_ACT_ALLOW" || action == "SCMP_ACT_LOG")
        reasons.push_back("uses a seccomp profile that allows every unlisted system call "
                          "(linux.seccomp.defaultAction is " + action + ")");
}

// A host port below 1024 is where the host's own services answer (ssh on 22, DNS on 53, a web
// server on 80/443): only root may bind one, and publishing one puts a container in front of
// every client that connects there, taking the port before the service does or beside it.
void checkPublishedPorts(const Spec &spec, std::vector<std::string> &reasons)
{
    std::vector<SpecIssue> ignored; // a malformed annotation is refused at create itself
    for (const PortMapping &port : networkSettings(spec, &ignored).ports)
        if (port.hostPort < 1024)
            reasons.push_back("publishes host port " + std::to_string(port.hostPort) + "/" +
                              port.protocol + " (below 1024, where the host's own services answer)");
}

// Joins chain (C joins B, which joins A): followed this deep, which no real set-up reaches.
constexpr int kMaxJoinDepth = 8;

std::vector<std::string> reasonsAtDepth(const Spec &spec, const SpecLookup &lookup, int depth);

void checkJoinedContainers(const Spec &spec, const SpecLookup &lookup, int depth,
                           std::vector<std::string> &reasons)
{
    if (!lookup)
        return;
    for (NamespaceType type : kIsolatingNamespaces) {
        const auto target = joinedContainer(spec, type);
        if (!target)
            continue;
        const std::string what = "joins the " + std::string(namespaceName(type)) +
                                 " namespace of container " + target->substr(0, 12);
        if (depth >= kMaxJoinDepth) {
            reasons.push_back(what + " through too long a chain of joins to judge");
            continue;
        }
        const std::optional<Spec> targetSpec = lookup(*target);
        if (!targetSpec)
            continue; // no such container: the engine refuses the create itself
        const std::vector<std::string> targetReasons = reasonsAtDepth(*targetSpec, lookup, depth + 1);
        if (!targetReasons.empty())
            reasons.push_back(what + ", which is privileged (" + targetReasons.front() + ")");
    }
}

std::vector<std::string> reasonsAtDepth(const Spec &spec, const SpecLookup &lookup, int depth)
{
    std::vector<std::string> reasons;
    checkNamespaces(spec, reasons);
    checkJoinedContainers(spec, lookup, depth, reasons);
    checkCapabilities(spec, reasons);
    checkMounts(spec, reasons);
    checkMappings(spec, reasons);
    checkHiddenPaths(spec, reasons);
    checkDevices(spec, reasons);
    checkSeccomp(spec, reasons);
    checkPublishedPorts(spec, reasons);
    return reasons;
}

} // namespace

std::vector<std::string> privilegeReasons(const Spec &spec, const SpecLookup &lookup)
{
    return reasonsAtDepth(spec, lookup, 0);
}

} // namespace hako::helper
