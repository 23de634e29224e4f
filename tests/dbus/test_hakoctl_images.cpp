// hakoctl's image commands end to end, through the real helper and image store: images, tag,
// rmi; import of a rootfs tar the test builds, then a container from it; save → rmi → load
// keeping the id; export holding a file the container wrote; commit then a container of the
// committed image seeing it; history; inspect of an image; system df; pull from a loopback
// registry (tests/registry/serve.sh).
#include "bus_fixture.h"

#include <filesystem>
#include <fstream>
#include <regex>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

// A temporary directory of the test's, removed with everything in it.
struct TempDir {
    TempDir()
    {
        char pattern[] = "/tmp/hako-ctl-images.XXXXXX";
        path = ::mkdtemp(pattern);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string path;
};

// hakoctl through `sh -c`, for stdin and stdout redirections.
Result hakoctlShell(const std::string &script, std::chrono::milliseconds timeout = 60s)
{
    return runCommand({"sh", "-c", script}, {BusEnvironment::instance().clientEnv().at(0),
                                             "HAKOCTL=" + hakoctlPath()}, timeout);
}

// A root filesystem tar made here: the host's static busybox as /bin/busybox with sh and cat
// links, and /marker holding `marker`.
std::string makeRootfsTar(const TempDir &dir, const std::string &marker)
{
    const fs::path root = fs::path(dir.path) / "rootfs";
    fs::create_directories(root / "bin");
    fs::copy_file("/bin/busybox", root / "bin/busybox");
    fs::create_symlink("busybox", root / "bin/sh");
    fs::create_symlink("busybox", root / "bin/cat");
    std::ofstream(root / "marker") << marker;
    const std::string tar = dir.path + "/rootfs.tar";
    const auto made = runCommand({"tar", "-C", root.string(), "-cf", tar, "."});
    EXPECT_EQ(made.exit, 0) << made.describe();
    return tar;
}

// The tar's member names ("./etc/passwd" and "etc/passwd" read the same).
std::string tarListing(const std::string &tar)
{
    const auto listed = runCommand({"tar", "-tf", tar});
    EXPECT_EQ(listed.exit, 0) << listed.describe();
    return listed.out;
}

std::string imageId(const std::string &ref)
{
    const auto r = hakoctl({"image", "inspect", "-f", "{{.Id}}", ref});
    EXPECT_EQ(r.exit, 0) << r.describe();
    return trim(r.out);
}

class HakoctlImages : public CtlTest {
protected:
    void SetUp() override
    {
        CtlTest::SetUp();
        if (IsSkipped() || HasFailure())
            return;
        // The embedded busybox image exists once a container was made from it.
        const auto r = hakoctl({"run", "--rm", "busybox", "true"}, 60s);
        ASSERT_EQ(r.exit, 0) << r.describe();
    }
    void removeImage(const std::string &ref) { hakoctl({"rmi", "-f", ref}); }
};

TEST_F(HakoctlImages, TagListAndRemoveLikeDocker)
{
    const std::string id = imageId("busybox");
    ASSERT_TRUE(std::regex_match(id, std::regex("sha256:[0-9a-f]{64}"))) << id;
    const auto tagged = hakoctl({"tag", "busybox", "mybox:v1"});
    ASSERT_EQ(tagged.exit, 0) << tagged.describe();
    EXPECT_EQ(tagged.out, "");

    const auto table = hakoctl({"images"});
    ASSERT_EQ(table.exit, 0) << table.describe();
    EXPECT_TRUE(std::regex_search(table.out, std::regex(R"(^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\n)"))) << table.out;
    const std::string shortId = id.substr(7, 12);
    EXPECT_TRUE(std::regex_search(table.out, std::regex("\nmybox +v1 +" + shortId + " +[^\n]+ +[0-9.]+[kMG]?B\n"))) << table.out;
    EXPECT_TRUE(std::regex_search(table.out, std::regex("\nbusybox +latest +" + shortId + " "))) << table.out;
    EXPECT_EQ(hakoctl({"images", "-q", "mybox"}).out, shortId + "\n");
    EXPECT_EQ(hakoctl({"image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "mybox:v1"}).out, "mybox:v1\n");

    const auto removed = hakoctl({"rmi", "mybox:v1"});
    ASSERT_EQ(removed.exit, 0) << removed.describe();
    EXPECT_EQ(removed.out, "Untagged: mybox:v1\n") << "busybox still names the image: nothing deleted";
    EXPECT_FALSE(contains(hakoctl({"images"}).out, "mybox"));
    const auto missing = hakoctl({"rmi", "mybox:v1"});
    EXPECT_EQ(missing.exit, 125);
    EXPECT_TRUE(contains(missing.err, "mybox")) << missing.err;
}

TEST_F(HakoctlImages, ImportedRootfsRunsAndHasHistory)
{
    TempDir dir;
    const std::string tar = makeRootfsTar(dir, "imported here");
    const auto imported = hakoctl({"import", "-m", "from the test", tar, "imported:v1"}, 60s);
    ASSERT_EQ(imported.exit, 0) << imported.describe();
    EXPECT_TRUE(std::regex_match(imported.out, std::regex("sha256:[0-9a-f]{64}\n"))) << imported.out;
    EXPECT_EQ(imageId("imported:v1") + "\n", imported.out);

    const auto ran = hakoctl({"run", "--rm", "imported:v1", "cat", "/marker"}, 60s);
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    EXPECT_EQ(ran.out, "imported here");

    const auto history = hakoctl({"history", "imported:v1"});
    ASSERT_EQ(history.exit, 0) << history.describe();
    EXPECT_TRUE(std::regex_search(history.out, std::regex(R"(^IMAGE +CREATED +CREATED BY +SIZE +COMMENT\n)"))) << history.out;
    EXPECT_TRUE(contains(history.out, "from the test")) << history.out;
    // From stdin, as `docker import - REF`.
    const auto fromStdin = hakoctlShell("\"$HAKOCTL\" import - imported:stdin < " + tar);
    ASSERT_EQ(fromStdin.exit, 0) << fromStdin.describe();
    EXPECT_TRUE(std::regex_match(fromStdin.out, std::regex("sha256:[0-9a-f]{64}\n"))) << fromStdin.out;
    // A new image (its own creation time, as docker's), on the very same layer.
    const Args layers{"image", "inspect", "-f", "{{json .RootFS.Layers}}"};
    auto layersOf = [&](const std::string &ref) {
        Args args = layers;
        args.push_back(ref);
        return hakoctl(args).out;
    };
    EXPECT_EQ(layersOf("imported:stdin"), layersOf("imported:v1"));
    EXPECT_TRUE(contains(layersOf("imported:v1"), "sha256:")) << layersOf("imported:v1");
    removeImage("imported:v1");
    removeImage("imported:stdin");
}

TEST_F(HakoctlImages, SaveRemoveLoadKeepsTheId)
{
    TempDir dir;
    const std::string tar = makeRootfsTar(dir, "saved");
    ASSERT_EQ(hakoctl({"import", tar, "roundtrip:v1"}, 60s).exit, 0);
    const std::string id = imageId("roundtrip:v1");
    const std::string archive = dir.path + "/saved.tar";
    const auto saved = hakoctl({"save", "-o", archive, "roundtrip:v1"}, 60s);
    ASSERT_EQ(saved.exit, 0) << saved.describe();
    EXPECT_TRUE(contains(tarListing(archive), "index.json")) << "an OCI layout tarball";
    for (const auto &entry : fs::directory_iterator(dir.path))
        EXPECT_FALSE(contains(entry.path().filename().string(), ".hako-save-")) << "written under a temporary name, renamed";
    const auto refused = hakoctl({"save", "-o", archive, "no-such-image"});
    EXPECT_EQ(refused.exit, 125);
    EXPECT_TRUE(contains(tarListing(archive), "index.json")) << "a failed save leaves the file that was there";

    const auto removed = hakoctl({"rmi", "roundtrip:v1"});
    ASSERT_EQ(removed.exit, 0) << removed.describe();
    EXPECT_TRUE(contains(removed.out, "Untagged: roundtrip:v1\n")) << removed.out;
    EXPECT_TRUE(contains(removed.out, "Deleted: " + id + "\n")) << removed.out;

    const auto loaded = hakoctlShell("\"$HAKOCTL\" load < " + archive);
    ASSERT_EQ(loaded.exit, 0) << loaded.describe();
    EXPECT_EQ(loaded.out, "Loaded image: roundtrip:v1\n");
    EXPECT_EQ(imageId("roundtrip:v1"), id);
    const auto again = hakoctl({"load", "-i", archive}, 60s);
    EXPECT_EQ(again.exit, 0) << again.describe();
    removeImage("roundtrip:v1");
}

TEST_F(HakoctlImages, ExportHoldsWhatTheContainerWrote)
{
    runDetached("exported", {"sh", "-c", "echo written > /written-by-me; sleep 1000"});
    ASSERT_TRUE(eventually([&] { return hakoctl({"exec", "exported", "cat", "/written-by-me"}).out == "written\n"; }, 10s));
    TempDir dir;
    const std::string tar = dir.path + "/export.tar";
    const auto exported = hakoctl({"export", "-o", tar, "exported"}, 60s);
    ASSERT_EQ(exported.exit, 0) << exported.describe();
    const std::string listing = tarListing(tar);
    EXPECT_TRUE(std::regex_search(listing, std::regex(R"((^|\n)(\./)?written-by-me\n)"))) << listing;
    EXPECT_TRUE(std::regex_search(listing, std::regex(R"((^|\n)(\./)?bin/busybox\n)"))) << "the image's files too";
    const auto content = runCommand({"tar", "-xOf", tar, contains(listing, "./written-by-me") ? "./written-by-me" : "written-by-me"});
    EXPECT_EQ(content.out, "written\n");
    // To stdout when it is not a terminal, as docker.
    const auto piped = hakoctlShell("\"$HAKOCTL\" export exported | tar -t | grep -c written-by-me");
    EXPECT_EQ(trim(piped.out), "1") << piped.describe();
}

TEST_F(HakoctlImages, SaveAndExportRefuseATerminal)
{
    PtyChild save({hakoctlPath(), "save", "busybox"}, env().clientEnv(), 24, 80);
    EXPECT_EQ(save.wait(15s), 125);
    EXPECT_TRUE(contains(save.output(), "cowardly refusing to save to a terminal. Use the -o flag or redirect"))
        << save.output();
}

TEST_F(HakoctlImages, CommitThenRunSeesTheChange)
{
    const auto made = hakoctl({"run", "--name", "tocommit", "busybox", "sh", "-c", "echo committed > /etc/motd-hako"}, 60s);
    ASSERT_EQ(made.exit, 0) << made.describe();
    const auto committed = hakoctl({"commit", "-m", "add motd", "-a", "Test <t@example.org>", "tocommit", "committed:v1"});
    ASSERT_EQ(committed.exit, 0) << committed.describe();
    EXPECT_TRUE(std::regex_match(committed.out, std::regex("sha256:[0-9a-f]{64}\n"))) << committed.out;
    const auto ran = hakoctl({"run", "--rm", "committed:v1", "cat", "/etc/motd-hako"}, 60s);
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    EXPECT_EQ(ran.out, "committed\n");

    // history: the commit's layer on top of busybox's, newest first.
    const auto history = hakoctl({"history", "--no-trunc", "committed:v1"});
    ASSERT_EQ(history.exit, 0) << history.describe();
    const auto lines = std::count(history.out.begin(), history.out.end(), '\n');
    EXPECT_GE(lines, 3) << "header, the commit, busybox's layer:\n" << history.out;
    EXPECT_TRUE(contains(history.out.substr(history.out.find('\n') + 1), trim(committed.out)))
        << "the top entry names the image:\n" << history.out;
    EXPECT_TRUE(contains(history.out, "add motd")) << history.out;
    EXPECT_TRUE(contains(history.out, "<missing>")) << history.out;
    EXPECT_EQ(hakoctl({"history", "-q", "committed:v1"}).out.substr(0, 13), trim(committed.out).substr(7, 12) + "\n");
    hakoctl({"rm", "-f", "tocommit"});
    removeImage("committed:v1");
}

TEST_F(HakoctlImages, InspectFallsBackFromContainerToImage)
{
    const auto image = hakoctl({"inspect", "-f", "{{.Os}} {{index .RepoTags 0}}", "busybox"});
    ASSERT_EQ(image.exit, 0) << image.describe();
    EXPECT_EQ(image.out, "linux busybox:latest\n");
    const auto json = hakoctl({"inspect", "busybox"});
    EXPECT_TRUE(contains(json.out, "\"RootFS\"")) << json.out;
    const auto neither = hakoctl({"inspect", "no-such-thing"});
    EXPECT_EQ(neither.exit, 125);
    EXPECT_TRUE(contains(neither.err, "No such object: no-such-thing")) << neither.err;
}

TEST_F(HakoctlImages, SystemDfCountsImagesContainersVolumes)
{
    runDetached("dfuser", {"sleep", "1000"});
    const auto df = hakoctl({"system", "df"});
    ASSERT_EQ(df.exit, 0) << df.describe();
    EXPECT_TRUE(std::regex_search(df.out, std::regex(R"(^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE\n)"))) << df.out;
    EXPECT_TRUE(std::regex_search(df.out, std::regex(R"(\nImages +[1-9][0-9]* +[1-9][0-9]* +[0-9.]+[kMG]?B +)"))) << df.out;
    EXPECT_TRUE(std::regex_search(df.out, std::regex(R"(\nContainers +[1-9][0-9]* +1 +)"))) << df.out;
    EXPECT_TRUE(contains(df.out, "\nLocal Volumes ")) << df.out;
    const auto verbose = hakoctl({"system", "df", "-v"});
    ASSERT_EQ(verbose.exit, 0) << verbose.describe();
    EXPECT_TRUE(std::regex_search(verbose.out, std::regex(R"(\nbusybox +latest +[0-9a-f]{12} )"))) << verbose.out;
    EXPECT_TRUE(std::regex_search(verbose.out, std::regex(R"(\n[0-9a-f]{12} +busybox +"sleep 1000" +0 +[0-9.]+[kMG]?B .*dfuser\n)")))
        << verbose.out;
}

// tests/registry/serve.sh (a real docker-registry on loopback) with an image pushed by skopeo.
TEST_F(HakoctlImages, PullFromALoopbackRegistry)
{
    const fs::path scripts = HAKO_TEST_REGISTRY_SCRIPTS;
    if (!fs::exists(scripts / "serve.sh") || findInPath("docker-registry").empty() || findInPath("skopeo").empty())
        GTEST_SKIP() << "no loopback registry: needs tests/registry/serve.sh, docker-registry and skopeo";
    TempDir dir;
    const auto served = runCommand({"sh", (scripts / "serve.sh").string(), dir.path});
    ASSERT_EQ(served.exit, 0) << served.describe();
    const std::string port = trim(served.out);
    struct Stop {
        std::string pidFile;
        ~Stop() { runCommand({"sh", "-c", "kill $(cat " + pidFile + ")"}); }
    } stop{dir.path + "/registry.pid"};
    const auto pushed = runCommand({"sh", (scripts / "make-test-image.sh").string(), port}, {}, 120s);
    ASSERT_EQ(pushed.exit, 0) << pushed.describe();

    const std::string ref = "127.0.0.1:" + port + "/test/layered";
    const auto pulled = hakoctl({"pull", ref}, 120s);
    ASSERT_EQ(pulled.exit, 0) << pulled.describe();
    EXPECT_TRUE(contains(pulled.out, "Using default tag: latest\nlatest: Pulling from test/layered\n")) << pulled.out;
    EXPECT_TRUE(std::regex_search(pulled.out, std::regex(R"(\n[0-9a-f]{12}: Pull complete\n)"))) << pulled.out;
    EXPECT_TRUE(std::regex_search(pulled.out, std::regex("\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for "
                                                         + ref + ":latest\n" + ref + ":latest\n$")))
        << pulled.out;
    const auto again = hakoctl({"pull", "-q", ref}, 120s);
    ASSERT_EQ(again.exit, 0) << again.describe();
    EXPECT_EQ(again.out, ref + ":latest\n");
    const auto status = hakoctl({"pull", ref}, 120s);
    EXPECT_TRUE(contains(status.out, "Status: Image is up to date for " + ref + ":latest\n")) << status.out;
    EXPECT_TRUE(contains(hakoctl({"images"}).out, "127.0.0.1:" + port + "/test/layered "));
    const auto missing = hakoctl({"pull", "127.0.0.1:" + port + "/test/absent"}, 60s);
    EXPECT_EQ(missing.exit, 125);
    EXPECT_FALSE(missing.err.empty());
    removeImage(ref);
}

// Ctrl-C during a pull: CancelJob, exit 130, and no image left (a 200 MB image so the
// download is still going when the interrupt comes).
TEST_F(HakoctlImages, InterruptedPullIsCancelled)
{
    const fs::path scripts = HAKO_TEST_REGISTRY_SCRIPTS;
    if (!fs::exists(scripts / "serve.sh") || findInPath("docker-registry").empty() || findInPath("skopeo").empty())
        GTEST_SKIP() << "no loopback registry: needs tests/registry/serve.sh, docker-registry and skopeo";
    TempDir dir;
    const auto served = runCommand({"sh", (scripts / "serve.sh").string(), dir.path});
    ASSERT_EQ(served.exit, 0) << served.describe();
    const std::string port = trim(served.out);
    struct Stop {
        std::string pidFile;
        ~Stop() { runCommand({"sh", "-c", "kill $(cat " + pidFile + ")"}); }
    } stop{dir.path + "/registry.pid"};
    const auto pushed = runCommand({"sh", (scripts / "make-test-image.sh").string(), port, "--bulk", "200"}, {}, 300s);
    ASSERT_EQ(pushed.exit, 0) << pushed.describe();

    const std::string ref = "127.0.0.1:" + port + "/test/bulk";
    PtyChild pty({hakoctlPath(), "pull", ref}, env().clientEnv(), 24, 80);
    ASSERT_TRUE(pty.readUntil(": Downloading", 60s)) << pty.output();
    pty.write("\x03"); // the terminal's interrupt character: SIGINT to hakoctl
    EXPECT_EQ(pty.wait(30s), 130) << pty.output();
    EXPECT_TRUE(contains(pty.output(), "\x1b[2K")) << "a layer's line redrawn in place:\n" << pty.output();
    EXPECT_FALSE(contains(hakoctl({"images"}).out, "test/bulk")) << "a cancelled pull leaves no image";
}

} // namespace
} // namespace hako::dbustest
