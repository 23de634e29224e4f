// Layers: unpacked once under layers/.new-<random>/diff, verified, renamed to layers/<hex>.
#include "image_store_internal.h"
#include "layer_tarsplit.h"

#include "archive_handle.h"
#include "error.h"
#include "fs.h"
#include "sha256.h"

#include <archive.h>
#include <nlohmann/json.hpp>

#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <exception>
#include <memory>
#include <thread>

namespace hako::image_store {

namespace {

// A reader of `fd`'s decompressed bytes (the raw format: the stream, not its entries).
ArchiveReader openDecompressed(int fd)
{
    ArchiveReader a(archive_read_new());
    supportLayerCompressions(a.get());
    archive_read_support_format_raw(a.get());
    archive_entry *entry = nullptr;
    if (archive_read_open_fd(a.get(), fd, 1 << 16) != ARCHIVE_OK
        || archive_read_next_header(a.get(), &entry) != ARCHIVE_OK)
        throw BadContentError(std::string("layer: ") + archiveError(a.get()));
    return a;
}

void sendAll(int socket, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(socket, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throwSys("pass layer stream to the unpacker");
        data += n;
        size -= size_t(n);
    }
}

// The decompressed stream of `fd`, to `socket` and `recorder`.
void feedDecompressed(int fd, int socket, TarSplitRecorder &recorder, std::atomic<uint64_t> &compressedRead)
{
    const ArchiveReader a = openDecompressed(fd);
    std::vector<char> buffer(1 << 16);
    for (;;) {
        const la_ssize_t n = archive_read_data(a.get(), buffer.data(), buffer.size());
        if (n < 0)
            throw BadContentError(std::string("layer: ") + archiveError(a.get()));
        if (n == 0)
            return;
        recorder.feed(buffer.data(), size_t(n));
        sendAll(socket, buffer.data(), size_t(n));
        compressedRead = uint64_t(archive_filter_bytes(a.get(), -1));
    }
}

// The digest of the decompressed stream, for a layer already in the store: the stream is
// read to prove it is what it claims to be, but not unpacked a second time.
std::string decompressedDigest(int fd, const UnpackOptions &options)
{
    const ArchiveReader a = openDecompressed(fd);
    Sha256 hash;
    char buffer[1 << 16];
    uint64_t chunks = 0;
    for (;;) {
        const la_ssize_t n = archive_read_data(a.get(), buffer, sizeof buffer);
        if (n < 0)
            throw BadContentError(std::string("layer: ") + archiveError(a.get()));
        if (n == 0)
            break;
        hash.update(buffer, size_t(n));
        if (options.cancel && options.cancel->load())
            throw CancelledError("layer verification cancelled");
        if (options.onProgress && ++chunks % 16 == 0)
            options.onProgress(uint64_t(archive_filter_bytes(a.get(), -1)));
    }
    return "sha256:" + hash.hexDigest();
}

// Unpacks the stream while recording its tar-split: a feeder thread decompresses it, records
// the tar's metadata and passes the plain tar to unpackLayer through a socket (not a pipe:
// send(MSG_NOSIGNAL) fails with EPIPE rather than killing us when the unpacker gives up).
UnpackResult unpackRecording(int fd, const std::string &dir, const UnpackOptions &options)
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
        throwSys("socketpair", dir);
    UniqueFd consumer(pair[0]), producer(pair[1]);
    const int bufferBytes = 1 << 20; // fewer switches between feeder and unpacker
    ::setsockopt(producer.get(), SOL_SOCKET, SO_SNDBUF, &bufferBytes, sizeof bufferBytes);
    TarSplitRecorder recorder(dir + "/tar-split");
    std::atomic<uint64_t> compressedRead{0};
    std::exception_ptr feederError;
    std::thread feeder([&] {
        try {
            feedDecompressed(fd, producer.get(), recorder, compressedRead);
            recorder.finish();
        } catch (...) {
            feederError = std::current_exception();
        }
        ::shutdown(producer.get(), SHUT_WR);
    });
    // Progress is still reported from the caller's thread, in compressed bytes.
    UnpackOptions plain = options;
    plain.onProgress = [&](uint64_t) {
        if (options.onProgress)
            options.onProgress(compressedRead.load());
    };
    std::exception_ptr unpackError;
    UnpackResult result;
    try {
        result = unpackLayer(consumer.get(), dir + "/diff", plain);
    } catch (...) {
        unpackError = std::current_exception();
    }
    ::shutdown(consumer.get(), SHUT_RDWR); // a feeder still sending gets EPIPE, not a hang
    feeder.join();
    if (unpackError && feederError) {
        try {
            std::rethrow_exception(feederError);
        } catch (const BadContentError &) {
            throw; // the stream was broken (bad gzip...): that is the cause
        } catch (...) {
            // the feeder only lost its reader: the unpacker's error says why
        }
    }
    if (unpackError)
        std::rethrow_exception(unpackError);
    if (feederError)
        std::rethrow_exception(feederError);
    return result;
}

void writeLayerJson(const std::string &dir, const UnpackResult &result)
{
    const nlohmann::json meta = {{"diffId", result.diffId},
                                 {"tarBytes", result.tarBytes},
                                 {"unpackedBytes", result.unpackedBytes},
                                 {"created", formatTimestamp(nowUnixNanos())}};
    writeFileAtomic(dir + "/layer.json", meta.dump(2) + "\n", 0644, Durability::FileOnly);
}

bool layerPresent(const std::string &root, const std::string &hex)
{
    return pathExists(layersRoot(root) + "/" + hex + "/layer.json");
}

} // namespace

AddedLayer addLayerTo(const std::string &root, int fd, const std::string &expectedDiffId,
                      const UnpackOptions &options, bool callerHoldsLock)
{
    if (!expectedDiffId.empty()) {
        const std::string hex = digestHex(expectedDiffId, "expected layer diffID");
        if (layerPresent(root, hex)) {
            const std::string actual = decompressedDigest(fd, options);
            if (actual != expectedDiffId)
                throw BadContentError("layer " + expectedDiffId + ": content digest is " + actual);
            return {expectedDiffId, false};
        }
    }
    makeDirs(layersRoot(root), 0700);
    StagingDir staging(layersRoot(root) + "/" + stagingName());
    makeDirs(staging.path() + "/diff", 0755);
    UnpackResult result;
    try {
        result = unpackRecording(fd, staging.path(), options);
    } catch (const CancelledError &) {
        throw;
    } catch (const SysError &) {
        throw; // the host's trouble (no space...), not the layer's
    } catch (const Error &e) {
        throw BadContentError(std::string(e.what()));
    }
    if (!expectedDiffId.empty() && result.diffId != expectedDiffId)
        throw BadContentError("layer " + expectedDiffId + ": content digest is " + result.diffId);
    writeLayerJson(staging.path(), result);
    const std::string hex = digestHex(result.diffId, "layer diffID");
    std::optional<FileLock> lock;
    if (!callerHoldsLock)
        lock.emplace(lockStore(root));
    if (layerPresent(root, hex))
        return {result.diffId, false}; // the same content arrived another way meanwhile
    return {result.diffId, staging.renameTo(layersRoot(root) + "/" + hex)};
}

uint64_t deleteLayer(const std::string &root, const std::string &diffId)
{
    const std::string dir = layersRoot(root) + "/" + digestHex(diffId, "layer diffID");
    uint64_t bytes = 0;
    try {
        bytes = nlohmann::json::parse(readFile(dir + "/layer.json")).value("unpackedBytes", uint64_t(0));
    } catch (const std::exception &) {
    }
    // Renamed aside first, so no reader ever sees a half-removed layer as present.
    const std::string aside = layersRoot(root) + "/.old-" + generateId().substr(0, 16);
    if (::rename(dir.c_str(), aside.c_str()) < 0) {
        if (errno == ENOENT)
            return 0;
        throwSys("rename " + dir + " to", aside);
    }
    removeTree(aside);
    return bytes;
}

} // namespace hako::image_store
