// Where the store keeps what, and the digests that name it. Kept apart from the rest of the
// store so that hako-monitor, which only needs imageLayerDirs at each start, links none of
// the unpacking, archive or registry code (and loads none of their libraries).
#include "image.h"
#include "image_store_internal.h"

#include "error.h"
#include "fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace hako {

namespace image_store {

std::string layersRoot(const std::string &root) { return root + "/layers"; }
std::string imagesRoot(const std::string &root) { return root + "/images"; }

bool isHex64(const std::string &text)
{
    constexpr size_t kHexLength = 64;
    return text.size() == kHexLength && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool isSha256Digest(const std::string &text)
{
    return text.starts_with("sha256:") && isHex64(text.substr(7));
}

std::string digestHex(const std::string &digest, const std::string &what)
{
    if (!isSha256Digest(digest))
        throw BadContentError(what + ": \"" + digest + "\" is not a sha256 digest");
    return digest.substr(7);
}

std::string layerDiffDir(const std::string &root, const std::string &layerHex)
{
    return layersRoot(root) + "/" + layerHex + "/diff";
}

} // namespace image_store

std::vector<std::string> imageLayerDirs(const std::string &stateRoot, const std::string &imageId)
{
    using namespace image_store;
    const std::string configPath = imagesRoot(stateRoot) + "/" + digestHex(imageId, "image id") + "/config.json";
    std::string text;
    try {
        text = readFile(configPath);
    } catch (const SysError &e) {
        if (e.code() == ENOENT)
            throw NotFoundError("no such image: " + imageId);
        throw;
    }
    const nlohmann::json config = nlohmann::json::parse(text, nullptr, false);
    const nlohmann::json *diffIds = nullptr;
    if (config.is_object() && config.contains("rootfs") && config["rootfs"].is_object())
        diffIds = &config["rootfs"]["diff_ids"];
    if (!diffIds || !diffIds->is_array() || diffIds->empty())
        throw BadContentError(configPath + ": rootfs.diff_ids is missing or empty");
    std::vector<std::string> dirs;
    for (const auto &diffId : *diffIds) {
        const std::string dir = layerDiffDir(stateRoot, digestHex(diffId.is_string() ? diffId.get<std::string>() : "",
                                                                  configPath + ": rootfs.diff_ids"));
        if (!pathExists(dir))
            throw NotFoundError("image " + imageId + ": its layer " + diffId.get<std::string>() +
                                " is not in the store (" + dir + ")");
        dirs.insert(dirs.begin(), dir); // top first, as overlayfs lowerdir wants
    }
    return dirs;
}

} // namespace hako
