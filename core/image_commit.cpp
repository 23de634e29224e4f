// docker commit: a container's upper directory (its changes, overlayfs whiteouts and all) as a
// new layer on its image, with a config that is the parent's plus the --change instructions.
#include "image.h"

#include "error.h"
#include "fs.h"
#include "image_config.h"
#include "image_store_internal.h"

#include <nlohmann/json.hpp>

namespace hako {

using namespace image_store;

Image ImageStore::commit(const std::string &upperDir, const Image &parent, const CommitOptions &options) const
{
    ImageConfig config = parent.config;
    applyChanges(config, options.changes); // refused before any work
    const std::string tag = options.tag.empty() ? "" : familiarTag(options.tag);
    nlohmann::json configJson = nlohmann::json::parse(imageConfigBytes(root_, parent.id), nullptr, false);
    if (!configJson.is_object())
        throw BadContentError("commit: the config of image " + parent.id + " is not a JSON object");

    // The tar goes to an unnamed file first: the upper dir is read once, unlocked, and the
    // layer unpacked from the file under the lock.
    const UniqueFd tar = anonymousTempFile(layersRoot(root_));
    LayerTarOptions tarOptions;
    tarOptions.ociWhiteouts = true;
    const LayerTarResult written = writeLayerTar(upperDir, tar.get(), tarOptions);
    if (::lseek(tar.get(), 0, SEEK_SET) < 0)
        throwSys("seek", "commit layer tar");

    const FileLock lock = lockStore(root_);
    ImportRollback rollback(root_);
    const AddedLayer layer = addLayerTo(root_, tar.get(), written.diffId, {}, true);
    rollback.layerAdded(layer);

    HistoryEntry history;
    history.created = nowUnixNanos();
    history.comment = options.message;
    configJson["created"] = formatTimestamp(history.created);
    if (options.author.empty())
        configJson.erase("author");
    else
        configJson["author"] = options.author;
    writeContainerConfig(config, configJson["config"]);
    configJson["rootfs"]["type"] = "layers";
    configJson["rootfs"]["diff_ids"].push_back(layer.diffId);
    nlohmann::json historyEntry = historyEntryJson(history);
    if (!options.author.empty())
        historyEntry["author"] = options.author;
    configJson["history"].push_back(historyEntry);
    // Docker's legacy fields describe the parent's build container, not this one.
    configJson.erase("container");
    configJson.erase("container_config");

    return finishImageLocked(root_, configBytes(configJson), tag, rollback);
}

} // namespace hako
