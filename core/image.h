// Images Hako can run. For now: the embedded default image, `busybox`, which core builds by
// itself from Debian's busybox-static, so everything works with no registry. The layered
// store, import and pull come with the images issue and keep this interface.
#pragma once

#include <string>
#include <vector>

namespace hako {

struct ImageConfig {
    std::vector<std::string> env;
    std::vector<std::string> entrypoint;
    std::vector<std::string> cmd;
    std::string workingDir;
};

struct Image {
    std::string name;   // "busybox"
    std::string rootfs; // read-only lower layer
    ImageConfig config;
};

class ImageStore {
public:
    // `imagesDir` is <state root>/images; `busyboxBinary` is the static busybox to embed.
    explicit ImageStore(std::string imagesDir, std::string busyboxBinary = "/bin/busybox");

    // Returns the image, building the embedded busybox image on first use.
    Image get(const std::string &name) const;
    std::vector<Image> list() const;
    Image ensureBusybox() const;

private:
    Image loadImage(const std::string &name) const;
    std::string imagesDir_;
    std::string busyboxBinary_;
};

} // namespace hako
