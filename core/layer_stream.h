// The decompressed byte stream of a layer and its digest: one libarchive reader in raw format
// takes off whatever compression the layer has (gzip, zstd, xz, bzip2 or none), every byte it
// yields is hashed on its way to the tar reader, so the diffID costs no second pass.
// Internal to layer_unpack.
#pragma once

#include "archive_handle.h"
#include "sha256.h"

#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace hako::layer {

class DecompressedStream {
public:
    DecompressedStream(int fd, std::function<void(uint64_t)> onProgress);

    // Opens a tar reader fed by this stream; it must not outlive the stream.
    ArchiveReader openTarReader();
    // Hashes what follows the tar's end (its padding to a record) so the digest covers the
    // whole stream, as `sha256sum` of the uncompressed file does.
    void drain();
    // A failure inside a libarchive callback (read error, a throwing progress callback),
    // kept there since C cannot carry exceptions: rethrown by the caller when set.
    void rethrowIfFailed() const;

    std::string hexDigest() { return hash_.hexDigest(); }
    uint64_t bytes() const { return decompressedBytes_; }
    uint64_t compressedBytes() const { return compressedBytes_; }

private:
    static la_ssize_t readCompressed(struct archive *, void *self, const void **buffer);
    static la_ssize_t readDecompressed(struct archive *, void *self, const void **buffer);
    la_ssize_t nextBlock(const void **buffer);

    int fd_;
    std::function<void(uint64_t)> onProgress_;
    ArchiveReader raw_;
    std::vector<char> buffer_;
    Sha256 hash_;
    uint64_t compressedBytes_ = 0;
    uint64_t reportedBytes_ = 0;
    uint64_t decompressedBytes_ = 0;
    std::exception_ptr failure_;
};

} // namespace hako::layer
