#include "sync.h"

#include "error.h"

#include <sys/socket.h>

#include <cstring>
#include <vector>

namespace hako {

std::pair<UniqueFd, UniqueFd> makeSyncPair()
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) < 0)
        throwSys("socketpair");
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

void sendSync(int sock, SyncType type, const std::string &text, int fd)
{
    std::string payload(1, static_cast<char>(type));
    payload += text;
    iovec iov{payload.data(), payload.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))]{};
    if (fd >= 0) {
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int));
        std::memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
    }
    while (::sendmsg(sock, &msg, MSG_NOSIGNAL) < 0)
        if (errno != EINTR)
            throwSys("send sync message");
}

std::optional<SyncMessage> receiveSync(int sock)
{
    std::vector<char> buf(64 * 1024);
    iovec iov{buf.data(), buf.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))]{};
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    while ((n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC)) < 0)
        if (errno != EINTR)
            throwSys("receive sync message");
    if (n == 0)
        return std::nullopt;
    SyncMessage out{static_cast<SyncType>(buf[0]), std::string(buf.data() + 1, size_t(n) - 1), {}};
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
            out.fd.reset(fd);
        }
    }
    return out;
}

} // namespace hako
