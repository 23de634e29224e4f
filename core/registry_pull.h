// docker pull: an image from a registry speaking the OCI distribution API (Docker Registry
// HTTP API v2), over libcurl. Manifests: OCI and Docker v2 schema 2, and image indexes /
// manifest lists (linux/amd64 chosen). Blobs are verified against their digests as they
// stream in, resumed with a Range request after a cut, and skipped when the layer is already
// in the store (a pull of an image already present fetches only its manifest). Auth: the
// Bearer token challenge (realm, service, scope) and basic auth. HTTPS with the system CAs;
// plain HTTP for loopback registries without any option, as Docker does, and for registries
// listed in `insecureRegistries`.
#pragma once

#include "image.h"
#include "image_ref.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hako {

struct RegistryCredentials {
    std::string username;
    std::string password; // or an identity token with an empty username
};

// One layer's (or the config's) progress, as `docker pull` shows it per line.
struct PullProgress {
    std::string id;     // the blob's short digest (12 hex digits), Docker's layer id
    std::string status; // "Waiting", "Downloading", "Verifying", "Download complete", "Extracting",
                        // "Pull complete", "Already exists"
    uint64_t current = 0;
    uint64_t total = 0; // 0 when unknown
};

struct PullOptions {
    std::vector<std::string> insecureRegistries; // "host:port" spoken to over plain HTTP
    std::optional<RegistryCredentials> credentials;
    std::string caFile; // extra CA bundle (tests); empty: the system's
    // From the pulling thread (download and unpack threads queue their events for it).
    std::function<void(const PullProgress &)> onProgress;
    const std::atomic<bool> *cancel = nullptr;           // set: CancelledError, nothing kept
    // Where partial downloads wait to be resumed (<state root>/downloads when empty).
    std::string downloadDir;
};

struct PullResult {
    Image image;
    std::string manifestDigest; // "sha256:…" of the manifest pulled (the repo digest)
    uint64_t bytesFetched = 0;  // blob bytes transferred in this pull
    int blobsFetched = 0;       // blobs transferred (0 when the image was already there)
};

// Throws NotFoundError (no such repository, tag or manifest for linux/amd64), BadContentError
// (digest mismatch — the blob is not kept), CancelledError, or Error with the registry's
// message and the URL.
PullResult pullImage(const ImageStore &store, const ImageRef &ref, const PullOptions &options);

} // namespace hako
