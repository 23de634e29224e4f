// The directory a layer is unpacked into, reached only through its fd: every path below it is
// resolved by openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
// RESOLVE_NO_XDEV, so neither `..`, nor a symlink the layer made, nor a mount can lead out.
// Internal to layer_unpack.
#pragma once

#include "fd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hako::layer {

// A tar entry's path as tar reads it: a leading "/" and "." components dropped, repeated
// slashes merged ("/./usr//bin/" → "usr/bin"). nullopt if a ".." component would lead out.
std::optional<std::string> cleanEntryPath(std::string_view raw);

// "usr/bin/ls" → {"usr/bin", "ls"}; "etc" → {"", "etc"}.
std::pair<std::string_view, std::string_view> splitParent(std::string_view cleanPath);

// openat2 of `path` beneath `dirFd` with the resolve flags above, retried on EAGAIN (a
// rename elsewhere on the host raced the walk). Invalid fd with errno set on failure.
UniqueFd openBeneath(int dirFd, const std::string &path, int flags);

class LayerDir {
public:
    explicit LayerDir(const std::string &path);

    int fd() const { return root_.get(); }
    const std::string &path() const { return path_; }

    // The directory `parent` ("" for the layer's root), opened beneath the layer, missing
    // directories created (0755, root) as tar does. The fd stays owned here (one is cached,
    // since consecutive entries share their directory) until the next call or forgetCache().
    int directory(std::string_view parent);
    // The existing directory `parent`, opened beneath the layer; nothing created.
    UniqueFd existingDirectory(std::string_view parent) const;
    // Called whenever an entry is removed or replaced: the cached directory may be gone.
    void forgetCache();

    // Removes `name` in `dirFd` whatever it is; a directory with everything under it. Never
    // follows a symlink.
    void remove(int dirFd, const std::string &name);

private:
    static void removeTree(int dirFd, const std::string &name);
    UniqueFd walkCreating(std::string_view parent);

    std::string path_;
    UniqueFd root_;
    std::string cachedPath_;
    UniqueFd cachedFd_;
};

// Why openat2 beneath the layer failed, in words ("the path goes through a symlink").
std::string describeResolveError(int err);

} // namespace hako::layer
