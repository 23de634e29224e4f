// docker rmi and docker image prune: tags go first; an image goes when nothing names it and no
// container uses it; a layer goes when no image remaining lists it.
#include "image.h"

#include "error.h"
#include "fs.h"
#include "image_ref.h"
#include "image_store_internal.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <set>

namespace hako {

using namespace image_store;

namespace {

std::string shortId(const std::string &id)
{
    return id.substr(7, 12);
}

// The familiar tag `ref` spells, when it is a tag of the image `id`.
std::optional<std::string> tagNamed(const std::string &ref, const std::string &id,
                                    const std::map<std::string, std::string> &repos)
{
    if (ref.starts_with("sha256:"))
        return std::nullopt;
    try {
        const ImageRef parsed = parseImageRef(ref);
        if (!parsed.digest.empty())
            return std::nullopt;
        const auto it = repos.find(parsed.familiar());
        if (it != repos.end() && it->second == id)
            return it->first;
    } catch (const Error &) {
    }
    return std::nullopt;
}

void untagAll(const std::string &id, std::map<std::string, std::string> &repos,
              std::vector<std::string> &untagged)
{
    for (auto it = repos.begin(); it != repos.end();) {
        if (it->second == id) {
            untagged.push_back(it->first);
            it = repos.erase(it);
        } else {
            ++it;
        }
    }
}

std::set<std::string> layersInUse(const std::string &root, const std::map<std::string, std::string> &repos)
{
    std::set<std::string> used;
    for (const auto &hex : imageHexes(root))
        for (const auto &diffId : readImage(root, hex, repos).diffIds)
            used.insert(diffId);
    return used;
}

// Deletes the image record, then those of its layers no remaining image lists.
uint64_t deleteImage(const std::string &root, const Image &image,
                     const std::map<std::string, std::string> &repos, std::vector<std::string> &deleted)
{
    deleteImageRecord(root, image.id);
    deleted.push_back(image.id);
    const std::set<std::string> used = layersInUse(root, repos);
    uint64_t bytes = 0;
    for (auto it = image.diffIds.rbegin(); it != image.diffIds.rend(); ++it) {
        if (used.contains(*it) || std::find(deleted.begin(), deleted.end(), *it) != deleted.end())
            continue;
        bytes += deleteLayer(root, *it);
        deleted.push_back(*it);
    }
    return bytes;
}

// Leftovers of work cut short by a crash: ".old-" (a deletion between its rename and its
// removal) and ".new-" staging dirs a day old (no import runs that long; younger ones may be
// an unlocked pull unpacking right now).
void removeLeftovers(const std::string &dir)
{
    DirHandle handle(::opendir(dir.c_str()));
    if (!handle)
        return;
    const time_t dayAgo = ::time(nullptr) - 24 * 3600;
    std::vector<std::string> stale;
    while (const dirent *entry = ::readdir(handle.get())) {
        const std::string_view name = entry->d_name;
        struct stat st {};
        if (name.starts_with(".old-")
            || (name.starts_with(".new-") && ::fstatat(::dirfd(handle.get()), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
                && st.st_mtime < dayAgo))
            stale.push_back(dir + "/" + entry->d_name);
    }
    for (const auto &path : stale)
        removeTree(path);
}

} // namespace

RemovedImage ImageStore::remove(const std::string &ref, bool force,
                                const std::function<bool(const std::string &)> &inUse) const
{
    const FileLock lock = lockStore(root_);
    auto repos = readRepositories(root_);
    const auto hex = resolveImage(root_, ref, repos);
    if (!hex)
        throw NotFoundError("no such image: " + ref);
    const Image image = readImage(root_, *hex, repos);
    RemovedImage removed;
    const auto tag = tagNamed(ref, image.id, repos);
    if (tag && image.repoTags.size() > 1) {
        // One name of several: only the name goes, whoever uses the image.
        repos.erase(*tag);
        writeRepositories(root_, repos);
        removed.untagged.push_back(*tag);
        return removed;
    }
    const bool used = inUse && inUse(image.id);
    if (used && !force) {
        if (tag)
            throw StateError("conflict: unable to remove repository reference \"" + ref
                             + "\" (must force) - a container is using its referenced image "
                             + shortId(image.id));
        throw StateError("conflict: unable to delete " + shortId(image.id)
                         + " (must be forced) - image is being used by a container");
    }
    if (!tag && image.repoTags.size() > 1 && !force)
        throw StateError("conflict: unable to delete " + shortId(image.id)
                         + " (must be forced) - image is referenced in multiple repositories");
    untagAll(image.id, repos, removed.untagged);
    writeRepositories(root_, repos);
    if (!used) // a container's image stays, untagged, until the container goes
        deleteImage(root_, image, repos, removed.deleted);
    return removed;
}

PruneReport ImageStore::prune(bool all, const std::function<bool(const std::string &)> &inUse) const
{
    const FileLock lock = lockStore(root_);
    auto repos = readRepositories(root_);
    PruneReport report;
    std::vector<std::string> untagged;
    for (const auto &hex : imageHexes(root_)) {
        const Image image = readImage(root_, hex, repos);
        if ((!all && !image.repoTags.empty()) || (inUse && inUse(image.id)))
            continue;
        untagAll(image.id, repos, untagged);
        writeRepositories(root_, repos);
        deleteImageRecord(root_, image.id);
        report.deleted.push_back(image.id);
    }
    // Layers no image lists, including any an interrupted import left behind.
    const std::set<std::string> used = layersInUse(root_, repos);
    DirHandle dir(::opendir(layersRoot(root_).c_str()));
    std::vector<std::string> orphans;
    while (const dirent *entry = dir ? ::readdir(dir.get()) : nullptr) {
        const std::string diffId = std::string("sha256:") + entry->d_name;
        if (isSha256Digest(diffId) && !used.contains(diffId))
            orphans.push_back(diffId);
    }
    for (const auto &diffId : orphans) {
        report.reclaimedBytes += deleteLayer(root_, diffId);
        report.deleted.push_back(diffId);
    }
    removeLeftovers(layersRoot(root_));
    removeLeftovers(imagesRoot(root_));
    return report;
}

} // namespace hako
