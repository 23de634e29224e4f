// Root drives containers through hakoctl as it would drive Docker.
#include "bus_fixture.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

// A PID 1 that ends on SIGTERM (a shell's trap; PID 1 ignores signals it has no handler for).
const Args kStoppable = {"sh", "-c", "echo started; trap 'exit 0' TERM; while :; do sleep 0.1; done"};

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

TEST_F(CtlTest, RunPassesTheExitCodeAndOutputThrough)
{
    auto r = hakoctl({"run", "busybox", "sh", "-c", "exit 3"});
    EXPECT_EQ(r.exit, 3) << r.describe();
    r = hakoctl({"run", "busybox", "echo", "hello from hako"});
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_TRUE(contains(r.out, "hello from hako")) << r.describe();
}

TEST_F(CtlTest, RunRmLeavesNothing)
{
    ASSERT_EQ(hakoctl({"run", "--rm", "busybox", "true"}).exit, 0); // the image exists now
    const auto before = HostSnapshot::take(env().stateRoot());
    const auto r = hakoctl({"run", "--rm", "--name", "gone", "busybox", "sh", "-c", "exit 0"});
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_TRUE(listIds().empty());
    EXPECT_EQ(trim(hakoctl({"ps", "-aq"}).out), "");
    std::string leaks;
    eventually([&] { return (leaks = HostSnapshot::take(env().stateRoot()).leaksSince(before)).empty(); }, 5s);
    EXPECT_EQ(leaks, "");
}

TEST_F(CtlTest, DetachedPsLogsStopRm)
{
    const auto run = hakoctl({"run", "-d", "--name", "web", "busybox", kStoppable[0], kStoppable[1], kStoppable[2]});
    ASSERT_EQ(run.exit, 0) << run.describe();
    const std::string id = trim(run.out);
    EXPECT_EQ(id.size(), 64u) << "run -d prints the full id: " << run.describe();
    const auto ps = hakoctl({"ps"});
    EXPECT_EQ(ps.exit, 0) << ps.describe();
    EXPECT_TRUE(contains(ps.out, "web")) << ps.describe();
    EXPECT_TRUE(contains(hakoctl({"ps", "-q"}).out, id.substr(0, 12)));
    EXPECT_TRUE(eventually([] { return contains(hakoctl({"logs", "web"}).out, "started"); }, 5s));
    EXPECT_EQ(inspectField("web", "{{.State.Status}}"), "running");
    const auto stop = hakoctl({"stop", "-t", "5", "web"});
    EXPECT_EQ(stop.exit, 0) << stop.describe();
    EXPECT_EQ(inspectField("web", "{{.State.Status}}"), "exited");
    EXPECT_EQ(inspectField("web", "{{.State.ExitCode}}"), "0");
    EXPECT_FALSE(contains(hakoctl({"ps"}).out, "web"));
    EXPECT_TRUE(contains(hakoctl({"ps", "-a"}).out, "web"));
    const auto rm = hakoctl({"rm", "web"});
    EXPECT_EQ(rm.exit, 0) << rm.describe();
    EXPECT_FALSE(contains(hakoctl({"ps", "-a"}).out, "web"));
    EXPECT_TRUE(listIds().empty());
}

TEST_F(CtlTest, RestartKillAndRemove)
{
    runDetached("killme", {"sh", "-c", "trap 'exit 42' USR1; while :; do sleep 0.1; done"});
    const std::string pid1 = inspectField("killme", "{{.State.Pid}}");
    const auto restart = hakoctl({"restart", "-t", "1", "killme"});
    EXPECT_EQ(restart.exit, 0) << restart.describe();
    EXPECT_EQ(inspectField("killme", "{{.State.Running}}"), "true");
    EXPECT_NE(inspectField("killme", "{{.State.Pid}}"), pid1) << "restart made a new PID 1";

    const auto usr1 = hakoctl({"kill", "-s", "USR1", "killme"});
    EXPECT_EQ(usr1.exit, 0) << usr1.describe();
    EXPECT_TRUE(eventually([&] { return inspectField("killme", "{{.State.ExitCode}}") == "42"; }, 5s))
        << hakoctl({"inspect", "killme"}).describe();

    ASSERT_EQ(hakoctl({"start", "killme"}).exit, 0);
    const auto kill = hakoctl({"kill", "killme"}); // SIGKILL by default
    EXPECT_EQ(kill.exit, 0) << kill.describe();
    EXPECT_TRUE(eventually([&] { return inspectField("killme", "{{.State.ExitCode}}") == "137"; }, 5s));
    EXPECT_EQ(inspectField("killme", "{{.State.Status}}"), "exited");

    ASSERT_EQ(hakoctl({"start", "killme"}).exit, 0);
    const auto rmRunning = hakoctl({"rm", "killme"});
    EXPECT_NE(rmRunning.exit, 0) << "rm of a running container without -f: " << rmRunning.describe();
    EXPECT_EQ(listIds().size(), 1u);
    const auto rmForce = hakoctl({"rm", "-f", "killme"});
    EXPECT_EQ(rmForce.exit, 0) << rmForce.describe();
    EXPECT_TRUE(listIds().empty());
}

TEST_F(CtlTest, InspectIsDockerShapedJson)
{
    runDetached("insp", {"sleep", "1000"});
    const auto r = hakoctl({"inspect", "insp"});
    ASSERT_EQ(r.exit, 0) << r.describe();
    const auto json = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_TRUE(json.is_array() && json.size() == 1) << r.out;
    EXPECT_EQ(json[0].value("Id", "").size(), 64u);
    EXPECT_EQ(json[0]["State"].value("Running", false), true);
    const int pid = json[0]["State"].value("Pid", 0);
    ASSERT_GT(pid, 0);
    // The namespace inodes, as the kernel reports them for that PID 1 and for the host.
    const auto &ns = json[0]["Namespaces"];
    struct stat own {}, host {};
    ASSERT_EQ(::stat(("/proc/" + std::to_string(pid) + "/ns/net").c_str(), &own), 0);
    ASSERT_EQ(::stat("/proc/self/ns/net", &host), 0);
    EXPECT_EQ(ns.value("net", 0ull), own.st_ino) << json[0]["Namespaces"].dump();
    EXPECT_EQ(ns.value("Hostnet", 0ull), host.st_ino) << json[0]["Namespaces"].dump();
    const auto missing = hakoctl({"inspect", "no-such-container"});
    EXPECT_NE(missing.exit, 0);
    EXPECT_TRUE(contains(missing.err, "no-such-container")) << missing.describe();
}

TEST_F(CtlTest, OwnErrorsExit125)
{
    const auto flag = hakoctl({"run", "--no-such-flag", "busybox", "true"});
    EXPECT_EQ(flag.exit, 125) << flag.describe();
    const auto image = hakoctl({"run", "no-such-image", "true"});
    EXPECT_EQ(image.exit, 125) << image.describe();
    EXPECT_TRUE(listIds().empty());
}

} // namespace
} // namespace hako::dbustest
