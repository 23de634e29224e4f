// The image store's records: staging, repositories.json, images/<hex>/{config,image}.json.
#include "image_config.h"
#include "image_ref.h"
#include "image_store_internal.h"

#include "error.h"
#include "fs.h"
#include "sha256.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>

namespace hako::image_store {

namespace {

std::string repositoriesPath(const std::string &root)
{
    return imagesRoot(root) + "/repositories.json";
}

nlohmann::json readJsonFile(const std::string &path)
{
    const nlohmann::json j = nlohmann::json::parse(readFile(path), nullptr, false);
    if (j.is_discarded())
        throw BadContentError("image store: " + path + " is not valid JSON");
    return j;
}

uint64_t layerUnpackedBytes(const std::string &root, const std::string &hex)
{
    try {
        return readJsonFile(layersRoot(root) + "/" + hex + "/layer.json").value("unpackedBytes", uint64_t(0));
    } catch (const SysError &) {
        return 0; // a missing layer is reported by whoever mounts it, with its path
    }
}

} // namespace


FileLock lockStore(const std::string &root)
{
    makeDirs(layersRoot(root), 0700);
    makeDirs(imagesRoot(root), 0711);
    return FileLock(imagesRoot(root) + "/.lock");
}

std::string stagingName() { return ".new-" + generateId().substr(0, 16); }

StagingDir::StagingDir(std::string path) : path_(std::move(path))
{
    if (::mkdir(path_.c_str(), 0700) < 0)
        throwSys("create staging directory", path_);
}

StagingDir::~StagingDir()
{
    if (!done_) {
        try {
            removeTree(path_);
        } catch (const Error &) {
            // Leaves a ".new-" directory, never used as an object; prune clears it later.
        }
    }
}

bool StagingDir::renameTo(const std::string &target)
{
    // RENAME_NOREPLACE: a concurrent writer of the same content-addressed object wins cleanly.
    if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) {
        done_ = true;
        syncDirectory(target.substr(0, target.rfind('/')));
        return true;
    }
    if (errno != EEXIST)
        throwSys("rename " + path_ + " to", target);
    return false;
}

UniqueFd anonymousTempFile(const std::string &dir)
{
    UniqueFd fd(::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    if (!fd)
        throwSys("create temporary file in", dir);
    return fd;
}

std::string familiarTag(const std::string &tag)
{
    const ImageRef ref = parseImageRef(tag);
    if (!ref.digest.empty())
        throw SpecError("tag \"" + tag + "\": a tag cannot carry a digest");
    return ref.familiar();
}

std::map<std::string, std::string> readRepositories(const std::string &root)
{
    if (!pathExists(repositoriesPath(root)))
        return {};
    const nlohmann::json j = readJsonFile(repositoriesPath(root));
    std::map<std::string, std::string> repos;
    if (j.is_object())
        for (const auto &[tag, id] : j.items())
            if (id.is_string())
                repos[tag] = id.get<std::string>();
    return repos;
}

void writeRepositories(const std::string &root, const std::map<std::string, std::string> &repos)
{
    writeFileAtomic(repositoriesPath(root), nlohmann::json(repos).dump(2) + "\n", 0644);
}

void setTag(const std::string &root, const std::string &tag, const std::string &id,
            ImportRollback *rollback)
{
    auto repos = readRepositories(root);
    const auto it = repos.find(tag);
    const std::string previous = it == repos.end() ? "" : it->second;
    if (previous == id)
        return;
    repos[tag] = id;
    writeRepositories(root, repos);
    if (rollback)
        rollback->tagSet(tag, previous);
}

std::vector<std::string> imageHexes(const std::string &root)
{
    std::vector<std::string> hexes;
    DirHandle dir(::opendir(imagesRoot(root).c_str()));
    if (!dir)
        return hexes;
    // Only 64-hex names: ".new-" staging dirs and the old layout's images/busybox are not images.
    while (const dirent *entry = ::readdir(dir.get()))
        if (isHex64(entry->d_name))
            hexes.emplace_back(entry->d_name);
    std::sort(hexes.begin(), hexes.end());
    return hexes;
}

std::string imageConfigBytes(const std::string &root, const std::string &id)
{
    return readFile(imagesRoot(root) + "/" + digestHex(id, "image id") + "/config.json");
}

Image readImage(const std::string &root, const std::string &hex,
                const std::map<std::string, std::string> &repositories)
{
    const std::string dir = imagesRoot(root) + "/" + hex;
    if (!isHex64(hex) || !pathExists(dir + "/config.json"))
        throw NotFoundError("no such image: sha256:" + hex);
    Image image;
    image.id = "sha256:" + hex;
    readImageConfig(readJsonFile(dir + "/config.json"), image);
    if (pathExists(dir + "/image.json"))
        image.repoDigests = readJsonFile(dir + "/image.json").value("repoDigests", std::vector<std::string>{});
    for (const auto &[tag, id] : repositories)
        if (id == image.id)
            image.repoTags.push_back(tag);
    image.name = image.repoTags.empty() ? hex.substr(0, 12) : image.repoTags.front();
    std::vector<uint64_t> layerSizes;
    for (const auto &diffId : image.diffIds) {
        const std::string layerHex = digestHex(diffId, "image " + image.id + ": rootfs.diff_ids");
        image.layerDirs.insert(image.layerDirs.begin(), layerDiffDir(root, layerHex));
        layerSizes.push_back(layerUnpackedBytes(root, layerHex));
        image.size += layerSizes.back();
    }
    if (!image.layerDirs.empty())
        image.rootfs = image.layerDirs.front();
    size_t layer = 0;
    for (auto &entry : image.history)
        if (!entry.emptyLayer && layer < layerSizes.size())
            entry.size = layerSizes[layer++];
    return image;
}

Image finishImageLocked(const std::string &root, const std::string &configJson, const std::string &tag,
                        ImportRollback &rollback)
{
    const AddedImage image = addImageLocked(root, configJson, {}, {});
    rollback.imageAdded(image);
    if (!tag.empty())
        setTag(root, tag, image.id, &rollback);
    rollback.commit();
    return readImage(root, image.id.substr(7), readRepositories(root));
}

AddedImage addImageLocked(const std::string &root, const std::string &configJson,
                          const std::string &tag, const std::string &repoDigest)
{
    const std::string hex = sha256Hex(configJson);
    Image parsed;
    readImageConfig(nlohmann::json::parse(configJson, nullptr, false), parsed);
    for (const auto &diffId : parsed.diffIds)
        if (!pathExists(layersRoot(root) + "/" + digestHex(diffId, "rootfs.diff_ids") + "/layer.json"))
            throw NotFoundError("image sha256:" + hex + ": layer " + diffId + " is not in the store");
    AddedImage added{"sha256:" + hex, false};
    const std::string dir = imagesRoot(root) + "/" + hex;
    if (!pathExists(dir)) {
        StagingDir staging(imagesRoot(root) + "/" + stagingName());
        writeFileAtomic(staging.path() + "/config.json", configJson, 0644, Durability::FileOnly);
        const nlohmann::json meta = {{"repoDigests", nlohmann::json::array()},
                                     {"created", formatTimestamp(nowUnixNanos())}};
        writeFileAtomic(staging.path() + "/image.json", meta.dump(2) + "\n", 0644, Durability::FileOnly);
        added.created = staging.renameTo(dir);
    }
    if (!repoDigest.empty()) {
        nlohmann::json meta = readJsonFile(dir + "/image.json");
        auto digests = meta.value("repoDigests", std::vector<std::string>{});
        if (std::find(digests.begin(), digests.end(), repoDigest) == digests.end()) {
            digests.push_back(repoDigest);
            meta["repoDigests"] = digests;
            writeFileAtomic(dir + "/image.json", meta.dump(2) + "\n");
        }
    }
    if (!tag.empty())
        setTag(root, familiarTag(tag), added.id);
    return added;
}

void deleteImageRecord(const std::string &root, const std::string &id)
{
    const std::string dir = imagesRoot(root) + "/" + digestHex(id, "image id");
    const std::string aside = imagesRoot(root) + "/.old-" + generateId().substr(0, 16);
    if (::rename(dir.c_str(), aside.c_str()) < 0) {
        if (errno == ENOENT)
            return;
        throwSys("rename " + dir + " to", aside);
    }
    removeTree(aside);
}

ImportRollback::~ImportRollback()
{
    if (!armed_)
        return;
    try {
        if (!tags_.empty()) {
            auto repos = readRepositories(root_);
            for (auto it = tags_.rbegin(); it != tags_.rend(); ++it) {
                if (it->second.empty())
                    repos.erase(it->first);
                else
                    repos[it->first] = it->second;
            }
            writeRepositories(root_, repos);
        }
        for (const auto &id : images_)
            deleteImageRecord(root_, id);
        for (const auto &diffId : layers_)
            deleteLayer(root_, diffId);
    } catch (const Error &) {
        // Best effort on a path already failing; what is left is unreferenced and prunable.
    }
}

void ImportRollback::layerAdded(const AddedLayer &layer)
{
    if (layer.created)
        layers_.push_back(layer.diffId);
}

void ImportRollback::imageAdded(const AddedImage &image)
{
    if (image.created)
        images_.push_back(image.id);
}

void ImportRollback::tagSet(const std::string &tag, const std::string &previousId)
{
    tags_.emplace_back(tag, previousId);
}

} // namespace hako::image_store
