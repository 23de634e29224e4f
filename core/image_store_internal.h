// The image store's inner pieces, shared by image*.cpp and by nothing else: paths, the store
// lock, staging under ".new-" names, layers and image records written by a caller that
// already holds the lock (a load or a commit holds it from the first layer to the last tag,
// so no prune can take a layer it has just added).
#pragma once

#include "fd.h"
#include "image.h"
#include "store.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hako::image_store {

std::string layersRoot(const std::string &root); // <root>/layers
std::string imagesRoot(const std::string &root); // <root>/images

// The store's lock, <root>/images/.lock (the directories are made first).
FileLock lockStore(const std::string &root);

// ".new-<16 hex>": the name an object is built under before it is renamed in.
std::string stagingName();

// A directory removed on destruction unless kept (renamed into place).
class StagingDir {
public:
    explicit StagingDir(std::string path); // creates it
    StagingDir(const StagingDir &) = delete;
    StagingDir &operator=(const StagingDir &) = delete;
    ~StagingDir();
    const std::string &path() const { return path_; }
    // Renames the directory to `target`; false (and the staging dir removed) when `target`
    // already exists, which for content-addressed objects means the same content is there.
    bool renameTo(const std::string &target);

private:
    std::string path_;
    bool done_ = false;
};

// An unnamed temporary file (O_TMPFILE) in `dir`: nothing to clean up after a crash.
UniqueFd anonymousTempFile(const std::string &dir);

// Paths and digests (image_paths.cpp).
// "sha256:<64 hex>" → "<64 hex>"; BadContentError naming `what` otherwise.
std::string digestHex(const std::string &digest, const std::string &what);
bool isSha256Digest(const std::string &text);
bool isHex64(const std::string &text);
std::string layerDiffDir(const std::string &root, const std::string &layerHex); // <root>/layers/<hex>/diff

// Familiar tag ("busybox:latest") of a name given in any form; SpecError if it carries a
// digest or is malformed.
std::string familiarTag(const std::string &tag);

struct AddedLayer {
    std::string diffId;
    bool created = false; // false: the layer was already present
};
// ImageStore::addLayer's work. The unpacking runs unlocked unless the caller already holds the
// store lock (`callerHoldsLock`); the final check-and-rename always runs under it.
AddedLayer addLayerTo(const std::string &root, int fd, const std::string &expectedDiffId,
                      const UnpackOptions &options, bool callerHoldsLock);
// Removes a layer atomically (renamed aside first); returns its unpacked bytes.
uint64_t deleteLayer(const std::string &root, const std::string &diffId);

struct AddedImage {
    std::string id;
    bool created = false;
};
// ImageStore::addImage's work; the caller holds the store lock.
AddedImage addImageLocked(const std::string &root, const std::string &configJson,
                          const std::string &tag, const std::string &repoDigest);
void deleteImageRecord(const std::string &root, const std::string &id);

// The image at images/<hex> with its tags from `repositories`; NotFoundError if absent.
Image readImage(const std::string &root, const std::string &hex,
                const std::map<std::string, std::string> &repositories);
std::vector<std::string> imageHexes(const std::string &root); // every complete image record
// The image `ref` names (reference, tag, repo digest, id or unique id prefix) as its hex;
// nullopt if none. Builds nothing (ImageStore::find adds the embedded busybox).
std::optional<std::string> resolveImage(const std::string &root, const std::string &ref,
                                        const std::map<std::string, std::string> &repositories);
std::string imageConfigBytes(const std::string &root, const std::string &id);

// repositories.json: familiar tag → image id.
std::map<std::string, std::string> readRepositories(const std::string &root);
void writeRepositories(const std::string &root, const std::map<std::string, std::string> &repos);

// Undoes a failed import: the layers and image it created (not those it found present), and
// the tags it set. Disarmed by commit().
class ImportRollback {
public:
    explicit ImportRollback(std::string root) : root_(std::move(root)) {}
    ImportRollback(const ImportRollback &) = delete;
    ImportRollback &operator=(const ImportRollback &) = delete;
    ~ImportRollback();
    void layerAdded(const AddedLayer &layer);
    void imageAdded(const AddedImage &image);
    void tagSet(const std::string &tag, const std::string &previousId);
    void commit() { armed_ = false; }

private:
    std::string root_;
    std::vector<std::string> layers_;
    std::vector<std::string> images_;
    std::vector<std::pair<std::string, std::string>> tags_; // tag, id it had before ("" none)
    bool armed_ = true;
};

// Tags `id` with `tag` (familiar) in repositories.json, recording it in `rollback` if given.
void setTag(const std::string &root, const std::string &tag, const std::string &id,
            ImportRollback *rollback = nullptr);

// The last steps of an import or commit: records the image made from `configJson`, tags it
// (when `tag` is set), disarms `rollback` and returns the image as stored.
Image finishImageLocked(const std::string &root, const std::string &configJson, const std::string &tag,
                        ImportRollback &rollback);

} // namespace hako::image_store
