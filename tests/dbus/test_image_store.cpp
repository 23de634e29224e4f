// Images over D-Bus, the store: rmi refused while in use unless forced, tag, save and export
// into passed fds, commit, system df agreeing with the listing, and hakoctl images.
#include "image_jobs.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

namespace hako::dbustest
{
namespace
{

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST_F(ImagesTest, RemoveRefusedWhileInUseUnlessForced)
{
    ASSERT_FALSE(importRootfs().isEmpty());
    EXPECT_EQ(env().call("TagImage", {"imported:v1", "retagged:v2"}).type(),
              QDBusMessage::ReplyMessage);
    EXPECT_FALSE(imageTagged("retagged:v2").isEmpty());
    EXPECT_EQ(env().call("RemoveImage", {"retagged:v2", false}).type(), QDBusMessage::ReplyMessage)
        << "a second tag goes without question";
    const auto created = env().call(
        "CreateContainer", {"user-of-image", "imported:v1",
                            QString::fromStdString(specJson({"/bin/true"})), QVariantMap{}});
    ASSERT_EQ(created.type(), QDBusMessage::ReplyMessage) << created.errorMessage().toStdString();
    const auto refused = env().call("RemoveImage", {"imported:v1", false});
    EXPECT_EQ(errorOf(refused), "org.hako.Containers1.Error.InvalidState");
    EXPECT_FALSE(imageTagged("imported:v1").isEmpty());
    const auto forced = env().call("RemoveImage", {"imported:v1", true});
    ASSERT_EQ(forced.type(), QDBusMessage::ReplyMessage) << forced.errorMessage().toStdString();
    const QVariantMap result = qdbus_cast<QVariantMap>(forced.arguments().value(0));
    EXPECT_TRUE(result.value("Untagged").toStringList().contains("imported:v1"));
    EXPECT_TRUE(imageTagged("imported:v1").isEmpty());
    EXPECT_EQ(errorOf(env().call("RemoveImage", {"no-such-image:v9", false})),
              "org.hako.Containers1.Error.NoSuchImage");
}

TEST_F(ImagesTest, PruneTakesUntaggedImagesOnly)
{
    ASSERT_FALSE(importRootfs().isEmpty());
    // The same files with another history comment: another config, so another image, untagged.
    const QString job = importFile(*client, dir.path + "/rootfs.tar",
                                   {{"Kind", "rootfs"}, {"Message", "dangling"}});
    const JobClient::Event *end = client->waitFinished(job, 60s);
    ASSERT_TRUE(end && end->ok);
    const QString dangling =
        end->result.value("Images").toArray()[0].toObject().value("Id").toString();
    ASSERT_TRUE(imageIds().contains(dangling));
    const auto reply = env().call("PruneImages", {false}, 60000);
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const QVariantMap report = qdbus_cast<QVariantMap>(reply.arguments().value(0));
    EXPECT_TRUE(report.value("Deleted").toStringList().contains(dangling))
        << report.value("Deleted").toStringList().join(' ').toStdString();
    EXPECT_FALSE(imageIds().contains(dangling));
    EXPECT_FALSE(imageTagged("imported:v1").isEmpty()) << "a tagged image stays";
    EXPECT_EQ(errorOf(env().call("TagImage", {"no-such-image:v9", "other:v1"})),
              "org.hako.Containers1.Error.NoSuchImage");
}

TEST_F(ImagesTest, SaveAndExportWriteTarsIntoPassedFds)
{
    ASSERT_FALSE(importRootfs().isEmpty());
    const std::string saved = dir.path + "/saved.tar";
    int fd = ::open(saved.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    auto reply = env().call("SaveImages",
                            {QStringList{"imported:v1"}, QVariant::fromValue(fdArg(fd))}, 60000);
    ::close(fd);
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const Result list = runCommand({"tar", "-tf", saved});
    EXPECT_EQ(list.exit, 0) << list.describe();
    EXPECT_NE(list.out.find("index.json"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("oci-layout"), std::string::npos) << list.out;

    // Export through a pipe, read while the helper writes.
    ASSERT_TRUE(
        runToEnd("exported", "imported:v1", specJson({"/bin/sh", "-c", "echo mark > /tmp/marker"}))
            .isEmpty());
    int pipeFds[2];
    ASSERT_EQ(::pipe2(pipeFds, O_CLOEXEC), 0);
    std::string bytes;
    std::thread reader([&] {
        char buffer[65536];
        for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;)
            bytes.append(buffer, size_t(n));
    });
    reply =
        env().call("ExportContainer", {"exported", QVariant::fromValue(fdArg(pipeFds[1]))}, 60000);
    ::close(pipeFds[1]);
    reader.join();
    ::close(pipeFds[0]);
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    std::ofstream(dir.path + "/exported.tar", std::ios::binary) << bytes;
    const Result exported = runCommand({"tar", "-tf", dir.path + "/exported.tar"});
    EXPECT_EQ(exported.exit, 0) << exported.describe();
    EXPECT_TRUE(std::regex_search(exported.out, std::regex(R"((^|\n)(\./)?tmp/marker\n)")))
        << exported.out;
    EXPECT_TRUE(std::regex_search(exported.out, std::regex(R"((^|\n)(\./)?bin/busybox\n)")))
        << exported.out;

    const int readOnly = ::open(saved.c_str(), O_RDONLY | O_CLOEXEC);
    reply = env().call("ExportContainer", {"exported", QVariant::fromValue(fdArg(readOnly))});
    ::close(readOnly);
    EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs");
}

TEST_F(ImagesTest, CommitMakesAnImageThatRunsTheChange)
{
    ASSERT_FALSE(importRootfs().isEmpty());
    runToEnd("to-commit", "imported:v1", specJson({"/bin/sh", "-c", "echo committed > /tmp/file"}));
    const auto reply =
        env().call("CommitContainer",
                   {"to-commit", "committed:v1",
                    QVariantMap{{"Author", "test"},
                                {"Changes", QStringList{R"(CMD ["/bin/cat", "/tmp/file"])"}}}},
                   60000);
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const QString id = reply.arguments().value(0).toString();
    EXPECT_TRUE(id.startsWith("sha256:")) << id.toStdString();
    const QVariantMap entry = imageTagged("committed:v1");
    ASSERT_FALSE(entry.isEmpty());
    EXPECT_EQ(entry.value("Id").toString(), id);
    EXPECT_EQ(entry.value("Layers").toUInt(), 2u);
    EXPECT_TRUE(runToEnd("from-commit", "committed:v1", specJson({})).contains("committed"));
}

TEST_F(ImagesTest, DiskUsageAgreesWithTheListing)
{
    ASSERT_FALSE(importRootfs().isEmpty());
    const auto listed =
        qdbus_cast<QList<QVariantMap>>(env().call("ListImages").arguments().value(0));
    const auto reply = env().call("GetDiskUsage", {}, 60000);
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const QVariantMap usage = qdbus_cast<QVariantMap>(reply.arguments().value(0));
    const auto images = qdbus_cast<QList<QVariantMap>>(usage.value("Images"));
    ASSERT_EQ(images.size(), listed.size());
    uint64_t sum = 0, largest = 0;
    for (const QVariantMap &image : images) {
        const auto same = std::find_if(listed.begin(), listed.end(), [&](const QVariantMap &l) {
            return l.value("Id") == image.value("Id");
        });
        ASSERT_NE(same, listed.end()) << image.value("Id").toString().toStdString();
        const uint64_t size = image.value("Size").toULongLong();
        EXPECT_EQ(size, same->value("Size").toULongLong());
        EXPECT_EQ(image.value("SharedSize").toULongLong() + image.value("UniqueSize").toULongLong(),
                  size);
        sum += size;
        largest = std::max(largest, size);
    }
    const uint64_t layers = usage.value("LayersSize").toULongLong();
    EXPECT_GE(layers, largest);
    EXPECT_LE(layers, sum) << "each layer counted once";
}

// hakoctl images reads as docker images: REPOSITORY TAG IMAGE ID CREATED SIZE, from what
// ListImages reports.
TEST_F(CtlTest, ImagesShowsIdCreatedAndSizeLikeDocker)
{
    ASSERT_EQ(hakoctl({"run", "--rm", "busybox", "true"}).exit, 0); // the image exists now
    const auto reply = env().call("ListImages");
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const auto images = qdbus_cast<QList<QVariantMap>>(reply.arguments().at(0));
    const auto busybox = std::find_if(images.begin(), images.end(), [](const QVariantMap &image) {
        return image.value("RepoTags").toStringList().contains("busybox:latest");
    });
    ASSERT_NE(busybox, images.end());
    const std::string id = busybox->value("Id").toString().toStdString();
    ASSERT_EQ(id.rfind("sha256:", 0), 0u) << id;
    const std::string hex = id.substr(7);
    const auto digest =
        runCommand({"sha256sum", env().stateRoot() + "/images/" + hex + "/config.json"});
    ASSERT_EQ(digest.exit, 0) << digest.describe();
    EXPECT_EQ(digest.out.substr(0, 64), hex) << "the id is the digest of the config";
    EXPECT_GT(busybox->value("Size").toULongLong(), 100'000u)
        << "busybox itself is bigger than that";
    const auto created = std::chrono::system_clock::now().time_since_epoch();
    EXPECT_LE(busybox->value("CreatedUsec").toULongLong(),
              uint64_t(std::chrono::duration_cast<std::chrono::microseconds>(created).count()));

    const auto table = hakoctl({"images"});
    ASSERT_EQ(table.exit, 0) << table.describe();
    EXPECT_TRUE(
        std::regex_search(table.out, std::regex(R"(^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\n)")))
        << table.out;
    EXPECT_TRUE(std::regex_search(table.out, std::regex("\nbusybox +latest +" + hex.substr(0, 12) +
                                                        " +[A-Za-z0-9 ]+ ago +[0-9.]+[kMG]?B\n")))
        << table.out;
}

} // namespace
} // namespace hako::dbustest
