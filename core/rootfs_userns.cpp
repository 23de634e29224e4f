// The image's layers as a container with a user namespace must see them: owned by its own
// root, not by an unmapped host root (see UserNamespaceLayers in rootfs.h).
#include "rootfs.h"

#include "error.h"
#include "fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace hako {

namespace {

// The kernel's answers when this file system or kernel cannot idmap a mount: fall back to a
// copy. Any other error is a real failure and is reported.
bool idmapRefused(int err)
{
    return err == EINVAL || err == EPERM || err == ENOSYS || err == EOPNOTSUPP;
}

// A detached clone of `dir` that shows its owners through the user namespace `userns`: an
// on-disk owner X appears as whatever container id X maps to, so the image's root-owned
// files are the container root's. Invalid with errno set when the kernel refuses.
UniqueFd idmappedClone(const std::string &dir, int userns)
{
    UniqueFd tree(::open_tree(AT_FDCWD, dir.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
    if (!tree)
        return tree;
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_IDMAP;
    attr.userns_fd = static_cast<uint64_t>(userns);
    if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH, &attr, sizeof attr) < 0)
        return UniqueFd();
    return tree;
}

std::string copyPathFor(const RootfsPlan &plan, size_t index)
{
    return plan.remappedLowerBase + (index == 0 ? std::string() : "-" + std::to_string(index));
}

// Where the child attaches lowerDirs[index]'s idmapped clone: an empty directory in the
// container's own directory, which its mapped root may traverse, unlike the image store's
// layers/ (host root only). Without a container directory: over the layer's own path.
std::string idmapPathFor(const RootfsPlan &plan, size_t index)
{
    if (plan.remappedLowerBase.empty())
        return plan.lowerDirs[index];
    const std::string path = plan.remappedLowerBase + ".idmap-" + std::to_string(index);
    if (::mkdir(path.c_str(), 0755) < 0 && errno != EEXIST)
        throwSys("mkdir", path);
    return path;
}

uint32_t shifted(uint32_t id, const std::vector<IdMapping> &mappings, const std::string &what)
{
    for (const IdMapping &m : mappings)
        if (id >= m.containerID && uint64_t(id) < uint64_t(m.containerID) + m.size)
            return m.hostID + (id - m.containerID);
    throw Error("copy the image for the user namespace: " + what + " is owned by id " +
                std::to_string(id) + ", which the container's mapping does not cover");
}

// Copies one tree into another, shifting owners; hard links become separate copies (the
// lower layer is read-only to the container, so nothing can tell them apart but the inode
// number), device nodes and sockets are left out with a note (a user namespace could not
// open a device node of its own image anyway; /dev is the container's tmpfs).
class ShiftedCopy {
public:
    explicit ShiftedCopy(const Spec &spec) : spec_(spec) {}

    void copyDir(int from, int to, const std::string &where)
    {
        DirHandle dir(::fdopendir(::fcntl(from, F_DUPFD_CLOEXEC, 3)));
        if (!dir)
            throwSys("read directory", where);
        while (const dirent *entry = ::readdir(dir.get())) {
            const std::string name = entry->d_name;
            if (name == "." || name == "..")
                continue;
            copyEntry(from, to, name, where + "/" + name);
        }
    }

    // Owner and mode of `to` (an fd of the copy) from `st`: chown first, since it clears
    // the setuid and setgid bits, then the mode with those bits.
    void applyMetadata(int to, const struct stat &st, const std::string &where)
    {
        if (::fchown(to, shifted(st.st_uid, spec_.linux.uidMappings, where),
                     shifted(st.st_gid, spec_.linux.gidMappings, where)) < 0)
            throwSys("chown", where);
        if (::fchmod(to, st.st_mode & 07777) < 0)
            throwSys("chmod", where);
        const timespec times[2] = {st.st_atim, st.st_mtim};
        ::futimens(to, times);
    }

private:
    void copyEntry(int from, int to, const std::string &name, const std::string &where)
    {
        struct stat st {};
        if (::fstatat(from, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
            throwSys("stat", where);
        if (S_ISDIR(st.st_mode))
            copySubdir(from, to, name, where, st);
        else if (S_ISREG(st.st_mode))
            copyFile(from, to, name, where, st);
        else if (S_ISLNK(st.st_mode))
            copySymlink(from, to, name, where, st);
        else if (S_ISFIFO(st.st_mode))
            copyFifo(to, name, where, st);
        else
            std::fprintf(stderr, "hako: user namespace copy of the image: left out %s (a device "
                                 "node or socket)\n", where.c_str());
    }

    void copySubdir(int from, int to, const std::string &name, const std::string &where,
                    const struct stat &st)
    {
        UniqueFd source(::openat(from, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!source)
            throwSys("open", where);
        if (::mkdirat(to, name.c_str(), 0700) < 0)
            throwSys("mkdir", where);
        UniqueFd target(::openat(to, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!target)
            throwSys("open copy of", where);
        copyDir(source.get(), target.get(), where);
        applyMetadata(target.get(), st, where); // last: a read-only directory is filled first
    }

    void copyFile(int from, int to, const std::string &name, const std::string &where,
                  const struct stat &st)
    {
        UniqueFd source(::openat(from, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (!source)
            throwSys("open", where);
        UniqueFd target(::openat(to, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!target)
            throwSys("create copy of", where);
        for (off_t left = st.st_size; left > 0;) {
            const ssize_t n = ::copy_file_range(source.get(), nullptr, target.get(), nullptr,
                                                static_cast<size_t>(left), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throwSys("copy", where);
            if (n == 0)
                break; // the file shrank meanwhile
            left -= n;
        }
        applyMetadata(target.get(), st, where);
    }

    void copySymlink(int from, int to, const std::string &name, const std::string &where,
                     const struct stat &st)
    {
        std::string link(size_t(st.st_size) + 1, '\0');
        const ssize_t n = ::readlinkat(from, name.c_str(), link.data(), link.size());
        if (n < 0)
            throwSys("readlink", where);
        link.resize(size_t(n));
        if (::symlinkat(link.c_str(), to, name.c_str()) < 0)
            throwSys("symlink", where);
        if (::fchownat(to, name.c_str(), shifted(st.st_uid, spec_.linux.uidMappings, where),
                       shifted(st.st_gid, spec_.linux.gidMappings, where), AT_SYMLINK_NOFOLLOW) < 0)
            throwSys("chown", where);
    }

    void copyFifo(int to, const std::string &name, const std::string &where, const struct stat &st)
    {
        if (::mkfifoat(to, name.c_str(), 0600) < 0)
            throwSys("mkfifo", where);
        UniqueFd target(::openat(to, name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!target)
            throwSys("open copy of", where);
        // fchown/fchmod do not take O_PATH fds: go through the fd's /proc link.
        const std::string path = "/proc/self/fd/" + std::to_string(target.get());
        if (::chown(path.c_str(), shifted(st.st_uid, spec_.linux.uidMappings, where),
                    shifted(st.st_gid, spec_.linux.gidMappings, where)) < 0 ||
            ::chmod(path.c_str(), st.st_mode & 07777) < 0)
            throwSys("chown", where);
    }

    const Spec &spec_;
};

} // namespace

void copyShifted(const std::string &source, const std::string &target, const Spec &spec)
{
    UniqueFd from(::open(source.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!from)
        throwSys("open", source);
    struct stat st {};
    if (::fstat(from.get(), &st) < 0)
        throwSys("stat", source);
    // Built under a temporary name and renamed in: a start interrupted half-way leaves only
    // a temporary directory, never a partial copy that a later start would take as done.
    std::string staging = target + ".tmp-XXXXXX";
    if (!::mkdtemp(staging.data()))
        throwSys("create", staging);
    try {
        UniqueFd to(::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!to)
            throwSys("open", staging);
        ShiftedCopy copy(spec);
        copy.copyDir(from.get(), to.get(), source);
        copy.applyMetadata(to.get(), st, source);
        if (::rename(staging.c_str(), target.c_str()) < 0)
            throwSys("rename", staging + " to " + target);
    } catch (...) {
        removeTree(staging);
        throw;
    }
}

std::vector<RemappedLayer> remapLayers(const RootfsPlan &plan, pid_t child, const Spec &spec)
{
    const std::string usernsPath = "/proc/" + std::to_string(child) + "/ns/user";
    UniqueFd userns(::open(usernsPath.c_str(), O_RDONLY | O_CLOEXEC));
    if (!userns)
        throwSys("open", usernsPath);
    std::vector<RemappedLayer> layers;
    for (size_t i = 0; i < plan.lowerDirs.size(); ++i) {
        const std::string &dir = plan.lowerDirs[i];
        RemappedLayer layer;
        if (plan.userNamespaceLayers != UserNamespaceLayers::Copy) {
            layer.idmapped = idmappedClone(dir, userns.get());
            if (!layer.idmapped &&
                (plan.userNamespaceLayers == UserNamespaceLayers::Idmapped || !idmapRefused(errno)))
                throwSys("make an idmapped mount of the image layer", dir);
        }
        if (layer.idmapped)
            layer.copy = idmapPathFor(plan, i);
        if (!layer.idmapped) {
            if (plan.remappedLowerBase.empty())
                throw Error("no place to copy the image layer " + dir + " for the user namespace");
            layer.copy = copyPathFor(plan, i);
            if (!pathExists(layer.copy))
                copyShifted(dir, layer.copy, spec);
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

void attachRemappedLayers(RootfsPlan &plan, std::vector<RemappedLayer> &layers)
{
    for (size_t i = 0; i < layers.size() && i < plan.lowerDirs.size(); ++i) {
        if (!layers[i].idmapped) {
            plan.lowerDirs[i] = layers[i].copy;
            continue;
        }
        // In this (private) mount namespace only: the host's view of the image is untouched.
        const std::string target = layers[i].copy.empty() ? plan.lowerDirs[i] : layers[i].copy;
        if (::move_mount(layers[i].idmapped.get(), "", AT_FDCWD, target.c_str(),
                         MOVE_MOUNT_F_EMPTY_PATH) < 0)
            throwSys("attach the idmapped image layer " + plan.lowerDirs[i], target);
        plan.lowerDirs[i] = target;
        layers[i].idmapped.reset();
    }
}

std::string_view userNamespaceLayersName(UserNamespaceLayers mode)
{
    switch (mode) {
    case UserNamespaceLayers::Idmapped:
        return "idmapped";
    case UserNamespaceLayers::Copy:
        return "copy";
    case UserNamespaceLayers::Auto:
        break;
    }
    return "auto";
}

std::optional<UserNamespaceLayers> userNamespaceLayersFromName(std::string_view name)
{
    for (UserNamespaceLayers mode :
         {UserNamespaceLayers::Auto, UserNamespaceLayers::Idmapped, UserNamespaceLayers::Copy})
        if (userNamespaceLayersName(mode) == name)
            return mode;
    return std::nullopt;
}

} // namespace hako
