// Images Hako can run. For now: the embedded default image, `busybox`, which core builds by
// itself from Debian's busybox-static, so everything works with no registry. The layered
// store, import and pull come with the images issue and keep this interface.
#pragma once

#include <cstdint>
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
    // The SHA-256 of its image.json (its config), as a Docker image's id is its config's
    // digest: the same image has the same id on every machine.
    std::string id;
    int64_t createdAt = 0; // unix nanoseconds: when it was made (image.json is written once)
};

class ImageStore {
public:
    // `imagesDir` is <state root>/images; `busyboxBinary` is the static busybox to embed.
    explicit ImageStore(std::string imagesDir, std::string busyboxBinary = "/bin/busybox");

    // Returns the image, building the embedded busybox image on first use.
    Image get(const std::string &name) const;
    std::vector<Image> list() const;
    Image ensureBusybox() const;
    // Bytes of the image's files (regular files and symlinks, each inode once), as `docker
    // images` shows SIZE. Walks the rootfs: for listings, not for every start.
    static uint64_t diskSize(const Image &image);

private:
    Image loadImage(const std::string &name) const;
    std::string imagesDir_;
    std::string busyboxBinary_;
};

} // namespace hako
