// unpackLayer: the tar reader's loop. What each entry becomes is layer_entry.cpp's; how paths
// stay beneath the layer layer_dir.cpp's; the decompression and digest layer_stream.cpp's.
#include "layer_unpack.h"

#include "archive_handle.h"
#include "error.h"
#include "layer_dir.h"
#include "layer_entry.h"
#include "layer_stream.h"

#include <archive_entry.h>

namespace hako {

namespace {

std::string entryName(archive_entry *entry)
{
    const char *name = archive_entry_pathname(entry);
    if (!name)
        name = archive_entry_pathname_utf8(entry);
    return name ? name : "";
}

void checkCancelled(const UnpackOptions &options)
{
    if (options.cancel && options.cancel->load(std::memory_order_relaxed))
        throw CancelledError("layer unpack cancelled");
}

// Writes one entry; any failure comes out naming it, keeping whether it was the content's
// fault (BadContentError), the caller's (CancelledError) or the system's (Error).
void writeNamed(layer::EntryWriter &writer, archive_entry *entry, const layer::DecompressedStream &stream)
{
    const std::string prefix = "layer entry \"" + entryName(entry) + "\": ";
    try {
        try {
            writer.write(entry);
        } catch (const BadContentError &) {
            // A failed read inside libarchive surfaces as its own error text; the cause
            // kept by the stream (an I/O error, a cancel) says more.
            stream.rethrowIfFailed();
            throw;
        }
    } catch (const CancelledError &) {
        throw;
    } catch (const BadContentError &e) {
        throw BadContentError(prefix + e.what());
    } catch (const std::exception &e) {
        throw Error(prefix + e.what());
    }
}

} // namespace

UnpackResult unpackLayer(int fd, const std::string &dir, const UnpackOptions &options)
{
    layer::LayerDir layerDir(dir);
    layer::DecompressedStream stream(fd, options.onProgress);
    const ArchiveReader tar = stream.openTarReader();
    layer::EntryWriter writer(layerDir, tar.get(), options);
    for (;;) {
        checkCancelled(options);
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(tar.get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
            stream.rethrowIfFailed();
            throw BadContentError("layer: " + archiveError(tar.get()));
        }
        writeNamed(writer, entry, stream);
    }
    stream.drain();
    writer.finishDirectories();
    UnpackResult result;
    result.diffId = "sha256:" + stream.hexDigest();
    result.tarBytes = stream.bytes();
    result.unpackedBytes = writer.unpackedBytes();
    return result;
}

} // namespace hako
