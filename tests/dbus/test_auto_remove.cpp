// CreateContainer's AutoRemove (docker run --rm): the helper removes the container once it has
// stopped, however it stopped, even when that happened while no helper ran; a waiter still
// gets the exit status; unknown options are refused.
#include "bus_fixture.h"

#include "engine.h"

#include <signal.h>

#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

const QString kInvalidArgs = "org.freedesktop.DBus.Error.InvalidArgs";

class AutoRemoveTest : public CtlTest {
protected:
    void runDetachedRm(const std::string &name, const Args &cmd)
    {
        Args args{"run", "-d", "--rm", "--name", name, "busybox"};
        args.insert(args.end(), cmd.begin(), cmd.end());
        const auto r = hakoctl(args);
        ASSERT_EQ(r.exit, 0) << "hakoctl run -d --rm: " << r.describe();
    }
    bool exists(const std::string &ref) { return hakoctl({"inspect", ref}).exit == 0; }
    bool goneWithin(const std::string &ref, std::chrono::milliseconds span)
    {
        return eventually([&] { return !exists(ref); }, span);
    }
    // The engine's view, for when no helper runs.
    ContainerState engineState(const std::string &ref)
    {
        EngineOptions options;
        options.stateRoot = env().stateRoot();
        return Engine(options).state(ref);
    }
};

TEST_F(AutoRemoveTest, RemovedOnceItExitsIsKilledOrIsStopped)
{
    runDetachedRm("exits", {"sh", "-c", "sleep 1; exit 3"});
    runDetachedRm("killed", {"sleep", "1000"});
    runDetachedRm("stopped", {"sleep", "1000"});
    EXPECT_EQ(inspectField("killed", "{{.HostConfig.AutoRemove}}"), "true");
    EXPECT_TRUE(exists("exits")) << "removed while it still ran";
    EXPECT_EQ(hakoctl({"kill", "killed"}).exit, 0);
    EXPECT_EQ(hakoctl({"stop", "-t", "1", "stopped"}).exit, 0);
    for (const char *name : {"exits", "killed", "stopped"})
        EXPECT_TRUE(goneWithin(name, 10s)) << name << " is still there: " << hakoctl({"ps", "-a"}).out;
}

// A restart stops the container for a moment: that stop is not the end of its life (the
// restart holds the removal back; without the hold, the window is a few milliseconds wide,
// so this checks the behaviour rather than reliably catching that race).
TEST_F(AutoRemoveTest, ARestartIsNotAnEnd)
{
    runDetachedRm("restarted", {"sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"});
    const std::string before = inspectField("restarted", "{{.State.Pid}}");
    for (int i = 0; i < 3; ++i) {
        const auto restart = hakoctl({"restart", "-t", "2", "restarted"});
        ASSERT_EQ(restart.exit, 0) << restart.describe();
    }
    std::this_thread::sleep_for(500ms); // time for a removal the restart must not have caused
    EXPECT_EQ(inspectField("restarted", "{{.State.Status}}"), "running");
    EXPECT_NE(inspectField("restarted", "{{.State.Pid}}"), before);
    EXPECT_EQ(hakoctl({"stop", "-t", "2", "restarted"}).exit, 0);
    EXPECT_TRUE(goneWithin("restarted", 10s));
}

TEST_F(AutoRemoveTest, AWaiterGetsTheExitStatusFirst)
{
    runDetachedRm("waited", {"sh", "-c", "sleep 1; exit 7"});
    const auto wait = hakoctl({"wait", "waited"}, 20s);
    EXPECT_EQ(wait.exit, 0) << wait.describe();
    EXPECT_EQ(trim(wait.out), "7") << wait.describe();
    EXPECT_TRUE(goneWithin("waited", 10s));
}

TEST_F(AutoRemoveTest, ForegroundRunRmGivesTheStatusAndOutputAndLeavesNothing)
{
    for (int i = 0; i < 5; ++i) {
        const auto r = hakoctl({"run", "--rm", "busybox", "sh", "-c", "echo out-" + std::to_string(i) + "; exit 5"});
        EXPECT_EQ(r.exit, 5) << r.describe();
        EXPECT_EQ(r.out, "out-" + std::to_string(i) + "\n") << r.describe();
        EXPECT_TRUE(listIds().empty()) << "still there after run --rm returned";
    }
}

TEST_F(AutoRemoveTest, WithoutTheOptionTheAnnotationAloneDoesNothing)
{
    std::string spec = specJson({"true"});
    spec.insert(spec.find('{') + 1, R"("annotations": {"org.hako.auto-remove": "true"},)");
    const auto created = env().call("CreateContainer", {"keeps", "busybox", QString::fromStdString(spec), QVariantMap{}});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    EXPECT_EQ(inspectField("keeps", "{{.HostConfig.AutoRemove}}"), "false");
    EXPECT_EQ(hakoctl({"start", "-a", "keeps"}).exit, 0);
    std::this_thread::sleep_for(1s);
    EXPECT_TRUE(exists("keeps")) << "removed without AutoRemove";
}

// docker run --rm -v /anon -v kept-vol:/named: the anonymous volume goes with the container,
// the named one stays.
TEST_F(AutoRemoveTest, AnonymousVolumesGoWithTheContainerNamedOnesStay)
{
    Spec spec = defaultSpec();
    spec.process.args = {"true"};
    spec.mounts.push_back({"/anon", "volume", "", {"rw"}});
    spec.mounts.push_back({"/named", "volume", "kept-vol", {"rw"}});
    const auto created = env().call("CreateContainer", {"vols", "busybox", QString::fromStdString(toJsonText(spec)),
                                                        QVariantMap{{"AutoRemove", true}}});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    EngineOptions options;
    options.stateRoot = env().stateRoot();
    const Engine engine(options);
    const auto anonymous = [&] {
        std::vector<std::string> names;
        for (const Volume &volume : engine.volumes().list())
            if (volume.anonymous)
                names.push_back(volume.name);
        return names;
    };
    ASSERT_EQ(anonymous().size(), 1u);
    EXPECT_EQ(hakoctl({"start", "vols"}).exit, 0);
    EXPECT_TRUE(goneWithin("vols", 10s)) << hakoctl({"ps", "-a"}).out;
    EXPECT_TRUE(eventually([&] { return anonymous().empty(); }, 5s)) << "the anonymous volume stayed";
    EXPECT_TRUE(engine.volumes().find("kept-vol").has_value());
    engine.volumes().remove("kept-vol", true, {});
}

TEST_F(AutoRemoveTest, UnknownOrMistypedOptionsAreRefused)
{
    const QString spec = QString::fromStdString(specJson({"true"}));
    const auto unknown = env().call("CreateContainer", {"opt1", "busybox", spec, QVariantMap{{"Bogus", true}}});
    EXPECT_EQ(unknown.errorName(), kInvalidArgs);
    EXPECT_TRUE(unknown.errorMessage().contains("Bogus")) << unknown.errorMessage().toStdString();
    const auto mistyped = env().call("CreateContainer", {"opt2", "busybox", spec, QVariantMap{{"AutoRemove", "yes"}}});
    EXPECT_EQ(mistyped.errorName(), kInvalidArgs);
    EXPECT_TRUE(mistyped.errorMessage().contains("AutoRemove")) << mistyped.errorMessage().toStdString();
    EXPECT_TRUE(listIds().empty()) << "a refused create left a container";
}

TEST_F(AutoRemoveTest, AContainerThatStoppedWhileNoHelperRanIsRemovedAtStartUp)
{
    runDetachedRm("orphan", {"sleep", "1000"});
    const int pid = std::stoi("0" + inspectField("orphan", "{{.State.Pid}}"));
    ASSERT_GT(pid, 0);
    env().killHelper();
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    ASSERT_TRUE(eventually([&] { return engineState("orphan").status == Status::Stopped; }, 10s))
        << "the monitor did not record the end";
    std::string why;
    ASSERT_TRUE(env().startHelper(&why)) << why;
    EXPECT_TRUE(goneWithin("orphan", 10s)) << "the new helper kept the stopped auto-remove container";
}

} // namespace
} // namespace hako::dbustest
