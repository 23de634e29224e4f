#include "layer_dir.h"

#include "error.h"
#include "fs.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace hako::layer {

std::optional<std::string> cleanEntryPath(std::string_view raw)
{
    std::string out;
    size_t pos = 0;
    while (pos <= raw.size()) {
        size_t slash = raw.find('/', pos);
        if (slash == std::string_view::npos)
            slash = raw.size();
        const std::string_view part = raw.substr(pos, slash - pos);
        pos = slash + 1;
        if (part.empty() || part == ".")
            continue;
        // Refused, not resolved: a ".." that stays inside is still a layer playing tricks.
        if (part == "..")
            return std::nullopt;
        if (!out.empty())
            out.push_back('/');
        out.append(part);
    }
    return out;
}

std::pair<std::string_view, std::string_view> splitParent(std::string_view cleanPath)
{
    const size_t slash = cleanPath.rfind('/');
    if (slash == std::string_view::npos)
        return {std::string_view(), cleanPath};
    return {cleanPath.substr(0, slash), cleanPath.substr(slash + 1)};
}

UniqueFd openBeneath(int dirFd, const std::string &path, int flags)
{
    open_how how{};
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC | O_NOFOLLOW);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;
    constexpr int kRaceRetries = 64;
    for (int attempt = 0;; ++attempt) {
        const long fd = ::syscall(SYS_openat2, dirFd, path.c_str(), &how, sizeof how);
        if (fd >= 0 || (errno != EAGAIN && errno != EINTR) || attempt == kRaceRetries)
            return UniqueFd(static_cast<int>(fd));
    }
}

std::string describeResolveError(int err)
{
    switch (err) {
    case ELOOP:
        return "the path goes through a symlink";
    case EXDEV:
        return "the path leaves the layer";
    case ENOTDIR:
        return "the path goes through a symlink or something else that is not a directory";
    default:
        return std::strerror(err);
    }
}

LayerDir::LayerDir(const std::string &path)
    : path_(path), root_(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC))
{
    if (!root_)
        throwSys("open layer directory", path);
}

int LayerDir::directory(std::string_view parent)
{
    if (parent.empty())
        return root_.get();
    if (cachedFd_ && cachedPath_ == parent)
        return cachedFd_.get();
    const std::string wanted(parent);
    UniqueFd fd = openBeneath(root_.get(), wanted, O_RDONLY | O_DIRECTORY);
    if (!fd && errno == ENOENT)
        fd = walkCreating(parent);
    if (!fd)
        throw BadContentError("directory \"" + wanted + "\": " + describeResolveError(errno));
    cachedFd_ = std::move(fd);
    cachedPath_ = wanted;
    return cachedFd_.get();
}

// One component at a time, each opened beneath the one before, creating what is missing.
UniqueFd LayerDir::walkCreating(std::string_view parent)
{
    UniqueFd current(::dup(root_.get()));
    size_t pos = 0;
    while (current && pos < parent.size()) {
        size_t slash = parent.find('/', pos);
        if (slash == std::string_view::npos)
            slash = parent.size();
        const std::string part(parent.substr(pos, slash - pos));
        pos = slash + 1;
        UniqueFd next = openBeneath(current.get(), part, O_RDONLY | O_DIRECTORY);
        if (!next && errno == ENOENT) {
            if (::mkdirat(current.get(), part.c_str(), 0755) < 0 && errno != EEXIST)
                return UniqueFd();
            next = openBeneath(current.get(), part, O_RDONLY | O_DIRECTORY);
        }
        current = std::move(next);
    }
    return current;
}

UniqueFd LayerDir::existingDirectory(std::string_view parent) const
{
    if (parent.empty())
        return UniqueFd(::dup(root_.get()));
    return openBeneath(root_.get(), std::string(parent), O_RDONLY | O_DIRECTORY);
}

void LayerDir::forgetCache()
{
    cachedFd_.reset();
    cachedPath_.clear();
}

void LayerDir::remove(int dirFd, const std::string &name)
{
    removeTree(dirFd, name);
    // After, not before: `dirFd` may be the cached directory itself.
    forgetCache();
}

void LayerDir::removeTree(int dirFd, const std::string &name)
{
    if (::unlinkat(dirFd, name.c_str(), 0) == 0 || errno == ENOENT)
        return;
    if (errno != EISDIR)
        throwSys("remove", name);
    UniqueFd dir = openBeneath(dirFd, name, O_RDONLY | O_DIRECTORY);
    if (!dir)
        throwSys("open", name);
    DirHandle stream(::fdopendir(::dup(dir.get())));
    if (!stream)
        throwSys("read directory", name);
    // Names first, removal after: unlinking while readdir walks may skip entries.
    std::vector<std::string> children;
    while (const dirent *child = ::readdir(stream.get())) {
        const std::string childName = child->d_name;
        if (childName != "." && childName != "..")
            children.push_back(childName);
    }
    for (const std::string &child : children)
        removeTree(dir.get(), child);
    if (::unlinkat(dirFd, name.c_str(), AT_REMOVEDIR) < 0)
        throwSys("remove directory", name);
}

} // namespace hako::layer
