// Building the container's filesystem inside its new mount namespace: overlay root, the
// spec's mounts, /dev, masked and read-only paths, then pivot_root. Every path under the
// rootfs is resolved with openat2(RESOLVE_IN_ROOT), so a symlink in an image can never
// point a mount at the host.
#pragma once

#include "fd.h"
#include "spec.h"

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hako {

struct CgroupLayout;

// The image's files belong to host uid 0, which a user namespace does not map: its root
// would see them as nobody:nogroup and could not change them. Each lower layer is therefore
// shown to the container with the container's own mapping:
//   Idmapped  an idmapped clone of the layer (open_tree + mount_setattr(MOUNT_ATTR_IDMAP)),
//             made by the launcher and attached by the child in its own mount namespace;
//             nothing is copied and the host's files stay as they are.
//   Copy      a copy of the layer with every owner shifted by the mapping, made once per
//             container under its directory (for file systems that refuse idmapped mounts).
//   Auto      Idmapped, falling back to Copy where the kernel refuses it.
enum class UserNamespaceLayers { Auto, Idmapped, Copy };
std::string_view userNamespaceLayersName(UserNamespaceLayers mode); // "auto", "idmapped", "copy"
std::optional<UserNamespaceLayers> userNamespaceLayersFromName(std::string_view name);

struct RootfsPlan {
    std::vector<std::string> lowerDirs; // top first
    std::string upperDir, workDir, mergedDir;
    bool userNamespace = false; // devices are bind-mounted instead of created
    UserNamespaceLayers userNamespaceLayers = UserNamespaceLayers::Auto;
    // Copy: where lowerDirs[i]'s shifted copy goes ("<containerDir>/lower-remapped", with
    // "-<i>" after it for i > 0); kept for the container's next starts. Idmapped:
    // "<base>.idmap-<i>" is the empty directory its clone is attached on.
    std::string remappedLowerBase;
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

// The lower layers for a container with a user namespace (see UserNamespaceLayers).
// remapLayers runs in the launcher once the child's uid_map and gid_map are written; each
// layer becomes an idmapped clone (its fd) or the path of a shifted copy. attachRemappedLayers
// runs in the child, after makeMountsPrivate: the clones are moved onto their layer's path
// in the child's own mount namespace, and lowerDirs point at the copies.
struct RemappedLayer {
    UniqueFd idmapped; // an open_tree clone, or invalid
    // The shifted copy's path; with a clone, the directory it is attached on (empty: over
    // the layer's own path).
    std::string copy;
};
std::vector<RemappedLayer> remapLayers(const RootfsPlan &plan, pid_t child, const Spec &spec);
void attachRemappedLayers(RootfsPlan &plan, std::vector<RemappedLayer> &layers);
// A copy of `source` at `target` (which must not exist) with every owner shifted through the
// mappings; built beside it under a temporary name and renamed in.
void copyShifted(const std::string &source, const std::string &target, const Spec &spec);

void makeMountsPrivate(const std::string &propagation);
void mountOverlayRoot(const RootfsPlan &plan);
void mountSpecMounts(const Spec &spec, const RootfsPlan &plan, int rootFd);
void applyMaskedPaths(const Spec &spec, int rootFd);
void applyReadonlyPaths(const Spec &spec, int rootFd);
void applySysctls(const Spec &spec, const RootfsPlan &plan, int rootFd);
void pivotInto(const std::string &newRoot);
void remountRootReadonly();

} // namespace hako
