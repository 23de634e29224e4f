#include "control.h"

#include "error.h"
#include "process_setup.h"
#include "sync.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace hako::monitor {

namespace {
// sun_path holds 108 bytes; a deep state root would not fit, the fd-relative path always does.
sockaddr_un addressVia(int dirFd, const char *name)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "/proc/self/fd/%d/%s", dirFd, name);
    return addr;
}
} // namespace

ControlServer::ControlServer(const std::string &containerDir)
    : path_(containerDir + "/monitor.sock")
{
    UniqueFd dir(::open(containerDir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir)
        throwSys("open", containerDir);
    ::unlink(path_.c_str());
    listener_.reset(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!listener_)
        throwSys("socket", path_);
    const sockaddr_un addr = addressVia(dir.get(), "monitor.sock");
    const mode_t old = ::umask(0177);
    const int rc = ::bind(listener_.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof addr);
    ::umask(old);
    if (rc < 0)
        throwSys("bind", path_);
    if (::listen(listener_.get(), 8) < 0)
        throwSys("listen", path_);
}

ControlServer::~ControlServer()
{
    ::unlink(path_.c_str());
}

namespace {

void attach(int conn, int ptyMaster, UniqueFd &stdinWrite, bool stdinWasOpen)
{
    if (ptyMaster >= 0) {
        sendSync(conn, SyncType::Pty, {}, ptyMaster);
    } else if (stdinWrite) {
        sendSync(conn, SyncType::Pty, {}, stdinWrite.get());
        stdinWrite.reset(); // the client's copy is the only one now: its close is the EOF
    } else {
        sendSync(conn, SyncType::Error, stdinWasOpen ? "its stdin was taken by an earlier attach"
                                                     : "the container has neither a terminal nor an open stdin");
    }
}

} // namespace

void ControlServer::serveOne(int ptyMaster, UniqueFd &stdinWrite)
{
    if (stdinWrite)
        stdinWasOpen_ = true;
    UniqueFd conn(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!conn)
        return;
    // A client that connects and says nothing must not stall supervision.
    timeval timeout{1, 0};
    ::setsockopt(conn.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    try {
        const auto request = receiveSync(conn.get());
        if (!request)
            return;
        if (request->text == "attach") {
            attach(conn.get(), ptyMaster, stdinWrite, stdinWasOpen_);
        } else if (ptyMaster < 0) {
            sendSync(conn.get(), SyncType::Error, "the container has no terminal");
        } else if (unsigned rows = 0, cols = 0;
                   std::sscanf(request->text.c_str(), "resize %u %u", &rows, &cols) == 2) {
            setWindowSize(ptyMaster, ConsoleSize{rows, cols});
            sendSync(conn.get(), SyncType::Go);
        } else {
            sendSync(conn.get(), SyncType::Error, "unknown request: " + request->text);
        }
    } catch (const std::exception &) {
        // The client went away mid-request; nothing to undo.
    }
}

} // namespace hako::monitor
