// docker load's inner pieces: an archive unpacked into a staging directory, the two formats
// read from it (docker save's manifest.json, the OCI image layout's index.json), and the
// images they describe imported with every blob verified.
#pragma once

#include "fd.h"
#include "image_store_internal.h"

#include <optional>
#include <string>
#include <vector>

namespace hako::image_store {

// Unpacks the (possibly compressed) tar read from `fd` into `dir`: regular files, directories,
// symlinks and hardlinks, each created beneath `dir` without following any symlink, and `..`
// refused. BadContentError naming the entry on anything malformed.
void extractArchive(int fd, const std::string &dir);

// A file of the layout, opened beneath `layoutFd` as if it were "/" (its symlinks, as newer
// docker save writes them, resolve inside it). BadContentError naming `path` when missing.
UniqueFd openInLayout(int layoutFd, const std::string &path);
bool existsInLayout(int layoutFd, const std::string &path);
// A small file (JSON) read whole; BadContentError when larger than `maxBytes`.
std::string readLayoutFile(int layoutFd, const std::string &path, size_t maxBytes = 16 << 20);

struct LayerBlob {
    std::string path;   // within the layout
    std::string digest; // "sha256:…" the blob must have; empty: none claimed
    std::optional<uint64_t> size;
};

struct ImageToLoad {
    std::string configPath;
    std::string configDigest; // empty: none claimed
    std::vector<LayerBlob> layers;
    std::vector<std::string> tags; // references, any form
};

std::vector<ImageToLoad> readDockerManifest(int layoutFd);
std::vector<ImageToLoad> readOciIndex(int layoutFd);

// The digest of everything `fd` yields, from its current offset to its end.
std::string fileDigest(int fd, const std::string &what);

} // namespace hako::image_store
