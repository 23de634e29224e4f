#include "layer_stream.h"

#include "error.h"

#include <archive_entry.h>
#include <unistd.h>

namespace hako::layer {

namespace {

constexpr size_t kReadSize = size_t(1) << 20;
constexpr uint64_t kProgressEvery = uint64_t(4) << 20;

} // namespace

DecompressedStream::DecompressedStream(int fd, std::function<void(uint64_t)> onProgress)
    : fd_(fd), onProgress_(std::move(onProgress)), raw_(archive_read_new()), buffer_(kReadSize)
{
    if (!raw_)
        throw Error("layer: cannot allocate an archive reader");
    supportLayerCompressions(raw_.get());
    archive_read_support_format_raw(raw_.get());
    if (archive_read_open(raw_.get(), this, nullptr, readCompressed, nullptr) != ARCHIVE_OK) {
        rethrowIfFailed();
        throw BadContentError("layer: " + archiveError(raw_.get()));
    }
    archive_entry *entry = nullptr;
    if (archive_read_next_header(raw_.get(), &entry) != ARCHIVE_OK) {
        rethrowIfFailed();
        throw BadContentError("layer: " + archiveError(raw_.get()));
    }
}

la_ssize_t DecompressedStream::readCompressed(struct archive *, void *self, const void **buffer)
{
    auto *stream = static_cast<DecompressedStream *>(self);
    try {
        for (;;) {
            const ssize_t n = ::read(stream->fd_, stream->buffer_.data(), stream->buffer_.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throwSys("read layer");
            *buffer = stream->buffer_.data();
            stream->compressedBytes_ += uint64_t(n);
            if (stream->onProgress_ && (n == 0 || stream->compressedBytes_ - stream->reportedBytes_ >= kProgressEvery)) {
                stream->reportedBytes_ = stream->compressedBytes_;
                stream->onProgress_(stream->compressedBytes_);
            }
            return n;
        }
    } catch (...) {
        stream->failure_ = std::current_exception();
        return -1;
    }
}

la_ssize_t DecompressedStream::nextBlock(const void **buffer)
{
    size_t size = 0;
    la_int64_t offset = 0;
    const int r = archive_read_data_block(raw_.get(), buffer, &size, &offset);
    if (r == ARCHIVE_EOF)
        return 0;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
        rethrowIfFailed();
        throw BadContentError("layer: " + archiveError(raw_.get()));
    }
    hash_.update(*buffer, size);
    decompressedBytes_ += size;
    return static_cast<la_ssize_t>(size);
}

// The tar reader's source: the raw reader's blocks, handed over without a copy (each stays
// valid until the next call, as libarchive asks of a read callback).
la_ssize_t DecompressedStream::readDecompressed(struct archive *, void *self, const void **buffer)
{
    auto *stream = static_cast<DecompressedStream *>(self);
    try {
        return stream->nextBlock(buffer);
    } catch (...) {
        if (!stream->failure_)
            stream->failure_ = std::current_exception();
        return -1;
    }
}

ArchiveReader DecompressedStream::openTarReader()
{
    ArchiveReader tar(archive_read_new());
    if (!tar)
        throw Error("layer: cannot allocate an archive reader");
    archive_read_support_format_tar(tar.get());
    archive_read_support_format_gnutar(tar.get());
    if (archive_read_open(tar.get(), this, nullptr, readDecompressed, nullptr) != ARCHIVE_OK) {
        rethrowIfFailed();
        throw BadContentError("layer: " + archiveError(tar.get()));
    }
    return tar;
}

void DecompressedStream::drain()
{
    const void *buffer = nullptr;
    while (nextBlock(&buffer) > 0) {
    }
    // The last progress report says everything was read.
    if (onProgress_ && compressedBytes_ != reportedBytes_)
        onProgress_(compressedBytes_);
}

void DecompressedStream::rethrowIfFailed() const
{
    if (failure_)
        std::rethrow_exception(failure_);
}

} // namespace hako::layer
