// Creates one tar entry of a layer beneath its LayerDir: files, directories, symlinks,
// hardlinks, device nodes, fifos and whiteouts, with their owners, modes, xattrs and times.
// Internal to layer_unpack.
#pragma once

#include "layer_dir.h"
#include "layer_unpack.h"

#include <sys/stat.h>

#include <map>
#include <string>

struct archive;
struct archive_entry;

namespace hako::layer {

class EntryWriter {
public:
    EntryWriter(LayerDir &dir, struct archive *tar, const UnpackOptions &options);

    // Throws BadContentError (refused or malformed) or SysError; the caller names the entry.
    void write(struct archive_entry *entry);
    // Directories' times, last: every child created in a directory changed its mtime.
    void finishDirectories();

    uint64_t unpackedBytes() const { return unpackedBytes_; }

private:
    void writeDirectory(struct archive_entry *entry, const std::string &path);
    void writeFile(struct archive_entry *entry, const std::string &path);
    void writeSymlink(struct archive_entry *entry, const std::string &path);
    void writeNode(struct archive_entry *entry, const std::string &path);
    void writeHardlink(struct archive_entry *entry, const std::string &path);
    void writeWhiteout(const std::string &path);
    void checkClaim(struct archive_entry *entry, int fileFd);
    void copyData(int fileFd);
    void checkCancelled() const;

    LayerDir &dir_;
    struct archive *tar_;
    const UnpackOptions &options_;
    uint64_t claimedBytes_ = 0;
    uint64_t unpackedBytes_ = 0;
    std::map<std::string, std::pair<timespec, timespec>> directoryTimes_;
};

} // namespace hako::layer
