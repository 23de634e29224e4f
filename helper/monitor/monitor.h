// hako-monitor's two roles:
//   hako-monitor run  --root R --id ID --status-fd N [--cgroup-root C]
//                    [--userns-layers auto|idmapped|copy]
//       supervises one container: launches it, logs its output, reaps it, records the end.
//   hako-monitor exec --root R --id ID --control-fd N [--cgroup-root C]
//       starts one more process inside a running container (docker exec) and relays its
//       exit code; the request and any pty master travel over the control socket.
#pragma once

#include "rootfs.h"

#include <string>

namespace hako::monitor {

struct Options {
    std::string stateRoot;
    std::string id;
    std::string cgroupRoot = "/sys/fs/cgroup";
    int statusFd = -1;  // run: where "ok" or "error: …" goes once the container runs
    int controlFd = -1; // exec: the SOCK_SEQPACKET link to the caller
    // run, --userns-layers auto|idmapped|copy: how a user namespace sees the image's files.
    hako::UserNamespaceLayers userNamespaceLayers = hako::UserNamespaceLayers::Auto;
};

int supervise(const Options &options);
int execShim(const Options &options);

} // namespace hako::monitor
