// The image verbs that need to know the containers: rmi and prune (an image a container uses
// stays), commit and export (a container's own layer on top of its image's).
#include "engine.h"

#include "error.h"
#include "fs.h"
#include "merged_view.h"

#include <algorithm>

namespace hako {

namespace {

// Thaws a container this commit paused, however the commit ends.
class PauseGuard {
public:
    PauseGuard(Engine &engine, std::string id) : engine_(engine), id_(std::move(id)) { engine_.pause(id_); }
    ~PauseGuard()
    {
        try {
            engine_.unpause(id_);
        } catch (const Error &) {
            // It ended meanwhile: nothing left to thaw.
        }
    }
    PauseGuard(const PauseGuard &) = delete;
    PauseGuard &operator=(const PauseGuard &) = delete;

private:
    Engine &engine_;
    std::string id_;
};

} // namespace

std::vector<std::string> Engine::containersUsingImage(const std::string &imageId) const
{
    std::vector<std::string> names;
    for (const auto &id : store_.listIds()) {
        try {
            const ContainerState state = store_.loadState(id);
            if (state.imageId == imageId)
                names.push_back(state.name);
        } catch (const NotFoundError &) {
            // Removed while we looked.
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

RemovedImage Engine::removeImage(const std::string &ref, bool force)
{
    return images_.remove(ref, force, [this](const std::string &imageId) {
        return !containersUsingImage(imageId).empty();
    });
}

PruneReport Engine::pruneImages(bool all)
{
    return images_.prune(all, [this](const std::string &imageId) {
        return !containersUsingImage(imageId).empty();
    });
}

Image Engine::commit(const std::string &nameOrId, const CommitOptions &options)
{
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    if (state.imageId.empty())
        throw StateError("container " + state.name + " was made before the layered image store: "
                         "it has no image layers to commit on");
    try {
        const Image parent = images_.get(state.imageId);
        const std::string upper = store_.containerDir(id) + "/upper";
        if (!pathExists(upper))
            makeDirs(upper, 0755); // never started: nothing changed, an empty layer
        // As Docker does by default: frozen meanwhile, so the layer is one moment's files.
        std::optional<PauseGuard> paused;
        if (state.status == Status::Running)
            paused.emplace(*this, id);
        return images_.commit(upper, parent, options);
    } catch (const StateError &) {
        throw;
    } catch (...) {
        rethrowWithContext("commit " + state.name);
    }
}

void Engine::exportFilesystem(const std::string &nameOrId, int outFd) const
{
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    try {
        std::vector<std::string> layers;
        const std::string upper = store_.containerDir(id) + "/upper";
        if (pathExists(upper))
            layers.push_back(upper);
        if (state.imageId.empty()) {
            layers.push_back(inspect(id).spec.root.path);
        } else {
            const Image image = images_.get(state.imageId);
            layers.insert(layers.end(), image.layerDirs.begin(), image.layerDirs.end());
        }
        // The upper dir as the top lower layer: its whiteouts hide what the container
        // deleted, and nothing is written through the view. Under the container's dir, so
        // a removal meanwhile never leaves it behind elsewhere.
        const MergedView view(layers, store_.containerDir(id));
        LayerTarOptions options;
        options.emptyDirs = {"proc", "sys", "dev"}; // the kernel's and the runtime's, not the container's files
        writeLayerTar(view.path(), outFd, options);
    } catch (...) {
        rethrowWithContext("export " + state.name);
    }
}

} // namespace hako
