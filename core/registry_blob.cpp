#include "registry_blob.h"

#include "error.h"
#include "fs.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace hako {

namespace {

class Sha256Stream {
public:
    Sha256Stream() { reset(); }
    void reset()
    {
        ctx_.reset(EVP_MD_CTX_new());
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
            throw Error("cannot initialise SHA-256");
    }
    void update(std::string_view data) { EVP_DigestUpdate(ctx_.get(), data.data(), data.size()); }
    // The digest of what was hashed so far; the stream can go on.
    std::string digest() const
    {
        const std::unique_ptr<EVP_MD_CTX, Free> copy(EVP_MD_CTX_new());
        if (!copy || EVP_MD_CTX_copy_ex(copy.get(), ctx_.get()) != 1)
            throw Error("cannot copy a SHA-256 state");
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(copy.get(), md, &length);
        static constexpr char hex[] = "0123456789abcdef";
        std::string out = "sha256:";
        for (unsigned int i = 0; i < length; ++i)
            out += {hex[md[i] >> 4], hex[md[i] & 15]};
        return out;
    }

private:
    struct Free {
        void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> ctx_;
};

// Opens and locks `path`, waiting for another pull that holds it. A holder may have removed
// or replaced the file before we got the lock: then the lock is on a dead inode, so open again.
UniqueFd openLocked(const std::string &path, const std::atomic<bool> *cancel)
{
    for (;;) {
        UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
        if (!fd)
            throwSys("open", path);
        while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK)
                throwSys("flock", path);
            if (cancel && cancel->load())
                throw CancelledError("pull cancelled while waiting for " + path);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        struct stat held {}, named {};
        if (::fstat(fd.get(), &held) != 0)
            throwSys("fstat", path);
        if (::stat(path.c_str(), &named) == 0 && named.st_ino == held.st_ino && named.st_dev == held.st_dev)
            return fd;
    }
}

// Hashes what an earlier pull left; returns the bytes kept (0 when they were useless).
uint64_t rehashPartial(int fd, const std::string &path, const Descriptor &blob, Sha256Stream &hash)
{
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        throwSys("fstat", path);
    const uint64_t size = uint64_t(st.st_size);
    if (size == 0 || (blob.size && size > blob.size)) {
        if (size && ::ftruncate(fd, 0) != 0)
            throwSys("truncate", path);
        return 0;
    }
    std::vector<char> buffer(1 << 20);
    for (uint64_t offset = 0; offset < size;) {
        const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), off_t(offset));
        if (n < 0)
            throwSys("read", path);
        if (n == 0)
            break;
        hash.update({buffer.data(), size_t(n)});
        offset += uint64_t(n);
    }
    return size;
}

} // namespace

void DownloadedBlob::discard()
{
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
        throwSys("unlink", path_);
}

namespace {

// One blob's bytes on their way into its locked partial file.
class Transfer {
public:
    Transfer(UniqueFd fd, std::string path, const Descriptor &blob, const BlobFetchOptions &options)
        : fd_(std::move(fd)), path_(std::move(path)), blob_(blob), options_(options)
    {
    }

    // Takes up what an earlier pull left, when it is still good.
    void resume()
    {
        have_ = rehashPartial(fd_.get(), path_, blob_, hash_);
        if (have_ && have_ == blob_.size && hash_.digest() != blob_.digest) // complete but spoilt
            restart();
        if (::lseek(fd_.get(), off_t(have_), SEEK_SET) < 0)
            throwSys("seek", path_);
    }

    bool complete() const { return blob_.size && have_ >= blob_.size; }

    void fetchRest(RegistryClient &client, const std::string &url)
    {
        HttpRequest request;
        request.followRedirects = true;
        if (have_)
            request.headers.push_back("Range: bytes=" + std::to_string(have_) + "-");
        bool first = true;
        request.sink = [&](std::string_view piece, long status) {
            if (std::exchange(first, false) && status == 200 && have_)
                restart(); // the registry ignored the Range and sends the whole blob
            hash_.update(piece);
            writeAll(fd_.get(), piece, path_);
            have_ += piece.size();
            fetched_ += piece.size();
            progress("Downloading");
            return !tooBig();
        };
        progress("Downloading");
        HttpResponse response;
        try {
            response = client.get("blobs/" + blob_.digest, request);
        } catch (const HttpTransportError &) {
            if (!tooBig())
                throw; // what arrived stays: the next pull resumes from it
            return;    // verify() says what is wrong
        }
        if (response.status == 416 && have_) { // the partial does not fit the blob: start over
            restart();
            request.headers.clear();
            response = client.get("blobs/" + blob_.digest, request);
        }
        if (response.status == 404) {
            ::unlink(path_.c_str());
            throw NotFoundError("blob " + blob_.digest + " not found at " + url);
        }
        if (response.status < 200 || response.status >= 300)
            throw Error("GET " + url + " answered " + std::to_string(response.status) + ": "
                        + RegistryClient::errorText(response));
    }

    DownloadedBlob verify(const std::string &url)
    {
        progress("Verifying");
        const std::string actual = hash_.digest();
        if (actual != blob_.digest || (blob_.size && have_ != blob_.size)) {
            ::unlink(path_.c_str());
            throw BadContentError("blob " + blob_.digest + " from " + url + " does not match its digest (got "
                                  + actual + ", " + std::to_string(have_) + " bytes, expected "
                                  + std::to_string(blob_.size) + "); discarded");
        }
        if (::lseek(fd_.get(), 0, SEEK_SET) != 0)
            throwSys("seek", path_);
        // Complete and verified, nobody writes to it any more: let go of the lock now. Holding
        // it until the layer is unpacked would deadlock two pulls that each wait for all their
        // downloads while holding a blob the other wants. The next pull to take the lock finds
        // the bytes complete and uses them without fetching.
        ::flock(fd_.get(), LOCK_UN);
        return DownloadedBlob(std::move(fd_), path_, fetched_);
    }

private:
    bool tooBig() const { return blob_.size && have_ > blob_.size; }
    void restart()
    {
        if (::ftruncate(fd_.get(), 0) != 0 || ::lseek(fd_.get(), 0, SEEK_SET) != 0)
            throwSys("truncate", path_);
        hash_.reset();
        have_ = 0;
    }
    void progress(const char *status) const
    {
        if (options_.onProgress)
            options_.onProgress(status, have_, blob_.size);
    }

    UniqueFd fd_;
    std::string path_;
    const Descriptor &blob_;
    const BlobFetchOptions &options_;
    Sha256Stream hash_;
    uint64_t have_ = 0;
    uint64_t fetched_ = 0;
};

} // namespace

std::optional<DownloadedBlob> fetchBlob(RegistryClient &client, const Descriptor &blob,
                                        const BlobFetchOptions &options)
{
    std::filesystem::create_directories(options.downloadDir);
    const std::string path = options.downloadDir + "/" + blob.digest.substr(7) + ".partial";
    const std::string url = client.url("blobs/" + blob.digest);
    UniqueFd fd = openLocked(path, options.cancel);
    if (options.alreadyDone && options.alreadyDone()) {
        ::unlink(path.c_str());
        return std::nullopt;
    }
    Transfer transfer(std::move(fd), path, blob, options);
    transfer.resume();
    if (!transfer.complete())
        transfer.fetchRest(client, url);
    return transfer.verify(url);
}

} // namespace hako
