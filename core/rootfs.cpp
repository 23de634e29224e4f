#include "rootfs.h"

#include "cgroup.h"
#include "error.h"
#include "fs.h"
#include "proc.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <map>

namespace hako {

namespace {

struct FlagOption {
    unsigned long flag;
    bool clear;
};

const std::map<std::string, FlagOption, std::less<>> &flagOptions()
{
    static const std::map<std::string, FlagOption, std::less<>> options{
        {"ro", {MS_RDONLY, false}},         {"rw", {MS_RDONLY, true}},
        {"nosuid", {MS_NOSUID, false}},     {"suid", {MS_NOSUID, true}},
        {"nodev", {MS_NODEV, false}},       {"dev", {MS_NODEV, true}},
        {"noexec", {MS_NOEXEC, false}},     {"exec", {MS_NOEXEC, true}},
        {"sync", {MS_SYNCHRONOUS, false}},  {"async", {MS_SYNCHRONOUS, true}},
        {"dirsync", {MS_DIRSYNC, false}},   {"remount", {MS_REMOUNT, false}},
        {"mand", {MS_MANDLOCK, false}},     {"nomand", {MS_MANDLOCK, true}},
        {"atime", {MS_NOATIME, true}},      {"noatime", {MS_NOATIME, false}},
        {"diratime", {MS_NODIRATIME, true}}, {"nodiratime", {MS_NODIRATIME, false}},
        {"relatime", {MS_RELATIME, false}}, {"norelatime", {MS_RELATIME, true}},
        {"strictatime", {MS_STRICTATIME, false}}, {"nostrictatime", {MS_STRICTATIME, true}},
        {"defaults", {0, false}},
    };
    return options;
}

const std::map<std::string, unsigned long, std::less<>> &propagationOptions()
{
    static const std::map<std::string, unsigned long, std::less<>> options{
        {"private", MS_PRIVATE},          {"rprivate", MS_PRIVATE | MS_REC},
        {"slave", MS_SLAVE},              {"rslave", MS_SLAVE | MS_REC},
        {"shared", MS_SHARED},            {"rshared", MS_SHARED | MS_REC},
        {"unbindable", MS_UNBINDABLE},    {"runbindable", MS_UNBINDABLE | MS_REC},
    };
    return options;
}

std::vector<std::string> splitPath(const std::string &path)
{
    std::vector<std::string> parts;
    size_t pos = 0;
    while (pos < path.size()) {
        const size_t next = path.find('/', pos);
        const std::string part = path.substr(pos, next == std::string::npos ? next : next - pos);
        if (!part.empty() && part != ".")
            parts.push_back(part);
        if (next == std::string::npos)
            break;
        pos = next + 1;
    }
    return parts;
}

} // namespace

void doMount(const std::string &source, const std::string &target, const std::string &type,
             unsigned long flags, const std::string &data, const std::string &what)
{
    if (::mount(source.empty() ? nullptr : source.c_str(), target.c_str(),
                type.empty() ? nullptr : type.c_str(), flags,
                data.empty() ? nullptr : data.c_str()) < 0)
        throwSys("mount " + (type.empty() ? std::string("bind") : type), what);
}

MountOptions parseMountOptions(const std::vector<std::string> &options)
{
    MountOptions out;
    for (const auto &option : options) {
        if (option == "bind" || option == "rbind") {
            out.bind = true;
            out.recursive = out.recursive || option == "rbind";
        } else if (auto f = flagOptions().find(option); f != flagOptions().end()) {
            out.flags = f->second.clear ? (out.flags & ~f->second.flag) : (out.flags | f->second.flag);
        } else if (auto p = propagationOptions().find(option); p != propagationOptions().end()) {
            out.propagation = p->second;
        } else {
            out.data += (out.data.empty() ? "" : ",") + option;
        }
    }
    return out;
}

std::string fdPath(int fd)
{
    return "/proc/self/fd/" + std::to_string(fd);
}

UniqueFd openInRoot(int rootFd, const std::string &path, bool create, bool asFile)
{
    UniqueFd fd = openat2InRoot(rootFd, path, O_PATH);
    if (fd || errno != ENOENT || !create) {
        if (!fd)
            throwSys("open in rootfs", path);
        return fd;
    }
    const auto parts = splitPath(path);
    UniqueFd current(::fcntl(rootFd, F_DUPFD_CLOEXEC, 3));
    std::string sofar;
    for (size_t i = 0; i < parts.size(); ++i) {
        sofar += "/" + parts[i];
        UniqueFd next = openat2InRoot(rootFd, sofar, O_PATH);
        if (!next) {
            if (errno != ENOENT)
                throwSys("open in rootfs", sofar);
            const bool last = i + 1 == parts.size();
            // `current` is the resolved parent, so the new entry cannot land outside the root.
            int rc;
            if (last && asFile) {
                rc = ::mknodat(current.get(), parts[i].c_str(), S_IFREG | 0644, 0);
            } else {
                rc = ::mkdirat(current.get(), parts[i].c_str(), 0755);
            }
            if (rc < 0 && errno != EEXIST)
                throwSys(last && asFile ? "create" : "mkdir", sofar);
            next = openat2InRoot(rootFd, sofar, O_PATH);
            if (!next && errno == ENOENT)
                throw Error("open in rootfs `" + sofar + "`: a symlink whose target does not "
                            "exist inside the rootfs; not followed");
            if (!next)
                throwSys("open in rootfs", sofar);
        }
        current = std::move(next);
    }
    return current;
}

void makeMountsPrivate(const std::string &propagation)
{
    unsigned long flags = MS_REC | MS_PRIVATE;
    if (!propagation.empty())
        flags = propagationOptions().at(propagation);
    // Nothing the container mounts may propagate back to the host.
    if (::mount(nullptr, "/", nullptr, flags, nullptr) < 0)
        throwSys("make mounts private", "/");
}

void mountOverlayRoot(const RootfsPlan &plan)
{
    std::string lower;
    for (const auto &dir : plan.lowerDirs)
        lower += (lower.empty() ? "" : ":") + dir;
    const std::string data =
        "lowerdir=" + lower + ",upperdir=" + plan.upperDir + ",workdir=" + plan.workDir;
    doMount("overlay", plan.mergedDir, "overlay", 0, data, plan.mergedDir);
}

} // namespace hako

namespace hako {

namespace {

bool isDirectory(const std::string &hostPath)
{
    struct stat st;
    return ::stat(hostPath.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

struct AttrFlag {
    unsigned long msFlag;
    uint64_t attr;
};

// MS_* flags as the new mount API's MOUNT_ATTR_* (what mount_setattr understands).
mount_attr attributesFor(unsigned long flags, unsigned long propagation)
{
    static constexpr AttrFlag kFlags[] = {
        {MS_RDONLY, MOUNT_ATTR_RDONLY},         {MS_NOSUID, MOUNT_ATTR_NOSUID},
        {MS_NODEV, MOUNT_ATTR_NODEV},           {MS_NOEXEC, MOUNT_ATTR_NOEXEC},
        {MS_NODIRATIME, MOUNT_ATTR_NODIRATIME},
    };
    mount_attr attr{};
    for (const auto &[msFlag, attrFlag] : kFlags)
        if (flags & msFlag)
            attr.attr_set |= attrFlag;
    for (const auto &[msFlag, attrFlag] : {AttrFlag{MS_NOATIME, MOUNT_ATTR_NOATIME},
                                          AttrFlag{MS_STRICTATIME, MOUNT_ATTR_STRICTATIME},
                                          AttrFlag{MS_RELATIME, MOUNT_ATTR_RELATIME}}) {
        if (flags & msFlag) {
            attr.attr_clr |= MOUNT_ATTR__ATIME; // the atime modes replace one another
            attr.attr_set |= attrFlag;
        }
    }
    attr.propagation = propagation & ~static_cast<unsigned long>(MS_REC);
    return attr;
}

// Binds `source` (a path, or an fd with an empty path) onto `target`: a detached copy is
// made, given its attributes — recursively, so a read-only bind leaves no writable
// submount — and only then attached. Nothing is looked up by path a second time, so a
// symlink swapped in meanwhile cannot redirect the remount.
void bindWithAttributes(int sourceDirFd, const std::string &source, int target, bool recursive,
                        const mount_attr &attr, const std::string &what)
{
    const unsigned treeFlags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
                               (recursive ? AT_RECURSIVE : 0) | (source.empty() ? AT_EMPTY_PATH : 0);
    UniqueFd tree(::open_tree(sourceDirFd, source.c_str(), treeFlags));
    if (!tree)
        throwSys("bind", source.empty() ? what : source);
    if (attr.attr_set || attr.attr_clr || attr.propagation) {
        mount_attr copy = attr;
        if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), &copy,
                            sizeof copy) < 0)
            throwSys("set mount attributes", what);
    }
    if (::move_mount(tree.get(), "", target, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
        throwSys("attach bind mount", what);
}

void mountBind(const Mount &m, const MountOptions &opts, int rootFd)
{
    const bool dir = isDirectory(m.source);
    const UniqueFd target = openInRoot(rootFd, m.destination, true, !dir);
    bindWithAttributes(AT_FDCWD, m.source, target.get(), opts.recursive,
                       attributesFor(opts.flags, opts.propagation), m.destination);
}

// v2 hosts: the unified hierarchy. v1 (and hybrid) hosts: a tmpfs holding each controller's
// hierarchy, as Docker presents it. In a cgroup namespace each shows the container's own
// cgroup as its root.
void mountCgroupTree(const Mount &m, const MountOptions &opts, int rootFd,
                     const CgroupLayout *layout)
{
    const unsigned long flags = opts.flags | MS_NOSUID | MS_NODEV | MS_NOEXEC;
    const UniqueFd target = openInRoot(rootFd, m.destination, true);
    if (!layout || layout->version == CgroupVersion::V2) {
        doMount("cgroup2", fdPath(target.get()), "cgroup2", flags, "", m.destination);
        return;
    }
    doMount("tmpfs", fdPath(target.get()), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755",
            m.destination);
    std::map<std::string, std::string> dirs; // hierarchy dir name → controllers option
    for (const auto &[controller, dir] : layout->v1Controllers) {
        const std::string base = dir.substr(dir.rfind('/') + 1);
        auto &list = dirs[base];
        list += (list.empty() ? "" : ",") + controller;
    }
    for (const auto &[base, controllers] : dirs) {
        const UniqueFd sub = openInRoot(rootFd, m.destination + "/" + base, true);
        doMount("cgroup", fdPath(sub.get()), "cgroup", flags, controllers,
                m.destination + "/" + base);
    }
    if (!layout->unifiedDir.empty()) {
        const UniqueFd sub = openInRoot(rootFd, m.destination + "/unified", true);
        doMount("cgroup2", fdPath(sub.get()), "cgroup2", flags, "", m.destination + "/unified");
    }
    if (opts.flags & MS_RDONLY) {
        const UniqueFd tmpfs = openInRoot(rootFd, m.destination, false);
        doMount("", fdPath(tmpfs.get()), "", MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID |
                MS_NODEV | MS_NOEXEC, "", m.destination);
    }
}

// A named volume: a bind of its _data dir, which the monitor has put in `source` (see
// helper/monitor/volume_mounts.h); a bare name here means it never was resolved.
void mountVolume(const Mount &m, const MountOptions &opts, int rootFd)
{
    if (!m.source.starts_with("/") || !isDirectory(m.source))
        throw Error("volume \"" + m.source + "\": not resolved to its host directory");
    const UniqueFd target = openInRoot(rootFd, m.destination, true);
    bindWithAttributes(AT_FDCWD, m.source, target.get(), opts.recursive,
                       attributesFor(opts.flags, opts.propagation), m.destination);
}

void mountOne(const Mount &m, const RootfsPlan &plan, int rootFd)
{
    const MountOptions opts = parseMountOptions(m.options);
    if (m.type == "volume") {
        mountVolume(m, opts, rootFd);
        return;
    }
    if (opts.bind || m.type == "bind") {
        mountBind(m, opts, rootFd);
        return;
    }
    if (m.type == "cgroup" || m.type == "cgroup2") {
        if (plan.enterCgroup)
            plan.enterCgroup();
        mountCgroupTree(m, opts, rootFd, plan.cgroups);
        return;
    }
    const UniqueFd target = openInRoot(rootFd, m.destination, true);
    doMount(m.source.empty() ? m.type : m.source, fdPath(target.get()), m.type, opts.flags,
            opts.data, m.destination);
    if (opts.propagation != 0) {
        const UniqueFd mounted = openInRoot(rootFd, m.destination, false);
        doMount("", fdPath(mounted.get()), "", opts.propagation, "", m.destination);
    }
    if (m.destination == "/dev" && m.type == "tmpfs")
        populateDev(rootFd, plan.userNamespace);
}

} // namespace

void mountSpecMounts(const Spec &spec, const RootfsPlan &plan, int rootFd)
{
    for (const auto &m : spec.mounts) {
        try {
            mountOne(m, plan, rootFd);
        } catch (...) {
            rethrowWithContext("mount " + m.destination);
        }
    }
    // /dev/ptmx must point at the container's own devpts instance, once it is mounted.
    if (UniqueFd dev = openat2InRoot(rootFd, "/dev", O_PATH | O_DIRECTORY)) {
        ::unlinkat(dev.get(), "ptmx", 0);
        if (::symlinkat("pts/ptmx", dev.get(), "ptmx") < 0 && errno != EEXIST)
            throwSys("symlink", "/dev/ptmx");
    }
}

void applyMaskedPaths(const Spec &spec, int rootFd)
{
    for (const auto &path : spec.linux.maskedPaths) {
        UniqueFd target = openat2InRoot(rootFd, path, O_PATH);
        if (!target) {
            if (errno == ENOENT)
                continue; // nothing there to hide
            throwSys("open masked path", path);
        }
        struct stat st;
        if (::fstat(target.get(), &st) < 0)
            throwSys("stat masked path", path);
        if (S_ISDIR(st.st_mode))
            doMount("tmpfs", fdPath(target.get()), "tmpfs", MS_RDONLY, "size=0k", path);
        else
            doMount("/dev/null", fdPath(target.get()), "", MS_BIND, "", path);
    }
}

void applyReadonlyPaths(const Spec &spec, int rootFd)
{
    const mount_attr readOnly = attributesFor(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, 0);
    for (const auto &path : spec.linux.readonlyPaths) {
        UniqueFd target = openat2InRoot(rootFd, path, O_PATH);
        if (!target) {
            if (errno == ENOENT)
                continue;
            throwSys("open read-only path", path);
        }
        bindWithAttributes(target.get(), "", target.get(), true, readOnly, path);
    }
}

// The namespace a sysctl key belongs to, by /proc/self/ns name (validation allowed only these).
static const char *sysctlNamespaceFile(const std::string &key)
{
    if (key.starts_with("net."))
        return "net";
    if (key.starts_with("kernel.hostname") || key.starts_with("kernel.domainname"))
        return "uts";
    return "ipc";
}

void applySysctls(const Spec &spec, const RootfsPlan &plan, int rootFd)
{
    for (const auto &[key, value] : spec.linux.sysctl) {
        // A namespace joined by path might be the host's own: then the setting would change
        // the host. Unknown inodes count as shared: refuse rather than guess.
        const std::string ns = sysctlNamespaceFile(key);
        const uint64_t ours = namespaceInode("/proc/self/ns/" + ns);
        const auto launcher = plan.launcherNamespaces.find(ns);
        if (ours == 0 || launcher == plan.launcherNamespaces.end() || launcher->second == ours)
            throw Error("sysctl " + key + ": the container shares the host's " + ns +
                        " namespace; setting it would change the host");
        std::string rel = "/proc/sys/" + key;
        for (size_t i = 10; i < rel.size(); ++i)
            if (rel[i] == '.')
                rel[i] = '/';
        UniqueFd fd = openat2InRoot(rootFd, rel, O_WRONLY);
        if (!fd)
            throwSys("open sysctl", key);
        if (::write(fd.get(), value.data(), value.size()) < 0)
            throwSys("write sysctl", key);
    }
}

void pivotInto(const std::string &newRoot)
{
    UniqueFd oldRoot(::open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC));
    if (!oldRoot)
        throwSys("open", "/");
    if (::chdir(newRoot.c_str()) < 0)
        throwSys("chdir", newRoot);
    // pivot_root(".", ".") stacks the old root under the new one; detaching it then leaves
    // the container with no path back to the host's tree, and needs no put_old directory.
    if (::syscall(SYS_pivot_root, ".", ".") < 0)
        throwSys("pivot_root", newRoot);
    if (::fchdir(oldRoot.get()) < 0)
        throwSys("fchdir", "old root");
    if (::mount(nullptr, ".", nullptr, MS_SLAVE | MS_REC, nullptr) < 0)
        throwSys("make old root slave");
    if (::umount2(".", MNT_DETACH) < 0)
        throwSys("detach old root");
    if (::chdir("/") < 0)
        throwSys("chdir", "/");
}

void remountRootReadonly()
{
    if (::mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) < 0)
        throwSys("remount read-only", "/");
}

} // namespace hako
