// SIGKILL the helper while containers run and while a create is in flight: the next helper
// finds every container in its true state, logs whole, exit codes recorded, nothing half made.
#include "bus_fixture.h"

#include <signal.h>

#include <filesystem>
#include <iostream>
#include <future>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Entries of state/containers that are neither a container id nor the lock / name index.
std::vector<std::string> halfMade(const std::string &stateRoot)
{
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto &e : std::filesystem::directory_iterator(stateRoot + "/containers", ec)) {
        const std::string name = e.path().filename();
        if (name.rfind(".new-", 0) == 0 || name.rfind(".rm-", 0) == 0)
            found.push_back(name);
    }
    return found;
}

TEST_F(CtlTest, HelperKilledWhileContainersRun)
{
    runDetached("ends", {"sh", "-c", "echo one; sleep 3; echo two; exit 4"});
    runDetached("runs", {"sleep", "1000"});
    ASSERT_EQ(hakoctl({"create", "--name", "made", "busybox", "true"}).exit, 0);
    ASSERT_TRUE(eventually([] { return contains(hakoctl({"logs", "ends"}).out, "one"); }, 5s));
    const int pid = std::stoi("0" + inspectField("runs", "{{.State.Pid}}"));
    ASSERT_GT(pid, 0);

    env().killHelper();
    EXPECT_EQ(::kill(pid, 0), 0) << "the container outlives the helper";
    std::string why;
    ASSERT_TRUE(env().startHelper(&why)) << why;

    const auto ps = hakoctl({"ps", "-a"});
    for (const char *name : {"ends", "runs", "made"})
        EXPECT_TRUE(contains(ps.out, name)) << name << " lost: " << ps.describe();
    EXPECT_EQ(inspectField("runs", "{{.State.Status}}"), "running");
    EXPECT_EQ(inspectField("runs", "{{.State.Pid}}"), std::to_string(pid));
    EXPECT_EQ(inspectField("made", "{{.State.Status}}"), "created");

    const auto wait = hakoctl({"wait", "ends"}, 20s);
    EXPECT_EQ(trim(wait.out), "4") << wait.describe();
    EXPECT_EQ(inspectField("ends", "{{.State.ExitCode}}"), "4");
    const auto logs = hakoctl({"logs", "ends"});
    EXPECT_TRUE(contains(logs.out, "one") && contains(logs.out, "two")) << logs.describe();
    EXPECT_EQ(hakoctl({"start", "made"}).exit, 0) << "the created container still starts";
}

TEST_F(CtlTest, HelperKilledWhileACreateIsInFlight)
{
    for (int delayMs : {0, 5, 20, 60}) {
        const std::string name = "inflight" + std::to_string(delayMs);
        auto client = std::async(std::launch::async, [&] {
            return hakoctl({"run", "-d", "--name", name, "busybox", "sleep", "1000"}, 20s);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        env().killHelper();
        const auto r = client.get();
        EXPECT_FALSE(r.timedOut) << "the client is told when the helper goes: " << r.describe();
        std::string why;
        ASSERT_TRUE(env().startHelper(&why)) << why;
        EXPECT_TRUE(eventually([&] { return halfMade(env().stateRoot()).empty(); }, 5s))
            << "half-made entries left after a kill at " << delayMs << " ms";
        // Either the container exists whole (usable) or not at all.
        const auto inspect = hakoctl({"inspect", name});
        std::cerr << "[in flight] helper killed " << delayMs << " ms into `run -d`: client exit "
                  << r.exit << ", container " << (inspect.exit == 0 ? "kept whole" : "rolled back")
                  << "\n";
        if (inspect.exit == 0) {
            const auto rm = hakoctl({"rm", "-f", name});
            EXPECT_EQ(rm.exit, 0) << "a container that survived must be whole: " << rm.describe();
        }
        EXPECT_TRUE(halfMade(env().stateRoot()).empty());
    }
    EXPECT_TRUE(listIds().empty());
}

} // namespace
} // namespace hako::dbustest
