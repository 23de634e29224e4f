// The manifests a registry serves: OCI image manifests and indexes, Docker v2 schema 2
// manifests and manifest lists (the two families share their JSON shape).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hako {

namespace media {
inline constexpr const char *kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr const char *kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr const char *kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr const char *kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
} // namespace media

// The Accept header of a manifest request: every kind we can read.
std::string manifestAcceptHeader();

struct Descriptor {
    std::string mediaType;
    std::string digest; // "sha256:<hex>"
    uint64_t size = 0;
    std::string os;           // index entries only
    std::string architecture; // index entries only
};

struct Manifest {
    bool isIndex = false;
    std::vector<Descriptor> manifests; // an index's entries
    Descriptor config;                 // an image manifest's config
    std::vector<Descriptor> layers;    // bottom first
};

// Parses `body` (served as `contentType`, which may be empty or generic). BadContentError
// naming `where` when it is not a manifest we understand (schema 1, foreign layers...).
Manifest parseManifest(const std::string &body, const std::string &contentType, const std::string &where);

// The index entry for linux/amd64 (variants ignored); NotFoundError listing the platforms
// the index has otherwise.
Descriptor pickLinuxAmd64(const Manifest &index, const std::string &where);

// rootfs.diff_ids of an image config: "sha256:<hex>", bottom first.
std::vector<std::string> configDiffIds(const std::string &configJson, const std::string &where);

// Whether `digest` is "sha256:" followed by 64 lowercase hex digits.
bool isValidBlobDigest(const std::string &digest);

} // namespace hako
