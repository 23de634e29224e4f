#include "volumes.h"

#include "error.h"
#include "fs.h"
#include "store.h"

#include <nlohmann/json.hpp>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace hako {

namespace {

// Docker's rule: [a-zA-Z0-9][a-zA-Z0-9_.-]+. It also keeps every name a single path
// component that is neither "." nor "..", so <root>/volumes/<name> never leaves the store.
std::string whyBadName(const std::string &name)
{
    auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    if (name.size() < 2 || name.size() > 255)
        return "must be 2 to 255 characters long";
    if (!alnum(name.front()))
        return "must start with a letter or a digit";
    for (char c : name)
        if (!alnum(c) && c != '_' && c != '.' && c != '-')
            return std::string("contains the character '") + c + "'";
    return {};
}

void checkName(const std::string &name)
{
    if (const std::string why = whyBadName(name); !why.empty())
        throw SpecError("volume name \"" + name + "\": " + why +
                        " (allowed: [a-zA-Z0-9][a-zA-Z0-9_.-]+)");
}

nlohmann::json toJson(const Volume &volume)
{
    return {{"name", volume.name},
            {"createdAt", volume.createdAt},
            {"labels", volume.labels},
            {"anonymous", volume.anonymous}};
}

Volume fromJson(const nlohmann::json &json, const std::string &mountpoint)
{
    Volume volume;
    volume.name = json.at("name").get<std::string>();
    volume.mountpoint = mountpoint;
    volume.createdAt = json.value("createdAt", int64_t(0));
    volume.labels = json.value("labels", std::map<std::string, std::string>{});
    volume.anonymous = json.value("anonymous", false);
    return volume;
}

} // namespace

VolumeStore::VolumeStore(std::string stateRoot) : root_(std::move(stateRoot) + "/volumes") {}

Volume VolumeStore::create(const std::string &name, const std::map<std::string, std::string> &labels,
                           bool existingOk, bool anonymous) const
{
    checkName(name);
    makeDirs(root_, 0711); // traversable, as containers/ is: a user-namespaced root binds _data
    const FileLock lock(root_ + "/.lock");
    if (auto existing = find(name)) {
        if (existingOk)
            return *existing;
        throw ExistsError("volume \"" + name + "\" already exists");
    }
    Volume volume;
    volume.name = name;
    volume.mountpoint = root_ + "/" + name + "/_data";
    volume.createdAt = nowUnixNanos();
    volume.labels = labels;
    volume.anonymous = anonymous;
    // Built under a temporary name and renamed in, so a half-made volume is never found.
    const std::string staging = root_ + "/.new-" + name;
    try {
        removeTree(staging); // left by a crash mid-create
        // 0700: a container may leave a setuid-root binary in its volume (or an image's
        // files copied up into it may hold one); no host user may reach it (the monitor opens
        // the volume to a user-namespaced container's root group only, 0710).
        makeDirs(staging, 0700);
        makeDirs(staging + "/_data", 0755);
        writeFileAtomic(staging + "/volume.json", toJson(volume).dump(2) + "\n", 0644,
                        Durability::FileOnly);
        if (::rename(staging.c_str(), (root_ + "/" + name).c_str()) < 0)
            throwSys("rename", root_ + "/" + name);
        syncDirectory(root_);
    } catch (...) {
        removeTree(staging);
        throw;
    }
    return volume;
}

std::optional<Volume> VolumeStore::find(const std::string &name) const
{
    if (!whyBadName(name).empty())
        return std::nullopt;
    const std::string dir = root_ + "/" + name;
    if (!pathExists(dir + "/volume.json"))
        return std::nullopt;
    try {
        return fromJson(nlohmann::json::parse(readFile(dir + "/volume.json")), dir + "/_data");
    } catch (const nlohmann::json::exception &e) {
        throw Error(dir + "/volume.json: " + e.what());
    }
}

Volume VolumeStore::get(const std::string &name) const
{
    checkName(name);
    if (auto volume = find(name))
        return *volume;
    throw NotFoundError("no such volume: " + name);
}

std::vector<Volume> VolumeStore::list() const
{
    std::vector<Volume> volumes;
    DirHandle dir(::opendir(root_.c_str()));
    if (!dir) {
        if (errno == ENOENT)
            return volumes;
        throwSys("open", root_);
    }
    while (const dirent *entry = ::readdir(dir.get())) {
        const std::string name = entry->d_name;
        if (name.starts_with(".")) // ".", "..", .lock, .new-*, .rm-*
            continue;
        if (auto volume = find(name))
            volumes.push_back(std::move(*volume));
    }
    std::sort(volumes.begin(), volumes.end(),
              [](const Volume &a, const Volume &b) { return a.name < b.name; });
    return volumes;
}

void VolumeStore::remove(const std::string &name, bool force,
                         const std::function<std::vector<std::string>(const std::string &)> &usedBy) const
{
    checkName(name);
    const FileLock lock(root_ + "/.lock");
    if (!find(name)) {
        if (force)
            return; // docker volume rm -f: a missing volume is not an error
        throw NotFoundError("no such volume: " + name);
    }
    // Refused even when forced, as Docker does: the files of a volume a container has mounted
    // are the container's to change, and deleting a tree someone else is rearranging (a
    // directory swapped for a symlink to /etc mid-walk) could reach the host.
    if (usedBy) {
        const std::vector<std::string> users = usedBy(name);
        if (!users.empty()) {
            std::string list;
            for (const auto &user : users)
                list += (list.empty() ? "" : ", ") + user;
            throw StateError("volume " + name + " is in use by container(s) " + list);
        }
    }
    // Renamed away first: the volume disappears at once, even if deleting its files is slow
    // or interrupted.
    const std::string doomed = root_ + "/.rm-" + name;
    removeTree(doomed);
    if (::rename((root_ + "/" + name).c_str(), doomed.c_str()) < 0)
        throwSys("rename", root_ + "/" + name);
    removeTree(doomed);
}

uint64_t VolumeStore::diskSize(const Volume &volume)
{
    return treeBytes(volume.mountpoint);
}

} // namespace hako
