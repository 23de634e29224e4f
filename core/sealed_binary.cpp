#include "sealed_binary.h"

#include "error.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <thread>

namespace hako {

namespace {

UniqueFd executableMemfd(const std::string &name)
{
#ifdef MFD_EXEC
    // Kernels with vm.memfd_noexec want executability asked for; older ones refuse the flag.
    UniqueFd memfd(::memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC));
    if (memfd || errno != EINVAL)
        return memfd;
#endif
    return UniqueFd(::memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING));
}

// What identifies one version of an installed file.
struct FileVersion {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    timespec modified{};

    bool operator==(const FileVersion &o) const
    {
        return device == o.device && inode == o.inode && size == o.size &&
               modified.tv_sec == o.modified.tv_sec && modified.tv_nsec == o.modified.tv_nsec;
    }
};

FileVersion versionOf(const struct stat &st)
{
    return {st.st_dev, st.st_ino, st.st_size, st.st_mtim};
}

struct CachedCopy {
    FileVersion version;
    UniqueFd fd;
};

} // namespace

UniqueFd sealedCopy(const std::string &path, const std::string &name)
{
    UniqueFd source(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!source)
        throwSys("open", path);
    struct stat st {};
    if (::fstat(source.get(), &st) < 0)
        throwSys("stat", path);
    UniqueFd memfd = executableMemfd(name);
    if (!memfd)
        throwSys("memfd_create", name);
    for (off_t offset = 0; offset < st.st_size;) {
        const ssize_t n = ::sendfile(memfd.get(), source.get(), &offset,
                                     static_cast<size_t>(st.st_size - offset));
        if (n <= 0)
            throwSys("copy into a memfd", path, n == 0 ? EIO : errno);
    }
    // F_SEAL_WRITE answers EBUSY while any of the memfd's pages holds an extra reference —
    // freshly written pages can, for a moment, sit in another CPU's LRU batch (seen under load
    // in CI). Nothing else holds this fd, so the references only go away: try again shortly.
    constexpr int kSealAttempts = 50;
    for (int attempt = 1;; ++attempt) {
        if (::fcntl(memfd.get(), F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) == 0)
            break;
        if (errno != EBUSY || attempt == kSealAttempts)
            throwSys("seal the memfd copy of", path);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return memfd;
}

int cachedSealedCopy(const std::string &path, const std::string &name)
{
    static std::mutex mutex;
    static std::map<std::string, CachedCopy> copies;
    struct stat st {};
    if (::stat(path.c_str(), &st) < 0)
        throwSys("stat", path);
    const std::lock_guard lock(mutex);
    CachedCopy &cached = copies[path];
    if (!cached.fd || !(cached.version == versionOf(st))) {
        cached.fd = sealedCopy(path, name);
        cached.version = versionOf(st);
    }
    return cached.fd.get();
}

} // namespace hako
