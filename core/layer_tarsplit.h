// The exact bytes of a layer's tar, kept without keeping the tar: its headers, padding and
// end blocks are recorded as they came, its file contents as references to the unpacked files
// (as Docker's tar-split does). `docker save` then writes the very tar the layer came from, so
// its digest is still the diffID the image config names, and the image keeps its id.
#pragma once

#include "fd.h"

#include <cstdint>
#include <string>

namespace hako {

// Fed the uncompressed tar stream in pieces of any size; writes the record to `path`. A tar
// it cannot describe (GNU sparse files) leaves no record: save then writes the layer afresh.
class TarSplitRecorder {
public:
    explicit TarSplitRecorder(std::string path);
    TarSplitRecorder(const TarSplitRecorder &) = delete;
    TarSplitRecorder &operator=(const TarSplitRecorder &) = delete;
    ~TarSplitRecorder();
    void feed(const char *data, size_t size);
    void finish(); // flushes; removes the record when the tar was not describable

private:
    enum class State { Header, MetaPayload, FilePayload, Padding, Trailer };
    void raw(const char *data, size_t size);
    void header(const char *block);
    void metaDone();
    void flush();

    std::string path_;
    UniqueFd fd_;
    std::string buffer_;  // records not yet written
    std::string pending_; // a partial header block or metadata payload
    State state_ = State::Header;
    uint64_t remaining_ = 0;  // bytes left in the current payload or padding
    uint64_t payloadSize_ = 0;
    char metaType_ = 0;
    std::string nextPath_; // from a PAX "path" or a GNU long name, for the next entry
    uint64_t nextSize_ = UINT64_MAX; // from a PAX "size"
    bool usable_ = true;
};

// Rebuilds the tar recorded at `recordPath` from the files under `diffDir` into `outFd`;
// false when the record is missing or a file no longer matches (the caller checks the digest).
bool reassembleTar(const std::string &recordPath, const std::string &diffDir, int outFd);

} // namespace hako
