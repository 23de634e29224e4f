#include "store.h"

#include "error.h"
#include "fs.h"

#include <nlohmann/json.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>

#include <algorithm>
#include <memory>

namespace hako {

static UniqueFd openLockFile(const std::string &path)
{
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    if (!fd && errno == ENOENT)
        throw NotFoundError("no such container: " + path.substr(0, path.rfind('/')));
    if (!fd)
        throwSys("open lock", path);
    return fd;
}

FileLock::FileLock(const std::string &path) : fd_(openLockFile(path))
{
    while (::flock(fd_.get(), LOCK_EX) < 0)
        if (errno != EINTR)
            throwSys("lock", path);
}

std::optional<FileLock> FileLock::tryLock(const std::string &path)
{
    UniqueFd fd = openLockFile(path);
    while (::flock(fd.get(), LOCK_EX | LOCK_NB) < 0) {
        if (errno == EWOULDBLOCK)
            return std::nullopt;
        if (errno != EINTR)
            throwSys("lock", path);
    }
    return FileLock(std::move(fd));
}

std::string generateId()
{
    unsigned char bytes[32];
    size_t got = 0;
    while (got < sizeof bytes) {
        const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwSys("getrandom");
        }
        got += static_cast<size_t>(n);
    }
    static const char hex[] = "0123456789abcdef";
    std::string id;
    for (unsigned char b : bytes) {
        id += hex[b >> 4];
        id += hex[b & 15];
    }
    return id;
}

std::string validateName(const std::string &name)
{
    // Docker's rule: [a-zA-Z0-9][a-zA-Z0-9_.-]+; a name of 64 hex digits would shadow ids.
    if (name.size() < 2 || name.size() > 128)
        return "name \"" + name + "\" must be 2 to 128 characters long";
    if (!std::isalnum(static_cast<unsigned char>(name[0])))
        return "name \"" + name + "\" must start with a letter or digit";
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
            return "name \"" + name + "\" may only contain letters, digits, '_', '.' and '-'";
    return {};
}

StateStore::StateStore(std::string root) : root_(std::move(root))
{
    makeDirs(containersDir() + "/.names", 0711);
    makeDirs(imagesDir(), 0711);
}

bool StateStore::claimName(const std::string &name, const std::string &id) const
{
    if (const auto holder = idForName(name); holder && *holder != id)
        return false;
    writeFileAtomic(containersDir() + "/.names/" + name, id, 0644, Durability::FileOnly);
    return true;
}

void StateStore::releaseName(const std::string &name, const std::string &id) const
{
    if (idForName(name) == id)
        ::unlink((containersDir() + "/.names/" + name).c_str());
}

std::optional<std::string> StateStore::idForName(const std::string &name) const
{
    if (!validateName(name).empty())
        return std::nullopt; // nothing else may be looked up as a path
    std::string id;
    try {
        id = readFile(containersDir() + "/.names/" + name);
    } catch (const SysError &) {
        return std::nullopt;
    }
    if (id.size() != 64 || !pathExists(containerDir(id)))
        return std::nullopt;
    return id;
}

FileLock StateStore::lockAll() const
{
    return FileLock(containersDir() + "/.lock");
}

FileLock StateStore::lockContainer(const std::string &id) const
{
    return FileLock(containerDir(id) + "/lock");
}

std::optional<FileLock> StateStore::tryLockContainer(const std::string &id) const
{
    return FileLock::tryLock(containerDir(id) + "/lock");
}

std::vector<std::string> StateStore::listIds() const
{
    std::vector<std::string> ids;
    DirHandle dir(::opendir(containersDir().c_str()));
    if (!dir)
        throwSys("open", containersDir());
    while (const dirent *entry = ::readdir(dir.get())) {
        const std::string name = entry->d_name;
        // Half-made directories are ".new-<id>"; only complete containers count.
        if (name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos)
            ids.push_back(name);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::string StateStore::resolve(const std::string &nameOrId) const
{
    if (nameOrId.empty())
        throw NotFoundError("no container name or id given");
    const bool hex = nameOrId.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (hex && nameOrId.size() == 64 && pathExists(containerDir(nameOrId)))
        return nameOrId;
    if (const auto id = idForName(nameOrId))
        return *id;
    if (!hex)
        throw NotFoundError("no such container: " + nameOrId);
    const auto ids = listIds();
    std::vector<std::string> matches;
    for (const auto &id : ids)
        if (id.starts_with(nameOrId))
            matches.push_back(id);
    if (matches.size() == 1)
        return matches.front();
    if (matches.size() > 1)
        throw NotFoundError("id prefix \"" + nameOrId + "\" is ambiguous (" +
                            std::to_string(matches.size()) + " containers)");
    throw NotFoundError("no such container: " + nameOrId);
}

ContainerState StateStore::loadState(const std::string &id) const
{
    try {
        return stateFromJson(nlohmann::json::parse(readFile(statePath(id))));
    } catch (const SysError &e) {
        if (e.code() == ENOENT)
            throw NotFoundError("no such container: " + id);
        throw;
    } catch (const nlohmann::json::exception &e) {
        throw Error(statePath(id) + ": " + e.what());
    }
}

void StateStore::saveState(const ContainerState &state) const
{
    // The content is synced before the rename; the rename itself reaches the disk with the
    // next journal commit. Losing it in a crash only brings back the previous state, which
    // Engine reconciles (a "running" container whose monitor is gone is marked stopped).
    writeFileAtomic(statePath(state.id), toJson(state).dump(2) + "\n", 0644,
                    Durability::FileOnly);
}

} // namespace hako
