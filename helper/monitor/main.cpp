#include "monitor.h"

#include <sys/prctl.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <sys/syscall.h>
#include <unistd.h>

namespace {

void usage()
{
    std::fprintf(stderr,
                 "usage: hako-monitor run|exec --root DIR --id ID [--status-fd N] "
                 "[--control-fd N] [--cgroup-root DIR] "
                 "[--userns-layers auto|idmapped|copy]\n"
                 "hako-monitor is started by Hako itself; it is not meant to be run by hand.\n");
}

bool parseInt(const char *text, int *out)
{
    char *end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (!*text || *end || value < 0 || value > 1 << 20)
        return false;
    *out = static_cast<int>(value);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    // Executed from a sealed memfd (core/sealed_binary.h), the kernel names us after the fd
    // ("7"); ps, top and the leak checks know us by this name.
    ::prctl(PR_SET_NAME, "hako-monitor", 0, 0, 0);
    if (argc < 2) {
        usage();
        return 2;
    }
    const std::string mode = argv[1];
    hako::monitor::Options options;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const char *value = argv[i + 1];
        bool ok = true;
        if (flag == "--root")
            options.stateRoot = value;
        else if (flag == "--id")
            options.id = value;
        else if (flag == "--cgroup-root")
            options.cgroupRoot = value;
        else if (flag == "--status-fd")
            ok = parseInt(value, &options.statusFd);
        else if (flag == "--control-fd")
            ok = parseInt(value, &options.controlFd);
        else if (flag == "--userns-layers") {
            const auto layers = hako::userNamespaceLayersFromName(value);
            ok = layers.has_value();
            if (ok)
                options.userNamespaceLayers = *layers;
        }
        else
            ok = false;
        if (!ok) {
            std::fprintf(stderr, "hako-monitor: bad option %s %s\n", flag.c_str(), value);
            return 2;
        }
    }
    if (options.stateRoot.empty() || options.id.empty()) {
        usage();
        return 2;
    }
    // Nothing of our starter's but what it passed on purpose.
    ::syscall(SYS_close_range, 4, ~0U, 0);
    if (mode == "run" && options.statusFd >= 0) {
        // Detach: the starter waits only for this first process; the supervisor is our
        // child, reparented to init (or the nearest subreaper) once we exit.
        const pid_t pid = ::fork();
        if (pid < 0) {
            std::perror("hako-monitor: fork");
            return 1;
        }
        if (pid > 0)
            return 0;
        return hako::monitor::supervise(options);
    }
    if (mode == "exec" && options.controlFd >= 0)
        return hako::monitor::execShim(options);
    usage();
    return 2;
}
