// resize and attach: requests to the monitor's control socket (see helper/monitor/control.h).
#include "engine.h"

#include "error.h"
#include "sync.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>

namespace hako {

namespace {

UniqueFd connectMonitor(const std::string &containerDir)
{
    UniqueFd dir(::open(containerDir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir)
        throwSys("open", containerDir);
    UniqueFd sock(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
    if (!sock)
        throwSys("socket");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    // Through the directory fd: a deep state root would overflow sun_path otherwise.
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "/proc/self/fd/%d/monitor.sock", dir.get());
    if (::connect(sock.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof addr) < 0)
        throwSys("connect to hako-monitor", containerDir + "/monitor.sock");
    return sock;
}

SyncMessage request(const std::string &containerDir, const std::string &name, const std::string &text)
{
    UniqueFd sock = connectMonitor(containerDir);
    sendSync(sock.get(), SyncType::Go, text);
    auto reply = receiveSync(sock.get());
    if (!reply)
        throw Error(name + ": hako-monitor closed the connection");
    if (reply->type == SyncType::Error)
        throw StateError(name + ": " + reply->text);
    return std::move(*reply);
}

} // namespace

SyncMessage Engine::askMonitor(const std::string &id, const ContainerState &state, const std::string &text) const
{
    try {
        return request(store_.containerDir(id), state.name, text);
    } catch (const Error &) {
        // A container that ends just as we ask has a monitor that is leaving or gone: that is
        // "not running" (InvalidState for a client), not a failed system call.
        if (const std::string why = whyCannotExec(refreshedState(id)); !why.empty())
            throw StateError(why);
        throw;
    }
}

void Engine::resize(const std::string &nameOrId, ConsoleSize size) const
{
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    if (const std::string why = whyCannotExec(state); !why.empty())
        throw StateError(why);
    askMonitor(id, state, "resize " + std::to_string(size.height) + " " + std::to_string(size.width));
}

UniqueFd Engine::attach(const std::string &nameOrId) const
{
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    if (const std::string why = whyCannotExec(state); !why.empty())
        throw StateError(why);
    SyncMessage reply = askMonitor(id, state, "attach");
    if (!reply.fd)
        throw Error(state.name + ": hako-monitor sent no input to attach to");
    return std::move(reply.fd);
}

} // namespace hako
