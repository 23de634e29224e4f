// PullImage as a job against a loopback docker-registry (tests/registry/serve.sh, the layered
// test image pushed by make-test-image.sh): per-layer JobProgress frames, at most ten a second
// and a final one before JobFinished, the image listed with its tag and repo digest, nothing
// fetched again the second time, and clean failures for a registry that is not there, an
// image that is not in it, and an unreadable daemon.json.
#include "image_jobs.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace hako::dbustest
{
namespace
{

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A port nothing listens on (bound, read and released).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

// docker-registry on 127.0.0.1 with test/layered pushed; stopped by its pid file.
class Registry
{
  public:
    // With `user`: basic auth required (bcrypt htpasswd), the images pushed with it.
    explicit Registry(const std::string &user = {}, const std::string &password = {})
    {
        char name[] = "/tmp/hako-dbus-registry-XXXXXX";
        dir_ = ::mkdtemp(name) ? name : "";
        const std::string scripts = HAKO_TEST_REGISTRY_SCRIPTS;
        Args serveArgs{"sh", scripts + "/serve.sh", dir_};
        Env pushEnv;
        if (!user.empty()) {
            serveArgs.insert(serveArgs.end(), {user, password});
            pushEnv.push_back("REGISTRY_CREDS=" + user + ":" + password);
        }
        const Result serve = runCommand(serveArgs, {}, 60s);
        if (serve.exit != 0) {
            why_ = "serve.sh: " + serve.describe();
            return;
        }
        port_ = std::atoi(serve.out.c_str());
        const Result push = runCommand(
            {"sh", scripts + "/make-test-image.sh", std::to_string(port_)}, pushEnv, 120s);
        if (push.exit != 0)
            why_ = "make-test-image.sh: " + push.describe();
    }
    ~Registry()
    {
        std::ifstream pidFile(dir_ + "/registry.pid");
        if (int pid = 0; pidFile >> pid && pid > 0)
            ::kill(pid, SIGTERM);
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    const std::string &why() const { return why_; } // empty when up with the images pushed
    std::string host() const { return "127.0.0.1:" + std::to_string(port_); }

  private:
    std::string dir_, why_;
    int port_ = 0;
};

class PullTest : public DBusTest
{
  protected:
    void SetUp() override
    {
        DBusTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        client = std::make_unique<JobClient>(env().address(), "pull-test-client");
    }
    void TearDown() override
    {
        client.reset();
        if (!pulled.isEmpty())
            env().call("RemoveImage", {pulled, true});
        DBusTest::TearDown();
    }
    const JobClient::Event *pull(const QString &ref, std::chrono::milliseconds timeout = 120s,
                                 const QVariantMap &options = {})
    {
        job = jobOf(client->call("PullImage", {ref, options}));
        return job.isEmpty() ? nullptr : client->waitFinished(job, timeout);
    }
    std::string describe(const JobClient::Event *end) const
    {
        return end ? QJsonDocument(end->result).toJson().toStdString() : "(no JobFinished)";
    }

    std::unique_ptr<JobClient> client;
    QString job, pulled;
};

TEST_F(PullTest, PullsLayerByLayerWithProgressToTheCallerOnly)
{
    Registry registry;
    if (!registry.why().empty())
        GTEST_SKIP() << "no loopback registry: " << registry.why();
    JobClient bystander(env().address(), "pull-test-bystander");
    pulled = QString::fromStdString(registry.host() + "/test/layered:latest");
    const auto start = std::chrono::steady_clock::now();
    const JobClient::Event *end = pull(pulled);
    ASSERT_TRUE(end) << "no JobFinished within 120 s";
    ASSERT_TRUE(end->ok) << describe(end);
    const QString digest = end->result.value("ManifestDigest").toString();
    EXPECT_TRUE(digest.startsWith("sha256:")) << describe(end);
    EXPECT_GE(end->result.value("BlobsFetched").toInt(), 3) << describe(end);
    EXPECT_GT(end->result.value("BytesFetched").toDouble(), 0.0);

    const auto events = client->eventsOf(job);
    ASSERT_GE(events.size(), 2u);
    EXPECT_FALSE(events[events.size() - 2].finished) << "a last JobProgress precedes JobFinished";
    std::set<QString> layerIds;
    for (const auto &event : events)
        for (const QVariantMap &layer : event.progress) {
            layerIds.insert(layer.value("Id").toString());
            EXPECT_TRUE(std::regex_match(layer.value("Id").toString().toStdString(),
                                         std::regex("[0-9a-f]{12}")))
                << layer.value("Id").toString().toStdString();
        }
    EXPECT_GE(layerIds.size(), 3u) << "one entry per layer";
    for (const QVariantMap &layer : events[events.size() - 2].progress) {
        const QString status = layer.value("Status").toString();
        EXPECT_TRUE(status == "Pull complete" || status == "Already exists")
            << status.toStdString();
    }
    const double seconds = std::chrono::duration<double>(end->at - start).count();
    EXPECT_LE(double(events.size() - 1), seconds * 10 + 2) << "at most ten frames a second";
    QCoreApplication::processEvents();
    EXPECT_TRUE(bystander.eventsOf(job).empty()) << "the signals are unicast to the caller";

    const QVariantMap entry = imageTagged(pulled);
    ASSERT_FALSE(entry.isEmpty()) << "ListImages shows " << pulled.toStdString();
    EXPECT_EQ(entry.value("Layers").toUInt(), 3u);
    EXPECT_TRUE(entry.value("RepoDigests").toStringList().join(' ').contains(digest));
    EXPECT_EQ(entry.value("Id").toString(),
              end->result.value("Images").toArray()[0].toObject().value("Id").toString());

    // Everything is there now: only the manifest is fetched.
    const JobClient::Event *again = pull(pulled);
    ASSERT_TRUE(again && again->ok) << describe(again);
    EXPECT_EQ(again->result.value("BlobsFetched").toInt(), 0) << describe(again);
}

TEST_F(PullTest, CredentialsFromTheOptionsReachTheRegistry)
{
    Registry registry("hako", "s3cret");
    if (!registry.why().empty())
        GTEST_SKIP() << "no loopback registry: " << registry.why();
    const QString ref = QString::fromStdString(registry.host() + "/test/layered:latest");
    const JobClient::Event *refused = pull(ref, 60s, {{"Username", "hako"}, {"Password", "wrong"}});
    ASSERT_TRUE(refused);
    EXPECT_FALSE(refused->ok) << describe(refused);
    EXPECT_TRUE(imageTagged(ref).isEmpty());
    const JobClient::Event *end = pull(ref, 120s, {{"Username", "hako"}, {"Password", "s3cret"}});
    ASSERT_TRUE(end);
    ASSERT_TRUE(end->ok) << describe(end);
    pulled = ref;
    EXPECT_FALSE(imageTagged(ref).isEmpty());
    EXPECT_EQ(errorOf(client->call("PullImage", {ref, QVariantMap{{"Token", "x"}}})),
              "org.freedesktop.DBus.Error.InvalidArgs");
}

TEST_F(PullTest, AnImageNotInTheRegistryIsNoSuchImage)
{
    Registry registry;
    if (!registry.why().empty())
        GTEST_SKIP() << "no loopback registry: " << registry.why();
    const QStringList before = imageIds();
    const JobClient::Event *end =
        pull(QString::fromStdString(registry.host() + "/test/absent:latest"));
    ASSERT_TRUE(end);
    EXPECT_FALSE(end->ok);
    EXPECT_EQ(end->result.value("ErrorName").toString(), "org.hako.Containers1.Error.NoSuchImage")
        << describe(end);
    EXPECT_EQ(imageIds(), before);
}

TEST_F(PullTest, AnUnreachableRegistryFailsCleanly)
{
    const std::string host = "127.0.0.1:" + std::to_string(freePort());
    const QStringList before = imageIds();
    const JobClient::Event *end = pull(QString::fromStdString(host + "/nothing/here:v1"), 60s);
    ASSERT_TRUE(end);
    EXPECT_FALSE(end->ok);
    EXPECT_EQ(end->result.value("ErrorName").toString(), "org.hako.Containers1.Error.Failed")
        << describe(end);
    EXPECT_TRUE(end->result.value("Message").toString().contains(QString::fromStdString(host)))
        << describe(end);
    const auto events = client->eventsOf(job);
    ASSERT_GE(events.size(), 2u);
    EXPECT_FALSE(events[events.size() - 2].finished)
        << "a JobProgress, even an empty one, before the end";
    EXPECT_EQ(imageIds(), before);
}

TEST_F(PullTest, ABrokenDaemonJsonIsNamed)
{
    char name[] = "/tmp/hako-daemon-json-XXXXXX";
    ASSERT_TRUE(::mkdtemp(name));
    const std::string config = std::string(name) + "/daemon.json";
    std::ofstream(config) << R"({"insecure-registries": "not a list"})";
    env().killHelper();
    std::string why;
    ASSERT_TRUE(env().startHelper(&why, {"--daemon-config", config})) << why;
    client = std::make_unique<JobClient>(env().address(), "pull-test-client-2");
    const JobClient::Event *end = pull("127.0.0.1:1/any:v1", 60s);
    ASSERT_TRUE(end);
    EXPECT_FALSE(end->ok);
    EXPECT_TRUE(end->result.value("Message").toString().contains(QString::fromStdString(config)))
        << describe(end);
    client.reset();
    env().killHelper();
    EXPECT_TRUE(env().startHelper(&why)) << why;
    std::error_code ec;
    fs::remove_all(name, ec);
}

} // namespace
} // namespace hako::dbustest
