#include "layer_tar_builder.h"

#include <stdexcept>

namespace hako::test {

namespace {

struct EntryFree {
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};
using Entry = std::unique_ptr<archive_entry, EntryFree>;

Entry newEntry(const std::string &path, unsigned type, unsigned mode)
{
    Entry entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), path.c_str());
    archive_entry_set_filetype(entry.get(), type);
    archive_entry_set_perm(entry.get(), mode);
    archive_entry_set_mtime(entry.get(), 1700000000, 0);
    return entry;
}

} // namespace

TarBuilder::TarBuilder(Compression compression) : archive_(archive_write_new())
{
    archive_write_set_format_pax(archive_);
    archive_write_set_bytes_in_last_block(archive_, 1);
    if (compression == Compression::None)
        archive_write_set_bytes_per_block(archive_, 0); // every byte out at once: see claimOnly
    if (compression == Compression::Gzip)
        archive_write_add_filter_gzip(archive_);
    else if (compression == Compression::Zstd)
        archive_write_add_filter_zstd(archive_);
    if (archive_write_open(archive_, this, nullptr, append, nullptr) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(archive_));
}

TarBuilder::~TarBuilder()
{
    archive_write_free(archive_);
}

la_ssize_t TarBuilder::append(struct archive *, void *self, const void *data, size_t size)
{
    auto *builder = static_cast<TarBuilder *>(self);
    if (builder->cut_)
        return -1; // stops the writer's close from padding a claimed size with zeros
    builder->bytes_.append(static_cast<const char *>(data), size);
    return static_cast<la_ssize_t>(size);
}

void TarBuilder::add(archive_entry *entry, const std::string &data)
{
    if (archive_write_header(archive_, entry) < ARCHIVE_WARN)
        throw std::runtime_error(archive_error_string(archive_));
    if (!data.empty() && archive_write_data(archive_, data.data(), data.size()) < 0)
        throw std::runtime_error(archive_error_string(archive_));
}

TarBuilder &TarBuilder::file(const std::string &path, const std::string &content, Meta meta)
{
    Entry entry = newEntry(path, AE_IFREG, meta.mode);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
    archive_entry_set_uid(entry.get(), meta.uid);
    archive_entry_set_gid(entry.get(), meta.gid);
    archive_entry_set_mtime(entry.get(), meta.mtime, 0);
    for (const auto &[name, value] : meta.xattrs)
        archive_entry_xattr_add_entry(entry.get(), name.c_str(), value.data(), value.size());
    add(entry.get(), content);
    return *this;
}

TarBuilder &TarBuilder::dir(const std::string &path, Meta meta)
{
    Entry entry = newEntry(path, AE_IFDIR, meta.mode);
    archive_entry_set_uid(entry.get(), meta.uid);
    archive_entry_set_gid(entry.get(), meta.gid);
    archive_entry_set_mtime(entry.get(), meta.mtime, 0);
    for (const auto &[name, value] : meta.xattrs)
        archive_entry_xattr_add_entry(entry.get(), name.c_str(), value.data(), value.size());
    add(entry.get(), {});
    return *this;
}

TarBuilder &TarBuilder::symlink(const std::string &path, const std::string &target)
{
    Entry entry = newEntry(path, AE_IFLNK, 0777);
    archive_entry_set_symlink(entry.get(), target.c_str());
    add(entry.get(), {});
    return *this;
}

TarBuilder &TarBuilder::hardlink(const std::string &path, const std::string &target)
{
    Entry entry = newEntry(path, AE_IFREG, 0644);
    archive_entry_set_hardlink(entry.get(), target.c_str());
    archive_entry_set_size(entry.get(), 0);
    add(entry.get(), {});
    return *this;
}

TarBuilder &TarBuilder::node(const std::string &path, unsigned type, unsigned major, unsigned minor)
{
    Entry entry = newEntry(path, type, 0600);
    archive_entry_set_rdevmajor(entry.get(), major);
    archive_entry_set_rdevminor(entry.get(), minor);
    add(entry.get(), {});
    return *this;
}

TarBuilder &TarBuilder::claimOnly(const std::string &path, int64_t size)
{
    Entry entry = newEntry(path, AE_IFREG, 0644);
    archive_entry_set_size(entry.get(), size);
    if (archive_write_header(archive_, entry.get()) < ARCHIVE_WARN)
        throw std::runtime_error(archive_error_string(archive_));
    archive_write_data(archive_, "x", 1);
    // Closing would pad the entry with zeros up to its claim: the stream is cut here instead.
    cut_ = true;
    finished_ = true;
    return *this;
}

std::string TarBuilder::finish()
{
    if (!finished_)
        archive_write_close(archive_);
    finished_ = true;
    return bytes_;
}

} // namespace hako::test
