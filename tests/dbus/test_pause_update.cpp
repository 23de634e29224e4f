// PauseContainer / UnpauseContainer / UpdateContainer through the API against real cgroups:
// a paused container's counter stands still and goes on after unpause; an update changes the
// running container's memory limit in the kernel, and a malformed one changes nothing; the
// test user, allowed to monitor, may read stats but not pause or update; and a container the
// kernel's OOM killer ends says so.
#include "bus_fixture.h"

#include <fstream>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kMiB = 1024 * 1024;
const char *const kErrorPrefix = "org.hako.Containers1.Error.";

// A counter that logs a line every 50 ms.
const Args kCounter = {"sh", "-c", "while :; do echo tick; sleep 0.05; done"};

std::string memoryLimitFile(const std::string &id)
{
    return "/sys/fs/cgroup/memory/hako/" + id + "/memory.limit_in_bytes";
}

int64_t readNumber(const std::string &path)
{
    std::ifstream in(path);
    int64_t value = -1;
    in >> value;
    return value;
}

Resources memoryLimit(int64_t bytes)
{
    Resources resources;
    resources.memory = MemoryResources{};
    resources.memory->limit = bytes;
    return resources;
}

class PauseUpdateTest : public DBusTest {
protected:
    std::string run(const std::string &name, const Args &cmd, std::optional<Resources> resources = {})
    {
        return runThroughApi(name, specJson(cmd, false, resources));
    }
    size_t logLines(const std::string &ref)
    {
        const auto reply = env().call("GetLogs", {QString::fromStdString(ref), -1});
        return reply.type() == QDBusMessage::ReplyMessage
                   ? size_t(qdbus_cast<QList<QVariantMap>>(reply.arguments().value(0)).size()) : 0;
    }
    QVariantMap details(const std::string &ref)
    {
        const auto reply = env().call("GetContainer", {QString::fromStdString(ref)});
        return reply.type() == QDBusMessage::ReplyMessage ? qdbus_cast<QVariantMap>(reply.arguments().value(0))
                                                          : QVariantMap{};
    }
    // The container object's State property, read over a connection of our own.
    std::string stateProperty(const std::string &id)
    {
        QDBusConnection bus = QDBusConnection::connectToBus(QString::fromStdString(env().address()), "pause-props");
        auto get = QDBusMessage::createMethodCall(kService, QString("/org/hako/Containers1/container/") + id.c_str(),
                                                  "org.freedesktop.DBus.Properties", "Get");
        get << "org.hako.Containers1.Container" << "State";
        const QDBusMessage reply = bus.call(get);
        QDBusConnection::disconnectFromBus("pause-props");
        return reply.arguments().value(0).value<QDBusVariant>().variant().toString().toStdString();
    }
    static void expectReply(const QDBusMessage &reply, const std::string &what)
    {
        EXPECT_EQ(reply.type(), QDBusMessage::ReplyMessage)
            << what << ": " << reply.errorName().toStdString() << " " << reply.errorMessage().toStdString();
    }
    static void expectError(const QDBusMessage &reply, const std::string &name, const std::string &what)
    {
        EXPECT_EQ(reply.errorName().toStdString(), name) << what << ": " << reply.errorMessage().toStdString();
    }
};

TEST_F(PauseUpdateTest, PauseStopsACounterAndUnpauseContinuesIt)
{
    const std::string id = run("counter", kCounter);
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(eventually([&] { return logLines(id) > 3; }, 5s));

    expectReply(env().call("PauseContainer", {"counter"}), "PauseContainer");
    // The state change is signalled before the reply: the object already says so.
    EXPECT_EQ(stateProperty(id), "paused");
    EXPECT_EQ(details(id).value("State").toString().toStdString(), "paused");
    std::this_thread::sleep_for(300ms); // what was written before the freeze reaches the log
    const size_t frozen = logLines(id);
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(logLines(id), frozen) << "the counter went on while paused";
    expectError(env().call("PauseContainer", {"counter"}), std::string(kErrorPrefix) + "InvalidState",
                "pausing a paused container");

    expectReply(env().call("UnpauseContainer", {"counter"}), "UnpauseContainer");
    EXPECT_EQ(stateProperty(id), "running");
    EXPECT_TRUE(eventually([&] { return logLines(id) > frozen + 5; }, 5s)) << "the counter did not go on";
    expectError(env().call("UnpauseContainer", {"counter"}), std::string(kErrorPrefix) + "InvalidState",
                "unpausing a running container");

    expectReply(env().call("StopContainer", {"counter", 1u}), "StopContainer");
    expectError(env().call("PauseContainer", {"counter"}), std::string(kErrorPrefix) + "InvalidState",
                "pausing a stopped container");
    expectError(env().call("PauseContainer", {"no-such"}), std::string(kErrorPrefix) + "NoSuchContainer",
                "pausing no container");
}

TEST_F(PauseUpdateTest, StopOfAPausedContainerEndsIt)
{
    const std::string id = run("frozen", {"sleep", "1000"});
    ASSERT_FALSE(id.empty());
    expectReply(env().call("PauseContainer", {"frozen"}), "PauseContainer");
    expectReply(env().call("StopContainer", {"frozen", 1u}), "StopContainer of a paused container");
    EXPECT_EQ(details(id).value("State").toString().toStdString(), "stopped");
}

TEST_F(PauseUpdateTest, UpdateChangesTheMemoryLimitOfARunningContainer)
{
    const std::string id = run("limited", {"sleep", "1000"}, memoryLimit(100 * kMiB));
    ASSERT_FALSE(id.empty());
    ASSERT_EQ(readNumber(memoryLimitFile(id)), 100 * kMiB);

    const auto updated = env().call("UpdateContainer", {"limited", QString(R"({"memory":{"limit":209715200}})")});
    ASSERT_EQ(updated.type(), QDBusMessage::ReplyMessage) << updated.errorMessage().toStdString();
    EXPECT_TRUE(updated.arguments().value(0).toString().contains("209715200"))
        << updated.arguments().value(0).toString().toStdString();
    EXPECT_EQ(readNumber(memoryLimitFile(id)), 200 * kMiB);
    EXPECT_TRUE(details(id).value("Spec").toString().contains("209715200")) << "kept for the next start";

    // Refused before anything is touched: the JSON path in the message, limit and spec as they were.
    const auto notJson = env().call("UpdateContainer", {"limited", "{not json"});
    expectError(notJson, std::string(kErrorPrefix) + "InvalidSpec", "malformed JSON");
    const auto wrongType = env().call("UpdateContainer", {"limited", R"({"memory":{"limit":"lots"}})"});
    expectError(wrongType, std::string(kErrorPrefix) + "InvalidSpec", "a string for a number");
    EXPECT_TRUE(wrongType.errorMessage().contains("linux.resources.memory.limit"))
        << wrongType.errorMessage().toStdString();
    EXPECT_EQ(readNumber(memoryLimitFile(id)), 200 * kMiB);
    EXPECT_TRUE(details(id).value("Spec").toString().contains("209715200"));
    expectError(env().call("UpdateContainer", {"no-such", R"({"memory":{"limit":209715200}})"}),
                std::string(kErrorPrefix) + "NoSuchContainer", "updating no container");
}

// A rule of the test's grants the test user `monitor` only (by default a sessionless user
// gets nothing): GetStats works, the verbs that change a container are refused by name.
TEST_F(PauseUpdateTest, MonitorMayReadStatsButNotPauseOrUpdate)
{
    ASSERT_FALSE(run("watched", {"sleep", "1000"}).empty());
    std::ofstream(kRulesFile) << R"(polkit.addRule(function(action, subject) {
    if (action.id == "org.hako.containers1.monitor" && subject.user == ")" << kTestUser << R"(")
        return polkit.Result.YES;
});
)";
    std::this_thread::sleep_for(1500ms); // polkitd rereads rules.d by itself
    const Args gdbus = {"gdbus", "call", "--system", "--dest", kService, "--object-path", kManagerPath, "--method"};
    auto asUser = [&](const std::string &method, const Args &args) {
        Args argv = gdbus;
        argv.push_back(std::string(kManagerInterface) + "." + method);
        argv.insert(argv.end(), args.begin(), args.end());
        return runAsUser(argv);
    };
    const auto stats = asUser("GetStats", {"@as []"});
    EXPECT_EQ(stats.exit, 0) << stats.describe();
    EXPECT_NE(stats.out.find("MemoryUsage"), std::string::npos) << stats.describe();
    const auto pause = asUser("PauseContainer", {"watched"});
    EXPECT_NE(pause.exit, 0) << pause.describe();
    EXPECT_NE(pause.err.find("AccessDenied"), std::string::npos) << pause.describe();
    EXPECT_NE(pause.err.find("org.hako.containers1.lifecycle"), std::string::npos) << pause.describe();
    const auto update = asUser("UpdateContainer", {"watched", R"({"memory":{"limit":209715200}})"});
    EXPECT_NE(update.err.find("org.hako.containers1.update-resources"), std::string::npos) << update.describe();
    EXPECT_EQ(details("watched").value("State").toString().toStdString(), "running");
}

TEST_F(PauseUpdateTest, AContainerTheOomKillerEndsIsOomKilled)
{
    Resources resources = memoryLimit(32 * kMiB);
    resources.memory->swap = 32 * kMiB; // memory + swap: no way around the limit
    // The string doubles until the shell (PID 1) outgrows the limit.
    const std::string id = run("hog", {"sh", "-c", "a=x; while :; do a=$a$a; done"}, resources);
    ASSERT_FALSE(id.empty());
    const auto waited = env().call("WaitContainer", {"hog"}, 60000);
    ASSERT_EQ(waited.type(), QDBusMessage::ReplyMessage) << waited.errorMessage().toStdString();
    EXPECT_EQ(waited.arguments().value(0).toInt(), 137);
    const QVariantMap entry = details(id);
    EXPECT_TRUE(entry.value("OOMKilled").toBool()) << entry.value("Status").toString().toStdString();
    EXPECT_EQ(entry.value("State").toString().toStdString(), "stopped");
}

} // namespace
} // namespace hako::dbustest
