// Image material made by the tests themselves: layer tars (plain, gzip, zstd; whiteouts,
// opaque dirs), OCI image layouts (directory or tarball) and docker save archives.
#pragma once

#include "fd.h"

#include <string>
#include <vector>

namespace hako::test {

struct TarEntry {
    enum Kind { File, Dir, Symlink } kind = File;
    std::string path;
    std::string content; // file content, or the symlink's target
    unsigned mode = 0644;
};

enum class Compression { None, Gzip, Zstd };

// A tar of `entries` (PAX), compressed as asked.
std::string makeTar(const std::vector<TarEntry> &entries, Compression compression = Compression::None);
// Entry names of a tar (any compression), in order.
std::vector<std::string> tarNames(const std::string &tar);

// A memfd holding `content`, positioned at its start.
UniqueFd memoryFd(const std::string &content);
std::string sha256Digest(const std::string &content); // "sha256:<hex>"

struct LayoutLayer {
    std::string tar; // uncompressed
    Compression compression = Compression::None;
};

struct BuiltImage {
    std::string configDigest; // the image id it must load as
    std::vector<std::string> diffIds;
    std::vector<std::string> blobDigests;
};

// Adds one image to the OCI layout at `dir` (created if needed; index.json rewritten to list
// every image added so far), its index descriptor annotated with `refName` when not empty.
BuiltImage addToOciLayout(const std::string &dir, const std::vector<LayoutLayer> &layers,
                          const std::string &refName, const std::string &cmd = "sh");
// Writes a docker save archive directory (manifest.json, <hex>.json, <n>/layer.tar).
BuiltImage makeDockerSaveDir(const std::string &dir, const std::vector<std::string> &layerTars,
                             const std::vector<std::string> &repoTags);
// `tar -C dir -cf out .`
void tarDirectory(const std::string &dir, const std::string &out);

} // namespace hako::test
