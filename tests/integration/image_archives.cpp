#include "image_archives.h"

#include "error.h"
#include "fs.h"
#include "sha256.h"

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include <sys/mman.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace hako::test {

namespace {

using nlohmann::json;

la_ssize_t appendToString(archive *, void *out, const void *data, size_t size)
{
    static_cast<std::string *>(out)->append(static_cast<const char *>(data), size);
    return la_ssize_t(size);
}

void writeBlob(const std::string &dir, const std::string &content)
{
    makeDirs(dir + "/blobs/sha256");
    writeFileAtomic(dir + "/blobs/sha256/" + sha256Digest(content).substr(7), content);
}

json descriptorOf(const std::string &mediaType, const std::string &content)
{
    return {{"mediaType", mediaType}, {"digest", sha256Digest(content)}, {"size", content.size()}};
}

std::string imageConfig(const std::vector<std::string> &diffIds, const std::string &cmd)
{
    return json({{"architecture", "amd64"},
                 {"os", "linux"},
                 {"created", "2026-01-02T03:04:05.5Z"},
                 {"config", {{"Cmd", {cmd}}, {"Env", {"PATH=/bin"}}}},
                 {"rootfs", {{"type", "layers"}, {"diff_ids", diffIds}}},
                 {"history", json::array()}})
        .dump();
}

} // namespace

std::string makeTar(const std::vector<TarEntry> &entries, Compression compression)
{
    std::string out;
    std::unique_ptr<archive, int (*)(archive *)> a(archive_write_new(), archive_write_free);
    archive_write_set_format_pax_restricted(a.get());
    if (compression == Compression::Gzip)
        archive_write_add_filter_gzip(a.get());
    else if (compression == Compression::Zstd)
        archive_write_add_filter_zstd(a.get());
    archive_write_set_bytes_in_last_block(a.get(), 1);
    if (archive_write_open(a.get(), &out, nullptr, appendToString, nullptr) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(a.get()));
    for (const auto &e : entries) {
        std::unique_ptr<archive_entry, void (*)(archive_entry *)> entry(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(entry.get(), e.path.c_str());
        archive_entry_set_perm(entry.get(), e.mode);
        archive_entry_set_mtime(entry.get(), 1700000000, 0);
        if (e.kind == TarEntry::Dir) {
            archive_entry_set_filetype(entry.get(), AE_IFDIR);
        } else if (e.kind == TarEntry::Symlink) {
            archive_entry_set_filetype(entry.get(), AE_IFLNK);
            archive_entry_set_symlink(entry.get(), e.content.c_str());
        } else {
            archive_entry_set_filetype(entry.get(), AE_IFREG);
            archive_entry_set_size(entry.get(), la_int64_t(e.content.size()));
        }
        archive_write_header(a.get(), entry.get());
        if (e.kind == TarEntry::File)
            archive_write_data(a.get(), e.content.data(), e.content.size());
    }
    archive_write_close(a.get());
    return out;
}

std::vector<std::string> tarNames(const std::string &tar)
{
    std::unique_ptr<archive, int (*)(archive *)> a(archive_read_new(), archive_read_free);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_memory(a.get(), tar.data(), tar.size()) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(a.get()));
    std::vector<std::string> names;
    archive_entry *entry = nullptr;
    while (archive_read_next_header(a.get(), &entry) == ARCHIVE_OK)
        names.emplace_back(archive_entry_pathname(entry));
    return names;
}

UniqueFd memoryFd(const std::string &content)
{
    UniqueFd fd(::memfd_create("hako-test", MFD_CLOEXEC));
    if (!fd || ::write(fd.get(), content.data(), content.size()) != ssize_t(content.size()))
        throw std::runtime_error("memfd");
    ::lseek(fd.get(), 0, SEEK_SET);
    return fd;
}

std::string sha256Digest(const std::string &content)
{
    return "sha256:" + sha256Hex(content);
}

BuiltImage addToOciLayout(const std::string &dir, const std::vector<LayoutLayer> &layers,
                          const std::string &refName, const std::string &cmd)
{
    BuiltImage built;
    json layerDescriptors = json::array();
    for (const auto &layer : layers) {
        built.diffIds.push_back(sha256Digest(layer.tar));
        std::string blob = layer.tar;
        std::string mediaType = "application/vnd.oci.image.layer.v1.tar";
        if (layer.compression != Compression::None) {
            // The same tar bytes through the compressor (libarchive's raw format: no framing).
            std::unique_ptr<archive, int (*)(archive *)> w(archive_write_new(), archive_write_free);
            blob.clear();
            archive_write_set_format_raw(w.get());
            if (layer.compression == Compression::Gzip) {
                archive_write_add_filter_gzip(w.get());
                mediaType += "+gzip";
            } else {
                archive_write_add_filter_zstd(w.get());
                mediaType += "+zstd";
            }
            archive_write_set_bytes_in_last_block(w.get(), 1);
            archive_write_open(w.get(), &blob, nullptr, appendToString, nullptr);
            std::unique_ptr<archive_entry, void (*)(archive_entry *)> entry(archive_entry_new(), archive_entry_free);
            archive_entry_set_filetype(entry.get(), AE_IFREG);
            archive_entry_set_pathname(entry.get(), "layer");
            archive_write_header(w.get(), entry.get());
            archive_write_data(w.get(), layer.tar.data(), layer.tar.size());
            archive_write_close(w.get());
        }
        built.blobDigests.push_back(sha256Digest(blob));
        writeBlob(dir, blob);
        layerDescriptors.push_back(descriptorOf(mediaType, blob));
    }
    const std::string config = imageConfig(built.diffIds, cmd);
    built.configDigest = sha256Digest(config);
    writeBlob(dir, config);
    const std::string manifest =
        json({{"schemaVersion", 2},
              {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
              {"config", descriptorOf("application/vnd.oci.image.config.v1+json", config)},
              {"layers", layerDescriptors}})
            .dump();
    writeBlob(dir, manifest);
    json index = {{"schemaVersion", 2}, {"manifests", json::array()}};
    if (pathExists(dir + "/index.json"))
        index = json::parse(readFile(dir + "/index.json"));
    json descriptor = descriptorOf("application/vnd.oci.image.manifest.v1+json", manifest);
    if (!refName.empty())
        descriptor["annotations"] = {{"org.opencontainers.image.ref.name", refName}};
    index["manifests"].push_back(descriptor);
    writeFileAtomic(dir + "/index.json", index.dump());
    writeFileAtomic(dir + "/oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
    return built;
}

BuiltImage makeDockerSaveDir(const std::string &dir, const std::vector<std::string> &layerTars,
                             const std::vector<std::string> &repoTags)
{
    BuiltImage built;
    json layerPaths = json::array();
    for (size_t i = 0; i < layerTars.size(); ++i) {
        built.diffIds.push_back(sha256Digest(layerTars[i]));
        const std::string layerDir = dir + "/layer" + std::to_string(i);
        makeDirs(layerDir);
        writeFileAtomic(layerDir + "/layer.tar", layerTars[i]);
        layerPaths.push_back("layer" + std::to_string(i) + "/layer.tar");
    }
    const std::string config = imageConfig(built.diffIds, "sh");
    built.configDigest = sha256Digest(config);
    writeFileAtomic(dir + "/" + built.configDigest.substr(7) + ".json", config);
    writeFileAtomic(dir + "/manifest.json",
                    json::array({{{"Config", built.configDigest.substr(7) + ".json"},
                                  {"RepoTags", repoTags},
                                  {"Layers", layerPaths}}})
                        .dump());
    return built;
}

void tarDirectory(const std::string &dir, const std::string &out)
{
    const std::string command = "tar -C '" + dir + "' -cf '" + out + "' .";
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("failed: " + command);
}

} // namespace hako::test
