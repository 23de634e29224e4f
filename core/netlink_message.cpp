#include "netlink_message.h"

#include <algorithm>

namespace hako::netlink {

Request::Request(uint16_t type, uint16_t flags)
{
    nlmsghdr header{};
    header.nlmsg_type = type;
    header.nlmsg_flags = flags;
    appendBytes(&header, sizeof header);
}

void Request::appendBytes(const void *data, size_t size)
{
    const auto *bytes = static_cast<const unsigned char *>(data);
    buffer_.insert(buffer_.end(), bytes, bytes + size);
    pad();
}

void Request::pad()
{
    buffer_.resize(NLMSG_ALIGN(buffer_.size()), 0);
}

void Request::setLength(size_t offset, size_t length, size_t fieldOffset, size_t fieldSize)
{
    // nlmsg_len is 32 bits, rta_len 16: write exactly the field's width.
    if (fieldSize == sizeof(uint32_t)) {
        const auto value = static_cast<uint32_t>(length);
        std::memcpy(buffer_.data() + offset + fieldOffset, &value, sizeof value);
    } else {
        const auto value = static_cast<uint16_t>(length);
        std::memcpy(buffer_.data() + offset + fieldOffset, &value, sizeof value);
    }
}

void Request::put(uint16_t type, const void *data, size_t size)
{
    rtattr attribute{};
    attribute.rta_type = type;
    attribute.rta_len = static_cast<unsigned short>(RTA_LENGTH(size));
    const size_t start = buffer_.size();
    buffer_.resize(start + RTA_SPACE(size), 0);
    std::memcpy(buffer_.data() + start, &attribute, sizeof attribute);
    if (size > 0)
        std::memcpy(buffer_.data() + start + RTA_LENGTH(0), data, size);
}

void Request::putString(uint16_t type, std::string_view text)
{
    const std::string terminated(text);
    put(type, terminated.c_str(), terminated.size() + 1);
}

size_t Request::beginNested(uint16_t type)
{
    const size_t offset = buffer_.size();
    put(type, nullptr, 0);
    return offset;
}

void Request::endNested(size_t offset)
{
    setLength(offset, buffer_.size() - offset, offsetof(rtattr, rta_len), sizeof(uint16_t));
}

const std::vector<unsigned char> &Request::finish(uint32_t sequence)
{
    setLength(0, buffer_.size(), offsetof(nlmsghdr, nlmsg_len), sizeof(uint32_t));
    std::memcpy(buffer_.data() + offsetof(nlmsghdr, nlmsg_seq), &sequence, sizeof sequence);
    return buffer_;
}

Attributes::Attributes(const unsigned char *data, size_t size) : data_(data), size_(size) {}

std::vector<Attributes::Attribute> Attributes::all() const
{
    std::vector<Attribute> result;
    size_t offset = 0;
    while (data_ && offset + sizeof(rtattr) <= size_) {
        rtattr header;
        std::memcpy(&header, data_ + offset, sizeof header);
        // A length that runs past the end (or is shorter than the header) ends the stream:
        // whatever follows cannot be trusted.
        if (header.rta_len < sizeof header || offset + header.rta_len > size_)
            break;
        result.push_back({static_cast<uint16_t>(header.rta_type & NLA_TYPE_MASK),
                          data_ + offset + RTA_LENGTH(0), header.rta_len - RTA_LENGTH(0)});
        offset += RTA_ALIGN(header.rta_len);
    }
    return result;
}

std::optional<Attributes::Attribute> Attributes::find(uint16_t type) const
{
    for (const Attribute &attribute : all())
        if (attribute.type == type)
            return attribute;
    return std::nullopt;
}

std::string Attributes::Attribute::text() const
{
    const auto *chars = reinterpret_cast<const char *>(data);
    return std::string(chars, strnlen(chars, size));
}

uint32_t Attributes::Attribute::u32() const
{
    uint32_t value = 0;
    std::memcpy(&value, data, std::min(size, sizeof value));
    return value;
}

} // namespace hako::netlink
