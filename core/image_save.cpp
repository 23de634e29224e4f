// docker save: images as one OCI image layout tarball — oci-layout, index.json (each tag a
// descriptor annotated with containerd's full name and the OCI ref.name, as containerd and
// Docker 25+ write them), blobs/sha256/ — plus Docker's manifest.json and repositories, so
// both `docker load` and OCI tools (skopeo, umoci) take it. Layers are uncompressed tars
// written afresh from the unpacked layers.
#include "image.h"

#include "error.h"
#include "image_ref.h"
#include "image_load.h"
#include "image_store_internal.h"
#include "layer_tarsplit.h"
#include "sha256.h"

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace hako {

using namespace image_store;
using nlohmann::json;

namespace {

struct ArchiveWriteFree {
    void operator()(archive *a) const { archive_write_free(a); }
};

class LayoutWriter {
public:
    explicit LayoutWriter(int outFd) : a_(archive_write_new())
    {
        archive_write_set_format_pax_restricted(a_.get());
        if (archive_write_open_fd(a_.get(), outFd) != ARCHIVE_OK)
            fail("open output");
        directory("blobs");
        directory("blobs/sha256");
    }

    void directory(const std::string &name)
    {
        header(name, AE_IFDIR, 0755, 0);
    }

    void file(const std::string &name, const std::string &content)
    {
        header(name, AE_IFREG, 0644, content.size());
        if (archive_write_data(a_.get(), content.data(), content.size()) != la_ssize_t(content.size()))
            fail(name);
    }

    // Copies `size` bytes of `fd` from its start.
    void fileFrom(const std::string &name, int fd, uint64_t size)
    {
        header(name, AE_IFREG, 0644, size);
        char buffer[1 << 16];
        for (uint64_t done = 0; done < size;) {
            const ssize_t n = ::pread(fd, buffer, sizeof buffer, off_t(done));
            if (n <= 0)
                throwSys("read layer tar for", name);
            if (archive_write_data(a_.get(), buffer, size_t(n)) != n)
                fail(name);
            done += uint64_t(n);
        }
    }

    std::string blob(const std::string &content)
    {
        const std::string digest = "sha256:" + sha256Hex(content);
        if (written_.insert(digest).second)
            file("blobs/sha256/" + digest.substr(7), content);
        return digest;
    }

    bool hasBlob(const std::string &digest) const { return written_.contains(digest); }
    void markBlob(const std::string &digest) { written_.insert(digest); }

    void close()
    {
        if (archive_write_close(a_.get()) != ARCHIVE_OK)
            fail("finish");
    }

private:
    [[noreturn]] void fail(const std::string &what)
    {
        const char *why = archive_error_string(a_.get());
        throw Error("save: write " + what + ": " + (why ? why : "error"));
    }

    void header(const std::string &name, unsigned type, unsigned mode, uint64_t size)
    {
        std::unique_ptr<archive_entry, void (*)(archive_entry *)> entry(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(entry.get(), name.c_str());
        archive_entry_set_filetype(entry.get(), type);
        archive_entry_set_perm(entry.get(), mode);
        archive_entry_set_size(entry.get(), la_int64_t(size));
        archive_entry_set_mtime(entry.get(), 0, 0); // the same images give the same archive
        if (archive_write_header(a_.get(), entry.get()) != ARCHIVE_OK)
            fail(name);
    }

    std::unique_ptr<archive, ArchiveWriteFree> a_;
    std::set<std::string> written_;
};

json descriptor(const std::string &mediaType, const std::string &digest, uint64_t size)
{
    return {{"mediaType", mediaType}, {"digest", digest}, {"size", size}};
}

struct SavedLayer {
    std::string digest;
    uint64_t size = 0;
};

// The layer as a tar blob, written once per archive: the very tar it came from, rebuilt from
// its tar-split record, so its digest is the diffID the config names. Where that cannot be
// (no record, a file that no longer matches) the tree is written afresh; its digest then
// differs and the config saved with it names the new one.
SavedLayer saveLayer(const std::string &root, const std::string &diffId, LayoutWriter &out,
                     std::map<std::string, SavedLayer> &done)
{
    if (const auto it = done.find(diffId); it != done.end())
        return it->second;
    const std::string layer = layersRoot(root) + "/" + digestHex(diffId, "layer");
    const UniqueFd tar = anonymousTempFile(layersRoot(root));
    SavedLayer saved;
    if (reassembleTar(layer + "/tar-split", layer + "/diff", tar.get())) {
        const off_t size = ::lseek(tar.get(), 0, SEEK_CUR);
        if (::lseek(tar.get(), 0, SEEK_SET) == 0 && fileDigest(tar.get(), layer) == diffId)
            saved = {diffId, uint64_t(size)};
    }
    if (saved.digest.empty()) {
        if (::ftruncate(tar.get(), 0) < 0 || ::lseek(tar.get(), 0, SEEK_SET) < 0)
            throwSys("truncate temporary layer tar in", layersRoot(root));
        LayerTarOptions options;
        options.ociWhiteouts = true;
        const LayerTarResult written = writeLayerTar(layer + "/diff", tar.get(), options);
        saved = {written.diffId, written.tarBytes};
    }
    if (!out.hasBlob(saved.digest)) {
        out.fileFrom("blobs/sha256/" + saved.digest.substr(7), tar.get(), saved.size);
        out.markBlob(saved.digest);
    }
    return done[diffId] = saved;
}

struct SaveRequest {
    std::string id;
    std::vector<std::string> tags; // familiar
};

std::vector<SaveRequest> resolveRequests(const ImageStore &store, const std::vector<std::string> &refs)
{
    std::vector<SaveRequest> requests;
    for (const auto &ref : refs) {
        const Image image = store.get(ref);
        std::string tag;
        if (!ref.starts_with("sha256:")) {
            try {
                const ImageRef parsed = parseImageRef(ref);
                const std::string familiar = parsed.familiar();
                if (parsed.digest.empty()
                    && std::find(image.repoTags.begin(), image.repoTags.end(), familiar) != image.repoTags.end())
                    tag = familiar;
            } catch (const Error &) {
                // an id prefix: saved untagged
            }
        }
        auto it = std::find_if(requests.begin(), requests.end(), [&](const SaveRequest &r) { return r.id == image.id; });
        if (it == requests.end())
            it = requests.insert(requests.end(), {image.id, {}});
        if (!tag.empty() && std::find(it->tags.begin(), it->tags.end(), tag) == it->tags.end())
            it->tags.push_back(tag);
    }
    return requests;
}

} // namespace

void ImageStore::save(const std::vector<std::string> &refs, int outFd) const
{
    if (refs.empty())
        throw SpecError("save: no image given");
    const std::vector<SaveRequest> requests = resolveRequests(*this, refs);
    LayoutWriter out(outFd);
    out.file("oci-layout", json({{"imageLayoutVersion", "1.0.0"}}).dump());
    std::map<std::string, SavedLayer> layers;
    json index = {{"schemaVersion", 2}, {"mediaType", "application/vnd.oci.image.index.v1+json"},
                  {"manifests", json::array()}};
    json dockerManifest = json::array();
    json repositories = json::object();
    for (const auto &request : requests) {
        json config = json::parse(imageConfigBytes(root_, request.id));
        json layerDescriptors = json::array(), layerPaths = json::array(), diffIds = json::array();
        for (const auto &diffId : config["rootfs"]["diff_ids"]) {
            const SavedLayer layer = saveLayer(root_, diffId.get<std::string>(), out, layers);
            layerDescriptors.push_back(descriptor("application/vnd.oci.image.layer.v1.tar", layer.digest, layer.size));
            layerPaths.push_back("blobs/sha256/" + layer.digest.substr(7));
            diffIds.push_back(layer.digest);
        }
        // Unchanged (the same id) unless a foreign layer's tar came out different.
        std::string configText = imageConfigBytes(root_, request.id);
        if (diffIds != config["rootfs"]["diff_ids"]) {
            config["rootfs"]["diff_ids"] = diffIds;
            configText = config.dump();
        }
        const std::string configDigest = out.blob(configText);
        const json manifest = {
            {"schemaVersion", 2},
            {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
            {"config", descriptor("application/vnd.oci.image.config.v1+json", configDigest, configText.size())},
            {"layers", layerDescriptors}};
        const std::string manifestText = manifest.dump();
        const json manifestDescriptor = descriptor("application/vnd.oci.image.manifest.v1+json",
                                                   out.blob(manifestText), manifestText.size());
        if (request.tags.empty())
            index["manifests"].push_back(manifestDescriptor);
        for (const auto &tag : request.tags) {
            const ImageRef ref = parseImageRef(tag);
            json tagged = manifestDescriptor;
            tagged["annotations"] = {{"io.containerd.image.name", ref.canonical()},
                                     {"org.opencontainers.image.ref.name", ref.tag}};
            index["manifests"].push_back(tagged);
            if (!layerPaths.empty())
                repositories[ref.familiarName()][ref.tag] = layerPaths.back().get<std::string>().substr(13);
        }
        dockerManifest.push_back({{"Config", "blobs/sha256/" + configDigest.substr(7)},
                                  {"RepoTags", request.tags},
                                  {"Layers", layerPaths}});
    }
    out.file("index.json", index.dump());
    out.file("manifest.json", dockerManifest.dump());
    if (!repositories.empty())
        out.file("repositories", repositories.dump());
    out.close();
}

} // namespace hako
