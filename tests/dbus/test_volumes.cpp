// Named volumes over D-Bus: create (again: the same volume), list with labels and users,
// removal refused while a container uses it, names checked before anything, and what
// GetDiskUsage says of a volume's files.
#include "bus_fixture.h"

#include <QDBusArgument>
#include <QDBusMetaType>

#include <filesystem>
#include <fstream>
#include <regex>

namespace hako::dbustest
{
namespace
{

namespace fs = std::filesystem;

using StringMap = QMap<QString, QString>;

std::string errorOf(const QDBusMessage &reply)
{
    return reply.type() == QDBusMessage::ErrorMessage ? reply.errorName().toStdString()
                                                      : std::string("(no error)");
}

QVariantMap volumeNamed(const QString &name)
{
    const auto reply = BusEnvironment::instance().call("ListVolumes");
    for (const QVariantMap &volume : qdbus_cast<QList<QVariantMap>>(reply.arguments().value(0)))
        if (volume.value("Name").toString() == name)
            return volume;
    return {};
}

// busybox running `args` with the volume `name` at /data.
std::string specWithVolume(const std::string &name, const std::vector<std::string> &args)
{
    Spec spec = defaultSpec();
    spec.process.args = args;
    spec.process.terminal = false;
    spec.mounts.push_back(Mount{"/data", "volume", name, {"rw"}});
    return toJsonText(spec);
}

class VolumesTest : public DBusTest
{
  protected:
    void SetUp() override
    {
        DBusTest::SetUp();
        qDBusRegisterMetaType<StringMap>();
    }
    void TearDown() override
    {
        env().removeAllContainers();
        for (const char *name : {"data1", "data2"})
            env().call("RemoveVolume", {QString(name), true});
        DBusTest::TearDown();
    }
    QVariantMap create(const QString &name, const StringMap &labels = {})
    {
        QVariantMap options;
        if (!labels.isEmpty())
            options.insert("Labels", QVariant::fromValue(labels));
        const auto reply = env().call("CreateVolume", {name, options});
        if (reply.type() != QDBusMessage::ReplyMessage) {
            ADD_FAILURE() << "CreateVolume " << name.toStdString() << ": "
                          << reply.errorMessage().toStdString();
            return {};
        }
        return qdbus_cast<QVariantMap>(reply.arguments().value(0));
    }
};

StringMap labelsOf(const QVariantMap &volume)
{
    return qdbus_cast<StringMap>(volume.value("Labels"));
}

TEST_F(VolumesTest, CreateListAndRemove)
{
    const QVariantMap made = create("data1", {{"purpose", "test"}});
    ASSERT_EQ(made.value("Name").toString(), "data1");
    const std::string mountpoint = made.value("Mountpoint").toString().toStdString();
    EXPECT_TRUE(fs::is_directory(mountpoint)) << mountpoint;
    EXPECT_EQ(mountpoint.rfind(env().stateRoot(), 0), 0u) << "under the state root: " << mountpoint;
    EXPECT_FALSE(made.value("Anonymous").toBool());
    EXPECT_GT(made.value("CreatedUsec").toULongLong(), 0u);

    const QVariantMap listed = volumeNamed("data1");
    ASSERT_FALSE(listed.isEmpty());
    EXPECT_EQ(labelsOf(listed).value("purpose"), "test");
    EXPECT_TRUE(listed.value("UsedBy").toStringList().isEmpty());

    // Docker answers a create of an existing volume with that volume.
    const QVariantMap again = create("data1");
    EXPECT_EQ(again.value("Mountpoint"), made.value("Mountpoint"));
    EXPECT_EQ(again.value("CreatedUsec"), made.value("CreatedUsec"));

    const QVariantMap unnamed = create("");
    const QString generated = unnamed.value("Name").toString();
    EXPECT_TRUE(std::regex_match(generated.toStdString(), std::regex("[0-9a-f]{64}")))
        << generated.toStdString();
    EXPECT_EQ(env().call("RemoveVolume", {generated, false}).type(), QDBusMessage::ReplyMessage);

    EXPECT_EQ(env().call("RemoveVolume", {"data1", false}).type(), QDBusMessage::ReplyMessage);
    EXPECT_TRUE(volumeNamed("data1").isEmpty());
    EXPECT_FALSE(fs::exists(mountpoint));
    EXPECT_EQ(errorOf(env().call("RemoveVolume", {"data1", false})),
              "org.hako.Containers1.Error.NoSuchVolume");
}

TEST_F(VolumesTest, NamesAndOptionsAreCheckedFirst)
{
    for (const char *bad : {"-leading-dash", "a", "has/slash", "../up"}) {
        const auto reply = env().call("CreateVolume", {QString(bad), QVariantMap{}});
        EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs") << bad;
        EXPECT_TRUE(reply.errorMessage().contains(bad)) << reply.errorMessage().toStdString();
    }
    EXPECT_EQ(errorOf(env().call("CreateVolume", {"data2", QVariantMap{{"Driver", "local"}}})),
              "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_EQ(errorOf(env().call("CreateVolume", {"data2", QVariantMap{{"Labels", "x=y"}}})),
              "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_TRUE(volumeNamed("data2").isEmpty());
    EXPECT_EQ(errorOf(env().call("RemoveVolume", {"", false})),
              "org.freedesktop.DBus.Error.InvalidArgs");
}

TEST_F(VolumesTest, RemovalRefusedWhileInUseUnlessForced)
{
    const QVariantMap made = create("data1");
    ASSERT_FALSE(made.isEmpty());
    const std::string id = runThroughApi(
        "vol-user", specWithVolume("data1", {"sh", "-c", "echo kept > /data/file; sleep 1000"}));
    ASSERT_FALSE(id.empty());
    const std::string file = made.value("Mountpoint").toString().toStdString() + "/file";
    EXPECT_TRUE(eventually([&] { return fs::exists(file); }, std::chrono::seconds(10)))
        << "the container writes into the volume";
    EXPECT_TRUE(volumeNamed("data1").value("UsedBy").toStringList().contains("vol-user"));

    const auto refused = env().call("RemoveVolume", {"data1", false});
    EXPECT_EQ(errorOf(refused), "org.hako.Containers1.Error.InvalidState");
    EXPECT_TRUE(refused.errorMessage().contains("vol-user"))
        << refused.errorMessage().toStdString();
    EXPECT_FALSE(volumeNamed("data1").isEmpty());

    // GetDiskUsage counts the volume's files and the container linking it.
    const auto usage =
        qdbus_cast<QVariantMap>(env().call("GetDiskUsage", {}, 60000).arguments().value(0));
    bool found = false;
    for (const QVariantMap &volume : qdbus_cast<QList<QVariantMap>>(usage.value("Volumes")))
        if (volume.value("Name").toString() == "data1") {
            found = true;
            EXPECT_EQ(volume.value("Size").toULongLong(), fs::file_size(file));
            EXPECT_EQ(volume.value("Links").toInt(), 1);
        }
    EXPECT_TRUE(found) << "GetDiskUsage lists data1";

    EXPECT_EQ(env().call("RemoveContainer", {"vol-user", true}).type(), QDBusMessage::ReplyMessage);
    EXPECT_TRUE(volumeNamed("data1").value("UsedBy").toStringList().isEmpty());
    EXPECT_TRUE(fs::exists(file)) << "a named volume outlives its container";
    EXPECT_EQ(env().call("RemoveVolume", {"data1", false}).type(), QDBusMessage::ReplyMessage);
}

TEST_F(VolumesTest, AutoRemoveTakesTheAnonymousVolumesOnly)
{
    ASSERT_FALSE(create("data1").isEmpty());
    Spec spec = defaultSpec();
    spec.process.args = {"sh", "-c", "echo x > /anon/f; echo y > /named/f"};
    spec.process.terminal = false;
    spec.mounts.push_back(Mount{"/anon", "volume", "", {"rw"}}); // empty source: anonymous
    spec.mounts.push_back(Mount{"/named", "volume", "data1", {"rw"}});
    const auto created = env().call("CreateContainer", {"auto-vol", "busybox",
                                                        QString::fromStdString(toJsonText(spec)),
                                                        QVariantMap{{"AutoRemove", true}}});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    QString anonymous;
    for (const QVariantMap &volume :
         qdbus_cast<QList<QVariantMap>>(env().call("ListVolumes").arguments().value(0)))
        if (volume.value("Anonymous").toBool() &&
            volume.value("UsedBy").toStringList().contains("auto-vol"))
            anonymous = volume.value("Name").toString();
    ASSERT_FALSE(anonymous.isEmpty()) << "the create made an anonymous volume used by auto-vol";
    ASSERT_EQ(env().call("StartContainer", {"auto-vol"}).type(), QDBusMessage::ReplyMessage);
    EXPECT_TRUE(eventually([&] { return listIds().empty() && volumeNamed(anonymous).isEmpty(); },
                           std::chrono::seconds(15)))
        << "the container and its anonymous volume are removed once it has stopped";
    const QVariantMap named = volumeNamed("data1");
    ASSERT_FALSE(named.isEmpty()) << "a named volume stays";
    EXPECT_TRUE(fs::exists(named.value("Mountpoint").toString().toStdString() + "/f"));
}

} // namespace
} // namespace hako::dbustest
