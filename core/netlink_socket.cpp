// One request and its replies on an rtnetlink socket.
#include "netlink_message.h"

#include "error.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace hako::netlink {

namespace {

// The kernel's explanation of a refusal (NETLINK_EXT_ACK), empty when it gave none. With
// NETLINK_CAP_ACK the refused request is not echoed, so the TLVs follow the nlmsgerr.
std::string extendedAckMessage(const nlmsghdr &header, const unsigned char *payload, size_t size)
{
    if (!(header.nlmsg_flags & NLM_F_ACK_TLVS) || !(header.nlmsg_flags & NLM_F_CAPPED))
        return {};
    const size_t start = NLMSG_ALIGN(sizeof(nlmsgerr));
    if (size <= start)
        return {};
    const auto message = Attributes(payload + start, size - start).find(NLMSGERR_ATTR_MSG);
    return message ? message->text() : std::string();
}

[[noreturn]] void throwRefusal(int err, std::string_view step, const std::string &subject,
                               const std::string &kernelMessage)
{
    if (kernelMessage.empty())
        throwSys(step, subject, err);
    throwSys(step, subject + "; the kernel says: " + kernelMessage, err);
}

void send(int fd, const std::vector<unsigned char> &bytes, std::string_view step,
          const std::function<std::string()> &subject)
{
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    ssize_t sent;
    do
        sent = ::sendto(fd, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr *>(&kernel),
                        sizeof kernel);
    while (sent < 0 && errno == EINTR);
    if (sent < 0)
        throwSys(std::string(step) + ": send the request", subject());
}

// One datagram from the kernel, however large: a dump's messages may not fit a fixed buffer.
// Datagrams another process sent to our port are dropped: only the kernel answers requests.
size_t receive(int fd, std::vector<unsigned char> &buffer, std::string_view step,
               const std::function<std::string()> &subject)
{
    for (;;) {
        ssize_t size = ::recv(fd, buffer.data(), buffer.size(), MSG_PEEK | MSG_TRUNC);
        if (size >= 0 && static_cast<size_t>(size) > buffer.size())
            buffer.resize(static_cast<size_t>(size));
        sockaddr_nl sender{};
        socklen_t senderSize = sizeof sender;
        if (size >= 0)
            size = ::recvfrom(fd, buffer.data(), buffer.size(), 0,
                              reinterpret_cast<sockaddr *>(&sender), &senderSize);
        if (size >= 0 && sender.nl_pid != 0)
            continue;
        if (size >= 0)
            return static_cast<size_t>(size);
        if (errno != EINTR)
            throwSys(std::string(step) + ": read the reply", subject());
    }
}

} // namespace

std::vector<Message> exchange(int fd, uint32_t sequence, Request &request, std::string_view step,
                              const std::function<std::string()> &subject)
{
    send(fd, request.finish(sequence), step, subject);
    std::vector<Message> replies;
    std::vector<unsigned char> buffer(32 * 1024);
    for (;;) {
        const size_t size = receive(fd, buffer, step, subject);
        size_t offset = 0;
        while (offset + sizeof(nlmsghdr) <= size) {
            nlmsghdr header;
            std::memcpy(&header, buffer.data() + offset, sizeof header);
            if (header.nlmsg_len < sizeof header || offset + header.nlmsg_len > size)
                throwSys(std::string(step) + ": read the reply", subject(), EBADMSG);
            const unsigned char *payload = buffer.data() + offset + NLMSG_HDRLEN;
            const size_t payloadSize = header.nlmsg_len - NLMSG_HDRLEN;
            offset += NLMSG_ALIGN(header.nlmsg_len);
            if (header.nlmsg_seq != sequence)
                continue; // a late reply to an earlier request that failed half-way
            if (header.nlmsg_type == NLMSG_DONE) {
                // A dump that failed part-way says so here, as a negative errno.
                int error = 0;
                if (payloadSize >= sizeof error)
                    std::memcpy(&error, payload, sizeof error);
                if (error < 0)
                    throwRefusal(-error, step, subject(), {});
                return replies;
            }
            if (header.nlmsg_type == NLMSG_ERROR) {
                nlmsgerr error{};
                std::memcpy(&error, payload, std::min(payloadSize, sizeof error));
                if (error.error == 0)
                    return replies; // the acknowledgement
                throwRefusal(-error.error, step, subject(),
                             extendedAckMessage(header, payload, payloadSize));
            }
            replies.push_back({header.nlmsg_type, {payload, payload + payloadSize}});
        }
    }
}

} // namespace hako::netlink
