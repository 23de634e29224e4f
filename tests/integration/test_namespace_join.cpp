// Joining another container's namespaces (annotations["org.hako.namespace.<type>"]): the
// joiner really shares them, follows the target across a restart (its new PID 1), and a
// target that is not running, missing or sharing the host's namespace is refused cleanly.
#include "fixture.h"

#include "error.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>

#include <chrono>
#include <thread>

using namespace hako;
using namespace hako::test;

namespace
{

const char *kSleeper = "sleep 1000";

// The container's namespace of `kind` ("net") as the host sees it, 0 when not running.
uint64_t inodeOf(Engine &engine, const std::string &id, const std::string &kind)
{
    for (const NamespaceInfo &ns : engine.inspect(id).namespaces)
        if (ns.kind == kind)
            return ns.inode;
    return 0;
}

uint64_t hostInodeOf(Engine &engine, const std::string &id, const std::string &kind)
{
    for (const NamespaceInfo &ns : engine.inspect(id).namespaces)
        if (ns.kind == kind)
            return ns.hostInode;
    return 0;
}

void killAndWait(Engine &engine, const std::string &id)
{
    if (engine.state(id).status == Status::Running)
        engine.kill(id, SIGKILL);
    ASSERT_TRUE(engine.wait(id, std::chrono::seconds(30)));
}

class NamespaceJoinTest : public EngineTest
{
  protected:
    static Spec joining(const std::string &targetId, std::initializer_list<NamespaceType> types,
                        const std::string &script)
    {
        Spec spec = shellSpec(script);
        for (NamespaceType type : types)
            spec.annotations[joinAnnotationKey(type)] = "container:" + targetId;
        return spec;
    }

    // The log once it contains `text` (or after 5 s, whatever it holds then).
    std::string waitForLog(const std::string &id, const std::string &text)
    {
        std::string out;
        for (int i = 0; i < 250 && out.find(text) == std::string::npos; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            out = output(id);
        }
        return out;
    }
};

} // namespace

TEST_F(NamespaceJoinTest, JoinerSharesTheTargetsNetIpcAndPid)
{
    const std::string target = run(shellSpec(kSleeper), "target");
    const std::string joiner =
        run(joining(target, {NamespaceType::Network, NamespaceType::Ipc, NamespaceType::Pid},
                    "tr '\\0' ' ' < /proc/1/cmdline; echo; sleep 1000"),
            "joiner");
    for (const char *kind : {"net", "ipc", "pid"}) {
        EXPECT_NE(inodeOf(*engine_, target, kind), 0u) << kind;
        EXPECT_EQ(inodeOf(*engine_, joiner, kind), inodeOf(*engine_, target, kind)) << kind;
        EXPECT_NE(inodeOf(*engine_, joiner, kind), hostInodeOf(*engine_, joiner, kind)) << kind;
    }
    // What was not joined stays the joiner's own.
    for (const char *kind : {"uts", "mnt", "cgroup"})
        EXPECT_NE(inodeOf(*engine_, joiner, kind), inodeOf(*engine_, target, kind)) << kind;
    // Inside, PID 1 is the target's process: the pid namespace is really shared.
    const std::string out = waitForLog(joiner, "sleep");
    EXPECT_EQ(out, "sleep 1000 ");
    // The stored spec is what was created: the annotation, and no resolved path.
    const Spec stored = engine_->inspect(joiner).spec;
    EXPECT_EQ(*joinedContainer(stored, NamespaceType::Network), target);
    EXPECT_TRUE(stored.findNamespace(NamespaceType::Network)->path.empty());
}

TEST_F(NamespaceJoinTest, JoinFollowsTheTargetAcrossARestart)
{
    const std::string target = run(shellSpec(kSleeper), "target");
    const std::string joiner =
        run(joining(target, {NamespaceType::Network, NamespaceType::Ipc}, kSleeper), "joiner");
    const uint64_t firstNet = inodeOf(*engine_, target, "net");
    ASSERT_EQ(inodeOf(*engine_, joiner, "net"), firstNet);
    // Held open so that its inode number is not handed to the next network namespace.
    const std::string firstNetPath =
        "/proc/" + std::to_string(engine_->state(target).pid.pid) + "/ns/net";
    const UniqueFd first(::open(firstNetPath.c_str(), O_RDONLY | O_CLOEXEC));
    ASSERT_TRUE(first) << firstNetPath;

    killAndWait(*engine_, joiner);
    killAndWait(*engine_, target);
    engine_->start(target);
    engine_->start(joiner);
    const uint64_t secondNet = inodeOf(*engine_, target, "net");
    EXPECT_NE(secondNet, firstNet);
    EXPECT_EQ(inodeOf(*engine_, joiner, "net"), secondNet);
    EXPECT_EQ(inodeOf(*engine_, joiner, "ipc"), inodeOf(*engine_, target, "ipc"));
}

TEST_F(NamespaceJoinTest, JoiningAStoppedContainerFailsCleanly)
{
    const std::string target = engine_->create({"target", "busybox", shellSpec(kSleeper)});
    const std::string joiner =
        engine_->create({"joiner", "busybox", joining(target, {NamespaceType::Network}, kSleeper)});
    const auto monitorsBefore = monitorPids();
    try {
        engine_->start(joiner);
        FAIL() << "joining a container that never ran started";
    } catch (const StateError &e) {
        EXPECT_STREQ(e.what(), "start joiner: cannot join the network namespace of container "
                               "target: it is not running");
    }
    EXPECT_EQ(engine_->state(joiner).status, Status::Created);
    EXPECT_EQ(monitorPids(), monitorsBefore);
    // Once the target runs, the same container starts and joins it.
    engine_->start(target);
    engine_->start(joiner);
    EXPECT_EQ(inodeOf(*engine_, joiner, "net"), inodeOf(*engine_, target, "net"));
    // And after the target stopped, the joiner refuses to start again.
    killAndWait(*engine_, joiner);
    killAndWait(*engine_, target);
    EXPECT_THROW(engine_->start(joiner), StateError);
}

TEST_F(NamespaceJoinTest, RemovedTargetIsNamed)
{
    const std::string target = engine_->create({"target", "busybox", shellSpec(kSleeper)});
    const std::string joiner =
        engine_->create({"joiner", "busybox", joining(target, {NamespaceType::Ipc}, kSleeper)});
    engine_->remove(target);
    try {
        engine_->start(joiner);
        FAIL() << "joined a removed container";
    } catch (const StateError &e) {
        EXPECT_NE(std::string(e.what()).find("cannot join the ipc namespace of container " +
                                             target.substr(0, 12) + ": it no longer exists"),
                  std::string::npos)
            << e.what();
    }
}

TEST_F(NamespaceJoinTest, CreateRefusesAnUnknownOrMalformedTarget)
{
    const std::string unknown(64, 'a');
    EXPECT_THROW(
        engine_->create({"", "busybox", joining(unknown, {NamespaceType::Network}, kSleeper)}),
        SpecError);
    EXPECT_THROW(
        engine_->create({"", "busybox", joining("web", {NamespaceType::Network}, kSleeper)}),
        SpecError);
    const std::string target = engine_->create({"target", "busybox", shellSpec(kSleeper)});
    // Mount and user namespaces are the container's own.
    EXPECT_THROW(
        engine_->create({"", "busybox", joining(target, {NamespaceType::Mount}, kSleeper)}),
        SpecError);
    EXPECT_THROW(engine_->create({"", "busybox", joining(target, {NamespaceType::User}, kSleeper)}),
                 SpecError);
    EXPECT_EQ(engine_->list().size(), 1u);
}

// Sharing the host's namespace needs the privilege of asking for it; joining a container that
// shares it must not be a way around that.
TEST_F(NamespaceJoinTest, JoiningAContainerThatSharesTheHostsNamespaceIsRefused)
{
    Spec hostNet = shellSpec(kSleeper);
    std::erase_if(hostNet.linux.namespaces,
                  [](const Namespace &ns) { return ns.type == NamespaceType::Network; });
    const std::string target = run(hostNet, "target");
    const std::string joiner =
        engine_->create({"joiner", "busybox", joining(target, {NamespaceType::Network}, kSleeper)});
    try {
        engine_->start(joiner);
        FAIL() << "joined the host's network namespace through a container";
    } catch (const SpecError &e) {
        EXPECT_NE(std::string(e.what()).find("it shares the host's network namespace"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(engine_->state(joiner).status, Status::Created);
}
