#include "merged_view.h"

#include "error.h"

#include <sys/mount.h>
#include <unistd.h>

#include <cstdlib>

namespace hako {

MergedView::MergedView(const std::vector<std::string> &layers, const std::string &parentDir)
{
    if (layers.empty())
        throw Error("merged view under " + parentDir + ": no layers");
    if (layers.size() == 1) {
        path_ = layers.front();
        return;
    }
    std::string dir = parentDir + "/.view-XXXXXX";
    if (!::mkdtemp(dir.data()))
        throwSys("create", dir);
    std::string lower;
    for (const auto &layer : layers)
        lower += (lower.empty() ? "" : ":") + layer;
    // Read-only, and without an upper dir overlayfs refuses writes itself; nosuid/nodev so
    // nothing in a layer is usable as a host setuid binary or device while it is mounted.
    const std::string data = "lowerdir=" + lower;
    if (::mount("overlay", dir.c_str(), "overlay", MS_RDONLY | MS_NOSUID | MS_NODEV, data.c_str()) < 0) {
        const int err = errno;
        ::rmdir(dir.c_str());
        throwSys("mount overlay (" + data + ")", dir, err);
    }
    mountpoint_ = dir;
    path_ = dir;
}

MergedView::~MergedView()
{
    if (mountpoint_.empty())
        return;
    ::umount2(mountpoint_.c_str(), MNT_DETACH);
    ::rmdir(mountpoint_.c_str());
}

} // namespace hako
