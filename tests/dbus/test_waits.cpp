// WaitContainer and WaitExec: a created container is waited for until it has run (docker
// wait), and a WaitExec that polkit refuses leaves the session free for the next one.
#include "bus_fixture.h"

#include <fstream>
#include <regex>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

TEST_F(CtlTest, WaitOnACreatedContainerWaitsUntilItHasRunAndStopped)
{
    ASSERT_EQ(hakoctl({"create", "--name", "later", "busybox", "sh", "-c", "exit 6"}).exit, 0);
    BusClient client(env().address(), "created-waiter");
    QDBusPendingCall wait = client.callAsync("WaitContainer", {"later"});
    std::this_thread::sleep_for(1500ms);
    client.call("GetHostInfo"); // lets the connection read whatever has arrived
    EXPECT_FALSE(wait.isFinished()) << "answered before the container ever ran";
    ASSERT_EQ(hakoctl({"start", "later"}).exit, 0);
    wait.waitForFinished();
    const QDBusMessage reply = wait.reply();
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    EXPECT_EQ(reply.arguments().at(0).toInt(), 6);
    // Once it has run, a wait on the stopped container answers at once.
    const auto again = hakoctl({"wait", "later"}, 5s);
    EXPECT_EQ(trim(again.out), "6") << again.describe();
}

// exec is granted to the test user except, while the rule says so, WaitExec.
std::string execRule(bool allowWaitExec)
{
    return std::string(R"(polkit.addRule(function(action, subject) {
    if (action.id == "org.hako.containers1.exec" && subject.user == ")") + kTestUser + R"(") {
        if (action.lookup("verb") == "WaitExec" && )" + (allowWaitExec ? "false" : "true") + R"()
            return polkit.Result.NO;
        return polkit.Result.YES;
    }
});
)";
}

void writeRule(const std::string &rule)
{
    std::ofstream(kRulesFile) << rule;
    std::this_thread::sleep_for(1500ms); // polkitd rereads rules.d by itself
}

TEST_F(CtlTest, AWaitExecRefusedByPolkitLeavesTheSessionWaitable)
{
    runDetached("execs", {"sleep", "1000"});
    writeRule(execRule(false));
    PtyChild client({"setpriv", std::string("--reuid=") + kTestUser, std::string("--regid=") + kTestUser,
                     "--init-groups", "env", env().clientEnv().at(0), scriptClientPath()},
                    {}, 24, 200);
    ASSERT_TRUE(client.readUntil("ready", 10s)) << client.output();
    client.write("exec execs sleep 1\n");
    ASSERT_TRUE(client.readUntil("exec-id ", 10s)) << client.output();
    std::smatch id;
    ASSERT_TRUE(std::regex_search(client.output(), id, std::regex("exec-id ([0-9a-f]+)"))) << client.output();
    const size_t mark = client.output().size();
    client.write("waitexec " + id[1].str() + "\n");
    ASSERT_TRUE(client.readUntil("AccessDenied", 10s, mark)) << client.output();

    writeRule(execRule(true));
    const size_t second = client.output().size();
    client.write("waitexec " + id[1].str() + "\n");
    EXPECT_TRUE(client.readUntil("status 0", 15s, second)) << client.output();
    EXPECT_EQ(client.output().find("Busy", second), std::string::npos) << client.output();
}

} // namespace
} // namespace hako::dbustest
