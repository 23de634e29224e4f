// The layers of one pull, worked on by a few threads at once: first all downloads (so a bad
// or missing blob stops the pull before anything reaches the store), then all unpacks (each
// layer is its own directory, so they need not wait for each other). Progress events are
// queued and handed to the caller's callback on the pulling thread, as PullOptions promises.
#pragma once

#include "registry_blob.h"
#include "registry_pull.h"

#include <optional>
#include <vector>

namespace hako {

struct LayerDownload {
    Descriptor blob;
    std::string diffId;
    std::optional<DownloadedBlob> file; // empty when another pull stored the layer meanwhile
};

// Fetches every layer of `layers` (each blob once), verified, into `downloadDir`. On any
// failure the others stop and the first error is thrown (CancelledError when the caller
// cancelled); verified blobs stay as partials for the next pull to reuse.
void downloadLayers(const RegistryClient &client, const ImageStore &store, std::vector<LayerDownload> &layers,
                    const PullOptions &options, const std::string &downloadDir);

// Unpacks the downloaded layers into `store` and removes their blobs.
void unpackLayers(const ImageStore &store, std::vector<LayerDownload> &layers, const PullOptions &options);

// "sha256:0123456789abcdef…" → "0123456789ab", Docker's layer id in progress lines.
std::string shortDigest(const std::string &digest);

} // namespace hako
