// The image store: content-addressed layers, each unpacked once and shared by every image and
// container that uses it, and images made of ordered layers plus an OCI image config.
//
// On disk, under the state root (every object built under a ".new-" name and renamed in, so a
// half-made one is never used; store changes serialise on <root>/images/.lock):
//   layers/<hex>/diff/        the layer's files, an overlayfs lower dir (<hex>: its diffID,
//                             the sha256 of the uncompressed tar)
//   layers/<hex>/layer.json   {"diffId", "tarBytes", "unpackedBytes", "created"}
//   layers/<hex>/tar-split    the layer tar's headers and padding (layer_tarsplit.h), so save
//                             writes the tar back byte for byte and the image keeps its id
//   images/<hex>/config.json  the OCI image config, byte for byte (<hex>: its sha256, which
//                             is the image id, as Docker's is)
//   images/<hex>/image.json   {"repoDigests": [...], "created"}
//   images/repositories.json  {"busybox:latest": "sha256:<hex>", ...} (familiar names)
// The embedded default image, busybox, is built from the host's static busybox on first use
// as a one-layer image tagged busybox:latest; it needs no registry.
#pragma once

#include "layer_unpack.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hako {

struct ImageConfig {
    std::vector<std::string> env;
    std::vector<std::string> entrypoint;
    std::vector<std::string> cmd;
    std::string workingDir;
    std::string user;
    std::vector<std::string> exposedPorts; // "80/tcp"
    std::vector<std::string> volumes;      // "/data"
    std::map<std::string, std::string> labels;
    std::string stopSignal;
};

struct HistoryEntry {
    int64_t created = 0; // unix nanoseconds
    std::string createdBy;
    std::string comment;
    bool emptyLayer = false;
    uint64_t size = 0; // the layer's unpacked bytes (0 for an empty layer)
};

struct Image {
    std::string id;                     // "sha256:<hex>" of config.json
    std::vector<std::string> repoTags;  // familiar: "busybox:latest"
    std::vector<std::string> repoDigests; // "127.0.0.1:5000/app@sha256:…" (pulled ones)
    // The first repo tag, else the short id: what a listing shows and what a container
    // records as its image.
    std::string name;
    std::vector<std::string> diffIds;   // "sha256:<hex>", bottom layer first
    std::vector<std::string> layerDirs; // the layers' diff/ dirs, TOP first (overlay lowerdir order)
    std::string rootfs;                 // layerDirs.front(): the top layer
    ImageConfig config;
    std::vector<HistoryEntry> history;
    std::string architecture = "amd64";
    std::string os = "linux";
    std::string author;
    int64_t createdAt = 0;              // the config's "created", unix nanoseconds
    uint64_t size = 0;                  // sum of its layers' unpacked bytes
};

struct ImportOptions {
    std::string tag;                  // "name[:tag]" to give the new image; empty: none
    std::vector<std::string> changes; // Dockerfile instructions, as `docker import --change`
    std::string message;              // history comment
    UnpackOptions unpack;
};

struct CommitOptions {
    std::string tag;
    std::string author;
    std::string message;
    std::vector<std::string> changes; // CMD, ENTRYPOINT, ENV, WORKDIR, USER, EXPOSE, LABEL, VOLUME, STOPSIGNAL
};

struct RemovedImage {
    std::vector<std::string> untagged; // familiar tags removed
    std::vector<std::string> deleted;  // image ids and layer diffIDs deleted
};

struct PruneReport {
    std::vector<std::string> deleted; // image ids and layer diffIDs
    uint64_t reclaimedBytes = 0;
};

class ImageStore {
public:
    // `stateRoot` holds layers/ and images/; `busyboxBinary` is the static busybox to embed.
    explicit ImageStore(std::string stateRoot, std::string busyboxBinary = "/bin/busybox");

    // An image by familiar or canonical reference ("busybox", "busybox:latest",
    // "docker.io/library/busybox:latest", "host:5000/app@sha256:…"), by id ("sha256:<hex>")
    // or by a unique id prefix of at least 4 hex digits. "busybox" builds the embedded image
    // on first use. NotFoundError naming the reference otherwise.
    Image get(const std::string &ref) const;
    std::optional<Image> find(const std::string &ref) const;
    std::vector<Image> list() const;
    Image ensureBusybox() const;
    // Bytes of the image's layers (each layer once), as `docker images` shows SIZE.
    static uint64_t diskSize(const Image &image) { return image.size; }

    // --- layers
    bool hasLayer(const std::string &diffId) const;
    std::string layerDir(const std::string &diffId) const; // <root>/layers/<hex>/diff
    // Unpacks a layer read from `fd` (see unpackLayer). When `expectedDiffId` is given and
    // the stream's digest differs: BadContentError, nothing kept. A layer already present is
    // kept as it is (the stream is still read, to verify). Returns the diffID.
    std::string addLayer(int fd, const std::string &expectedDiffId, const UnpackOptions &options = {}) const;

    // --- images
    // Records an image from its config bytes (whose rootfs.diff_ids must all be present),
    // tags it with `tag` (familiar or canonical; empty: none) and adds `repoDigest`.
    Image addImage(const std::string &configJson, const std::string &tag = {},
                   const std::string &repoDigest = {}) const;
    void tag(const std::string &ref, const std::string &newTag) const;
    // docker rmi: untags `ref`; deletes the image (and layers no other image uses) when it has
    // no tag left, unless a container uses it (`inUse` tells), where it stays, untagged.
    // Refused (StateError naming the containers' image) when in use and not forced.
    RemovedImage remove(const std::string &ref, bool force,
                        const std::function<bool(const std::string &imageId)> &inUse) const;
    // Deletes untagged images no container uses (all unused images with `all`) and the layers
    // no image uses.
    PruneReport prune(bool all, const std::function<bool(const std::string &imageId)> &inUse) const;

    // docker import: a plain rootfs tarball (any compression) as a one-layer image.
    Image importRootfs(int fd, const ImportOptions &options) const;
    // docker load: a `docker save` archive or an OCI image layout (tarball, or a directory
    // when `fd` is a directory fd), gzip/zstd layers; every image in it, tagged as named there.
    std::vector<Image> load(int fd, const UnpackOptions &options = {}) const;
    // docker save: the images as one OCI image layout tarball (index.json carrying
    // org.opencontainers.image.ref.name, plus Docker's manifest.json so `docker load` takes it).
    void save(const std::vector<std::string> &refs, int outFd) const;
    // docker commit: `upperDir` (a container's writable layer) as a new layer on `parent`.
    Image commit(const std::string &upperDir, const Image &parent, const CommitOptions &options) const;

    const std::string &stateRoot() const { return root_; }

private:
    std::string root_;
    std::string busyboxBinary_;
};

// The layer dirs of image `imageId` ("sha256:<hex>"), top first (overlayfs lowerdir order),
// read from its config alone: what a container's start needs, without the store's code.
// NotFoundError when the image or one of its layers is missing.
std::vector<std::string> imageLayerDirs(const std::string &stateRoot, const std::string &imageId);

// Applies `docker import/commit --change` instructions to a config; SpecError naming the
// instruction when one is not understood.
void applyChanges(ImageConfig &config, const std::vector<std::string> &changes);

} // namespace hako
