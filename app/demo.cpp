// hako-demo [--state-root DIR]: one container from the embedded busybox image, its output
// and its `ps` view, beside what the host sees of it.
#include "engine.h"
#include "error.h"
#include "fs.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>

using namespace hako;

namespace {

void printNamespaces(const ContainerInfo &info)
{
    std::printf("\n%-8s %-12s %-12s\n", "ns", "container", "host");
    for (const auto &ns : info.namespaces)
        std::printf("%-8s %-12lu %-12lu %s\n", ns.kind.c_str(), ns.inode, ns.hostInode,
                    ns.inode != ns.hostInode ? "isolated" : "shared with the host");
}

// Runs `command` inside the container (like `docker exec`), its output to our stdout.
void execShow(Engine &engine, const std::string &id, const std::vector<std::string> &command)
{
    std::string line = "\n$";
    for (const auto &arg : command)
        line += " " + arg;
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    ExecRequest request;
    request.args = command;
    const int code = engine.exec(id, request).wait();
    if (code != 0)
        std::printf("(exit code %d)\n", code);
}

// The greeting in the log means PID 1 has reached its `exec sleep`, so `ps` shows it alone.
void waitForGreeting(Engine &engine, const std::string &id)
{
    for (int tries = 0; tries < 100; ++tries) {
        bool seen = false;
        engine.logs(id, {}, [&](const LogLine &) { return !(seen = true); });
        if (seen)
            return;
        ::usleep(20 * 1000);
    }
}

int runDemo(Engine &engine)
{
    Spec spec = defaultSpec();
    spec.process.args = {"sh", "-c", "echo \"hello from $(hostname), a Hako container\"; exec sleep 30"};
    CreateRequest request{"hako-demo-" + std::to_string(::getpid()), "busybox", spec};
    const std::string id = engine.create(request);
    std::printf("created %s (%s) from the embedded busybox image\n", request.name.c_str(),
                id.substr(0, 12).c_str());
    engine.start(id);
    const ContainerInfo info = engine.inspect(id);
    std::printf("started: the container's PID 1 is pid %d on the host\n", info.state.pid.pid);
    printNamespaces(info);
    waitForGreeting(engine, id);
    std::printf("\nInside the container (hako-demo execs these, as `docker exec` would):\n");
    execShow(engine, id, {"ps"});
    execShow(engine, id, {"hostname"});
    execShow(engine, id, {"id"});
    execShow(engine, id, {"ls", "/dev"});
    std::printf("\nstopping: SIGTERM, then SIGKILL after 1 s (a PID 1 without a handler "
                "ignores SIGTERM)\n");
    engine.stop(id, std::chrono::seconds(1));
    const ContainerState final = engine.state(id);
    std::printf("\n--- the container's log ---\n");
    engine.logs(id, {}, [](const LogLine &line) {
        std::printf("%s %s %s\n", formatTimestamp(line.time).c_str(), line.stream.c_str(),
                    line.text.c_str());
        return true;
    });
    std::printf("--- %s ---\n", final.describe().c_str());
    engine.remove(id);
    std::printf("removed %s: no mount, cgroup or monitor left behind\n", request.name.c_str());
    return final.status == Status::Stopped ? 0 : 1;
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
