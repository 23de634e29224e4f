// Unpacking an image layer (a tar stream, plain or gzip/zstd/xz compressed) into a directory
// that will be one overlayfs lower layer — done so that no layer can be turned against the
// host. Every entry is created relative to the layer's directory fd, its parent opened with
// openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV):
// `..`, absolute paths (made relative, as tar does), symlinks of the layer itself, hardlinks
// to anything outside, all are refused with an error that names the entry. Symlinks are
// created, never followed. OCI whiteouts become overlayfs ones: `.wh.NAME` a 0/0 character
// device NAME, `.wh..wh..opq` the trusted.overlay.opaque="y" xattr on its directory.
// Ownership, modes (setuid/setgid/sticky), mtimes and xattrs are kept (xattrs where the
// filesystem allows; never trusted.overlay.* from the tar, which would forge overlay metadata).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hako {

struct UnpackOptions {
    // Character and block device nodes from the layer (root-run Docker keeps them; the
    // container's device cgroup decides whether they can be opened). Whiteouts are always made.
    bool allowDevices = true;
    // Refuses the layer once its files claim more than this many bytes in all (sparse holes
    // not counted), and any file whose claimed size exceeds the free space left.
    uint64_t maxBytes = uint64_t(64) << 30;
    // Called now and then with the compressed bytes read so far.
    std::function<void(uint64_t bytesRead)> onProgress;
    const std::atomic<bool> *cancel = nullptr; // set: stops with CancelledError
};

struct UnpackResult {
    std::string diffId;          // "sha256:<hex>" of the uncompressed tar stream
    uint64_t tarBytes = 0;       // its length
    uint64_t unpackedBytes = 0;  // bytes of regular file content written
};

// Unpacks the archive read from `fd` (read to its end) into `dir`, which must exist and be
// empty. Throws Error naming the entry (e.g. `layer entry "../etc/passwd": path leaves the
// layer`) on anything refused; the caller removes `dir` then (ImageStore stages each layer
// under a temporary name and renames it in only when complete).
UnpackResult unpackLayer(int fd, const std::string &dir, const UnpackOptions &options = {});

struct LayerTarOptions {
    // Turn overlayfs whiteouts (0/0 character devices, trusted.overlay.opaque) into OCI ones
    // (`.wh.NAME`, `.wh..wh..opq`): for a container's upper directory (commit). Off for a
    // merged view (export), where no whiteouts exist.
    bool ociWhiteouts = false;
    // Paths (relative, e.g. "proc") whose contents are left out but the directory kept.
    std::vector<std::string> emptyDirs;
};

struct LayerTarResult {
    std::string diffId; // "sha256:<hex>" of the tar written
    uint64_t tarBytes = 0;
};

// Writes the tree under `dir` as an uncompressed tar (PAX, sorted, numeric owners, xattrs)
// to `outFd`. Never follows a symlink; hardlinked files are written once and linked.
LayerTarResult writeLayerTar(const std::string &dir, int outFd, const LayerTarOptions &options = {});

} // namespace hako
