// hako-demo [--state-root DIR]: one container from the embedded busybox image, its output
// and its `ps` view, beside what the host sees of it.
#include "engine.h"
#include "error.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>

using namespace hako;

namespace {

const char *kScript =
    "echo \"hello from $(hostname), a Hako container\"; "
    "echo; echo '$ ps   (inside: only the container'\"'\"'s own processes, PID 1 is the command)'; ps; "
    "echo; echo '$ cat /proc/self/uid_map'; cat /proc/self/uid_map; "
    "echo; echo '$ mount | head -5'; mount | head -5";

void printNamespaces(const ContainerInfo &info)
{
    std::printf("\n%-8s %-12s %-12s %s\n", "ns", "container", "host", "");
    for (const auto &ns : info.namespaces)
        std::printf("%-8s %-12lu %-12lu %s\n", ns.kind.c_str(), ns.inode, ns.hostInode,
                    ns.inode != ns.hostInode ? "isolated" : "shared with host");
}

int runDemo(Engine &engine)
{
    Spec spec = defaultSpec();
    // `sleep` keeps the container alive long enough to look at it from the host.
    spec.process.args = {"sh", "-c", std::string(kScript) + "; sleep 0.3"};
    CreateRequest request{"hako-demo-" + std::to_string(::getpid()), "busybox", spec};
    const std::string id = engine.create(request);
    std::printf("created %s (%s) from the embedded busybox image\n", request.name.c_str(),
                id.substr(0, 12).c_str());
    engine.start(id);
    const ContainerInfo info = engine.inspect(id);
    std::printf("started: PID 1 of the container is pid %d on the host\n", info.state.pid.pid);
    printNamespaces(info);
    const auto final = engine.wait(id);
    std::printf("\n--- container output (from its log) ---\n");
    engine.logs(id, {}, [](const LogLine &line) {
        std::printf("%s\n", line.text.c_str());
        return true;
    });
    std::printf("--- %s ---\n", final ? final->describe().c_str() : "still running");
    engine.remove(id, true);
    std::printf("removed %s: no mount, cgroup or monitor left behind\n", request.name.c_str());
    return final && final->exitStatus() == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    EngineOptions options;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--state-root") == 0)
            options.stateRoot = argv[++i];
    if (::geteuid() != 0) {
        std::fprintf(stderr, "hako-demo: run as root (the D-Bus helper arrives in a later "
                             "release; until then the engine needs root)\n");
        return 1;
    }
    try {
        Engine engine(options);
        return runDemo(engine);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "hako-demo: %s\n", e.what());
        return 1;
    }
}
