// docker's attach behaviour without a terminal: `run -i` and `start -ai` forward stdin to the
// container (its end is the container's EOF), `start -a` shows the output of the new run from
// its very first line, and a foreground run proxies signals to the container.
#include "bus_fixture.h"

#include <QDBusUnixFileDescriptor>

#include <unistd.h>

#include <filesystem>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

// `sh -c SCRIPT` with $HAKOCTL set, for pipelines.
Result shell(const std::string &script, std::chrono::milliseconds timeout = 30s)
{
    Env env = BusEnvironment::instance().clientEnv();
    env.push_back("HAKOCTL=" + hakoctlPath());
    return runCommand({"sh", "-c", script}, env, timeout);
}

TEST_F(CtlTest, RunIForwardsStdinUntilItsEnd)
{
    auto r = shell(R"(printf 'hi\nthere\n' | "$HAKOCTL" run -i --rm busybox cat)");
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_EQ(r.out, "hi\nthere\n") << r.describe();

    r = shell(R"(seq 1 30000 | "$HAKOCTL" run -i --rm busybox wc -l)");
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_EQ(trim(r.out), "30000") << "input lost on the way: " << r.describe();

    r = shell(R"(printf 'echo from-stdin; exit 4\n' | "$HAKOCTL" run -i --rm busybox sh)");
    EXPECT_EQ(r.exit, 4) << r.describe();
    EXPECT_EQ(r.out, "from-stdin\n") << r.describe();
}

TEST_F(CtlTest, WithoutIStdinIsNotForwarded)
{
    const auto r = shell(R"(echo hi | "$HAKOCTL" run --rm busybox cat)", 15s);
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_EQ(r.out, "") << r.describe();
}

TEST_F(CtlTest, RunIWithAContainerThatIgnoresStdinStillEnds)
{
    const auto r = shell(R"(yes | "$HAKOCTL" run -i --rm busybox sh -c 'echo done')", 20s);
    EXPECT_FALSE(r.timedOut) << r.describe();
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_EQ(r.out, "done\n") << r.describe();
}

TEST_F(CtlTest, StartAShowsTheNewRunFromItsFirstLine)
{
    ASSERT_EQ(hakoctl({"create", "--name", "twice", "busybox", "sh", "-c", "echo first; echo second; exit 3"}).exit, 0);
    for (int run = 0; run < 2; ++run) {
        const auto r = hakoctl({"start", "-a", "twice"});
        EXPECT_EQ(r.exit, 3) << r.describe();
        EXPECT_EQ(r.out, "first\nsecond\n") << "run " << run << ": " << r.describe();
    }
}

TEST_F(CtlTest, StartAiForwardsStdin)
{
    ASSERT_EQ(hakoctl({"create", "-i", "--name", "reads", "busybox", "sh", "-c", "read line; echo got:$line"}).exit, 0);
    const auto r = shell(R"(echo abc | "$HAKOCTL" start -ai reads)");
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_EQ(r.out, "got:abc\n") << r.describe();
}

TEST_F(CtlTest, OpenStdinIsHandedOverOnce)
{
    ASSERT_EQ(hakoctl({"run", "-d", "-i", "--name", "stdin-once", "busybox", "cat"}).exit, 0);
    int fd = -1;
    {
        const auto first = env().call("AttachContainer", {"stdin-once"});
        ASSERT_EQ(first.type(), QDBusMessage::ReplyMessage) << first.errorMessage().toStdString();
        fd = ::dup(qdbus_cast<QDBusUnixFileDescriptor>(first.arguments().at(0)).fileDescriptor());
    } // the reply's copy of the descriptor goes with it: ours is the only write end left
    const auto second = env().call("AttachContainer", {"stdin-once"});
    EXPECT_EQ(second.errorName().toStdString(), "org.hako.Containers1.Error.InvalidState");
    EXPECT_TRUE(second.errorMessage().contains("taken")) << second.errorMessage().toStdString();
    // Closing the only write end is cat's EOF: the container ends by itself.
    EXPECT_EQ(::write(fd, "bye\n", 4), 4);
    ::close(fd);
    const auto wait = hakoctl({"wait", "stdin-once"}, 10s);
    EXPECT_EQ(trim(wait.out), "0") << wait.describe();
    EXPECT_EQ(trim(hakoctl({"logs", "stdin-once"}).out), "bye");

    runDetached("no-stdin", {"sleep", "1000"});
    const auto none = env().call("AttachContainer", {"no-stdin"});
    EXPECT_EQ(none.errorName().toStdString(), "org.hako.Containers1.Error.InvalidState");
}

// A foreground `run` in the background of a shell, signalled once the container is ready.
std::string signalledRun(const std::string &flags, const std::string &signal)
{
    return R"(out=$(mktemp); "$HAKOCTL" run )" + flags +
           R"( busybox sh -c 'trap "echo got TERM; exit 3" TERM; echo ready; while :; do sleep 0.1; done' >"$out" 2>&1 &
pid=$!
i=0; until grep -q ready "$out" || [ $i -ge 200 ]; do sleep 0.05; i=$((i+1)); done
kill -)" + signal + R"( $pid; wait $pid; status=$?
cat "$out"; rm -f "$out"; echo "status=$status")";
}

TEST_F(CtlTest, ForegroundRunProxiesSignalsToTheContainer)
{
    const auto r = shell(signalledRun("--rm --name proxied", "TERM"), 30s);
    EXPECT_NE(r.out.find("got TERM"), std::string::npos) << r.describe();
    EXPECT_NE(r.out.find("status=3"), std::string::npos) << r.describe();
}

TEST_F(CtlTest, SigProxyFalseLeavesTheContainerAlone)
{
    const auto r = shell(signalledRun("--sig-proxy=false --name unproxied", "TERM"), 30s);
    EXPECT_NE(r.out.find("status=143"), std::string::npos) << "hakoctl itself ends: " << r.describe();
    EXPECT_EQ(r.out.find("got TERM"), std::string::npos) << r.describe();
    EXPECT_EQ(inspectField("unproxied", "{{.State.Status}}"), "running");
}

} // namespace
} // namespace hako::dbustest
