// RAII for libarchive's reader and writer handles, and the error text they carry.
#pragma once

#include <archive.h>

#include <memory>
#include <string>

namespace hako {

struct ArchiveReadFree {
    void operator()(struct archive *a) const { archive_read_free(a); }
};
struct ArchiveWriteFree {
    void operator()(struct archive *a) const { archive_write_free(a); }
};
using ArchiveReader = std::unique_ptr<struct archive, ArchiveReadFree>;
using ArchiveWriter = std::unique_ptr<struct archive, ArchiveWriteFree>;

// libarchive's own description of its last failure, lower-cased like our other messages.
inline std::string archiveError(struct archive *a)
{
    const char *text = archive_error_string(a);
    // libarchive leaves the message empty (NULL) for an input that simply ends.
    std::string message = text ? text : "unexpected end of data";
    if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z')
        message[0] = static_cast<char>(message[0] - 'A' + 'a');
    return message;
}

// The compressions image layers and archives use, each through its library. Never
// archive_read_support_filter_all: it would also let a hostile archive make libarchive run
// external programs (lrzip, lzop, grzip) — as root, in the helper.
inline void supportLayerCompressions(struct archive *a)
{
    archive_read_support_filter_gzip(a);
    archive_read_support_filter_zstd(a);
    archive_read_support_filter_xz(a);
    archive_read_support_filter_bzip2(a);
}

} // namespace hako
