// hakoctl images reads as docker images: REPOSITORY TAG IMAGE ID CREATED SIZE, from what
// ListImages reports (the config's digest, when the image was made, the bytes of its files).
#include "bus_fixture.h"

#include <sys/stat.h>

#include <filesystem>
#include <regex>
#include <set>

namespace hako::dbustest {
namespace {

namespace fs = std::filesystem;

// What the image's files weigh, counted here independently of the helper: regular files and
// symlinks, each inode once.
uint64_t filesBytes(const std::string &root)
{
    uint64_t bytes = 0;
    std::set<std::pair<dev_t, ino_t>> seen;
    for (const auto &entry : fs::recursive_directory_iterator(root)) {
        struct stat st {};
        if (::lstat(entry.path().c_str(), &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
            seen.insert({st.st_dev, st.st_ino}).second)
            bytes += uint64_t(st.st_size);
    }
    return bytes;
}

TEST_F(CtlTest, ImagesShowsIdCreatedAndSizeLikeDocker)
{
    ASSERT_EQ(hakoctl({"run", "--rm", "busybox", "true"}).exit, 0); // the image exists now
    const std::string imageDir = env().stateRoot() + "/images/busybox";
    const auto digest = runCommand({"sha256sum", imageDir + "/image.json"});
    ASSERT_EQ(digest.exit, 0) << digest.describe();
    const std::string id = digest.out.substr(0, 64);

    const auto reply = env().call("ListImages");
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const auto images = qdbus_cast<QList<QVariantMap>>(reply.arguments().at(0));
    ASSERT_EQ(images.size(), 1);
    EXPECT_EQ(images[0].value("Id").toString().toStdString(), id);
    EXPECT_EQ(images[0].value("Size").toULongLong(), filesBytes(imageDir + "/rootfs"));
    EXPECT_GT(images[0].value("Size").toULongLong(), 100'000u) << "busybox itself is bigger than that";
    const auto created = std::chrono::system_clock::now().time_since_epoch();
    EXPECT_LE(images[0].value("CreatedUsec").toULongLong(),
              uint64_t(std::chrono::duration_cast<std::chrono::microseconds>(created).count()));
    EXPECT_GT(images[0].value("CreatedUsec").toULongLong(), 0u);

    const auto table = hakoctl({"images"});
    ASSERT_EQ(table.exit, 0) << table.describe();
    EXPECT_TRUE(std::regex_search(table.out, std::regex(R"(^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\n)")))
        << table.out;
    EXPECT_TRUE(std::regex_search(
        table.out, std::regex("\nbusybox +latest +" + id.substr(0, 12) + " +[A-Za-z0-9 ]+ ago +[0-9.]+[kMG]?B\n")))
        << table.out;
    EXPECT_EQ(hakoctl({"images", "-q"}).out, id.substr(0, 12) + "\n");
    EXPECT_TRUE(hakoctl({"images", "--no-trunc"}).out.find("sha256:" + id) != std::string::npos);
}

} // namespace
} // namespace hako::dbustest
