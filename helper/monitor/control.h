// The monitor's control socket, <container dir>/monitor.sock (mode 0600, root only):
// "attach" hands over the container's input as an SCM_RIGHTS fd — a copy of the pty master,
// or (open stdin without a terminal) the write end of the stdin pipe, given away once so the
// container sees EOF when that client closes it — and "resize ROWS COLS" sets the window
// size. One request per connection.
#pragma once

#include "fd.h"

#include <string>

namespace hako::monitor {

class ControlServer {
public:
    explicit ControlServer(const std::string &containerDir);
    ~ControlServer();
    int fd() const { return listener_.get(); }
    // Serves one waiting connection; `ptyMaster` is -1 when the container has no terminal,
    // `stdinWrite` empty when it has no open stdin (or it was taken: then it stays empty).
    void serveOne(int ptyMaster, UniqueFd &stdinWrite);

private:
    std::string path_;
    UniqueFd listener_;
    bool stdinWasOpen_ = false; // to tell "taken already" from "never had one"
};

} // namespace hako::monitor
