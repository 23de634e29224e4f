// A read-only merged view of overlay layers, for reading a container's or an image's files
// as the container sees them (docker export, a volume's first copy-up) without running it.
#pragma once

#include <string>
#include <vector>

namespace hako {

class MergedView {
public:
    // `layers`: top first (an upper dir may be the first). Mounted as an overlay without an
    // upper dir, so nothing can be written through it, on a new directory under `parentDir`.
    // A single layer needs no mount: the view is the layer itself.
    MergedView(const std::vector<std::string> &layers, const std::string &parentDir);
    ~MergedView(); // detaches the mount and removes its directory
    MergedView(const MergedView &) = delete;
    MergedView &operator=(const MergedView &) = delete;

    const std::string &path() const { return path_; }

private:
    std::string mountpoint_; // empty when nothing was mounted
    std::string path_;
};

} // namespace hako
