// The record is a sequence of 'R' <u64 length> <bytes> (tar bytes as they came: headers,
// PAX/GNU metadata, padding, end blocks) and 'F' <u64 size> <u32 length> <path> (a regular
// file's content, read back from the unpacked layer).
#include "layer_tarsplit.h"

#include "error.h"
#include "fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace hako {

namespace {

constexpr size_t kBlock = 512;
constexpr size_t kFlushAt = 1 << 20;
constexpr size_t kMaxMetadata = 1 << 20;

uint64_t padding(uint64_t size)
{
    return (kBlock - size % kBlock) % kBlock;
}

std::string cString(const char *field, size_t max)
{
    return std::string(field, strnlen(field, max));
}

uint64_t sizeField(const char *block)
{
    const auto *field = reinterpret_cast<const unsigned char *>(block + 124);
    uint64_t size = 0;
    if (field[0] & 0x80) { // base-256, for sizes over 8 GiB
        for (int i = 1; i < 12; ++i)
            size = (size << 8) | field[i];
        return size;
    }
    for (int i = 0; i < 12 && field[i]; ++i)
        if (field[i] >= '0' && field[i] <= '7')
            size = size * 8 + (field[i] - '0');
    return size;
}

// The path an entry's content is found under in the unpacked layer.
std::string layerPath(std::string name)
{
    while (name.starts_with("/") || name.starts_with("./"))
        name.erase(0, name.starts_with("/") ? 1 : 2);
    while (name.ends_with("/"))
        name.pop_back();
    return name;
}

void appendNumber(std::string &out, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out += char((value >> (8 * i)) & 0xff);
}

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

} // namespace

TarSplitRecorder::TarSplitRecorder(std::string path)
    : path_(std::move(path)), fd_(::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600))
{
    if (!fd_)
        throwSys("create", path_);
}

TarSplitRecorder::~TarSplitRecorder() = default;

void TarSplitRecorder::raw(const char *data, size_t size)
{
    buffer_ += 'R';
    appendNumber(buffer_, size, 8);
    buffer_.append(data, size);
    if (buffer_.size() >= kFlushAt)
        flush();
}

void TarSplitRecorder::flush()
{
    writeAll(fd_.get(), buffer_, path_);
    buffer_.clear();
}

void TarSplitRecorder::header(const char *block)
{
    raw(block, kBlock);
    if (std::all_of(block, block + kBlock, [](char c) { return c == 0; })) {
        state_ = State::Trailer;
        return;
    }
    uint64_t size = sizeField(block);
    const char type = block[156];
    if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        metaType_ = type;
        payloadSize_ = remaining_ = size;
        state_ = State::MetaPayload;
        if (size == 0)
            metaDone();
        return;
    }
    std::string name = cString(block, 100);
    if (std::memcmp(block + 257, "ustar\0", 6) == 0 && block[345])
        name = cString(block + 345, 155) + "/" + name;
    if (!nextPath_.empty())
        name = nextPath_;
    if (nextSize_ != UINT64_MAX)
        size = nextSize_;
    nextPath_.clear();
    nextSize_ = UINT64_MAX;
    if (type == 'S')
        usable_ = false; // a sparse file's payload is not its content
    if ((type == '0' || type == '\0' || type == '7') && size > 0) {
        buffer_ += 'F';
        appendNumber(buffer_, size, 8);
        const std::string path = layerPath(name);
        appendNumber(buffer_, path.size(), 4);
        buffer_ += path;
        payloadSize_ = remaining_ = size;
        state_ = State::FilePayload;
    } else {
        remaining_ = size + padding(size); // any other payload is kept as it is
        state_ = remaining_ ? State::Padding : State::Header;
    }
}

void TarSplitRecorder::metaDone()
{
    if (metaType_ == 'L') {
        nextPath_ = cString(pending_.data(), pending_.size());
    } else if (metaType_ == 'x') {
        // "<length> key=value\n" records.
        for (size_t pos = 0; pos < pending_.size();) {
            const size_t space = pending_.find(' ', pos);
            if (space == std::string::npos)
                break;
            const size_t length = std::strtoull(pending_.c_str() + pos, nullptr, 10);
            if (length == 0 || pos + length > pending_.size())
                break;
            const std::string record = pending_.substr(space + 1, pos + length - space - 2);
            if (record.starts_with("path="))
                nextPath_ = record.substr(5);
            else if (record.starts_with("size="))
                nextSize_ = std::strtoull(record.c_str() + 5, nullptr, 10);
            pos += length;
        }
    }
    pending_.clear();
    remaining_ = padding(payloadSize_);
    state_ = remaining_ ? State::Padding : State::Header;
}

void TarSplitRecorder::feed(const char *data, size_t size)
{
    while (size > 0) {
        size_t take = 0;
        switch (state_) {
        case State::Header:
            take = std::min(size, kBlock - pending_.size());
            pending_.append(data, take);
            if (pending_.size() == kBlock) {
                const std::string block = std::exchange(pending_, {});
                header(block.data());
            }
            break;
        case State::MetaPayload:
            take = size_t(std::min<uint64_t>(size, remaining_));
            raw(data, take);
            if (pending_.size() < kMaxMetadata)
                pending_.append(data, take);
            else
                usable_ = false; // metadata this large is no tar a writer makes
            if ((remaining_ -= take) == 0)
                metaDone();
            break;
        case State::FilePayload:
            take = size_t(std::min<uint64_t>(size, remaining_));
            if ((remaining_ -= take) == 0) {
                remaining_ = padding(payloadSize_);
                state_ = remaining_ ? State::Padding : State::Header;
            }
            break;
        case State::Padding:
            take = size_t(std::min<uint64_t>(size, remaining_));
            raw(data, take);
            if ((remaining_ -= take) == 0)
                state_ = State::Header;
            break;
        case State::Trailer:
            take = size;
            raw(data, take);
            break;
        }
        data += take;
        size -= take;
    }
}

void TarSplitRecorder::finish()
{
    if (!pending_.empty() && state_ == State::Header)
        raw(pending_.data(), pending_.size()); // a truncated last block, kept as it came
    flush();
    if (!usable_ || state_ == State::FilePayload) {
        fd_.reset();
        ::unlink(path_.c_str());
        return;
    }
    if (::fsync(fd_.get()) < 0)
        throwSys("fsync", path_);
}

bool reassembleTar(const std::string &recordPath, const std::string &diffDir, int outFd)
{
    if (!pathExists(recordPath))
        return false;
    const std::string record = readFile(recordPath);
    const UniqueFd diffFd(::open(diffDir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!diffFd)
        return false;
    auto number = [&](size_t pos, int bytes) {
        uint64_t value = 0;
        for (int i = bytes - 1; i >= 0; --i)
            value = (value << 8) | static_cast<unsigned char>(record[pos + size_t(i)]);
        return value;
    };
    std::vector<char> buffer(1 << 16);
    for (size_t pos = 0; pos < record.size();) {
        const char kind = record[pos];
        if (pos + 9 > record.size())
            return false;
        const uint64_t size = number(pos + 1, 8);
        if (kind == 'R') {
            if (pos + 9 + size > record.size() || !writeAll(outFd, record.data() + pos + 9, size_t(size)))
                return false;
            pos += 9 + size;
            continue;
        }
        if (kind != 'F' || pos + 13 > record.size())
            return false;
        const size_t pathLength = size_t(number(pos + 9, 4));
        const std::string path = record.substr(pos + 13, pathLength);
        pos += 13 + pathLength;
        const UniqueFd file = openat2InRoot(diffFd.get(), path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        struct stat st {};
        if (!file || ::fstat(file.get(), &st) < 0 || !S_ISREG(st.st_mode) || uint64_t(st.st_size) != size)
            return false;
        for (uint64_t left = size; left > 0;) {
            const ssize_t n = ::read(file.get(), buffer.data(), size_t(std::min<uint64_t>(left, buffer.size())));
            if (n <= 0 || !writeAll(outFd, buffer.data(), size_t(n)))
                return false;
            left -= uint64_t(n);
        }
    }
    return true;
}

} // namespace hako
