// docker import (a rootfs tarball as a one-layer image) and docker load (docker save archives
// and OCI image layouts). Both hold the store lock throughout and undo everything they added
// when any step fails: a failed import leaves nothing behind.
#include "image.h"

#include "error.h"
#include "fs.h"
#include "image_config.h"
#include "image_load.h"
#include "image_store_internal.h"
#include "sha256.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>

namespace hako {

using namespace image_store;

namespace {

// One image of an archive: config and layers verified, then recorded and tagged.
std::string importOne(const std::string &root, int layoutFd, const ImageToLoad &entry,
                      const UnpackOptions &options, ImportRollback &rollback)
{
    const std::string configText = readLayoutFile(layoutFd, entry.configPath);
    const std::string configDigest = "sha256:" + sha256Hex(configText);
    if (!entry.configDigest.empty() && configDigest != entry.configDigest)
        throw BadContentError("image archive: config " + entry.configPath + ": content digest is "
                              + configDigest + ", expected " + entry.configDigest);
    Image parsed;
    readImageConfig(nlohmann::json::parse(configText, nullptr, false), parsed);
    if (parsed.diffIds.size() != entry.layers.size())
        throw BadContentError("image archive: config " + entry.configPath + " lists "
                              + std::to_string(parsed.diffIds.size()) + " layers, the manifest "
                              + std::to_string(entry.layers.size()));
    for (size_t i = 0; i < entry.layers.size(); ++i) {
        const LayerBlob &blob = entry.layers[i];
        const UniqueFd fd = openInLayout(layoutFd, blob.path);
        // An uncompressed blob's digest is its diffID, which the unpacking verifies anyway.
        if (!blob.digest.empty() && blob.digest != parsed.diffIds[i]) {
            struct stat st {};
            ::fstat(fd.get(), &st);
            if (blob.size && *blob.size != uint64_t(st.st_size))
                throw BadContentError("image archive: blob " + blob.digest + ": " + std::to_string(st.st_size)
                                      + " bytes, the manifest says " + std::to_string(*blob.size));
            const std::string actual = fileDigest(fd.get(), blob.path);
            if (actual != blob.digest)
                throw BadContentError("image archive: blob " + blob.path + ": content digest is "
                                      + actual + ", expected " + blob.digest);
            if (::lseek(fd.get(), 0, SEEK_SET) < 0)
                throwSys("seek", blob.path);
        }
        try {
            rollback.layerAdded(addLayerTo(root, fd.get(), parsed.diffIds[i], options, true));
        } catch (const BadContentError &e) {
            throw BadContentError("image archive: layer " + blob.path + ": " + e.what());
        }
    }
    const AddedImage image = addImageLocked(root, configText, {}, {});
    rollback.imageAdded(image);
    for (const auto &tag : entry.tags)
        setTag(root, familiarTag(tag), image.id, &rollback);
    return image.id;
}

} // namespace

Image ImageStore::importRootfs(int fd, const ImportOptions &options) const
{
    ImageConfig config;
    applyChanges(config, options.changes); // refused before any work
    const std::string tag = options.tag.empty() ? "" : familiarTag(options.tag);
    const FileLock lock = lockStore(root_);
    ImportRollback rollback(root_);
    const AddedLayer layer = addLayerTo(root_, fd, {}, options.unpack, true);
    rollback.layerAdded(layer);
    HistoryEntry history;
    history.created = nowUnixNanos();
    history.comment = options.message.empty() ? "Imported from a tarball" : options.message;
    nlohmann::json configJson = {{"architecture", hostArchitecture()},
                                 {"os", "linux"},
                                 {"created", formatTimestamp(history.created)},
                                 {"config", nlohmann::json::object()},
                                 {"rootfs", {{"type", "layers"}, {"diff_ids", {layer.diffId}}}},
                                 {"history", {historyEntryJson(history)}}};
    writeContainerConfig(config, configJson["config"]);
    return finishImageLocked(root_, configBytes(configJson), tag, rollback);
}

std::vector<Image> ImageStore::load(int fd, const UnpackOptions &options) const
{
    struct stat st {};
    if (::fstat(fd, &st) < 0)
        throwSys("stat", "image archive");
    const FileLock lock = lockStore(root_);
    ImportRollback rollback(root_);
    std::optional<StagingDir> extracted;
    UniqueFd layout;
    if (S_ISDIR(st.st_mode)) {
        layout.reset(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
    } else {
        extracted.emplace(imagesRoot(root_) + "/" + stagingName());
        extractArchive(fd, extracted->path());
        layout.reset(::open(extracted->path().c_str(), O_DIRECTORY | O_CLOEXEC));
    }
    if (!layout)
        throwSys("open", "image archive");
    // Newer docker save writes both; manifest.json carries the tags docker load uses.
    std::vector<ImageToLoad> entries;
    if (existsInLayout(layout.get(), "manifest.json"))
        entries = readDockerManifest(layout.get());
    else if (existsInLayout(layout.get(), "index.json"))
        entries = readOciIndex(layout.get());
    else
        throw BadContentError("image archive: neither manifest.json (docker save) nor index.json "
                              "(OCI image layout) in it");
    if (entries.empty())
        throw BadContentError("image archive: it holds no image");
    std::vector<std::string> ids;
    for (const auto &entry : entries)
        ids.push_back(importOne(root_, layout.get(), entry, options, rollback));
    rollback.commit();
    const auto repos = readRepositories(root_);
    std::vector<Image> images;
    for (const auto &id : ids)
        images.push_back(readImage(root_, id.substr(7), repos));
    return images;
}

} // namespace hako
