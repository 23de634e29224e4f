// Builds layer tars in memory for the unpacker's tests, hostile ones included: libarchive's
// writer puts names down as given ("../x", "/etc/x"), never sanitising them.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hako::test {

enum class Compression { None, Gzip, Zstd };

struct EntryMeta {
    unsigned mode = 0644;
    int64_t uid = 0;
    int64_t gid = 0;
    int64_t mtime = 1700000000;
    std::vector<std::pair<std::string, std::string>> xattrs = {};
};

class TarBuilder {
public:
    explicit TarBuilder(Compression compression = Compression::None);
    ~TarBuilder();
    TarBuilder(const TarBuilder &) = delete;
    TarBuilder &operator=(const TarBuilder &) = delete;

    using Meta = EntryMeta;

    TarBuilder &file(const std::string &path, const std::string &content, Meta meta = {});
    TarBuilder &dir(const std::string &path, Meta meta = {.mode = 0755});
    TarBuilder &symlink(const std::string &path, const std::string &target);
    TarBuilder &hardlink(const std::string &path, const std::string &target);
    TarBuilder &node(const std::string &path, unsigned type, unsigned major = 0, unsigned minor = 0);
    // A header claiming `size` bytes with no data behind it: the stream ends there.
    TarBuilder &claimOnly(const std::string &path, int64_t size);

    std::string finish(); // the archive's bytes; the builder is spent

private:
    void add(archive_entry *entry, const std::string &data);
    static la_ssize_t append(struct archive *, void *self, const void *data, size_t size);

    struct archive *archive_;
    std::string bytes_;
    bool finished_ = false;
    bool cut_ = false;
};

} // namespace hako::test
