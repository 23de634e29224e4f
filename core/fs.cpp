#include "fs.h"

#include "error.h"
#include "fd.h"

#include <fcntl.h>
#include <ftw.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <utility>
#include <ctime>

namespace hako {

UniqueFd openat2InRoot(int rootFd, const std::string &path, int flags)
{
    open_how how{};
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    // The kernel answers EAGAIN when a rename or mount anywhere on the host raced the
    // resolution of a ".." (it cannot prove the walk stayed inside): safe to retry.
    constexpr int kRaceRetries = 64;
    for (int attempt = 0;; ++attempt) {
        const long fd = ::syscall(SYS_openat2, rootFd, path.c_str(), &how, sizeof how);
        if (fd >= 0 || (errno != EAGAIN && errno != EINTR) || attempt == kRaceRetries)
            return UniqueFd(static_cast<int>(fd));
    }
}

std::string readFile(const std::string &path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        throwSys("open", path);
    std::string out;
    char buf[8192];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwSys("read", path);
        }
        if (n == 0)
            return out;
        out.append(buf, static_cast<size_t>(n));
    }
}

std::string readUntilEof(int fd)
{
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0)
            out.append(buf, static_cast<size_t>(n));
        else if (n == 0 || errno != EINTR)
            return out;
    }
}

void writeAll(int fd, std::string_view content, const std::string &path)
{
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwSys("write", path);
        }
        content.remove_prefix(static_cast<size_t>(n));
    }
}

static std::string parentDir(const std::string &path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

void writeFileAtomic(const std::string &path, std::string_view content, unsigned mode,
                     Durability durability)
{
    // A temp name of its own per writer: two writers never share (or truncate) one file.
    std::string tmp = path + ".tmp-XXXXXX";
    {
        UniqueFd fd(::mkostemp(tmp.data(), O_CLOEXEC));
        if (!fd)
            throwSys("create", tmp);
        if (::fchmod(fd.get(), mode) < 0)
            throwSys("chmod", tmp);
        try {
            writeAll(fd.get(), content, tmp);
            if (durability != Durability::None && ::fsync(fd.get()) < 0)
                throwSys("fsync", tmp);
        } catch (...) {
            ::unlink(tmp.c_str()); // disk full: leave no half-written temp file behind
            throw;
        }
    }
    if (::rename(tmp.c_str(), path.c_str()) < 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throwSys("rename", tmp, err);
    }
    if (durability == Durability::Full)
        syncDirectory(parentDir(path));
}

void syncDirectory(const std::string &path)
{
    UniqueFd dirFd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirFd)
        ::fsync(dirFd.get()); // the renames are already visible to readers either way
}

void writeFile(const std::string &path, std::string_view content)
{
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd)
        throwSys("open", path);
    writeAll(fd.get(), content, path);
}

void makeDirs(const std::string &path, unsigned mode)
{
    if (path.empty())
        return;
    // Usually only the leaf is missing: try it before walking down from the root.
    if (::mkdir(path.c_str(), mode) == 0 || errno == EEXIST)
        return;
    size_t pos = 0;
    while (pos != std::string::npos) {
        pos = path.find('/', pos + 1);
        const std::string part = path.substr(0, pos);
        if (::mkdir(part.c_str(), mode) < 0 && errno != EEXIST)
            throwSys("mkdir", part);
    }
}

bool pathExists(const std::string &path)
{
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0;
}

static int removeEntry(const char *path, const struct stat *, int type, struct FTW *)
{
    const int rc = (type == FTW_DP) ? ::rmdir(path) : ::unlink(path);
    return (rc < 0 && errno != ENOENT) ? -1 : 0;
}

void removeTree(const std::string &path)
{
    if (!pathExists(path))
        return;
    if (::nftw(path.c_str(), removeEntry, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) < 0)
        throwSys("remove", path);
}

namespace {
// nftw's callback takes no context: treeBytes' walk state, one walk per thread at a time.
thread_local std::set<std::pair<dev_t, ino_t>> *tSeenInodes = nullptr;
thread_local uint64_t tTreeBytes = 0;

int addTreeEntry(const char *, const struct stat *st, int type, FTW *)
{
    if (type == FTW_F && S_ISREG(st->st_mode) && tSeenInodes->insert({st->st_dev, st->st_ino}).second)
        tTreeBytes += static_cast<uint64_t>(st->st_size);
    return 0;
}
} // namespace

uint64_t treeBytes(const std::string &path)
{
    std::set<std::pair<dev_t, ino_t>> seen;
    tSeenInodes = &seen;
    tTreeBytes = 0;
    const int rc = ::nftw(path.c_str(), addTreeEntry, 32, FTW_PHYS | FTW_MOUNT);
    const int err = errno;
    tSeenInodes = nullptr;
    if (rc < 0 && err != ENOENT)
        throwSys("measure", path, err);
    return tTreeBytes;
}

int64_t nowUnixNanos()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::string formatTimestamp(int64_t unixNanos)
{
    const time_t secs = static_cast<time_t>(unixNanos / 1000000000);
    const long nanos = static_cast<long>(unixNanos % 1000000000);
    struct tm tm {};
    ::gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, nanos);
    return buf;
}

} // namespace hako
