// Malformed calls get a named error with a message, and change nothing.
#include "bus_fixture.h"

#include <QDBusUnixFileDescriptor>

#include <fcntl.h>
#include <unistd.h>

#include <tuple>

namespace hako::dbustest {
namespace {

const QString kHako = "org.hako.Containers1.Error.";
const QString kInvalidArgs = "org.freedesktop.DBus.Error.InvalidArgs";

struct Call {
    const char *what;
    QString method;
    QVariantList args;
};

class MalformedTest : public DBusTest {
protected:
    // A named error (InvalidArgs or one of Hako's, not the catch-all Failed) with a message.
    void expectNamedError(const Call &c)
    {
        const auto reply = env().call(c.method, c.args, 10000);
        const QString name = reply.errorName();
        EXPECT_EQ(reply.type(), QDBusMessage::ErrorMessage) << c.what << ": accepted";
        EXPECT_TRUE(name == kInvalidArgs || (name.startsWith(kHako) && name != kHako + "Failed"))
            << c.what << ": " << name.toStdString() << ": " << reply.errorMessage().toStdString();
        EXPECT_FALSE(reply.errorMessage().isEmpty()) << c.what;
    }
};

TEST_F(MalformedTest, BadCallsGetNamedErrorsAndChangeNothing)
{
    const auto created = env().call("CreateContainer", {"keep", "busybox",
                                     QString::fromStdString(specJson({"sleep", "1000"})), QVariantMap{}});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    const QString keep = created.arguments().at(0).toString();
    const auto before = listIds();
    const QString huge(2 * 1024 * 1024, QChar('a'));
    const QString spec = QString::fromStdString(specJson({"true"}));

    const std::vector<Call> calls = {
        {"unknown id", "GetContainer", {"0123456789abcdef"}},
        {"empty ref", "StartContainer", {""}},
        {"path in ref", "StartContainer", {"../../../etc"}},
        {"huge ref", "GetContainer", {huge}},
        {"signal 0", "KillContainer", {keep, 0}},
        {"signal 999", "KillContainer", {keep, 999}},
        {"signal -9", "KillContainer", {keep, -9}},
        {"bad JSON", "CreateContainer", {"bad", "busybox", "{not json", QVariantMap{}}},
        {"spec of the wrong shape", "CreateContainer", {"bad", "busybox", "{\"process\": 5}", QVariantMap{}}},
        {"spec that is an array", "CreateContainer", {"bad", "busybox", "[]", QVariantMap{}}},
        {"huge spec", "CreateContainer", {"bad", "busybox", huge, QVariantMap{}}},
        {"huge name", "CreateContainer", {huge, "busybox", spec, QVariantMap{}}},
        {"name with a slash", "CreateContainer", {"a/b", "busybox", spec, QVariantMap{}}},
        {"taken name", "CreateContainer", {"keep", "busybox", spec, QVariantMap{}}},
        {"unknown image", "CreateContainer", {"bad", "no-such-image", spec, QVariantMap{}}},
        {"huge image", "CreateContainer", {"bad", huge, spec, QVariantMap{}}},
        {"unknown option", "CreateContainer", {"bad", "busybox", spec, QVariantMap{{"NoSuchOption", 1}}}},
        {"stop of a created container", "StopContainer", {keep, 1u}},
        {"negative tail on unknown", "GetLogs", {"nope", -5}},
    };
    for (const auto &c : calls) {
        expectNamedError(c);
        EXPECT_EQ(listIds(), before) << c.what << " changed the list";
    }
    const auto state = env().call("GetContainer", {keep});
    ASSERT_EQ(state.type(), QDBusMessage::ReplyMessage);
    EXPECT_EQ(qdbus_cast<QVariantMap>(state.arguments().at(0)).value("State").toString(), "created");
    EXPECT_TRUE(env().helperRunning()) << "the helper survived\n" << env().diagnostics();
}

TEST_F(MalformedTest, ExecOptionsAreChecked)
{
    const auto created = env().call("CreateContainer", {"exec-opts", "busybox",
                                     QString::fromStdString(specJson({"sleep", "1000"})), QVariantMap{}});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    ASSERT_EQ(env().call("StartContainer", {"exec-opts"}).type(), QDBusMessage::ReplyMessage);
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const QVariant null = QVariant::fromValue(QDBusUnixFileDescriptor(devNull));
    ::close(devNull);
    for (const auto &[what, options, named] :
         std::vector<std::tuple<const char *, QVariantMap, QString>>{
             {"unknown key", {{"Bogus", true}}, "Bogus"},
             {"user with a space", {{"User", "a b"}}, "User"},
             {"user with two colons", {{"User", "a:b:c"}}, "User"}}) {
        const auto reply = env().call("ExecInContainer", {"exec-opts", QStringList{"true"}, options, null, null, null});
        EXPECT_EQ(reply.errorName(), kInvalidArgs) << what << ": " << reply.errorMessage().toStdString();
        EXPECT_TRUE(reply.errorMessage().contains(named)) << what << ": " << reply.errorMessage().toStdString();
    }
}

} // namespace
} // namespace hako::dbustest
