// Blob downloads: streamed to <downloadDir>/<hex>.partial while hashed, resumed with a Range
// request when a partial is left from an earlier pull (its bytes re-hashed first), verified
// against the digest before anyone reads them. Each partial is flock()ed while it is being
// written, so two pulls of the same blob at once take turns instead of writing over each other.
#pragma once

#include "fd.h"
#include "registry_client.h"
#include "registry_manifest.h"

#include <functional>
#include <optional>
#include <string>

namespace hako {

// A verified blob on disk (no longer locked: complete, it is only read). Destroying it
// leaves the file (a later pull uses it without fetching); discard() removes it once used.
class DownloadedBlob {
public:
    DownloadedBlob(UniqueFd fd, std::string path, uint64_t fetched)
        : fd_(std::move(fd)), path_(std::move(path)), fetched_(fetched) {}
    int fd() const { return fd_.get(); }
    const std::string &path() const { return path_; }
    uint64_t bytesFetched() const { return fetched_; } // transferred in this pull
    void discard();

private:
    UniqueFd fd_;
    std::string path_;
    uint64_t fetched_;
};

struct BlobFetchOptions {
    std::string downloadDir;
    // (status, current, total) for this blob, Docker's per-layer statuses.
    std::function<void(const std::string &status, uint64_t current, uint64_t total)> onProgress;
    // Asked once the blob's lock is held: true when another pull has meanwhile done what this
    // blob was wanted for (its layer is in the store); nothing is fetched then.
    std::function<bool()> alreadyDone;
    const std::atomic<bool> *cancel = nullptr; // also stops the wait for another pull's lock
};

// The blob `blob` of `client`'s repository; std::nullopt when alreadyDone() said so.
// BadContentError naming the blob and URL on a digest or size mismatch (the partial removed),
// NotFoundError when the registry has no such blob, CancelledError (the partial kept).
std::optional<DownloadedBlob> fetchBlob(RegistryClient &client, const Descriptor &blob,
                                        const BlobFetchOptions &options);

} // namespace hako
