#include "image_jobs.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

namespace hako::dbustest
{

namespace fs = std::filesystem;

JobClient::JobClient(const std::string &address, const QString &name)
    : name_(name), bus_(QDBusConnection::connectToBus(QString::fromStdString(address), name))
{
    bus_.connect(kService, kManagerPath, kManagerInterface, "JobProgress", this,
                 SLOT(onProgress(QDBusMessage)));
    bus_.connect(kService, kManagerPath, kManagerInterface, "JobFinished", this,
                 SLOT(onFinished(QDBusMessage)));
}

JobClient::~JobClient()
{
    leave();
}

void JobClient::leave()
{
    if (!bus_.isConnected())
        return;
    bus_.disconnect(kService, kManagerPath, kManagerInterface, "JobProgress", this,
                    SLOT(onProgress(QDBusMessage)));
    bus_.disconnect(kService, kManagerPath, kManagerInterface, "JobFinished", this,
                    SLOT(onFinished(QDBusMessage)));
    // A signal not yet delivered holds a reference to the connection, keeping it open.
    QCoreApplication::removePostedEvents(this);
    bus_ = QDBusConnection(QString());
    QDBusConnection::disconnectFromBus(name_);
}

QDBusMessage JobClient::call(const QString &method, const QVariantList &args, int timeoutMs)
{
    auto message =
        QDBusMessage::createMethodCall(kService, kManagerPath, kManagerInterface, method);
    message.setArguments(args);
    return bus_.call(message, QDBus::Block, timeoutMs);
}

void JobClient::onProgress(const QDBusMessage &message)
{
    events_.push_back({message.arguments().value(0).toString(),
                       false,
                       qdbus_cast<QList<QVariantMap>>(message.arguments().value(1)),
                       false,
                       {},
                       std::chrono::steady_clock::now()});
}

void JobClient::onFinished(const QDBusMessage &message)
{
    const QByteArray json = message.arguments().value(2).toString().toUtf8();
    events_.push_back({message.arguments().value(0).toString(),
                       true,
                       {},
                       message.arguments().value(1).toBool(),
                       QJsonDocument::fromJson(json).object(),
                       std::chrono::steady_clock::now()});
}

const JobClient::Event *JobClient::waitFinished(const QString &job,
                                                std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        for (const Event &event : events_)
            if (event.job == job && event.finished)
                return &event;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return nullptr;
}

std::vector<JobClient::Event> JobClient::eventsOf(const QString &job) const
{
    std::vector<Event> out;
    for (const Event &event : events_)
        if (event.job == job)
            out.push_back(event);
    return out;
}

bool makeRootfsTar(const std::string &workDir, const std::string &tarPath)
{
    const fs::path root = fs::path(workDir) / "rootfs";
    std::error_code ec;
    fs::create_directories(root / "bin", ec);
    fs::create_directories(root / "tmp", ec);
    fs::copy_file("/bin/busybox", root / "bin/busybox", fs::copy_options::overwrite_existing, ec);
    if (ec) {
        ADD_FAILURE() << "copy /bin/busybox into " << root << ": " << ec.message();
        return false;
    }
    for (const char *applet : {"sh", "echo", "cat", "true", "sleep", "ls"})
        fs::create_symlink("busybox", root / "bin" / applet, ec);
    const Result tar = runCommand({"tar", "-C", root.string(), "-cf", tarPath, "."});
    if (tar.exit != 0) {
        ADD_FAILURE() << "tar of " << root << ": " << tar.describe();
        return false;
    }
    return true;
}

QString jobOf(const QDBusMessage &reply)
{
    if (reply.type() != QDBusMessage::ReplyMessage) {
        ADD_FAILURE() << "no job: " << reply.errorName().toStdString() << " "
                      << reply.errorMessage().toStdString();
        return {};
    }
    return reply.arguments().value(0).toString();
}

QDBusUnixFileDescriptor fdArg(int fd)
{
    return QDBusUnixFileDescriptor(fd);
}

QStringList imageIds()
{
    const auto reply = BusEnvironment::instance().call("ListImages");
    QStringList ids;
    for (const QVariantMap &image : qdbus_cast<QList<QVariantMap>>(reply.arguments().value(0)))
        ids << image.value("Id").toString();
    ids.sort();
    return ids;
}

QVariantMap imageTagged(const QString &tag)
{
    const auto reply = BusEnvironment::instance().call("ListImages");
    for (const QVariantMap &image : qdbus_cast<QList<QVariantMap>>(reply.arguments().value(0)))
        if (image.value("RepoTags").toStringList().contains(tag))
            return image;
    return {};
}

std::string errorOf(const QDBusMessage &reply)
{
    return reply.type() == QDBusMessage::ErrorMessage ? reply.errorName().toStdString()
                                                      : std::string("(no error)");
}

TempDir::TempDir()
{
    char name[] = "/tmp/hako-images-XXXXXX";
    path = ::mkdtemp(name) ? name : "";
}

TempDir::~TempDir()
{
    std::error_code ec;
    fs::remove_all(path, ec);
}

void ImagesTest::SetUp()
{
    DBusTest::SetUp();
    if (IsSkipped() || HasFatalFailure())
        return;
    client = std::make_unique<JobClient>(env().address(), "images-test-client");
    ASSERT_TRUE(makeRootfsTar(dir.path, dir.path + "/rootfs.tar"));
}

void ImagesTest::TearDown()
{
    client.reset();
    if (::geteuid() == 0 && env().skipReason().empty()) {
        if (!env().helperRunning()) // a test that ran it with --idle-exit
            env().startHelper();
        env().removeAllContainers();
        for (const char *tag : {"imported:v1", "committed:v1", "retagged:v2"})
            env().call("RemoveImage", {QString(tag), true});
    }
    DBusTest::TearDown();
}

QString ImagesTest::importFile(JobClient &who, const std::string &path, const QVariantMap &options)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    EXPECT_GE(fd, 0) << path;
    const auto reply = who.call("ImportImage", {QVariant::fromValue(fdArg(fd)), options});
    ::close(fd);
    return jobOf(reply);
}

QVariantMap ImagesTest::importRootfs()
{
    const QString job = importFile(*client, dir.path + "/rootfs.tar",
                                   {{"Kind", "rootfs"},
                                    {"Tag", "imported:v1"},
                                    {"Changes", QStringList{R"(CMD ["/bin/echo", "from cmd"])"}},
                                    {"Message", "made by test_images"}});
    const JobClient::Event *end = client->waitFinished(job, std::chrono::seconds(60));
    if (!end) {
        ADD_FAILURE() << "no JobFinished for " << job.toStdString();
        return {};
    }
    EXPECT_TRUE(end->ok) << QJsonDocument(end->result).toJson().toStdString();
    return imageTagged("imported:v1");
}

QStringList ImagesTest::runToEnd(const QString &name, const QString &image, const std::string &spec)
{
    const auto created =
        env().call("CreateContainer", {name, image, QString::fromStdString(spec), QVariantMap{}});
    if (created.type() != QDBusMessage::ReplyMessage) {
        ADD_FAILURE() << "CreateContainer from " << image.toStdString() << ": "
                      << created.errorMessage().toStdString();
        return {};
    }
    EXPECT_EQ(env().call("StartContainer", {name}).type(), QDBusMessage::ReplyMessage);
    const auto waited = env().call("WaitContainer", {name});
    EXPECT_EQ(waited.arguments().value(0).toInt(), 0) << waited.errorMessage().toStdString();
    QStringList lines;
    const auto logs = env().call("GetLogs", {name, -1});
    for (const QVariantMap &line : qdbus_cast<QList<QVariantMap>>(logs.arguments().value(0)))
        lines << line.value("Text").toString();
    return lines;
}

} // namespace hako::dbustest
