// Owners, modes, xattrs and times of unpacked layer entries. Internal to layer_unpack.
#pragma once

#include <sys/stat.h>

#include <string>
#include <utility>

struct archive_entry;

namespace hako::layer {

// What the metadata goes on: an open file or directory (`fd`), else the entry `name` in the
// directory `dirFd` (symlinks, device nodes, fifos), never following a symlink.
struct MetadataTarget {
    int fd = -1;
    int dirFd = -1;
    std::string name;
};

using EntryTimes = std::pair<timespec, timespec>; // atime, mtime

// Owner (numeric ids), then mode (chown clears setuid/setgid), then xattrs.
void applyOwnership(const MetadataTarget &target, struct archive_entry *entry, bool withMode);
void applyXattrs(const MetadataTarget &target, struct archive_entry *entry);
EntryTimes entryTimes(struct archive_entry *entry);
void applyTimes(const MetadataTarget &target, const EntryTimes &times);

// trusted.overlay.* is overlayfs's own metadata: from a tar it would forge whiteouts,
// opaque directories or redirects, so it is never taken from (nor written to) a layer.
bool isOverlayXattr(const char *name);

} // namespace hako::layer
