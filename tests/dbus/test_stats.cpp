// GetStats and the StatsUpdated stream: figures that agree with the cgroup's own files, frames
// only while subscribed and only to the subscriber, the first one within an interval and
// with its CPU figure set, and a subscription that keeps an idle-exit helper up until its
// client leaves the bus.
#include "bus_fixture.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QObject>

#include <fstream>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A connection of its own that records every StatsUpdated it receives.
class StatsListener : public QObject {
    Q_OBJECT
public:
    struct Frame {
        Clock::time_point at;
        QList<QVariantMap> entries;
    };

    StatsListener(const std::string &address, const QString &name)
        : name_(name), bus_(QDBusConnection::connectToBus(QString::fromStdString(address), name))
    {
        bus_.connect(kService, kManagerPath, kManagerInterface, "StatsUpdated", this,
                     SLOT(onStats(QDBusMessage)));
    }
    ~StatsListener() override { leave(); }

    QDBusMessage call(const QString &method, const QVariantList &args = {})
    {
        auto message = QDBusMessage::createMethodCall(kService, kManagerPath, kManagerInterface, method);
        message.setArguments(args);
        return bus_.call(message, QDBus::Block, 10000);
    }
    void leave()
    {
        if (!bus_.isConnected())
            return;
        bus_.disconnect(kService, kManagerPath, kManagerInterface, "StatsUpdated", this,
                        SLOT(onStats(QDBusMessage)));
        // A signal not yet delivered holds a reference to the connection, keeping it open.
        QCoreApplication::removePostedEvents(this);
        bus_ = QDBusConnection(QString());
        QDBusConnection::disconnectFromBus(name_);
    }

    std::vector<Frame> frames;

public slots:
    void onStats(const QDBusMessage &message)
    {
        frames.push_back({Clock::now(), qdbus_cast<QList<QVariantMap>>(message.arguments().value(0))});
    }

private:
    QString name_;
    QDBusConnection bus_;
};

// Runs the event loop (which delivers the signals) for `span`, or until `until` holds.
void pump(std::chrono::milliseconds span, const std::function<bool()> &until = {})
{
    const auto end = Clock::now() + span;
    while (Clock::now() < end && !(until && until())) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        std::this_thread::sleep_for(5ms);
    }
}

const QVariantMap *entryFor(const QList<QVariantMap> &entries, const std::string &id)
{
    for (const QVariantMap &entry : entries)
        if (entry.value("Id").toString().toStdString() == id)
            return &entry;
    return nullptr;
}

// The first line of a cgroup file that starts with `key` (and a space), as a number.
uint64_t cgroupValue(const std::string &path, const std::string &key = {})
{
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (!key.empty() && line.rfind(key + " ", 0) != 0)
            continue;
        return std::stoull(key.empty() ? line : line.substr(key.size() + 1));
    }
    return 0;
}

class StatsTest : public DBusTest {
protected:
    std::string run(const std::string &name, const Args &cmd, std::optional<Resources> resources = {})
    {
        return runThroughApi(name, specJson(cmd, false, resources));
    }
    static std::string errorName(const QDBusMessage &reply) { return reply.errorName().toStdString(); }
};

const QStringList kEntryKeys = {
    "Id", "Name", "TimeUsec", "CpuPercent", "CpuLimitCores", "CpuLimited", "CpuPercentOfLimit",
    "CpuUsageNsec", "MemoryUsage", "MemoryLimit", "MemoryLimited", "MemoryPercent", "Pids", "PidsLimit",
    "BlockReadBytes", "BlockWriteBytes", "NetRxBytes", "NetTxBytes", "NetRxPackets", "NetTxPackets", "Paused"};

TEST_F(StatsTest, FramesGoToTheSubscriberOnlyAndOnlyWhileSubscribed)
{
    const std::string id = run("busy", {"sh", "-c", "while :; do :; done"});
    ASSERT_FALSE(id.empty());
    StatsListener subscriber(env().address(), "stats-subscriber");
    StatsListener bystander(env().address(), "stats-bystander");
    constexpr auto kInterval = 500ms;

    const auto subscribedAt = Clock::now();
    const auto reply = subscriber.call("SubscribeStats", {QStringList{}, uint(kInterval.count())});
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    pump(2s, [&] { return !subscriber.frames.empty(); });
    ASSERT_FALSE(subscriber.frames.empty()) << "no frame within 2 s";
    EXPECT_LE(subscriber.frames.front().at - subscribedAt, kInterval) << "the first frame came later than one interval";
    const QVariantMap *first = entryFor(subscriber.frames.front().entries, id);
    ASSERT_NE(first, nullptr) << "the running container is not in the first frame";
    for (const QString &key : kEntryKeys)
        EXPECT_TRUE(first->contains(key)) << key.toStdString();
    EXPECT_GT(first->value("CpuPercent").toDouble(), 5.0) << "a busy loop's first CPU figure";
    EXPECT_EQ(first->value("Name").toString().toStdString(), "busy");

    pump(1600ms);
    EXPECT_GE(subscriber.frames.size(), 3u) << "frames every 500 ms";
    EXPECT_TRUE(bystander.frames.empty()) << "a client that did not subscribe received frames";

    ASSERT_EQ(subscriber.call("UnsubscribeStats").type(), QDBusMessage::ReplyMessage);
    pump(100ms); // frames sent before the reply
    const size_t afterUnsubscribe = subscriber.frames.size();
    pump(1200ms);
    EXPECT_EQ(subscriber.frames.size(), afterUnsubscribe) << "frames after UnsubscribeStats";
}

TEST_F(StatsTest, ASubscriptionToNamedContainersFollowsThemOnly)
{
    const std::string one = run("one", {"sleep", "1000"});
    const std::string two = run("two", {"sleep", "1000"});
    ASSERT_FALSE(one.empty() || two.empty());
    StatsListener subscriber(env().address(), "stats-named");
    ASSERT_EQ(subscriber.call("SubscribeStats", {QStringList{"two"}, 200u}).type(), QDBusMessage::ReplyMessage);
    pump(2s, [&] { return subscriber.frames.size() >= 2; });
    ASSERT_GE(subscriber.frames.size(), 2u);
    for (const auto &frame : subscriber.frames) {
        EXPECT_EQ(frame.entries.size(), 1);
        EXPECT_NE(entryFor(frame.entries, two), nullptr);
    }
}

TEST_F(StatsTest, ArgumentsAreCheckedFirst)
{
    StatsListener client(env().address(), "stats-args");
    EXPECT_EQ(errorName(client.call("SubscribeStats", {QStringList{}, 50u})), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_EQ(errorName(client.call("SubscribeStats", {QStringList{}, 60001u})), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_EQ(errorName(client.call("SubscribeStats", {QStringList{""}, 0u})), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_EQ(errorName(client.call("SubscribeStats", {QStringList{"no-such"}, 0u})),
              "org.hako.Containers1.Error.NoSuchContainer");
    EXPECT_EQ(errorName(client.call("GetStats", {QStringList{"no-such"}})), "org.hako.Containers1.Error.NoSuchContainer");
}

TEST_F(StatsTest, GetStatsAgreesWithTheCgroupFiles)
{
    Resources resources;
    resources.memory = MemoryResources{};
    resources.memory->limit = 256 * 1024 * 1024;
    // About 40 MB held in a shell variable, then idle: figures that stand still. (The echo
    // after the sleep keeps the shell, which would otherwise exec the sleep and drop `a`.)
    const std::string id = run("mem", {"sh", "-c", "a=$(head -c 40000000 /dev/zero | tr '\\0' x); sleep 1000; echo ${#a}"},
                               resources);
    ASSERT_FALSE(id.empty());
    const std::string memory = "/sys/fs/cgroup/memory/hako/" + id + "/";
    ASSERT_TRUE(eventually([&] { return cgroupValue(memory + "memory.usage_in_bytes") > 40'000'000; }, 10s))
        << "memory.usage_in_bytes: " << cgroupValue(memory + "memory.usage_in_bytes");
    std::this_thread::sleep_for(300ms); // head and tr have gone

    const auto reply = env().call("GetStats", {QStringList{"mem"}});
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const auto entries = qdbus_cast<QList<QVariantMap>>(reply.arguments().value(0));
    ASSERT_EQ(entries.size(), 1);
    const QVariantMap &e = entries.front();

    const double usage = double(cgroupValue(memory + "memory.usage_in_bytes") -
                                cgroupValue(memory + "memory.stat", "total_inactive_file"));
    EXPECT_NEAR(e.value("MemoryUsage").toDouble(), usage, usage * 0.05);
    EXPECT_EQ(e.value("MemoryLimit").toULongLong(), cgroupValue(memory + "memory.limit_in_bytes"));
    EXPECT_TRUE(e.value("MemoryLimited").toBool());
    EXPECT_NEAR(e.value("MemoryPercent").toDouble(), 100.0 * usage / (256.0 * 1024 * 1024), 1.0);
    const double cpu = double(cgroupValue("/sys/fs/cgroup/cpuacct/hako/" + id + "/cpuacct.usage"));
    EXPECT_NEAR(e.value("CpuUsageNsec").toDouble(), cpu, cpu * 0.05);
    EXPECT_EQ(e.value("Pids").toULongLong(), cgroupValue("/sys/fs/cgroup/pids/hako/" + id + "/pids.current"));
    EXPECT_GE(e.value("CpuPercent").toDouble(), 0.0);
    EXPECT_FALSE(e.value("Paused").toBool());

    const auto all = env().call("GetStats", {QStringList{}});
    ASSERT_EQ(all.type(), QDBusMessage::ReplyMessage) << all.errorMessage().toStdString();
    EXPECT_NE(entryFor(qdbus_cast<QList<QVariantMap>>(all.arguments().value(0)), id), nullptr);
}

// --idle-exit: a stats subscriber keeps the helper up; once its client leaves the bus the
// subscription is gone and the helper exits.
class StatsIdleTest : public StatsTest {
protected:
    void SetUp() override
    {
        StatsTest::SetUp();
        if (IsSkipped() || HasFailure())
            return;
        env().killHelper();
        std::string why;
        ASSERT_TRUE(env().startHelper(&why, {"--idle-exit", "1"})) << why;
    }
    void TearDown() override
    {
        if (env().helperRunning())
            env().killHelper(); // the next test expects the fixture's own helper
        StatsTest::TearDown();
    }
};

TEST_F(StatsIdleTest, ASubscriberKeepsTheHelperUpUntilItLeavesTheBus)
{
    StatsListener subscriber(env().address(), "stats-idle");
    ASSERT_EQ(subscriber.call("SubscribeStats", {QStringList{}, 1000u}).type(), QDBusMessage::ReplyMessage);
    EXPECT_FALSE(eventually([&] { return !env().helperRunning(); }, 4s)) << "exited with a stats subscriber";
    subscriber.leave();
    EXPECT_TRUE(eventually([&] { return !env().helperRunning(); }, 5s))
        << "a subscriber that left the bus still keeps the helper up";
}

} // namespace
} // namespace hako::dbustest

#include "test_stats.moc"
