// Building the container's filesystem inside its new mount namespace: overlay root, the
// spec's mounts, /dev, masked and read-only paths, then pivot_root. Every path under the
// rootfs is resolved with openat2(RESOLVE_IN_ROOT), so a symlink in an image can never
// point a mount at the host.
#pragma once

#include "fd.h"
#include "spec.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace hako {

struct CgroupLayout;

struct RootfsPlan {
    std::vector<std::string> lowerDirs; // top first
    std::string upperDir, workDir, mergedDir;
    bool userNamespace = false; // devices are bind-mounted instead of created
    const CgroupLayout *cgroups = nullptr;
    // Called before the cgroup filesystem is mounted (and again after all mounts): the
    // parent moves the child into its cgroup while the child mounts, and the cgroup
    // namespace must be created once that is done.
    std::function<void()> enterCgroup;
    // The launcher's own namespace inodes by /proc/<pid>/ns name ("net", "ipc", "uts"):
    // a sysctl is refused where the container's namespace is one of these.
    std::map<std::string, uint64_t> launcherNamespaces;
};

// Flags and data parsed from an OCI mount's options ("ro", "nosuid", "rbind", "size=64k" …).
struct MountOptions {
    unsigned long flags = 0;       // MS_* applied at mount time
    unsigned long propagation = 0; // MS_PRIVATE / MS_SLAVE / MS_SHARED / MS_UNBINDABLE (|MS_REC)
    std::string data;              // what the filesystem itself parses
    bool bind = false;
    bool recursive = false;
};
MountOptions parseMountOptions(const std::vector<std::string> &options);

// Opens `path` (absolute, relative to root) inside `rootFd`, creating missing directories
// (and, with `asFile`, the last component as an empty file). Returns an O_PATH fd.
UniqueFd openInRoot(int rootFd, const std::string &path, bool create, bool asFile = false);
std::string fdPath(int fd); // "/proc/self/fd/N", for mount(2) targets
// mount(2) with an error naming `what` (the path as the spec wrote it).
void doMount(const std::string &source, const std::string &target, const std::string &type,
             unsigned long flags, const std::string &data, const std::string &what);

// /dev: the standard nodes (null, zero, full, random, urandom, tty) and the /dev/fd,
// stdin/out/err and ptmx links, and nothing more.
void populateDev(int rootFd, bool userNamespace);

void makeMountsPrivate(const std::string &propagation);
void mountOverlayRoot(const RootfsPlan &plan);
void mountSpecMounts(const Spec &spec, const RootfsPlan &plan, int rootFd);
void applyMaskedPaths(const Spec &spec, int rootFd);
void applyReadonlyPaths(const Spec &spec, int rootFd);
void applySysctls(const Spec &spec, const RootfsPlan &plan, int rootFd);
void pivotInto(const std::string &newRoot);
void remountRootReadonly();

} // namespace hako
