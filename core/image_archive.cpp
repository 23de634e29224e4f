// An image archive (docker save, OCI layout tarball) unpacked into a staging directory so its
// members can be read in any order: docker save puts manifest.json last.
#include "image_load.h"

#include "archive_handle.h"
#include "error.h"
#include "fs.h"
#include "sha256.h"

#include <archive.h>
#include <archive_entry.h>

#include <fcntl.h>
#include <sys/stat.h>

#include <cstring>
#include <memory>

namespace hako::image_store {

namespace {

[[noreturn]] void refuseEntry(const std::string &name, const std::string &why)
{
    throw BadContentError("image archive entry \"" + name + "\": " + why);
}

// "./a/b/" → {"a", "b"}; `..` refused.
std::vector<std::string> components(const std::string &name)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= name.size()) {
        const size_t end = std::min(name.find('/', start), name.size());
        const std::string part = name.substr(start, end - start);
        if (part == "..")
            refuseEntry(name, "path leaves the archive");
        if (!part.empty() && part != ".")
            parts.push_back(part);
        start = end + 1;
    }
    return parts;
}

// The directory holding the entry's last component, made as needed, never through a symlink.
UniqueFd openParent(int rootFd, const std::vector<std::string> &parts, const std::string &name)
{
    UniqueFd dir(::fcntl(rootFd, F_DUPFD_CLOEXEC, 3));
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
        if (::mkdirat(dir.get(), parts[i].c_str(), 0755) < 0 && errno != EEXIST)
            refuseEntry(name, std::string("mkdir: ") + std::strerror(errno));
        UniqueFd next(::openat(dir.get(), parts[i].c_str(), O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next)
            refuseEntry(name, "a parent is not a directory");
        dir = std::move(next);
    }
    return dir;
}

void writeData(archive *a, int fd, const std::string &name)
{
    char buffer[1 << 16];
    for (;;) {
        const la_ssize_t n = archive_read_data(a, buffer, sizeof buffer);
        if (n < 0)
            refuseEntry(name, archiveError(a));
        if (n == 0)
            return;
        for (la_ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(fd, buffer + done, size_t(n - done));
            if (w < 0)
                throwSys("write image archive entry", name);
            done += w;
        }
    }
}

void extractEntry(archive *a, archive_entry *entry, int rootFd)
{
    const std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    const auto parts = components(name);
    if (parts.empty())
        return;
    const UniqueFd parent = openParent(rootFd, parts, name);
    const char *leaf = parts.back().c_str();
    if (const char *target = archive_entry_hardlink(entry)) {
        const UniqueFd source = openat2InRoot(rootFd, target, O_PATH | O_NOFOLLOW);
        if (!source || ::linkat(source.get(), "", parent.get(), leaf, AT_EMPTY_PATH) < 0)
            refuseEntry(name, std::string("hardlink to \"") + target + "\": " + std::strerror(errno));
        return;
    }
    ::unlinkat(parent.get(), leaf, 0); // a later entry of the same name replaces an earlier one
    switch (archive_entry_filetype(entry)) {
    case AE_IFDIR:
        if (::mkdirat(parent.get(), leaf, 0755) < 0 && errno != EEXIST)
            refuseEntry(name, std::string("mkdir: ") + std::strerror(errno));
        return;
    case AE_IFLNK:
        if (::symlinkat(archive_entry_symlink(entry), parent.get(), leaf) < 0)
            refuseEntry(name, std::string("symlink: ") + std::strerror(errno));
        return;
    case AE_IFREG: {
        const UniqueFd file(::openat(parent.get(), leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
        if (!file)
            refuseEntry(name, std::string("create: ") + std::strerror(errno));
        writeData(a, file.get(), name);
        return;
    }
    default:
        return; // devices and fifos have no place in an image archive; layers are files in it
    }
}

} // namespace

void extractArchive(int fd, const std::string &dir)
{
    std::unique_ptr<archive, ArchiveReadFree> a(archive_read_new());
    supportLayerCompressions(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_fd(a.get(), fd, 1 << 16) != ARCHIVE_OK)
        throw BadContentError(std::string("image archive: ") + archiveError(a.get()));
    const UniqueFd rootFd(::open(dir.c_str(), O_DIRECTORY | O_CLOEXEC));
    if (!rootFd)
        throwSys("open", dir);
    for (;;) {
        archive_entry *entry = nullptr;
        const int rc = archive_read_next_header(a.get(), &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc < ARCHIVE_WARN)
            throw BadContentError(std::string("image archive: not a tar archive: ") + archiveError(a.get()));
        extractEntry(a.get(), entry, rootFd.get());
    }
}

UniqueFd openInLayout(int layoutFd, const std::string &path)
{
    // O_NONBLOCK, then only regular files: a fifo in a layout directory the caller passed
    // would otherwise block the open (and the store lock) for ever.
    UniqueFd fd = openat2InRoot(layoutFd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (!fd)
        throw BadContentError("image archive: " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) < 0)
        throwSys("stat", path);
    if (!S_ISREG(st.st_mode))
        throw BadContentError("image archive: " + path + ": not a regular file");
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) < 0)
        throwSys("fcntl", path);
    return fd;
}

bool existsInLayout(int layoutFd, const std::string &path)
{
    return openat2InRoot(layoutFd, path, O_PATH | O_CLOEXEC).valid();
}

std::string readLayoutFile(int layoutFd, const std::string &path, size_t maxBytes)
{
    const UniqueFd fd = openInLayout(layoutFd, path);
    struct stat st {};
    if (::fstat(fd.get(), &st) < 0)
        throwSys("stat", path);
    if (!S_ISREG(st.st_mode) || uint64_t(st.st_size) > maxBytes)
        throw BadContentError("image archive: " + path + ": not a regular file of at most "
                              + std::to_string(maxBytes) + " bytes");
    return readUntilEof(fd.get());
}

std::string fileDigest(int fd, const std::string &what)
{
    Sha256 hash;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throwSys("read", what);
        if (n == 0)
            return "sha256:" + hash.hexDigest();
        hash.update(buffer, size_t(n));
    }
}

} // namespace hako::image_store
