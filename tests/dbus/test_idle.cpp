// hako-helper --idle-exit: it exits when nothing needs it, and stays while something does (a
// subscriber on the bus, an auto-remove container still running, a blocked wait). That also
// shows what no longer holds it: a wait whose client left the bus has released its worker.
#include "bus_fixture.h"

#include "engine.h"

#include <QDBusUnixFileDescriptor>

#include <fcntl.h>
#include <unistd.h>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

constexpr int kIdleSeconds = 1;

class IdleExitTest : public CtlTest {
protected:
    void SetUp() override
    {
        CtlTest::SetUp();
        if (IsSkipped() || HasFailure())
            return;
        env().killHelper();
        std::string why;
        ASSERT_TRUE(env().startHelper(&why, {"--idle-exit", std::to_string(kIdleSeconds)})) << why;
    }
    void TearDown() override
    {
        // The next test expects the fixture's own helper, which never exits by itself.
        if (env().helperRunning())
            env().killHelper();
        CtlTest::TearDown();
    }
    // True if the helper is still up `seconds` after now (polled, so an exit is seen at once).
    bool staysUpFor(std::chrono::milliseconds span)
    {
        return !eventually([&] { return !env().helperRunning(); }, span);
    }
    bool exitsWithin(std::chrono::milliseconds span)
    {
        return eventually([&] { return !env().helperRunning(); }, span);
    }
    static void expectReply(const QDBusMessage &reply, const char *what)
    {
        EXPECT_EQ(reply.type(), QDBusMessage::ReplyMessage)
            << what << ": " << reply.errorName().toStdString() << " " << reply.errorMessage().toStdString();
    }
};

TEST_F(IdleExitTest, AnIdleHelperExits)
{
    EXPECT_TRUE(exitsWithin(std::chrono::seconds(kIdleSeconds + 4))) << env().diagnostics();
}

TEST_F(IdleExitTest, ASubscriberKeepsTheHelperUpUntilItLeavesTheBus)
{
    BusClient client(env().address(), "subscriber");
    ASSERT_TRUE(client.connected());
    expectReply(client.call("Subscribe"), "Subscribe");
    expectReply(client.call("Subscribe"), "a second Subscribe");
    EXPECT_TRUE(staysUpFor(std::chrono::seconds(kIdleSeconds + 3))) << "exited with a subscriber on the bus";
    client.disconnect();
    EXPECT_TRUE(exitsWithin(std::chrono::seconds(kIdleSeconds + 4)))
        << "a subscriber that left the bus still keeps the helper up";
}

TEST_F(IdleExitTest, UnsubscribeLetsTheHelperGo)
{
    BusClient client(env().address(), "unsubscriber");
    ASSERT_TRUE(client.connected());
    expectReply(client.call("Subscribe"), "Subscribe");
    EXPECT_TRUE(staysUpFor(std::chrono::seconds(kIdleSeconds + 2)));
    expectReply(client.call("Unsubscribe"), "Unsubscribe");
    EXPECT_TRUE(exitsWithin(std::chrono::seconds(kIdleSeconds + 4))) << "still up after Unsubscribe";
    EXPECT_TRUE(client.connected()) << "the client itself is still on the bus";
}

TEST_F(IdleExitTest, ARunningAutoRemoveContainerKeepsTheHelperUpUntilItIsRemoved)
{
    const auto run = hakoctl({"run", "-d", "--rm", "--name", "idle-rm", "busybox", "sleep", "4"});
    ASSERT_EQ(run.exit, 0) << run.describe();
    EXPECT_TRUE(staysUpFor(std::chrono::seconds(kIdleSeconds + 2)))
        << "exited while an auto-remove container ran";
    EXPECT_TRUE(exitsWithin(std::chrono::seconds(kIdleSeconds + 10)));
    EngineOptions options;
    options.stateRoot = env().stateRoot();
    EXPECT_TRUE(Engine(options).list().empty()) << "the helper exited before removing it";
}

TEST_F(IdleExitTest, AWaitContainerWhoseClientLeftReleasesItsWorker)
{
    // Connected first, so the wait reaches the helper within moments of the start (a
    // second's silence would let it go idle), and known to be in flight before the checks:
    // the helper takes one connection's calls in order.
    BusClient client(env().address(), "waiter");
    runDetached("waited-on", {"sleep", "1000"});
    const QDBusPendingCall wait = client.callAsync("WaitContainer", {"waited-on"});
    ASSERT_EQ(client.call("GetContainer", {"waited-on"}).type(), QDBusMessage::ReplyMessage);
    EXPECT_TRUE(staysUpFor(std::chrono::seconds(kIdleSeconds + 2))) << "the wait does not hold the helper";
    client.disconnect();
    EXPECT_TRUE(exitsWithin(std::chrono::seconds(kIdleSeconds + 4)))
        << "a worker still waits for a client that has left";
}

TEST_F(IdleExitTest, AWaitExecWhoseClientLeftReleasesItsWorkerAndEndsTheProcess)
{
    runDetached("exec-host", {"sleep", "1000"});
    BusClient client(env().address(), "exec-waiter");
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const QVariant null = QVariant::fromValue(QDBusUnixFileDescriptor(devNull));
    ::close(devNull);
    const auto exec = client.call("ExecInContainer", {"exec-host", QStringList{"sleep", "999"}, QVariantMap{},
                                                      null, null, null});
    ASSERT_EQ(exec.type(), QDBusMessage::ReplyMessage) << exec.errorMessage().toStdString();
    const QDBusPendingCall wait = client.callAsync("WaitExec", {exec.arguments().at(0).toString()});
    EXPECT_TRUE(staysUpFor(std::chrono::seconds(kIdleSeconds + 2)));
    client.disconnect();
    EXPECT_TRUE(exitsWithin(std::chrono::seconds(kIdleSeconds + 4)))
        << "a worker still waits for an exec whose client has left";
    EXPECT_EQ(runCommand({"pgrep", "-x", "-f", "sleep 999"}).exit, 1) << "the exec'd process outlived its client";
}

TEST_F(IdleExitTest, LogStreamsWhoseReaderClosedThemEnd)
{
    // Neither stream would ever see another line: a created container that never starts,
    // a running one that prints nothing. Only their readers going away can end them.
    ASSERT_EQ(hakoctl({"create", "--name", "never-started", "busybox", "true"}).exit, 0);
    runDetached("silent", {"sleep", "1000"});
    BusClient client(env().address(), "log-reader"); // stays on the bus throughout
    {
        const auto attached = client.call("AttachOutput", {"never-started"});
        ASSERT_EQ(attached.type(), QDBusMessage::ReplyMessage) << attached.errorMessage().toStdString();
        const auto followed = client.call("FollowLogs", {"silent", 0});
        ASSERT_EQ(followed.type(), QDBusMessage::ReplyMessage) << followed.errorMessage().toStdString();
        EXPECT_TRUE(staysUpFor(std::chrono::seconds(kIdleSeconds + 2))) << "the streams do not hold the helper";
    } // the replies, and with them the read ends, are gone (streams end by their pipe alone)
    EXPECT_TRUE(exitsWithin(std::chrono::seconds(kIdleSeconds + 5)))
        << "a stream still runs for a reader that closed it";
}

} // namespace
} // namespace hako::dbustest
