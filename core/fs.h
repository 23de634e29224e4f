// Small file-system helpers with errors that name the path.
#pragma once

#include "fd.h"

#include <dirent.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace hako {

struct DirCloser {
    void operator()(DIR *dir) const { ::closedir(dir); }
};
using DirHandle = std::unique_ptr<DIR, DirCloser>;

std::string readFile(const std::string &path);
// Writes all of `content` to `fd` (retrying short writes and EINTR); SysError naming `path`.
void writeAll(int fd, std::string_view content, const std::string &path);
// Everything an fd (a pipe) yields until end-of-file; stops early only on a read error.
std::string readUntilEof(int fd);
enum class Durability {
    Full,     // the file and the rename survive a crash (the directory is fsynced too)
    FileOnly, // the content is on disk before the rename; the rename itself may be lost
    // Readers still never see a torn file, but a crash may leave the old content or none:
    // for runtime files remade at every start (a network plan, a container's resolv.conf).
    None,
};

// Writes via a temp file, fsync and rename: readers see the old content or the new, never a
// torn file, even across a crash.
void writeFileAtomic(const std::string &path, std::string_view content, unsigned mode = 0644,
                     Durability durability = Durability::Full);
void syncDirectory(const std::string &path); // best effort: makes renames in it durable
void writeFile(const std::string &path, std::string_view content); // existing file, no create
void makeDirs(const std::string &path, unsigned mode = 0755);
bool pathExists(const std::string &path);
// Removes a tree without following symlinks or crossing into other mounts.
void removeTree(const std::string &path);
// The bytes of the regular files under `path`, each inode once (hard links), without
// following symlinks or crossing into other mounts; 0 when it does not exist.
uint64_t treeBytes(const std::string &path);
// openat2 beneath `rootFd` as if it were "/" (RESOLVE_IN_ROOT, no magic links): no symlink
// or ".." of a container's tree can lead out of it. Invalid fd with errno set on failure.
UniqueFd openat2InRoot(int rootFd, const std::string &path, int flags);

// "2026-11-24T05:52:58.123456789Z"
std::string formatTimestamp(int64_t unixNanos);
int64_t nowUnixNanos();

} // namespace hako
