#include "registry_manifest.h"

#include "error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace hako {

namespace {

using nlohmann::json;

Descriptor readDescriptor(const json &j, const std::string &where)
{
    Descriptor d;
    d.mediaType = j.value("mediaType", "");
    d.digest = j.value("digest", "");
    if (!isValidBlobDigest(d.digest))
        throw BadContentError(where + ": descriptor digest \"" + d.digest + "\" is not a sha256 digest");
    // Required by the image spec, and what bounds each download: without it a registry could
    // stream without end into memory (a config) or onto the disk (a layer).
    const auto size = j.find("size");
    if (size == j.end() || !size->is_number_unsigned() || size->get<uint64_t>() == 0)
        throw BadContentError(where + ": descriptor " + d.digest + " has no size (or a size of 0)");
    d.size = size->get<uint64_t>();
    if (j.contains("urls") && !j["urls"].empty())
        throw BadContentError(where + ": foreign layer " + d.digest + " (served from elsewhere) is not supported");
    if (const auto platform = j.find("platform"); platform != j.end() && platform->is_object()) {
        d.os = platform->value("os", "");
        d.architecture = platform->value("architecture", "");
    }
    return d;
}

bool isIndexType(const std::string &type)
{
    return type == media::kOciIndex || type == media::kDockerList;
}

} // namespace

std::string manifestAcceptHeader()
{
    return std::string("Accept: ") + media::kOciIndex + ", " + media::kOciManifest + ", "
        + media::kDockerList + ", " + media::kDockerManifest;
}

bool isValidBlobDigest(const std::string &digest)
{
    if (digest.size() != 7 + 64 || !digest.starts_with("sha256:"))
        return false;
    return std::all_of(digest.begin() + 7, digest.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Manifest parseManifest(const std::string &body, const std::string &contentType, const std::string &where)
{
    json j;
    try {
        j = json::parse(body);
    } catch (const json::exception &e) {
        throw BadContentError(where + ": manifest is not JSON: " + e.what());
    }
    if (!j.is_object())
        throw BadContentError(where + ": manifest is not a JSON object");
    if (j.value("schemaVersion", 0) != 2)
        throw BadContentError(where + ": manifest schema version " + std::to_string(j.value("schemaVersion", 0))
                              + " is not supported (only 2)");
    // The body's own mediaType wins over a generic Content-Type; OCI may omit both, where
    // the presence of "manifests" tells an index.
    std::string type = j.value("mediaType", "");
    if (type.empty())
        type = contentType.substr(0, contentType.find(';'));
    Manifest m;
    m.isIndex = isIndexType(type) || (j.contains("manifests") && !j.contains("layers"));
    if (m.isIndex) {
        for (const auto &entry : j.value("manifests", json::array()))
            m.manifests.push_back(readDescriptor(entry, where));
        return m;
    }
    if (!j.contains("config") || !j.contains("layers") || !j["layers"].is_array())
        throw BadContentError(where + ": manifest has no config or layers (media type \"" + type + "\")");
    m.config = readDescriptor(j["config"], where);
    for (const auto &layer : j["layers"])
        m.layers.push_back(readDescriptor(layer, where));
    return m;
}

Descriptor pickLinuxAmd64(const Manifest &index, const std::string &where)
{
    std::string available;
    for (const auto &d : index.manifests) {
        if (d.os == "linux" && d.architecture == "amd64")
            return d;
        if (d.os.empty() || d.os == "unknown") // attestation manifests, not platforms
            continue;
        available += (available.empty() ? "" : ", ") + d.os + "/" + d.architecture;
    }
    throw NotFoundError("no matching manifest for linux/amd64 in the manifest list entries of " + where
                        + (available.empty() ? "" : " (it has " + available + ")"));
}

std::vector<std::string> configDiffIds(const std::string &configJson, const std::string &where)
{
    try {
        const json j = json::parse(configJson);
        std::vector<std::string> ids;
        for (const auto &id : j.at("rootfs").at("diff_ids")) {
            ids.push_back(id.get<std::string>());
            if (!isValidBlobDigest(ids.back()))
                throw BadContentError(where + ": diff_id \"" + ids.back() + "\" is not a sha256 digest");
        }
        return ids;
    } catch (const json::exception &e) {
        throw BadContentError(where + ": image config has no valid rootfs.diff_ids: " + e.what());
    }
}

} // namespace hako
