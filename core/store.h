// The state root on disk: one directory per container under <root>/containers/<id>/
// (config.json, state.json, log, upper/, work/, merged/), images under <root>/images/.
// Writers serialise on flock()ed lock files; readers see atomically replaced files.
#pragma once

#include "fd.h"
#include "state.h"

#include <optional>
#include <string>
#include <vector>

namespace hako {

// An exclusive flock held for the lifetime of the object.
class FileLock {
public:
    explicit FileLock(const std::string &path);
    // nullopt when another open file description holds the lock.
    static std::optional<FileLock> tryLock(const std::string &path);
    FileLock(FileLock &&) = default;
    FileLock &operator=(FileLock &&) = default;

private:
    explicit FileLock(UniqueFd fd) : fd_(std::move(fd)) {}
    UniqueFd fd_;
};

std::string generateId();                      // 64 hex characters from getrandom()
std::string validateName(const std::string &name); // empty if valid, else the reason

class StateStore {
public:
    explicit StateStore(std::string root);

    const std::string &root() const { return root_; }
    std::string containersDir() const { return root_ + "/containers"; }
    std::string imagesDir() const { return root_ + "/images"; }
    std::string containerDir(const std::string &id) const { return containersDir() + "/" + id; }
    std::string configPath(const std::string &id) const { return containerDir(id) + "/config.json"; }
    std::string statePath(const std::string &id) const { return containerDir(id) + "/state.json"; }
    std::string logPath(const std::string &id) const { return containerDir(id) + "/log"; }

    // Serialises creation and removal (name uniqueness) across processes.
    FileLock lockAll() const;
    // Serialises state changes of one container (start, stop, the monitor's updates).
    FileLock lockContainer(const std::string &id) const; // NotFoundError once removed
    std::optional<FileLock> tryLockContainer(const std::string &id) const;

    // The name index, <root>/containers/.names/<name> holding the id, so a name resolves
    // without reading every container's state. Uniqueness rests on lockAll(), which callers
    // of claimName/releaseName hold. An entry whose container directory is gone (a crash
    // mid-create) is stale and may be taken over.
    bool claimName(const std::string &name, const std::string &id) const;
    void releaseName(const std::string &name, const std::string &id) const;
    std::optional<std::string> idForName(const std::string &name) const;

    std::vector<std::string> listIds() const;
    // A full id, a unique id prefix, or a name → the full id. Throws NotFoundError.
    std::string resolve(const std::string &nameOrId) const;

    ContainerState loadState(const std::string &id) const;
    void saveState(const ContainerState &state) const;

private:
    std::string root_;
};

} // namespace hako
