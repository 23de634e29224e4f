#include "rootfs.h"

#include "cgroup.h"
#include "error.h"

#include <fcntl.h>
#include <linux/openat2.h>
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

UniqueFd openat2Fd(int dirFd, const std::string &path, uint64_t flags, uint64_t resolve)
{
    open_how how{};
    how.flags = flags | O_CLOEXEC;
    how.resolve = resolve;
    const int fd = static_cast<int>(::syscall(SYS_openat2, dirFd, path.c_str(), &how, sizeof how));
    return UniqueFd(fd);
}

constexpr uint64_t kInRoot = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;

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
    UniqueFd fd = openat2Fd(rootFd, path, O_PATH, kInRoot);
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
        UniqueFd next = openat2Fd(rootFd, sofar, O_PATH, kInRoot);
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
            next = openat2Fd(rootFd, sofar, O_PATH, kInRoot);
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

void mountBind(const Mount &m, const MountOptions &opts, int rootFd)
{
    const bool dir = isDirectory(m.source);
    const UniqueFd target = openInRoot(rootFd, m.destination, true, !dir);
    const std::string where = fdPath(target.get());
    doMount(m.source, where, "", MS_BIND | (opts.recursive ? MS_REC : 0), "", m.destination);
    // Bind mounts ignore flags on the first call: ro, nosuid & co. need a remount, on the new
    // mount (the fd opened before it still points at what lies underneath).
    const UniqueFd mounted = openInRoot(rootFd, m.destination, false);
    const unsigned long extra = opts.flags & ~(MS_REMOUNT | MS_BIND | MS_REC);
    if (extra != 0)
        doMount("", fdPath(mounted.get()), "", MS_REMOUNT | MS_BIND | extra, "", m.destination);
    if (opts.propagation != 0)
        doMount("", fdPath(mounted.get()), "", opts.propagation, "", m.destination);
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

void mountOne(const Mount &m, const RootfsPlan &plan, int rootFd)
{
    const MountOptions opts = parseMountOptions(m.options);
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
    if (UniqueFd dev = openat2Fd(rootFd, "/dev", O_PATH | O_DIRECTORY, kInRoot)) {
        ::unlinkat(dev.get(), "ptmx", 0);
        if (::symlinkat("pts/ptmx", dev.get(), "ptmx") < 0 && errno != EEXIST)
            throwSys("symlink", "/dev/ptmx");
    }
}

void applyMaskedPaths(const Spec &spec, int rootFd)
{
    for (const auto &path : spec.linux.maskedPaths) {
        UniqueFd target = openat2Fd(rootFd, path, O_PATH, kInRoot);
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
    for (const auto &path : spec.linux.readonlyPaths) {
        UniqueFd target = openat2Fd(rootFd, path, O_PATH, kInRoot);
        if (!target) {
            if (errno == ENOENT)
                continue;
            throwSys("open read-only path", path);
        }
        doMount(fdPath(target.get()), fdPath(target.get()), "", MS_BIND | MS_REC, "", path);
        const UniqueFd mounted = openInRoot(rootFd, path, false);
        doMount("", fdPath(mounted.get()), "", MS_REMOUNT | MS_BIND | MS_RDONLY | MS_REC | MS_NOSUID | MS_NODEV |
                MS_NOEXEC, "", path);
    }
}

void applySysctls(const Spec &spec, int rootFd)
{
    for (const auto &[key, value] : spec.linux.sysctl) {
        std::string rel = "/proc/sys/" + key;
        for (size_t i = 10; i < rel.size(); ++i)
            if (rel[i] == '.')
                rel[i] = '/';
        UniqueFd fd = openat2Fd(rootFd, rel, O_WRONLY, kInRoot);
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
