// The image store's public face: looking images up by reference, tag or id, and recording
// layers, images and tags. The on-disk layout is described in image.h.
#include "image.h"

#include "error.h"
#include "fs.h"
#include "image_ref.h"
#include "image_store_internal.h"

#include <algorithm>

namespace hako {

using namespace image_store;

namespace {

bool isHexPrefix(const std::string &text)
{
    return text.size() >= 4 && text.size() <= 64
           && std::all_of(text.begin(), text.end(), [](char c) {
                  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
              });
}

std::optional<ImageRef> tryParse(const std::string &text)
{
    try {
        return parseImageRef(text);
    } catch (const Error &) {
        return std::nullopt;
    }
}

// "name@sha256:…": the image that was pulled by that manifest digest.
std::optional<std::string> byRepoDigest(const std::string &root, const ImageRef &ref,
                                        const std::map<std::string, std::string> &repos)
{
    for (const auto &hex : imageHexes(root)) {
        for (const auto &repoDigest : readImage(root, hex, repos).repoDigests) {
            const auto known = tryParse(repoDigest);
            if (known && known->digest == ref.digest && known->registry == ref.registry
                && known->repository == ref.repository)
                return hex;
        }
    }
    return std::nullopt;
}

std::optional<std::string> byIdPrefix(const std::string &root, const std::string &prefix,
                                      const std::string &ref)
{
    std::optional<std::string> match;
    for (const auto &hex : imageHexes(root)) {
        if (!hex.starts_with(prefix))
            continue;
        if (match)
            throw NotFoundError("image id prefix \"" + ref + "\" is ambiguous");
        match = hex;
    }
    return match;
}

} // namespace

std::optional<std::string> image_store::resolveImage(const std::string &root, const std::string &ref,
                                                     const std::map<std::string, std::string> &repos)
{
    const std::string bareId = ref.starts_with("sha256:") ? ref.substr(7) : ref;
    if (isSha256Digest(ref) && pathExists(imagesRoot(root) + "/" + bareId))
        return bareId;
    const auto parsed = ref.starts_with("sha256:") ? std::nullopt : tryParse(ref);
    if (parsed && !parsed->digest.empty()) {
        if (const auto hex = byRepoDigest(root, *parsed, repos))
            return hex;
    } else if (parsed) {
        const auto it = repos.find(parsed->familiar());
        // A tag whose image record is gone (a crash mid-removal) names nothing.
        if (it != repos.end() && isSha256Digest(it->second)
            && pathExists(imagesRoot(root) + "/" + it->second.substr(7) + "/config.json"))
            return it->second.substr(7);
    }
    // Docker's order: a reference first, then an id prefix.
    if (isHexPrefix(bareId))
        return byIdPrefix(root, bareId, ref);
    return std::nullopt;
}

namespace {

bool isEmbeddedBusybox(const ImageRef &ref)
{
    return ref.registry == "docker.io" && ref.repository == "library/busybox" && ref.tag == "latest"
           && ref.digest.empty();
}

} // namespace

ImageStore::ImageStore(std::string stateRoot, std::string busyboxBinary)
    : root_(std::move(stateRoot)), busyboxBinary_(std::move(busyboxBinary))
{
}

std::optional<Image> ImageStore::find(const std::string &ref) const
{
    const auto repos = readRepositories(root_);
    if (const auto hex = resolveImage(root_, ref, repos))
        return readImage(root_, *hex, repos);
    if (const auto parsed = tryParse(ref); parsed && isEmbeddedBusybox(*parsed))
        return ensureBusybox();
    return std::nullopt;
}

Image ImageStore::get(const std::string &ref) const
{
    if (auto image = find(ref))
        return std::move(*image);
    throw NotFoundError("no such image: " + ref);
}

std::vector<Image> ImageStore::list() const
{
    const auto repos = readRepositories(root_);
    std::vector<Image> images;
    for (const auto &hex : imageHexes(root_)) {
        try {
            images.push_back(readImage(root_, hex, repos));
        } catch (const NotFoundError &) {
            // removed while we listed
        }
    }
    // Newest first, as `docker images` lists them.
    std::stable_sort(images.begin(), images.end(),
                     [](const Image &a, const Image &b) { return a.createdAt > b.createdAt; });
    return images;
}

bool ImageStore::hasLayer(const std::string &diffId) const
{
    return isSha256Digest(diffId) && pathExists(layersRoot(root_) + "/" + diffId.substr(7) + "/layer.json");
}

std::string ImageStore::layerDir(const std::string &diffId) const
{
    return layersRoot(root_) + "/" + digestHex(diffId, "layer diffID") + "/diff";
}

std::string ImageStore::addLayer(int fd, const std::string &expectedDiffId, const UnpackOptions &options) const
{
    return addLayerTo(root_, fd, expectedDiffId, options, false).diffId;
}

Image ImageStore::addImage(const std::string &configJson, const std::string &tag,
                           const std::string &repoDigest) const
{
    AddedImage added;
    {
        const FileLock lock = lockStore(root_);
        added = addImageLocked(root_, configJson, tag, repoDigest);
    }
    return readImage(root_, added.id.substr(7), readRepositories(root_));
}

void ImageStore::tag(const std::string &ref, const std::string &newTag) const
{
    const std::string tag = familiarTag(newTag);
    const Image image = get(ref);
    const FileLock lock = lockStore(root_);
    if (!pathExists(imagesRoot(root_) + "/" + image.id.substr(7)))
        throw NotFoundError("no such image: " + ref);
    setTag(root_, tag, image.id);
}

} // namespace hako
