// The volume verbs that need to know the containers, and docker system df.
#include "engine.h"

#include "error.h"
#include "fs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace hako {

namespace {

// The names of the volumes a stored config.json mounts (read directly: a listing must not
// fail on one container's spec that no longer passes validation).
std::vector<std::string> volumesMounted(const std::string &configPath)
{
    std::vector<std::string> names;
    const nlohmann::json config = nlohmann::json::parse(readFile(configPath), nullptr, false);
    if (!config.is_object() || !config.contains("mounts") || !config["mounts"].is_array())
        return names;
    for (const auto &mount : config["mounts"])
        if (mount.is_object() && mount.value("type", "") == "volume")
            names.push_back(mount.value("source", ""));
    return names;
}

// layers/<hex>/layer.json's unpackedBytes (see image.h), 0 when unreadable.
uint64_t layerBytes(const std::string &diffDir)
{
    const std::string path = diffDir.substr(0, diffDir.rfind('/')) + "/layer.json";
    try {
        const auto json = nlohmann::json::parse(readFile(path), nullptr, false);
        return json.is_object() ? json.value("unpackedBytes", uint64_t(0)) : 0;
    } catch (const Error &) {
        return 0;
    }
}

} // namespace

std::vector<std::string> Engine::containersUsingVolume(const std::string &volume) const
{
    std::vector<std::string> names;
    for (const auto &id : store_.listIds()) {
        try {
            const auto mounted = volumesMounted(store_.configPath(id));
            if (std::find(mounted.begin(), mounted.end(), volume) != mounted.end())
                names.push_back(store_.loadState(id).name);
        } catch (const Error &) {
            // Removed while we looked.
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

void Engine::removeVolume(const std::string &name, bool force)
{
    volumes_.remove(name, force, [this](const std::string &volume) { return containersUsingVolume(volume); });
}

void Engine::removeWithAnonymousVolumes(const std::string &nameOrId, bool force)
{
    const std::string id = store_.resolve(nameOrId);
    std::vector<std::string> anonymous;
    for (const auto &name : volumesMounted(store_.configPath(id)))
        if (const auto volume = volumes_.find(name); volume && volume->anonymous)
            anonymous.push_back(name);
    remove(id, force);
    // Docker keeps one another container mounts too (docker run --volumes-from).
    for (const auto &name : anonymous) {
        try {
            removeVolume(name, false);
        } catch (const StateError &) {
        } catch (const NotFoundError &) {
        }
    }
}

DiskUsage Engine::diskUsage() const
{
    DiskUsage usage;
    const std::vector<ContainerState> containers = list();
    const std::vector<Image> images = images_.list();
    std::map<std::string, int> imagesPerLayer; // layer dir → images using it
    std::map<std::string, uint64_t> layerSize;
    for (const Image &image : images)
        for (const auto &dir : image.layerDirs) {
            ++imagesPerLayer[dir];
            if (!layerSize.contains(dir))
                layerSize[dir] = layerBytes(dir);
        }
    for (const auto &[dir, bytes] : layerSize)
        usage.layersBytes += bytes;
    for (const Image &image : images) {
        ImageUsage entry{image};
        for (const auto &dir : std::set<std::string>(image.layerDirs.begin(), image.layerDirs.end()))
            (imagesPerLayer[dir] > 1 ? entry.sharedBytes : entry.uniqueBytes) += layerSize[dir];
        entry.containers = static_cast<int>(std::count_if(containers.begin(), containers.end(),
            [&](const ContainerState &c) { return c.imageId == image.id; }));
        usage.images.push_back(std::move(entry));
    }
    for (const ContainerState &state : containers)
        usage.containers.push_back({state, treeBytes(store_.containerDir(state.id) + "/upper")});
    for (const Volume &volume : volumes_.list())
        usage.volumes.push_back({volume, VolumeStore::diskSize(volume),
                                 static_cast<int>(containersUsingVolume(volume.name).size())});
    return usage;
}

} // namespace hako
