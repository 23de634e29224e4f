#include "volume_mounts.h"

#include "error.h"
#include "fs.h"
#include "image.h"
#include "merged_view.h"
#include "rootfs.h"
#include "store.h"
#include "volumes.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <utility>

namespace hako::monitor {

namespace {

constexpr const char *kPopulatedMarker = "populated";

bool isEmptyDir(const std::string &path)
{
    DirHandle dir(::opendir(path.c_str()));
    if (!dir)
        throwSys("open", path);
    while (const dirent *entry = ::readdir(dir.get()))
        if (std::string_view(entry->d_name) != "." && std::string_view(entry->d_name) != "..")
            return false;
    return true;
}

// A spec whose mappings copyShifted follows: the container's own with a user namespace (the
// image's root-owned files become its root's), the identity otherwise.
Spec ownershipSpec(const Spec &spec)
{
    if (spec.hasNamespace(NamespaceType::User))
        return spec;
    Spec identity;
    identity.linux.uidMappings = {IdMapping{0, 0, 4294967295u}};
    identity.linux.gidMappings = {IdMapping{0, 0, 4294967295u}};
    return identity;
}

std::optional<std::pair<uint32_t, uint32_t>> hostIdsOfRoot(const Spec &spec)
{
    if (!spec.hasNamespace(NamespaceType::User))
        return std::nullopt;
    for (const auto &u : spec.linux.uidMappings)
        for (const auto &g : spec.linux.gidMappings)
            if (u.containerID == 0 && g.containerID == 0)
                return std::pair{u.hostID, g.hostID};
    return std::nullopt;
}

// The container's root's host ids, for an empty volume it must be able to write to.
void ownByContainerRoot(const std::string &dir, const Spec &spec)
{
    if (const auto ids = hostIdsOfRoot(spec); ids && ::chown(dir.c_str(), ids->first, ids->second) < 0)
        throwSys("chown to the container's root", dir);
}

// The volume's own directory is 0700 root (VolumeStore): a user-namespaced container's root
// must still reach _data to bind it, so its group may search it — nobody else.
void openToContainerRoot(const Volume &volume, const Spec &spec)
{
    const auto ids = hostIdsOfRoot(spec);
    if (!ids)
        return;
    const std::string volumeDir = volume.mountpoint.substr(0, volume.mountpoint.rfind('/'));
    if (::chown(volumeDir.c_str(), 0, ids->second) < 0 || ::chmod(volumeDir.c_str(), 0710) < 0)
        throwSys("open the volume to the container's root", volumeDir);
}

void copyUp(const Volume &volume, const Mount &mount, const Spec &spec,
            const std::vector<std::string> &lowerDirs, const std::string &containerDir)
{
    const std::string volumeDir = volume.mountpoint.substr(0, volume.mountpoint.rfind('/'));
    const MergedView view(lowerDirs, containerDir);
    UniqueFd root(::open(view.path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        throwSys("open", view.path());
    // Resolved inside the image's tree: a symlink there cannot make us copy a host directory.
    UniqueFd source = openat2InRoot(root.get(), mount.destination, O_RDONLY | O_DIRECTORY);
    if (!source || isEmptyDir(fdPath(source.get()))) {
        ownByContainerRoot(volume.mountpoint, spec);
        return; // nothing there in the image (or not a directory): the volume starts empty
    }
    const std::string staging = volumeDir + "/_copy";
    removeTree(staging); // left by an interrupted copy
    copyShifted(fdPath(source.get()), staging, ownershipSpec(spec));
    if (::rmdir(volume.mountpoint.c_str()) < 0)
        throwSys("replace the empty volume dir", volume.mountpoint);
    if (::rename(staging.c_str(), volume.mountpoint.c_str()) < 0)
        throwSys("rename", staging + " to " + volume.mountpoint);
}

void populateOnce(const Volume &volume, const Mount &mount, const Spec &spec,
                  const std::vector<std::string> &lowerDirs, const std::string &containerDir)
{
    const std::string volumeDir = volume.mountpoint.substr(0, volume.mountpoint.rfind('/'));
    // Serialised with the store's own changes and with other containers' first mounts: the
    // first of two containers starting at once copies, the second finds the marker.
    const FileLock lock(volumeDir.substr(0, volumeDir.rfind('/')) + "/.lock");
    const std::string marker = volumeDir + "/" + kPopulatedMarker;
    if (pathExists(marker))
        return;
    if (isEmptyDir(volume.mountpoint))
        copyUp(volume, mount, spec, lowerDirs, containerDir);
    writeFileAtomic(marker, "", 0644);
}

} // namespace

std::vector<std::string> lowerDirsFor(const std::string &stateRoot, const ContainerState &state,
                                      const Spec &spec)
{
    if (state.imageId.empty())
        return {spec.root.path};
    try {
        return imageLayerDirs(stateRoot, state.imageId);
    } catch (...) {
        rethrowWithContext("image " + state.imageId + " of container " + state.name);
    }
}

void resolveVolumeMounts(Spec &spec, const std::string &stateRoot,
                         const std::vector<std::string> &lowerDirs, const std::string &containerDir)
{
    const VolumeStore volumes(stateRoot);
    for (Mount &mount : spec.mounts) {
        if (mount.type != "volume")
            continue;
        try {
            const Volume volume = volumes.get(mount.source);
            populateOnce(volume, mount, spec, lowerDirs, containerDir);
            openToContainerRoot(volume, spec);
            mount.source = volume.mountpoint;
        } catch (...) {
            rethrowWithContext("volume " + mount.source + " at " + mount.destination);
        }
    }
}

} // namespace hako::monitor
