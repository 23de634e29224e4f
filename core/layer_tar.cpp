// writeLayerTar: a directory tree as a layer tar (docker commit's upper directory, docker
// export's merged view). Walked through directory fds without following a symlink; names in
// byte order so the same tree always gives the same tar, hence the same diffID.
#include "layer_unpack.h"

#include "archive_handle.h"
#include "error.h"
#include "fs.h"
#include "layer_metadata.h"
#include "sha256.h"

#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <map>
#include <set>
#include <vector>

namespace hako {

namespace {

struct EntryFree {
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};
using Entry = std::unique_ptr<archive_entry, EntryFree>;

struct Output {
    int fd = -1;
    Sha256 hash;
    uint64_t bytes = 0;
    std::exception_ptr failure;

    static la_ssize_t write(struct archive *, void *self, const void *data, size_t size)
    {
        auto *out = static_cast<Output *>(self);
        try {
            const char *p = static_cast<const char *>(data);
            for (size_t left = size; left > 0;) {
                const ssize_t n = ::write(out->fd, p, left);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0)
                    throwSys("write layer tar");
                p += n;
                left -= size_t(n);
            }
            out->hash.update(data, size);
            out->bytes += size;
            return static_cast<la_ssize_t>(size);
        } catch (...) {
            out->failure = std::current_exception();
            return -1;
        }
    }
};

// xattr names and values of one file, trusted.overlay.* left out (and reported apart).
struct Xattrs {
    std::vector<std::pair<std::string, std::string>> kept;
    bool opaque = false;
};

Xattrs readXattrs(int fd, const std::string &procPath)
{
    Xattrs out;
    std::string names(4096, '\0');
    ssize_t n = fd >= 0 ? ::flistxattr(fd, names.data(), names.size())
                        : ::llistxattr(procPath.c_str(), names.data(), names.size());
    if (n < 0 && errno == ERANGE) {
        names.resize(65536);
        n = fd >= 0 ? ::flistxattr(fd, names.data(), names.size())
                    : ::llistxattr(procPath.c_str(), names.data(), names.size());
    }
    for (ssize_t pos = 0; n > 0 && pos < n;) {
        const std::string name(names.data() + pos);
        pos += ssize_t(name.size()) + 1;
        std::string value(65536, '\0');
        const ssize_t size = fd >= 0 ? ::fgetxattr(fd, name.c_str(), value.data(), value.size())
                                     : ::lgetxattr(procPath.c_str(), name.c_str(), value.data(), value.size());
        if (size < 0)
            continue; // gone meanwhile, or too big for a tar anyone reads
        value.resize(size_t(size));
        if (name == "trusted.overlay.opaque")
            out.opaque = value == "y";
        else if (!layer::isOverlayXattr(name.c_str()))
            out.kept.emplace_back(name, std::move(value));
    }
    return out;
}

class TreeWriter {
public:
    TreeWriter(struct archive *tar, Output &out, const LayerTarOptions &options)
        : tar_(tar), out_(out), options_(options), emptyDirs_(options.emptyDirs.begin(), options.emptyDirs.end())
    {
    }

    void writeDirectory(int dirFd, const std::string &prefix);

private:
    void writeChild(int dirFd, const std::string &name, const std::string &path);
    void writeHeader(archive_entry *entry, const std::string &path);
    void writeContent(int fd, const std::string &path);
    void writeWhiteout(const std::string &path, const struct stat &st);

    struct archive *tar_;
    Output &out_;
    const LayerTarOptions &options_;
    std::set<std::string> emptyDirs_;
    std::map<std::pair<dev_t, ino_t>, std::string> linkTargets_;
};

std::vector<std::string> sortedNames(int dirFd, const std::string &path)
{
    DirHandle stream(::fdopendir(::dup(dirFd)));
    if (!stream)
        throwSys("read directory", path);
    std::vector<std::string> names;
    while (const dirent *child = ::readdir(stream.get())) {
        const std::string name = child->d_name;
        if (name != "." && name != "..")
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

void TreeWriter::writeDirectory(int dirFd, const std::string &prefix)
{
    for (const std::string &name : sortedNames(dirFd, prefix.empty() ? "." : prefix))
        writeChild(dirFd, name, prefix + name);
}

void TreeWriter::writeHeader(archive_entry *entry, const std::string &path)
{
    if (archive_write_header(tar_, entry) < ARCHIVE_WARN) {
        if (out_.failure)
            std::rethrow_exception(out_.failure);
        throw Error("write layer tar: " + path + ": " + archiveError(tar_));
    }
}

void TreeWriter::writeWhiteout(const std::string &path, const struct stat &st)
{
    const size_t slash = path.rfind('/');
    const std::string name = slash == std::string::npos ? ".wh." + path
                                                        : path.substr(0, slash + 1) + ".wh." + path.substr(slash + 1);
    Entry entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0600);
    archive_entry_set_size(entry.get(), 0);
    archive_entry_set_uid(entry.get(), st.st_uid);
    archive_entry_set_gid(entry.get(), st.st_gid);
    archive_entry_set_mtime(entry.get(), st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    writeHeader(entry.get(), name);
}

void TreeWriter::writeChild(int dirFd, const std::string &name, const std::string &path)
{
    struct stat st {};
    if (::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
        throwSys("stat", path);
    if (S_ISSOCK(st.st_mode))
        return; // a tar cannot hold a socket; it is recreated by whoever listens
    if (options_.ociWhiteouts && S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0))
        return writeWhiteout(path, st);
    UniqueFd fd;
    if (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)) {
        // O_NONBLOCK: a running container may swap the file for a fifo after the stat; the
        // fd's own type and inode are then checked against what was stat'ed.
        fd.reset(::openat(dirFd, name.c_str(),
                          O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | (S_ISDIR(st.st_mode) ? O_DIRECTORY : 0)));
        if (!fd)
            throwSys("open", path);
        struct stat opened {};
        if (::fstat(fd.get(), &opened) < 0)
            throwSys("stat", path);
        if (opened.st_ino != st.st_ino || opened.st_dev != st.st_dev || (opened.st_mode & S_IFMT) != (st.st_mode & S_IFMT))
            throw Error("write layer tar: " + path + " changed while it was being read");
    }
    const Xattrs xattrs = readXattrs(fd.get(), "/proc/self/fd/" + std::to_string(dirFd) + "/" + name);
    Entry entry(archive_entry_new());
    archive_entry_copy_stat(entry.get(), &st);
    archive_entry_set_pathname(entry.get(), path.c_str());
    for (const auto &[key, value] : xattrs.kept)
        archive_entry_xattr_add_entry(entry.get(), key.c_str(), value.data(), value.size());
    if (S_ISLNK(st.st_mode)) {
        std::string target(size_t(st.st_size) + 1, '\0');
        const ssize_t n = ::readlinkat(dirFd, name.c_str(), target.data(), target.size());
        if (n < 0)
            throwSys("read symlink", path);
        target.resize(size_t(n));
        archive_entry_set_symlink(entry.get(), target.c_str());
    }
    if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
        const auto [it, first] = linkTargets_.try_emplace({st.st_dev, st.st_ino}, path);
        if (!first) {
            archive_entry_set_hardlink(entry.get(), it->second.c_str());
            archive_entry_set_size(entry.get(), 0);
            return writeHeader(entry.get(), path);
        }
    }
    if (!S_ISREG(st.st_mode))
        archive_entry_set_size(entry.get(), 0);
    writeHeader(entry.get(), path);
    if (S_ISREG(st.st_mode))
        writeContent(fd.get(), path);
    if (!S_ISDIR(st.st_mode))
        return;
    if (options_.ociWhiteouts && xattrs.opaque)
        writeWhiteout(path + "/.wh..opq", st); // → DIR/.wh..wh..opq
    if (!emptyDirs_.contains(path))
        writeDirectory(fd.get(), path + "/");
}

void TreeWriter::writeContent(int fd, const std::string &path)
{
    std::vector<char> buffer(size_t(1) << 20);
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throwSys("read", path);
        if (n == 0)
            return;
        // A file that grew since its header is cut at the size the header gave (libarchive
        // writes no more); one that shrank is padded with zeros.
        if (archive_write_data(tar_, buffer.data(), size_t(n)) < 0) {
            if (out_.failure)
                std::rethrow_exception(out_.failure);
            throw Error("write layer tar: " + path + ": " + archiveError(tar_));
        }
    }
}

} // namespace

LayerTarResult writeLayerTar(const std::string &dir, int outFd, const LayerTarOptions &options)
{
    const UniqueFd root(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!root)
        throwSys("open", dir);
    ArchiveWriter tar(archive_write_new());
    if (!tar)
        throw Error("write layer tar: cannot allocate an archive writer");
    Output out;
    out.fd = outFd;
    // PAX where a header needs it (long names, xattrs, big ids), ustar otherwise; no padding
    // past the end-of-archive blocks, as Docker writes layers.
    archive_write_set_format_pax_restricted(tar.get());
    archive_write_set_bytes_in_last_block(tar.get(), 1);
    if (archive_write_open(tar.get(), &out, nullptr, Output::write, nullptr) != ARCHIVE_OK)
        throw Error("write layer tar: " + archiveError(tar.get()));
    TreeWriter(tar.get(), out, options).writeDirectory(root.get(), "");
    if (archive_write_close(tar.get()) != ARCHIVE_OK) {
        if (out.failure)
            std::rethrow_exception(out.failure);
        throw Error("write layer tar: " + archiveError(tar.get()));
    }
    return {"sha256:" + out.hash.hexDigest(), out.bytes};
}

} // namespace hako
