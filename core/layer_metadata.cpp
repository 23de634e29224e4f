#include "layer_metadata.h"

#include "error.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cstring>

namespace hako::layer {

namespace {

// A path to `name` in `dirFd` through /proc: lsetxattr has no *at form before Linux 6.13.
// The directory's fd is one we opened beneath the layer, and the last component is not
// followed, so the path cannot lead anywhere else.
std::string procPath(const MetadataTarget &target)
{
    return "/proc/self/fd/" + std::to_string(target.dirFd) + "/" + target.name;
}

bool ignorableXattrError(int err)
{
    // No xattrs on this filesystem, or none of this namespace on this kind of file (user.*
    // on a symlink or device): the entry is kept without it, as tar does.
    return err == ENOTSUP || err == EOPNOTSUPP || err == EPERM;
}

} // namespace

bool isOverlayXattr(const char *name)
{
    return std::strncmp(name, "trusted.overlay.", 16) == 0;
}

void applyOwnership(const MetadataTarget &target, archive_entry *entry, bool withMode)
{
    const auto uid = static_cast<uid_t>(archive_entry_uid(entry));
    const auto gid = static_cast<gid_t>(archive_entry_gid(entry));
    const int owned = target.fd >= 0
                          ? ::fchown(target.fd, uid, gid)
                          : ::fchownat(target.dirFd, target.name.c_str(), uid, gid, AT_SYMLINK_NOFOLLOW);
    if (owned < 0)
        throwSys("change owner of", target.name);
    if (!withMode)
        return;
    const mode_t mode = archive_entry_perm(entry) & 07777;
    // fchmodat follows a symlink, but only device nodes and fifos we just made come here.
    const int moded = target.fd >= 0 ? ::fchmod(target.fd, mode)
                                     : ::fchmodat(target.dirFd, target.name.c_str(), mode, 0);
    if (moded < 0)
        throwSys("change mode of", target.name);
}

void applyXattrs(const MetadataTarget &target, archive_entry *entry)
{
    if (archive_entry_xattr_reset(entry) == 0)
        return;
    const char *name = nullptr;
    const void *value = nullptr;
    size_t size = 0;
    while (archive_entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK) {
        if (!name || isOverlayXattr(name))
            continue;
        const int set = target.fd >= 0 ? ::fsetxattr(target.fd, name, value, size, 0)
                                       : ::lsetxattr(procPath(target).c_str(), name, value, size, 0);
        if (set < 0 && !ignorableXattrError(errno))
            throwSys(std::string("set xattr ") + name + " on", target.name);
    }
}

EntryTimes entryTimes(archive_entry *entry)
{
    timespec mtime{archive_entry_mtime(entry), archive_entry_mtime_nsec(entry)};
    timespec atime = mtime;
    if (archive_entry_atime_is_set(entry))
        atime = {archive_entry_atime(entry), archive_entry_atime_nsec(entry)};
    return {atime, mtime};
}

void applyTimes(const MetadataTarget &target, const EntryTimes &times)
{
    const timespec both[2] = {times.first, times.second};
    const int set = target.fd >= 0
                        ? ::futimens(target.fd, both)
                        : ::utimensat(target.dirFd, target.name.c_str(), both, AT_SYMLINK_NOFOLLOW);
    if (set < 0)
        throwSys("set times of", target.name);
}

} // namespace hako::layer
