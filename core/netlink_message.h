// Building and reading rtnetlink messages by hand (netlink.cpp's internals): a request is one
// nlmsghdr, the family's fixed header (ifinfomsg, ifaddrmsg, rtmsg) and attributes, some of
// them nested. Everything is written with memcpy into a byte buffer, so nothing depends on
// the buffer's alignment.
#pragma once

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hako::netlink {

class Request
{
  public:
    Request(uint16_t type, uint16_t flags);

    // The family's fixed header, written right after the nlmsghdr (and inside a nested
    // attribute such as VETH_INFO_PEER, which carries an ifinfomsg of its own).
    template <typename T> void append(const T &header) { appendBytes(&header, sizeof header); }
    void put(uint16_t type, const void *data, size_t size);
    void putU8(uint16_t type, uint8_t value) { put(type, &value, sizeof value); }
    void putU32(uint16_t type, uint32_t value) { put(type, &value, sizeof value); }
    void putString(uint16_t type, std::string_view text); // NUL-terminated, as the kernel wants
    // Returns the offset of the nested attribute's header, to hand to endNested.
    size_t beginNested(uint16_t type);
    void endNested(size_t offset);

    // The finished message, with its length and `sequence` filled in.
    const std::vector<unsigned char> &finish(uint32_t sequence);

  private:
    void appendBytes(const void *data, size_t size);
    void pad();
    void setLength(size_t offset, size_t length, size_t fieldOffset, size_t fieldSize);

    std::vector<unsigned char> buffer_;
};

// One reply message (nlmsghdr included), copied out of the receive buffer.
struct Message {
    uint16_t type = 0;
    std::vector<unsigned char> payload; // after the nlmsghdr

    // The family's fixed header at the start of the payload (zeroed when it is too short).
    template <typename T> T header() const
    {
        T value{};
        if (payload.size() >= sizeof value)
            std::memcpy(&value, payload.data(), sizeof value);
        return value;
    }
};

// A view of an attribute stream: the attributes after a fixed header, or inside a nested one.
class Attributes
{
  public:
    Attributes(const unsigned char *data, size_t size);
    template <typename T> static Attributes after(const Message &message)
    {
        const size_t start = NLMSG_ALIGN(sizeof(T));
        if (message.payload.size() < start)
            return {nullptr, 0};
        return {message.payload.data() + start, message.payload.size() - start};
    }

    struct Attribute {
        uint16_t type; // NLA_F_NESTED and NLA_F_NET_BYTEORDER masked off
        const unsigned char *data;
        size_t size;

        std::string text() const; // up to the NUL
        uint32_t u32() const;
        Attributes nested() const { return {data, size}; }
    };
    std::optional<Attribute> find(uint16_t type) const;
    std::vector<Attribute> all() const;

  private:
    const unsigned char *data_;
    size_t size_;
};

// Sends `request` on the rtnetlink socket `fd` and collects the replies that carry its
// sequence number: for a dump, every message up to NLMSG_DONE; otherwise (the request asks
// for NLM_F_ACK) whatever comes before the acknowledgement. A refusal throws SysError with
// `step` and `subject` ("create bridge", "hako0") and the kernel's own words when it has any.
// `subject` is only asked for on a refusal (a link known by index is looked up by name then).
std::vector<Message> exchange(int fd, uint32_t sequence, Request &request, std::string_view step,
                              const std::function<std::string()> &subject);
inline std::vector<Message> exchange(int fd, uint32_t sequence, Request &request,
                                     std::string_view step, const std::string &subject)
{
    return exchange(fd, sequence, request, step, [&] { return subject; });
}

} // namespace hako::netlink
