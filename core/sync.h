// The parent/child handshake of a launch, over a SOCK_SEQPACKET socketpair: one record per
// message, optionally carrying a file descriptor (the pty master). The child's end is
// close-on-exec, so a successful execve shows up in the parent as end-of-file.
#pragma once

#include "fd.h"

#include <optional>
#include <string>
#include <utility>

namespace hako {

enum class SyncType : char {
    Go = 'G',       // parent → child: uid/gid maps written; go on
    Layer = 'L',    // parent → child, before Go: one lower layer remapped for the user
                    // namespace (an idmapped clone as the fd, or a copy's path as the text)
    CgroupReady = 'C', // parent → child: the child now sits in its cgroup
    Pty = 'P',      // child → parent: the pty master rides along
    Filter = 'F',   // child → parent: about to load the seccomp filter
    Exec = 'E',     // child → parent: about to execve
    Error = 'X',    // child → parent: the step that failed and why
};

struct SyncMessage {
    SyncType type;
    std::string text;
    UniqueFd fd;
};

std::pair<UniqueFd, UniqueFd> makeSyncPair(); // both ends close-on-exec

void sendSync(int sock, SyncType type, const std::string &text = {}, int fd = -1);
// nullopt on end-of-file (the peer closed its end or exec'd).
std::optional<SyncMessage> receiveSync(int sock);

} // namespace hako
