// docker pull against loopback registries: Debian's docker-registry with the layered test
// image (tests/registry/make_test_image.py documents what each layer holds), and the python
// fake for a bad digest and the Bearer token flow with redirected blobs.
#include "error.h"
#include "fixture.h"
#include "image.h"
#include "image_ref.h"
#include "registry_fixture.h"
#include "registry_pull.h"

#include <netdb.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

namespace hako::test {
namespace {

namespace fs = std::filesystem;

std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

struct stat lstatOf(const std::string &path)
{
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
    return st;
}

void expectWhiteout(const std::string &path)
{
    const struct stat st = lstatOf(path);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << path << " is not a whiteout device";
    EXPECT_EQ(st.st_rdev, makedev(0, 0)) << path;
}

int entries(const std::string &dir)
{
    std::error_code ec;
    int n = 0;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); ++it)
        if (!it->path().filename().string().starts_with("."))
            ++n;
    return n;
}

class PullTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        if (::geteuid() == 0)
            registry_ = std::make_unique<LoopbackRegistry>();
    }
    static void TearDownTestSuite() { registry_.reset(); }

    void SetUp() override
    {
        requireRoot();
        if (IsSkipped())
            return;
        char tmpl[] = "/tmp/hako-pull-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        root_ = tmpl;
        store_ = std::make_unique<ImageStore>(root_);
    }
    void TearDown() override
    {
        store_.reset();
        std::error_code ec;
        if (!root_.empty())
            fs::remove_all(root_, ec);
    }

    PullResult pull(const std::string &ref, PullOptions options = {})
    {
        return pullImage(*store_, parseImageRef(ref), options);
    }
    std::string layered() const { return registry_->host() + "/test/layered"; }

    static std::unique_ptr<LoopbackRegistry> registry_;
    std::string root_;
    std::unique_ptr<ImageStore> store_;
};

std::unique_ptr<LoopbackRegistry> PullTest::registry_;

TEST_F(PullTest, LayeredImageIsUnpackedEntryByEntry)
{
    std::vector<PullProgress> events;
    PullOptions options;
    options.onProgress = [&](const PullProgress &p) { events.push_back(p); };
    const PullResult result = pull(layered(), options);
    const Image &image = result.image;

    EXPECT_EQ(result.blobsFetched, 4); // config + 3 layers
    EXPECT_EQ(image.repoTags, std::vector<std::string>{layered() + ":latest"});
    EXPECT_EQ(image.repoDigests, std::vector<std::string>{layered() + "@" + result.manifestDigest});
    EXPECT_EQ(image.config.cmd, std::vector<std::string>{"/bin/tool"});
    EXPECT_EQ(image.config.workingDir, "/data");
    EXPECT_EQ(image.config.labels.at("org.hako.test"), "layered");
    ASSERT_EQ(image.layerDirs.size(), 3u);
    const std::string top = image.layerDirs[0], middle = image.layerDirs[1], base = image.layerDirs[2];

    EXPECT_EQ(readFile(base + "/etc/hostname"), "hako\n");
    EXPECT_EQ(lstatOf(base + "/bin/tool").st_mode & 07777, 04755u);
    EXPECT_EQ(lstatOf(base + "/data/keep.txt").st_uid, 1000u);
    EXPECT_EQ(readFile(base + "/opq/a.txt"), "a\n");

    expectWhiteout(middle + "/data/old.txt"); // a deleted file
    expectWhiteout(middle + "/olddir");       // a deleted directory
    EXPECT_FALSE(fs::exists(middle + "/data/.wh.old.txt"));
    char target[64] = {};
    ASSERT_GT(::readlink((middle + "/etc/link").c_str(), target, sizeof target - 1), 0);
    EXPECT_STREQ(target, "hostname");
    EXPECT_EQ(lstatOf(middle + "/usr/share/a.txt").st_ino, lstatOf(middle + "/usr/share/b.txt").st_ino);
    const struct stat dev = lstatOf(middle + "/dev/mynull");
    EXPECT_TRUE(S_ISCHR(dev.st_mode));
    EXPECT_EQ(dev.st_rdev, makedev(1, 3));

    char opaque[8] = {};
    EXPECT_EQ(::lgetxattr((top + "/opq").c_str(), "trusted.overlay.opaque", opaque, sizeof opaque), 1);
    EXPECT_EQ(opaque[0], 'y');
    EXPECT_EQ(readFile(top + "/opq/c.txt"), "c\n");
    EXPECT_FALSE(fs::exists(top + "/opq/.wh..wh..opq"));

    int completed = 0;
    for (const auto &e : events)
        completed += e.status == "Pull complete";
    EXPECT_EQ(completed, 3);
    EXPECT_EQ(entries(root_ + "/downloads"), 0) << "partials left behind";
}

TEST_F(PullTest, SecondPullFetchesOnlyTheManifest)
{
    const PullResult first = pull(layered());
    const int blobGets = registry_->countRequests("GET /v2/test/layered/blobs/");
    const int manifestGets = registry_->countRequests("GET /v2/test/layered/manifests/");
    const PullResult again = pull(layered());
    EXPECT_EQ(again.blobsFetched, 0);
    EXPECT_EQ(again.bytesFetched, 0u);
    EXPECT_EQ(again.image.id, first.image.id);
    EXPECT_EQ(registry_->countRequests("GET /v2/test/layered/blobs/"), blobGets);
    EXPECT_EQ(registry_->countRequests("GET /v2/test/layered/manifests/"), manifestGets + 1);
}

TEST_F(PullTest, ByDigest)
{
    const std::string digest = pull(layered()).manifestDigest;
    TearDown();
    SetUp();
    const PullResult result = pull(layered() + "@" + digest);
    EXPECT_EQ(result.manifestDigest, digest);
    EXPECT_TRUE(result.image.repoTags.empty());
    EXPECT_EQ(result.image.repoDigests, std::vector<std::string>{layered() + "@" + digest});
    const std::string absent = "sha256:" + std::string(64, 'e');
    EXPECT_THROW(pull(layered() + "@" + absent), NotFoundError);
}

TEST_F(PullTest, IndexPicksLinuxAmd64)
{
    const PullResult result = pull(registry_->host() + "/test/multi");
    EXPECT_EQ(result.image.architecture, "amd64");
    EXPECT_EQ(result.image.diffIds.size(), 3u); // the arm64 image has one layer
    const auto index = nlohmann::json::parse(registry_->get("test/multi/manifests/latest"));
    EXPECT_EQ(index["manifests"].size(), 2u);
    EXPECT_NE(result.manifestDigest, index["manifests"][1]["digest"]); // the index's own digest
    EXPECT_EQ(result.image.id, pull(layered()).image.id);
}

TEST_F(PullTest, UnknownTagIsNotFound)
{
    try {
        pull(layered() + ":nope");
        FAIL() << "pulled a tag that does not exist";
    } catch (const NotFoundError &e) {
        EXPECT_NE(std::string(e.what()).find("test/layered:nope not found"), std::string::npos) << e.what();
    }
}

TEST_F(PullTest, ResumesFromAPartialBlob)
{
    const auto manifest = nlohmann::json::parse(registry_->get("test/layered/manifests/latest"));
    const std::string digest = manifest["layers"][0]["digest"];
    const uint64_t size = manifest["layers"][0]["size"];
    const std::string blob = registry_->get("test/layered/blobs/" + digest);
    fs::create_directories(root_ + "/downloads");
    std::ofstream(root_ + "/downloads/" + digest.substr(7) + ".partial") << blob.substr(0, size / 2);
    const PullResult result = pull(layered());
    uint64_t total = manifest["config"]["size"];
    for (const auto &layer : manifest["layers"])
        total += layer["size"].get<uint64_t>();
    EXPECT_EQ(result.bytesFetched, total - size / 2);
    EXPECT_EQ(entries(root_ + "/downloads"), 0);
}

TEST_F(PullTest, SpoiltPartialsAreRefetchedOrRefused)
{
    const auto manifest = nlohmann::json::parse(registry_->get("test/layered/manifests/latest"));
    const std::string digest = manifest["layers"][0]["digest"];
    const uint64_t size = manifest["layers"][0]["size"];
    std::string partial = root_ + "/downloads/" + digest.substr(7) + ".partial";
    fs::create_directories(root_ + "/downloads");
    // Complete in length but not in content: fetched again from the start.
    std::ofstream(partial) << std::string(size, 'x');
    EXPECT_EQ(pull(layered()).image.diffIds.size(), 3u);
    EXPECT_FALSE(fs::exists(partial));

    // A spoilt beginning cannot be told until the end: the pull fails and drops the partial,
    // so the next one succeeds.
    TearDown();
    SetUp();
    partial = root_ + "/downloads/" + digest.substr(7) + ".partial";
    fs::create_directories(root_ + "/downloads");
    std::ofstream(partial) << std::string(size / 2, 'x');
    EXPECT_THROW(pull(layered()), BadContentError);
    EXPECT_FALSE(fs::exists(partial));
    EXPECT_EQ(pull(layered()).image.diffIds.size(), 3u);
}

TEST_F(PullTest, ConcurrentPullsOfTheSameImage)
{
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    for (int i = 0; i < 3; ++i)
        threads.emplace_back([&] {
            try {
                pull(layered());
            } catch (const std::exception &e) {
                ADD_FAILURE() << e.what();
                ++failures;
            }
        });
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(store_->get(layered()).diffIds.size(), 3u);
    EXPECT_EQ(entries(root_ + "/downloads"), 0);
}

TEST_F(PullTest, CancelKeepsNoImage)
{
    std::atomic<bool> cancel = false;
    PullOptions options;
    options.cancel = &cancel;
    options.onProgress = [&](const PullProgress &p) {
        if (p.status == "Waiting")
            cancel = true;
    };
    EXPECT_THROW(pull(layered(), options), CancelledError);
    EXPECT_FALSE(store_->find(layered()));
    EXPECT_EQ(entries(root_ + "/layers"), 0);
}

TEST_F(PullTest, BasicAuth)
{
    LoopbackRegistry secured(LoopbackRegistry::Kind::Distribution, "alice", "s3cret");
    const std::string ref = secured.host() + "/test/layered";
    try {
        pull(ref);
        FAIL() << "pulled without credentials";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("requires authentication"), std::string::npos) << e.what();
    }
    PullOptions options;
    options.credentials = RegistryCredentials{"alice", "wrong"};
    EXPECT_THROW(pull(ref, options), Error);
    options.credentials = RegistryCredentials{"alice", "s3cret"};
    EXPECT_EQ(pull(ref, options).image.diffIds.size(), 3u);
}

TEST_F(PullTest, BearerTokenAndRedirectedBlobs)
{
    LoopbackRegistry fake(LoopbackRegistry::Kind::FakeBearer, "bob", "pw");
    const std::string ref = fake.host() + "/test/app";
    EXPECT_THROW(pull(ref), Error);
    PullOptions options;
    options.credentials = RegistryCredentials{"bob", "pw"};
    // The fake ignores Range requests: a partial left from before is replaced, not extended.
    const auto manifest = nlohmann::json::parse(fake.get("test/app/manifests/latest", "Bearer fake-token-123"));
    const std::string digest = manifest["layers"][0]["digest"];
    fs::create_directories(root_ + "/downloads");
    std::ofstream(root_ + "/downloads/" + digest.substr(7) + ".partial") << "junk";
    const PullResult result = pull(ref, options);
    EXPECT_EQ(readFile(result.image.rootfs + "/hello.txt"), "hello from the fake\n");
    // Blobs came from the storage URL, which refuses (403) any Authorization header.
    EXPECT_EQ(fake.countRequests("GET /storage/"), 2);
    EXPECT_EQ(fake.countRequests(" 403"), 0);
}

TEST_F(PullTest, WrongDigestKeepsNothing)
{
    LoopbackRegistry fake(LoopbackRegistry::Kind::FakeBadDigest);
    try {
        pull(fake.host() + "/test/bad");
        FAIL() << "a blob with the wrong content was accepted";
    } catch (const BadContentError &e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("http://" + fake.host() + "/v2/test/bad/blobs/sha256:"), std::string::npos) << message;
        EXPECT_NE(message.find("does not match its digest"), std::string::npos) << message;
    }
    EXPECT_TRUE(store_->list().empty() || !store_->find(fake.host() + "/test/bad"));
    EXPECT_EQ(entries(root_ + "/layers"), 0);
    EXPECT_EQ(entries(root_ + "/downloads"), 0);
}

// This host's name resolving to a loopback address: a registry reached through it is not
// "loopback" by name, so plain HTTP must be refused unless listed as insecure.
std::string loopbackHostName()
{
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    addrinfo hints{}, *result = nullptr;
    hints.ai_family = AF_INET;
    if (::getaddrinfo(name, nullptr, &hints, &result) != 0)
        return {};
    const bool loopback = (ntohl(reinterpret_cast<sockaddr_in *>(result->ai_addr)->sin_addr.s_addr) >> 24) == 127;
    ::freeaddrinfo(result);
    return loopback && std::string(name) != "localhost" ? name : "";
}

TEST_F(PullTest, PlainHttpRefusedUnlessInsecure)
{
    const std::string host = loopbackHostName();
    if (host.empty())
        GTEST_SKIP() << "this host's name does not resolve to a loopback address";
    const std::string registry = host + ":" + std::to_string(registry_->port());
    try {
        pull(registry + "/test/layered");
        FAIL() << "spoke plain HTTP to " << registry;
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("insecure-registries"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("https://" + registry), std::string::npos) << e.what();
    }
    PullOptions options;
    options.insecureRegistries = {registry};
    EXPECT_EQ(pull(registry + "/test/layered", options).image.diffIds.size(), 3u);
}

} // namespace
} // namespace hako::test
