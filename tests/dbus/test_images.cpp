// Images over D-Bus, the jobs: import as a job (JobProgress, then JobFinished, to the caller
// only), what ListImages/GetImage then show, a container run from the imported image, garbage
// refused with nothing kept, arguments checked before polkit, jobs cancelled only by their
// owner or when it leaves the bus, an idle-exit helper kept up by a job, and polkit refusing
// an unprivileged user. Pulls: test_image_pull.cpp; rmi, save, export, commit, df:
// test_image_store.cpp.
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

TEST_F(ImagesTest, ImportedRootfsIsAJobThenListedAndRuns)
{
    const auto before = std::chrono::steady_clock::now();
    const QString job = importFile(*client, dir.path + "/rootfs.tar",
                                   {{"Kind", "rootfs"},
                                    {"Tag", "imported:v1"},
                                    {"Changes", QStringList{R"(CMD ["/bin/echo", "from cmd"])"}}});
    ASSERT_FALSE(job.isEmpty());
    const JobClient::Event *end = client->waitFinished(job, 60s);
    ASSERT_TRUE(end) << "no JobFinished within 60 s";
    EXPECT_TRUE(end->ok) << QJsonDocument(end->result).toJson().toStdString();
    const auto events = client->eventsOf(job);
    ASSERT_GE(events.size(), 2u) << "at least one JobProgress, then JobFinished";
    EXPECT_TRUE(events.back().finished);
    EXPECT_FALSE(events[events.size() - 2].finished)
        << "a JobProgress comes just before JobFinished";
    const QList<QVariantMap> last = events[events.size() - 2].progress;
    ASSERT_FALSE(last.isEmpty());
    EXPECT_EQ(last.back().value("Status").toString(), "Pull complete");
    const uint64_t tarBytes = fs::file_size(dir.path + "/rootfs.tar");
    EXPECT_EQ(last.back().value("Total").toULongLong(), tarBytes)
        << "a regular file's size is the total";
    // ≤ 10 frames a second (plus the final one).
    const double seconds = std::chrono::duration<double>(end->at - before).count();
    EXPECT_LE(double(events.size() - 1), seconds * 10 + 2);

    const QJsonArray images = end->result.value("Images").toArray();
    ASSERT_EQ(images.size(), 1);
    const QString id = images[0].toObject().value("Id").toString();
    EXPECT_TRUE(id.startsWith("sha256:")) << id.toStdString();
    EXPECT_TRUE(
        images[0].toObject().value("RepoTags").toArray().contains(QJsonValue("imported:v1")));

    const QVariantMap entry = imageTagged("imported:v1");
    ASSERT_FALSE(entry.isEmpty()) << "ListImages shows imported:v1";
    EXPECT_EQ(entry.value("Id").toString(), id);
    EXPECT_EQ(entry.value("Name").toString(), "imported:v1");
    EXPECT_EQ(entry.value("Layers").toUInt(), 1u);
    EXPECT_GE(entry.value("Size").toULongLong(), fs::file_size("/bin/busybox"));
    EXPECT_EQ(entry.value("Cmd").toStringList(), (QStringList{"/bin/echo", "from cmd"}));
    EXPECT_TRUE(entry.value("UsedBy").toStringList().isEmpty());

    const auto details = env().call("GetImage", {"imported:v1"});
    ASSERT_EQ(details.type(), QDBusMessage::ReplyMessage) << details.errorMessage().toStdString();
    const QVariantMap image = qdbus_cast<QVariantMap>(details.arguments().value(0));
    EXPECT_EQ(image.value("DiffIds").toStringList().size(), 1);
    const QJsonObject config =
        QJsonDocument::fromJson(image.value("Config").toString().toUtf8()).object();
    EXPECT_EQ(config.value("rootfs").toObject().value("diff_ids").toArray().size(), 1)
        << image.value("Config").toString().toStdString();
    EXPECT_FALSE(qdbus_cast<QList<QVariantMap>>(image.value("History")).isEmpty());

    // The image's own CMD runs when the spec leaves the command to it.
    EXPECT_TRUE(runToEnd("from-import", "imported:v1", specJson({})).contains("from cmd"));
    EXPECT_TRUE(imageTagged("imported:v1").value("UsedBy").toStringList().contains("from-import"));
}

TEST_F(ImagesTest, GarbageImportFailsWithBadContentAndKeepsNothing)
{
    const QStringList before = imageIds();
    {
        std::ofstream out(dir.path + "/garbage.tar", std::ios::binary);
        for (int i = 0; i < 4096; ++i)
            out << char((i * 7919) % 251);
    }
    const QString job = importFile(*client, dir.path + "/garbage.tar",
                                   {{"Kind", "rootfs"}, {"Tag", "imported:v1"}});
    const JobClient::Event *end = client->waitFinished(job, 30s);
    ASSERT_TRUE(end);
    EXPECT_FALSE(end->ok);
    EXPECT_EQ(end->result.value("ErrorName").toString(), "org.hako.Containers1.Error.BadContent")
        << QJsonDocument(end->result).toJson().toStdString();
    EXPECT_FALSE(end->result.value("Message").toString().isEmpty());
    EXPECT_EQ(imageIds(), before) << "nothing listed after a failed import";
}

TEST_F(ImagesTest, ArgumentsAreCheckedBeforeAnything)
{
    const int fd = ::open((dir.path + "/rootfs.tar").c_str(), O_RDONLY | O_CLOEXEC);
    auto reply =
        client->call("ImportImage", {QVariant::fromValue(fdArg(fd)), QVariantMap{{"Kind", "zip"}}});
    EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_TRUE(reply.errorMessage().contains("zip")) << reply.errorMessage().toStdString();
    reply = client->call("ImportImage",
                         {QVariant::fromValue(fdArg(fd)),
                          QVariantMap{{"Kind", "rootfs"}, {"Changes", QStringList{"FROB x"}}}});
    EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs");
    ::close(fd);
    const int writeOnly = ::open((dir.path + "/out").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    reply = client->call("ImportImage",
                         {QVariant::fromValue(fdArg(writeOnly)), QVariantMap{{"Kind", "rootfs"}}});
    EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_TRUE(reply.errorMessage().contains("reading")) << reply.errorMessage().toStdString();
    ::close(writeOnly);
    reply = client->call("PullImage", {"Not/A:Valid:Ref", QVariantMap{}});
    EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_TRUE(reply.errorMessage().contains("Not/A:Valid:Ref"))
        << reply.errorMessage().toStdString();
    reply = client->call("TagImage", {"busybox", "bad tag"});
    EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs");
    reply = client->call("CommitContainer",
                         {"nothing", "", QVariantMap{{"Changes", QStringList{"NOPE 1"}}}});
    EXPECT_EQ(errorOf(reply), "org.freedesktop.DBus.Error.InvalidArgs");
}

TEST_F(ImagesTest, OnlyItsOwnerCancelsAJob)
{
    // A pipe the test feeds slowly: the import waits for more.
    int pipeFds[2];
    ASSERT_EQ(::pipe2(pipeFds, O_CLOEXEC), 0);
    const std::string head = [&] {
        std::ifstream in(dir.path + "/rootfs.tar", std::ios::binary);
        std::string bytes(2048, '\0');
        in.read(bytes.data(), std::streamsize(bytes.size()));
        return bytes;
    }();
    ASSERT_EQ(::write(pipeFds[1], head.data(), head.size()), ssize_t(head.size()));
    const QStringList before = imageIds();
    const auto reply = client->call(
        "ImportImage", {QVariant::fromValue(fdArg(pipeFds[0])), QVariantMap{{"Kind", "rootfs"}}});
    ::close(pipeFds[0]);
    const QString job = jobOf(reply);
    ASSERT_FALSE(job.isEmpty());

    JobClient other(env().address(), "images-test-other");
    EXPECT_EQ(errorOf(other.call("CancelJob", {job})), "org.freedesktop.DBus.Error.AccessDenied");
    EXPECT_EQ(errorOf(other.call("CancelJob", {"0123456789abcdef"})),
              "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_EQ(client->call("CancelJob", {job}).type(), QDBusMessage::ReplyMessage);
    ::close(pipeFds[1]); // the reader wakes up, sees the cancellation or the end
    const JobClient::Event *end = client->waitFinished(job, 30s);
    ASSERT_TRUE(end);
    EXPECT_FALSE(end->ok);
    EXPECT_EQ(end->result.value("ErrorName").toString(), "org.hako.Containers1.Error.Cancelled");
    EXPECT_TRUE(other.eventsOf(job).empty()) << "another client never sees the job's signals";
    EXPECT_EQ(imageIds(), before);
    EXPECT_EQ(errorOf(client->call("CancelJob", {job})), "org.freedesktop.DBus.Error.InvalidArgs")
        << "a finished job is gone";
}

TEST_F(ImagesTest, ACallerLeavingTheBusCancelsItsJob)
{
    int pipeFds[2];
    ASSERT_EQ(::pipe2(pipeFds, O_CLOEXEC), 0);
    const std::string head(512, '\0');
    ASSERT_EQ(::write(pipeFds[1], head.data(), 100), 100);
    const QStringList before = imageIds();
    const QString job = jobOf(client->call(
        "ImportImage", {QVariant::fromValue(fdArg(pipeFds[0])), QVariantMap{{"Kind", "rootfs"}}}));
    ::close(pipeFds[0]);
    ASSERT_FALSE(job.isEmpty());
    client->leave();
    // Fed until the helper, having cancelled the job, closes its end of the pipe (EPIPE).
    ::signal(SIGPIPE, SIG_IGN);
    ASSERT_EQ(::fcntl(pipeFds[1], F_SETFL, O_NONBLOCK), 0);
    const std::string chunk(65536, '\0');
    EXPECT_TRUE(eventually(
        [&] {
            for (int i = 0; i < 64; ++i)
                if (::write(pipeFds[1], chunk.data(), chunk.size()) < 0)
                    return errno == EPIPE;
            return false;
        },
        20s))
        << "the job still reads its archive after its caller left";
    ::close(pipeFds[1]);
    EXPECT_EQ(imageIds(), before);
}

TEST_F(ImagesTest, ARunningJobKeepsAnIdleExitHelperUp)
{
    env().killHelper();
    std::string why;
    ASSERT_TRUE(env().startHelper(&why, {"--idle-exit", "1"})) << why;
    int pipeFds[2];
    ASSERT_EQ(::pipe2(pipeFds, O_CLOEXEC), 0);
    const QString job = jobOf(client->call(
        "ImportImage", {QVariant::fromValue(fdArg(pipeFds[0])), QVariantMap{{"Kind", "rootfs"}}}));
    ::close(pipeFds[0]);
    ASSERT_FALSE(job.isEmpty());
    EXPECT_FALSE(eventually([&] { return !env().helperRunning(); }, 3s))
        << "the helper left a job running";
    ::close(pipeFds[1]); // an empty archive: the job fails, and the helper is idle again
    const JobClient::Event *end = client->waitFinished(job, 10s);
    ASSERT_TRUE(end);
    EXPECT_FALSE(end->ok);
    EXPECT_TRUE(eventually([&] { return !env().helperRunning(); }, 6s))
        << "idle again once the job ended";
    if (env().helperRunning())
        env().killHelper(); // the next test wants the fixture's helper, which never exits by itself
}

TEST_F(ImagesTest, UnprivilegedUserMayNotPullOrRemove)
{
    revokeGrant();
    const QStringList before = imageIds();
    // gdbus, as the test user: it prints the error's name and message.
    const Args call{"gdbus",  "call",          "--address",  env().address(), "--dest",
                    kService, "--object-path", kManagerPath, "--method"};
    const std::vector<Args> methods{
        {"org.hako.Containers1.Manager.PullImage", "busybox", "@a{sv} {}"},
        {"org.hako.Containers1.Manager.RemoveImage", "busybox", "true"}};
    for (const Args &method : methods) {
        Args argv = call;
        argv.insert(argv.end(), method.begin(), method.end());
        const Result r = runAsUser(argv);
        EXPECT_NE(r.exit, 0) << method[0] << ": " << r.describe();
        EXPECT_NE(r.err.find("org.freedesktop.DBus.Error.AccessDenied"), std::string::npos)
            << r.describe();
        EXPECT_NE(r.err.find("org.hako.containers1.manage-images"), std::string::npos)
            << r.describe();
    }
    EXPECT_EQ(imageIds(), before);
}

} // namespace
} // namespace hako::dbustest
