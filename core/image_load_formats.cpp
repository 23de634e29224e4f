// The two archive formats `docker load` takes, read into ImageToLoad lists: docker save's
// manifest.json (Config, RepoTags, Layers) and the OCI image layout (index.json → optional
// nested indexes → manifests → config and layer descriptors), every blob named by digest.
#include "image_load.h"

#include "error.h"
#include "image_config.h"
#include "image_ref.h"
#include "sha256.h"

#include <nlohmann/json.hpp>

namespace hako::image_store {

namespace {

using nlohmann::json;

constexpr int kMaxIndexDepth = 4;

json parseJson(const std::string &text, const std::string &what)
{
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded())
        throw BadContentError("image archive: " + what + " is not valid JSON");
    return j;
}

// "blobs/sha256/<hex>" or "<hex>.json": the digest the file name claims, else "".
std::string digestInName(const std::string &path)
{
    const std::string blobPrefix = "blobs/sha256/";
    if (path.starts_with(blobPrefix) && isSha256Digest("sha256:" + path.substr(blobPrefix.size())))
        return "sha256:" + path.substr(blobPrefix.size());
    if (path.ends_with(".json") && isSha256Digest("sha256:" + path.substr(0, path.size() - 5)))
        return "sha256:" + path.substr(0, path.size() - 5);
    return {};
}

struct Descriptor {
    std::string mediaType;
    std::string digest;
    uint64_t size = 0;
    json annotations;
    json platform;
};

Descriptor descriptor(const json &j, const std::string &where)
{
    if (!j.is_object() || !j.contains("digest") || !j["digest"].is_string())
        throw BadContentError("image archive: " + where + ": descriptor without a digest");
    Descriptor d;
    d.mediaType = j.value("mediaType", "");
    d.digest = j["digest"].get<std::string>();
    digestHex(d.digest, "image archive: " + where);
    d.size = j.value("size", uint64_t(0));
    d.annotations = j.value("annotations", json::object());
    d.platform = j.value("platform", json());
    return d;
}

std::string blobPath(const Descriptor &d)
{
    return "blobs/sha256/" + d.digest.substr(7);
}

// A manifest or index blob, read whole and checked against its descriptor.
json readVerifiedBlob(int layoutFd, const Descriptor &d)
{
    const std::string text = readLayoutFile(layoutFd, blobPath(d));
    if ("sha256:" + sha256Hex(text) != d.digest)
        throw BadContentError("image archive: blob " + d.digest + ": content digest is sha256:" + sha256Hex(text));
    if (d.size != 0 && text.size() != d.size)
        throw BadContentError("image archive: blob " + d.digest + ": " + std::to_string(text.size())
                              + " bytes, the descriptor says " + std::to_string(d.size));
    return parseJson(text, blobPath(d));
}

bool isIndex(const std::string &mediaType)
{
    return mediaType == "application/vnd.oci.image.index.v1+json"
           || mediaType == "application/vnd.docker.distribution.manifest.list.v2+json";
}

bool isManifest(const std::string &mediaType)
{
    return mediaType == "application/vnd.oci.image.manifest.v1+json"
           || mediaType == "application/vnd.docker.distribution.manifest.v2+json";
}

bool platformMatches(const json &platform)
{
    if (!platform.is_object())
        return true;
    return platform.value("os", "linux") == "linux"
           && platform.value("architecture", hostArchitecture()) == hostArchitecture();
}

// The reference a descriptor names: containerd's full name, else an OCI ref.name that is a
// whole reference ("busybox:latest"); a bare tag ("latest") names no repository.
std::string descriptorName(const Descriptor &d, const std::string &inherited)
{
    const std::string containerd = d.annotations.value("io.containerd.image.name", "");
    if (!containerd.empty())
        return containerd;
    const std::string refName = d.annotations.value("org.opencontainers.image.ref.name", "");
    if (refName.find_first_of(":/") != std::string::npos) {
        try {
            parseImageRef(refName);
            return refName;
        } catch (const Error &) {
        }
    }
    return inherited;
}

ImageToLoad manifestImage(int layoutFd, const json &manifest, const std::string &where)
{
    ImageToLoad image;
    const Descriptor config = descriptor(manifest.value("config", json()), where + ".config");
    image.configPath = blobPath(config);
    image.configDigest = config.digest;
    const json layers = manifest.value("layers", json::array());
    for (size_t i = 0; i < layers.size(); ++i) {
        const Descriptor layer = descriptor(layers[i], where + ".layers[" + std::to_string(i) + "]");
        if (!existsInLayout(layoutFd, blobPath(layer)))
            throw BadContentError("image archive: " + where + ".layers[" + std::to_string(i) + "]: blob "
                                  + layer.digest + " (" + layer.mediaType + ") is not in the archive");
        image.layers.push_back({blobPath(layer), layer.digest, layer.size});
    }
    return image;
}

void collect(int layoutFd, const Descriptor &d, const std::string &name, int depth,
             std::vector<ImageToLoad> &out)
{
    if (depth > kMaxIndexDepth)
        throw BadContentError("image archive: indexes nested deeper than " + std::to_string(kMaxIndexDepth));
    const json blob = readVerifiedBlob(layoutFd, d);
    const std::string mediaType = d.mediaType.empty() ? blob.value("mediaType", "") : d.mediaType;
    if (isManifest(mediaType) || (mediaType.empty() && blob.contains("config"))) {
        ImageToLoad image = manifestImage(layoutFd, blob, "manifest " + d.digest);
        if (!name.empty())
            image.tags.push_back(name);
        out.push_back(std::move(image));
    } else if (isIndex(mediaType) || (mediaType.empty() && blob.contains("manifests"))) {
        // One image per nested index: the host's platform, as docker load picks it.
        for (const json &child : blob.value("manifests", json::array())) {
            const Descriptor c = descriptor(child, "index " + d.digest);
            if (platformMatches(c.platform) && (isManifest(c.mediaType) || c.mediaType.empty())) {
                collect(layoutFd, c, descriptorName(c, name), depth + 1, out);
                return;
            }
        }
        throw NotFoundError("image archive: index " + d.digest + " has no image for linux/" + hostArchitecture());
    }
    // Anything else (signatures, attestations) is no image: left alone.
}

} // namespace

std::vector<ImageToLoad> readDockerManifest(int layoutFd)
{
    const json manifest = parseJson(readLayoutFile(layoutFd, "manifest.json"), "manifest.json");
    if (!manifest.is_array())
        throw BadContentError("image archive: manifest.json is not a list");
    std::vector<ImageToLoad> images;
    for (size_t i = 0; i < manifest.size(); ++i) {
        const json &entry = manifest[i];
        const std::string where = "manifest.json[" + std::to_string(i) + "]";
        if (!entry.is_object() || !entry.value("Config", json()).is_string())
            throw BadContentError("image archive: " + where + ": no Config");
        ImageToLoad image;
        image.configPath = entry["Config"].get<std::string>();
        image.configDigest = digestInName(image.configPath);
        for (const json &layer : entry.value("Layers", json::array())) {
            if (!layer.is_string())
                throw BadContentError("image archive: " + where + ".Layers: not a list of paths");
            const std::string path = layer.get<std::string>();
            image.layers.push_back({path, digestInName(path), std::nullopt});
        }
        for (const json &tag : entry.value("RepoTags", json::array()))
            if (tag.is_string())
                image.tags.push_back(tag.get<std::string>());
        images.push_back(std::move(image));
    }
    return images;
}

std::vector<ImageToLoad> readOciIndex(int layoutFd)
{
    const json layout = parseJson(readLayoutFile(layoutFd, "oci-layout"), "oci-layout");
    if (!layout.is_object() || layout.value("imageLayoutVersion", "") != "1.0.0")
        throw BadContentError("image archive: oci-layout: imageLayoutVersion is not 1.0.0");
    const json index = parseJson(readLayoutFile(layoutFd, "index.json"), "index.json");
    std::vector<ImageToLoad> images;
    const json manifests = index.value("manifests", json::array());
    for (size_t i = 0; i < manifests.size(); ++i) {
        const Descriptor d = descriptor(manifests[i], "index.json.manifests[" + std::to_string(i) + "]");
        if (!platformMatches(d.platform))
            continue;
        collect(layoutFd, d, descriptorName(d, {}), 0, images);
    }
    return images;
}

} // namespace hako::image_store
