// The container's /dev: a fresh tmpfs holding only the standard device nodes, so nothing
// else of the host's hardware is reachable from inside.
#include "rootfs.h"

#include "error.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace hako {

namespace {

struct DeviceNode {
    const char *name;
    unsigned major, minor;
};

constexpr DeviceNode kStandardDevices[] = {
    {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7},
    {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
};

constexpr std::pair<const char *, const char *> kStandardLinks[] = {
    {"fd", "/proc/self/fd"},
    {"stdin", "/proc/self/fd/0"},
    {"stdout", "/proc/self/fd/1"},
    {"stderr", "/proc/self/fd/2"},
};

// In a user namespace mknod is refused, so the host's node is bind-mounted onto an empty file.
void bindHostDevice(int devFd, const DeviceNode &dev)
{
    UniqueFd file(::openat(devFd, dev.name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!file)
        throwSys("create", std::string("/dev/") + dev.name);
    const std::string target = fdPath(file.get());
    doMount(std::string("/dev/") + dev.name, target, "", MS_BIND, "", std::string("/dev/") + dev.name);
}

} // namespace

void populateDev(int rootFd, bool userNamespace)
{
    const UniqueFd dev = openInRoot(rootFd, "/dev", false);
    UniqueFd devDir(::openat(dev.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!devDir)
        throwSys("open", "/dev");
    const mode_t oldMask = ::umask(0);
    try {
        for (const auto &node : kStandardDevices) {
            if (userNamespace) {
                bindHostDevice(devDir.get(), node);
            } else if (::mknodat(devDir.get(), node.name, S_IFCHR | 0666,
                                 makedev(node.major, node.minor)) < 0) {
                throwSys("mknod", std::string("/dev/") + node.name);
            }
        }
        for (const auto &[name, target] : kStandardLinks)
            if (::symlinkat(target, devDir.get(), name) < 0)
                throwSys("symlink", std::string("/dev/") + name);
    } catch (...) {
        ::umask(oldMask);
        throw;
    }
    ::umask(oldMask);
}

} // namespace hako
