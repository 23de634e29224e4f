// The monitor's control socket, <container dir>/monitor.sock (mode 0600, root only):
// "attach" hands over the pty master as an SCM_RIGHTS fd, "resize ROWS COLS" sets the
// window size. One request per connection.
#pragma once

#include "fd.h"

#include <string>

namespace hako::monitor {

class ControlServer {
public:
    explicit ControlServer(const std::string &containerDir);
    ~ControlServer();
    int fd() const { return listener_.get(); }
    // Serves one waiting connection; `ptyMaster` is -1 when the container has no terminal.
    void serveOne(int ptyMaster);

private:
    std::string path_;
    UniqueFd listener_;
};

} // namespace hako::monitor
