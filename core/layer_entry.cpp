#include "layer_entry.h"

#include "archive_handle.h"
#include "error.h"
#include "layer_metadata.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

namespace hako::layer {

namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";
constexpr std::string_view kWhiteoutMeta = ".wh..wh.";

std::string leafName(const std::string &path)
{
    return std::string(splitParent(path).second);
}

void pwriteAll(int fd, const char *data, size_t size, int64_t offset, const std::string &path)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, data, size, offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwSys("write", path);
        }
        data += n;
        size -= static_cast<size_t>(n);
        offset += n;
    }
}

} // namespace

EntryWriter::EntryWriter(LayerDir &dir, struct archive *tar, const UnpackOptions &options)
    : dir_(dir), tar_(tar), options_(options)
{
}

void EntryWriter::checkCancelled() const
{
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed))
        throw CancelledError("layer unpack cancelled");
}

void EntryWriter::write(archive_entry *entry)
{
    const char *raw = archive_entry_pathname(entry);
    if (!raw)
        raw = archive_entry_pathname_utf8(entry);
    const std::optional<std::string> path = cleanEntryPath(raw ? raw : "");
    if (!path)
        throw BadContentError("path leaves the layer");
    if (path->empty()) {
        // "./": the layer's own directory. Its metadata is kept; it cannot be anything else.
        if (archive_entry_filetype(entry) != AE_IFDIR || archive_entry_hardlink(entry))
            throw BadContentError("the layer's root must be a directory");
        writeDirectory(entry, *path);
        return;
    }
    const std::string leaf = leafName(*path);
    if (leaf.starts_with(kWhiteoutPrefix)) {
        writeWhiteout(*path);
        return;
    }
    if (archive_entry_hardlink(entry)) {
        writeHardlink(entry, *path);
        return;
    }
    switch (archive_entry_filetype(entry)) {
    case AE_IFDIR:
        return writeDirectory(entry, *path);
    case AE_IFREG:
        return writeFile(entry, *path);
    case AE_IFLNK:
        return writeSymlink(entry, *path);
    case AE_IFCHR:
    case AE_IFBLK:
    case AE_IFIFO:
        return writeNode(entry, *path);
    default:
        throw BadContentError("unsupported entry type");
    }
}

void EntryWriter::writeDirectory(archive_entry *entry, const std::string &path)
{
    UniqueFd fd;
    if (path.empty()) {
        fd = dir_.existingDirectory("");
    } else {
        const auto [parent, leaf] = splitParent(path);
        int parentFd = dir_.directory(parent);
        const std::string name(leaf);
        if (::mkdirat(parentFd, name.c_str(), 0700) < 0) {
            if (errno != EEXIST)
                throwSys("create directory", path);
            // A directory over a directory only updates it; over anything else replaces it.
            struct stat st {};
            if (::fstatat(parentFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
                throwSys("stat", path);
            if (!S_ISDIR(st.st_mode)) {
                dir_.remove(parentFd, name);
                parentFd = dir_.directory(parent);
                if (::mkdirat(parentFd, name.c_str(), 0700) < 0)
                    throwSys("create directory", path);
            }
        }
        fd = openBeneath(parentFd, name, O_RDONLY | O_DIRECTORY);
    }
    if (!fd)
        throwSys("open directory", path);
    const MetadataTarget target{fd.get(), -1, path};
    applyOwnership(target, entry, true);
    applyXattrs(target, entry);
    directoryTimes_[path] = entryTimes(entry);
}

void EntryWriter::writeFile(archive_entry *entry, const std::string &path)
{
    const auto [parent, leaf] = splitParent(path);
    const int parentFd = dir_.directory(parent);
    const std::string name(leaf);
    constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    UniqueFd fd(::openat(parentFd, name.c_str(), kFlags, 0600));
    if (!fd && errno == EEXIST) {
        // A later entry replaces an earlier one, whatever it was.
        dir_.remove(parentFd, name);
        fd.reset(::openat(dir_.directory(parent), name.c_str(), kFlags, 0600));
    }
    if (!fd)
        throwSys("create", path);
    checkClaim(entry, fd.get());
    copyData(fd.get());
    const auto size = static_cast<off_t>(archive_entry_size(entry));
    // Ending in a hole: the last block written stops short of the size.
    if (size > 0 && ::ftruncate(fd.get(), size) < 0)
        throwSys("set size of", path);
    const MetadataTarget target{fd.get(), -1, path};
    applyOwnership(target, entry, true);
    applyXattrs(target, entry);
    applyTimes(target, entryTimes(entry));
}

// Refused before a byte is written: a layer over its budget, or a file bigger than the disk.
// Sparse holes are not counted: they cost nothing and are kept as holes.
void EntryWriter::checkClaim(archive_entry *entry, int fileFd)
{
    uint64_t claim = archive_entry_size_is_set(entry) ? uint64_t(std::max<int64_t>(archive_entry_size(entry), 0)) : 0;
    if (archive_entry_sparse_reset(entry) > 0) {
        claim = 0;
        la_int64_t offset = 0;
        la_int64_t length = 0;
        while (archive_entry_sparse_next(entry, &offset, &length) == ARCHIVE_OK)
            claim += uint64_t(std::max<la_int64_t>(length, 0));
    }
    claimedBytes_ += claim;
    if (claimedBytes_ > options_.maxBytes)
        throw BadContentError("the layer's files claim more than " + std::to_string(options_.maxBytes) +
                              " bytes, the most a layer may hold");
    constexpr uint64_t kCheckFreeAbove = 1 << 20; // smaller files meet ENOSPC soon enough
    struct statvfs fs {};
    if (claim > kCheckFreeAbove && ::fstatvfs(fileFd, &fs) == 0) {
        const uint64_t freeBytes = uint64_t(fs.f_bavail) * fs.f_frsize;
        if (claim > freeBytes)
            throw BadContentError("the file claims " + std::to_string(claim) + " bytes, more than the " +
                                  std::to_string(freeBytes) + " free in " + dir_.path());
    }
}

void EntryWriter::copyData(int fileFd)
{
    const void *block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    for (;;) {
        const int r = archive_read_data_block(tar_, &block, &size, &offset);
        if (r == ARCHIVE_EOF)
            return;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
            throw BadContentError(archiveError(tar_));
        checkCancelled();
        unpackedBytes_ += size;
        if (unpackedBytes_ > options_.maxBytes)
            throw BadContentError("the layer's files hold more than " + std::to_string(options_.maxBytes) + " bytes");
        // Offsets jump over sparse holes; pwrite leaves them unallocated.
        pwriteAll(fileFd, static_cast<const char *>(block), size, offset, "file data");
    }
}

void EntryWriter::writeSymlink(archive_entry *entry, const std::string &path)
{
    const char *target = archive_entry_symlink(entry);
    if (!target)
        target = archive_entry_symlink_utf8(entry);
    if (!target || !*target)
        throw BadContentError("symlink without a target");
    const auto [parent, leaf] = splitParent(path);
    int parentFd = dir_.directory(parent);
    const std::string name(leaf);
    // Created as it is, never followed: the layer resolves it only inside the container.
    if (::symlinkat(target, parentFd, name.c_str()) < 0) {
        if (errno != EEXIST)
            throwSys("create symlink", path);
        dir_.remove(parentFd, name);
        parentFd = dir_.directory(parent);
        if (::symlinkat(target, parentFd, name.c_str()) < 0)
            throwSys("create symlink", path);
    }
    const MetadataTarget where{-1, parentFd, name};
    applyOwnership(where, entry, false);
    applyXattrs(where, entry);
    applyTimes(where, entryTimes(entry));
}

void EntryWriter::writeNode(archive_entry *entry, const std::string &path)
{
    const mode_t type = archive_entry_filetype(entry);
    if (type != AE_IFIFO && !options_.allowDevices)
        throw BadContentError("device nodes are not allowed in this layer");
    const auto [parent, leaf] = splitParent(path);
    int parentFd = dir_.directory(parent);
    const std::string name(leaf);
    const mode_t mode = type | (archive_entry_perm(entry) & 0777);
    const dev_t rdev = type == AE_IFIFO ? 0 : archive_entry_rdev(entry);
    if (::mknodat(parentFd, name.c_str(), mode, rdev) < 0) {
        if (errno != EEXIST)
            throwSys("create node", path);
        dir_.remove(parentFd, name);
        parentFd = dir_.directory(parent);
        if (::mknodat(parentFd, name.c_str(), mode, rdev) < 0)
            throwSys("create node", path);
    }
    const MetadataTarget where{-1, parentFd, name};
    applyOwnership(where, entry, true);
    applyXattrs(where, entry);
    applyTimes(where, entryTimes(entry));
}

void EntryWriter::writeHardlink(archive_entry *entry, const std::string &path)
{
    const char *rawTarget = archive_entry_hardlink(entry);
    const std::optional<std::string> target = cleanEntryPath(rawTarget);
    const std::string quoted = std::string("hardlink target \"") + rawTarget + "\"";
    if (!target || target->empty())
        throw BadContentError(quoted + ": path leaves the layer");
    if (*target == path)
        return;
    const auto [targetParent, targetLeaf] = splitParent(*target);
    const UniqueFd targetDir = dir_.existingDirectory(targetParent);
    struct stat st {};
    const std::string targetName(targetLeaf);
    if (!targetDir || ::fstatat(targetDir.get(), targetName.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
        throw BadContentError(quoted + ": not in the layer");
    // Only what this layer unpacked as a file or symlink: never a directory, a device or a
    // whiteout, which a link could turn into something else.
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
        throw BadContentError(quoted + ": not a regular file or symlink");
    const auto [parent, leaf] = splitParent(path);
    int parentFd = dir_.directory(parent);
    const std::string name(leaf);
    if (::linkat(targetDir.get(), targetName.c_str(), parentFd, name.c_str(), 0) < 0) {
        if (errno != EEXIST)
            throwSys("create hardlink", path);
        dir_.remove(parentFd, name);
        parentFd = dir_.directory(parent);
        if (::linkat(targetDir.get(), targetName.c_str(), parentFd, name.c_str(), 0) < 0)
            throwSys("create hardlink", path);
    }
}

void EntryWriter::writeWhiteout(const std::string &path)
{
    const auto [parent, leaf] = splitParent(path);
    const int parentFd = dir_.directory(parent);
    if (leaf == kOpaqueMarker) {
        if (::fsetxattr(parentFd, "trusted.overlay.opaque", "y", 1, 0) < 0)
            throwSys("mark opaque", parent.empty() ? "." : std::string(parent));
        return;
    }
    if (leaf.starts_with(kWhiteoutMeta))
        return; // AUFS's own bookkeeping (.wh..wh.plnk, .wh..wh.aufs): nothing to overlay
    const std::string hidden(leaf.substr(kWhiteoutPrefix.size()));
    if (hidden.empty() || hidden == "." || hidden == "..")
        throw BadContentError("whiteout of nothing");
    // overlayfs's whiteout: a 0/0 character device in the name's place.
    dir_.remove(parentFd, hidden);
    const int fd = dir_.directory(parent);
    if (::mknodat(fd, hidden.c_str(), S_IFCHR | 0, makedev(0, 0)) < 0)
        throwSys("create whiteout", path);
}

void EntryWriter::finishDirectories()
{
    std::vector<std::pair<std::string, EntryTimes>> ordered(directoryTimes_.begin(), directoryTimes_.end());
    const auto depth = [](const std::string &p) { return p.empty() ? -1 : std::count(p.begin(), p.end(), '/'); };
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const auto &a, const auto &b) { return depth(a.first) > depth(b.first); });
    for (const auto &[path, times] : ordered) {
        // Gone or replaced by a later entry: nothing to date.
        const UniqueFd fd = dir_.existingDirectory(path);
        if (fd)
            applyTimes(MetadataTarget{fd.get(), -1, path}, times);
    }
}

} // namespace hako::layer
