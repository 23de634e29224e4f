// docker pull: manifest (through an index to linux/amd64 when need be), config, then the
// layers not yet in the store — all downloaded and verified before any is unpacked, so a bad
// or missing blob leaves nothing in the store.
#include "registry_pull.h"

#include "error.h"
#include "registry_client.h"
#include "registry_layers.h"
#include "registry_manifest.h"
#include "sha256.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace hako {

namespace {

struct FetchedManifest {
    Manifest manifest;
    std::string digest; // of the body, as served
};

FetchedManifest fetchManifest(RegistryClient &client, const std::string &reference, const std::string &expectedDigest)
{
    HttpRequest request;
    request.headers.push_back(manifestAcceptHeader());
    const std::string url = client.url("manifests/" + reference);
    const HttpResponse response = client.get("manifests/" + reference, request);
    if (response.status == 404)
        throw NotFoundError("manifest for " + client.ref().familiar() + " not found: "
                            + RegistryClient::errorText(response) + " (" + url + ")");
    if (response.status != 200)
        throw Error("GET " + url + " answered " + std::to_string(response.status) + ": "
                    + RegistryClient::errorText(response));
    FetchedManifest fetched;
    fetched.digest = "sha256:" + sha256Hex(response.body);
    if (!expectedDigest.empty() && fetched.digest != expectedDigest)
        throw BadContentError("manifest " + url + " has digest " + fetched.digest + ", not " + expectedDigest);
    fetched.manifest = parseManifest(response.body, response.header("content-type"), url);
    return fetched;
}

// The image manifest for linux/amd64 and the digest the reference resolves to (an index's
// own digest when it points at one: what Docker records as the repo digest).
FetchedManifest resolveManifest(RegistryClient &client, const ImageRef &ref)
{
    FetchedManifest top = fetchManifest(client, ref.digest.empty() ? ref.tag : ref.digest, ref.digest);
    if (!top.manifest.isIndex)
        return top;
    const Descriptor chosen = pickLinuxAmd64(top.manifest, client.ref().familiar());
    FetchedManifest image = fetchManifest(client, chosen.digest, chosen.digest);
    if (image.manifest.isIndex)
        throw BadContentError("manifest " + chosen.digest + " of " + ref.familiar() + " is an index inside an index");
    image.digest = top.digest;
    return image;
}

std::string readFd(int fd, const std::string &path)
{
    std::string data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0)
            throwSys("read", path);
        if (n == 0)
            return data;
        data.append(buffer, size_t(n));
    }
}

// An image already in the store: its config as it was stored (see image.h's layout).
std::string storedConfig(const ImageStore &store, const std::string &imageId)
{
    const std::string path = store.stateRoot() + "/images/" + imageId.substr(7) + "/config.json";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("read image config " + path + ": cannot open");
    std::ostringstream data;
    data << in.rdbuf();
    return data.str();
}

struct Counters {
    uint64_t bytes = 0;
    int blobs = 0;
};

std::string fetchConfig(RegistryClient &client, const Descriptor &config, const std::string &downloadDir,
                        const PullOptions &options, Counters &counters)
{
    // Read into memory whole: a config is a few KiB; refuse one claiming more than a sane bound.
    constexpr uint64_t kMaxConfigBytes = uint64_t(8) << 20;
    if (config.size > kMaxConfigBytes)
        throw BadContentError("image config " + config.digest + ": " + std::to_string(config.size) +
                              " bytes, more than the " + std::to_string(kMaxConfigBytes >> 20) + " MiB an image config may have");
    BlobFetchOptions fetchOptions;
    fetchOptions.downloadDir = downloadDir;
    fetchOptions.cancel = options.cancel;
    auto blob = fetchBlob(client, config, fetchOptions);
    std::string json = readFd(blob->fd(), blob->path());
    counters.bytes += blob->bytesFetched();
    counters.blobs += blob->bytesFetched() ? 1 : 0;
    blob->discard();
    return json;
}

void report(const PullOptions &options, const std::string &id, const std::string &status, uint64_t current = 0,
            uint64_t total = 0)
{
    if (options.onProgress)
        options.onProgress({id, status, current, total});
}

void checkCancel(const PullOptions &options)
{
    if (options.cancel && options.cancel->load())
        throw CancelledError("pull cancelled");
}

// The layers still to fetch: not in the store, each blob once.
std::vector<LayerDownload> missingLayers(const ImageStore &store, const Manifest &manifest,
                                         const std::vector<std::string> &diffIds, const PullOptions &options)
{
    std::vector<LayerDownload> missing;
    for (size_t i = 0; i < manifest.layers.size(); ++i) {
        const Descriptor &blob = manifest.layers[i];
        const bool seen = std::any_of(missing.begin(), missing.end(),
                                      [&](const LayerDownload &l) { return l.blob.digest == blob.digest; });
        if (store.hasLayer(diffIds[i])) {
            report(options, shortDigest(blob.digest), "Already exists");
        } else if (!seen) {
            report(options, shortDigest(blob.digest), "Waiting");
            missing.push_back({blob, diffIds[i], std::nullopt});
        }
    }
    return missing;
}

} // namespace

PullResult pullImage(const ImageStore &store, const ImageRef &ref, const PullOptions &options)
{
    const std::string downloadDir = options.downloadDir.empty() ? store.stateRoot() + "/downloads" : options.downloadDir;
    RegistryClient client(ref, options);
    const FetchedManifest fetched = resolveManifest(client, ref);
    const Manifest &manifest = fetched.manifest;
    checkCancel(options);

    Counters counters;
    std::string configJson;
    if (store.find(manifest.config.digest)) {
        configJson = storedConfig(store, manifest.config.digest);
    } else {
        configJson = fetchConfig(client, manifest.config, downloadDir, options, counters);
        const auto diffIds = configDiffIds(configJson, "config " + manifest.config.digest + " of " + ref.familiar());
        if (diffIds.size() != manifest.layers.size())
            throw BadContentError("image " + ref.familiar() + ": the manifest has " + std::to_string(manifest.layers.size())
                                  + " layers but its config " + std::to_string(diffIds.size()) + " diff_ids");
        auto layers = missingLayers(store, manifest, diffIds, options);
        downloadLayers(client, store, layers, options, downloadDir);
        for (const auto &layer : layers) {
            const uint64_t fetched = layer.file ? layer.file->bytesFetched() : 0;
            counters.bytes += fetched;
            counters.blobs += fetched ? 1 : 0;
        }
        checkCancel(options);
        unpackLayers(store, layers, options);
    }
    checkCancel(options);

    const std::string tag = ref.tag.empty() ? std::string() : ref.familiarName() + ":" + ref.tag;
    PullResult result;
    result.image = store.addImage(configJson, tag, ref.familiarName() + "@" + fetched.digest);
    result.manifestDigest = fetched.digest;
    result.bytesFetched = counters.bytes;
    result.blobsFetched = counters.blobs;
    return result;
}

} // namespace hako
