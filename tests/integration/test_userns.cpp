// --userns=remap end to end: mappings from subordinate id files, and the image's files owned
// by the container's root through an idmapped mount or, where that is refused, a shifted copy.
#include "error.h"
#include "fixture.h"
#include "fs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <sstream>

namespace hako::test {

namespace {

constexpr uint32_t kRangeStart = 300000;

struct Owner {
    uint32_t uid = 0, gid = 0;
    unsigned mode = 0;
};

Owner ownerOf(const std::string &path)
{
    struct stat st {};
    if (::lstat(path.c_str(), &st) < 0)
        throw std::runtime_error("lstat " + path);
    return {st.st_uid, st.st_gid, st.st_mode & 07777};
}

// The lines of the log until `marker` shows up (or 10 s pass).
std::string outputUntil(Engine &engine, const std::string &id, const std::string &marker)
{
    std::string out;
    eventually([&] {
        out.clear();
        engine.logs(id, {}, [&](const LogLine &line) {
            out += line.text + "\n";
            return true;
        });
        return out.find(marker) != std::string::npos;
    }, std::chrono::seconds(10));
    return out;
}

class UsernsTest : public EngineTest, public ::testing::WithParamInterface<UserNamespaceLayers> {
protected:
    void SetUp() override
    {
        EngineTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        // As in UserNamespaceMapsRootToAHostRange: the mapped root must reach the layers.
        ASSERT_EQ(::chmod(root_.c_str(), 0711), 0);
        EngineOptions options = engine_->options();
        options.subIds = {root_ + "/subuid", root_ + "/subgid"};
        options.userNamespaceLayers = GetParam();
        writeFileAtomic(options.subIds.subuid, "remapper:" + std::to_string(kRangeStart) + ":65536\n");
        writeFileAtomic(options.subIds.subgid, "remapper:" + std::to_string(kRangeStart) + ":65536\n");
        engine_ = std::make_unique<Engine>(options);
    }

    static Spec remapSpec(const std::string &script, const std::string &user = "remapper")
    {
        Spec spec = shellSpec(script);
        spec.annotations[std::string(kUsernsRemapAnnotation)] = user;
        return spec;
    }

    std::string imageRootfs() const { return engine_->images().get("busybox").rootfs; }
};

} // namespace

TEST_P(UsernsTest, ImageFilesBelongToTheContainersRoot)
{
    const std::string rootfs = imageRootfs();
    const std::string passwdBefore = readFile(rootfs + "/etc/passwd");
    const std::string mountsBefore = hostMountTable();

    const std::string id = run(remapSpec(
        "id -u; ls -ln /bin/busybox; echo 'extra:x:5000:5000::/:/bin/sh' >> /etc/passwd && "
        "echo appended; echo ready; exec sleep 1000"));
    const std::string out = outputUntil(*engine_, id, "ready");
    const auto w = splitWords(out);
    ASSERT_GE(w.size(), 6u) << out;
    EXPECT_EQ(w[0], "0") << out;
    // ls -ln: mode, links, uid, gid, size, ...
    EXPECT_EQ(w[3], "0") << out;
    EXPECT_EQ(w[4], "0") << out;
    EXPECT_NE(out.find("appended"), std::string::npos) << out;

    const pid_t pid = engine_->state(id).pid.pid;
    ASSERT_GT(pid, 0);
    const std::string host = std::to_string(kRangeStart);
    EXPECT_EQ(splitWords(statusField(pid, "Uid")), (std::vector<std::string>{host, host, host, host}));
    // The copy-up landed in the writable layer, owned by the mapped root.
    const std::string upperPasswd = engine_->store().containerDir(id) + "/upper/etc/passwd";
    EXPECT_EQ(ownerOf(upperPasswd).uid, kRangeStart);
    EXPECT_EQ(ownerOf(upperPasswd).gid, kRangeStart);
    EXPECT_NE(readFile(upperPasswd).find("extra:x:5000"), std::string::npos);
    // Neither an idmapped mount nor anything else reached the host's mount table.
    EXPECT_EQ(hostMountTable(), mountsBefore);

    // The host's image is as it was.
    EXPECT_EQ(readFile(rootfs + "/etc/passwd"), passwdBefore);
    EXPECT_EQ(ownerOf(rootfs + "/etc/passwd").uid, 0u);
    EXPECT_EQ(ownerOf(rootfs + "/bin/busybox").uid, 0u);
    EXPECT_EQ(ownerOf(rootfs + "/bin/busybox").gid, 0u);

    const std::string copy = engine_->store().containerDir(id) + "/lower-remapped";
    if (GetParam() == UserNamespaceLayers::Copy) {
        ASSERT_TRUE(pathExists(copy + "/bin/busybox"));
        EXPECT_EQ(ownerOf(copy + "/bin/busybox").uid, kRangeStart);
        EXPECT_EQ(ownerOf(copy + "/bin/busybox").mode, 0755u);
        EXPECT_EQ(ownerOf(copy + "/tmp").mode, 01777u);
        EXPECT_EQ(ownerOf(copy + "/bin/sh").uid, kRangeStart); // the symlink itself
        EXPECT_EQ(readFile(copy + "/etc/passwd"), passwdBefore);
    } else {
        EXPECT_FALSE(pathExists(copy)); // the idmapped mount did it: nothing was copied
    }

    engine_->remove(id, true);
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

// The copy is made once and reused: a second start sees the first run's changes (in the
// upper layer) over the same lower copy.
TEST_P(UsernsTest, RestartKeepsTheContainersFiles)
{
    const std::string id = run(remapSpec("test -f /marker && echo again; touch /marker; echo done"));
    ASSERT_TRUE(engine_->wait(id, std::chrono::seconds(30)));
    engine_->start(id);
    const auto end = engine_->wait(id, std::chrono::seconds(30));
    ASSERT_TRUE(end);
    EXPECT_EQ(end->exitCode, 0);
    EXPECT_EQ(output(id), "done\nagain\ndone");
}

TEST_P(UsernsTest, SetuidBitsSurviveForTheContainer)
{
    const std::string rootfs = imageRootfs();
    // The image is the test's own (under the fixture's state root): give it a setuid file.
    writeFileAtomic(rootfs + "/bin/suidfile", "x", 04755);
    const ContainerState end = runToEnd(remapSpec("stat -c '%a %u' /bin/suidfile"));
    EXPECT_EQ(end.exitCode, 0);
    EXPECT_EQ(output(end.id), "4755 0");
}

INSTANTIATE_TEST_SUITE_P(Layers, UsernsTest,
                         ::testing::Values(UserNamespaceLayers::Auto, UserNamespaceLayers::Idmapped,
                                           UserNamespaceLayers::Copy),
                         [](const auto &info) { return std::string(userNamespaceLayersName(info.param)); });

TEST_F(EngineTest, UsernsRemapAddsTheNamespaceAndAllocatesTheDefaultUser)
{
    ASSERT_EQ(::chmod(root_.c_str(), 0711), 0);
    EngineOptions options = engine_->options();
    options.subIds = {root_ + "/subuid", root_ + "/subgid"};
    // 131072, the first aligned block, overlaps someone's range: the next one is taken.
    writeFileAtomic(options.subIds.subuid, "someone:100000:65536\n");
    engine_ = std::make_unique<Engine>(options);

    Spec spec = shellSpec("cat /proc/self/uid_map /proc/self/gid_map");
    spec.annotations[std::string(kUsernsRemapAnnotation)] = std::string(kDefaultRemapUser);
    ASSERT_FALSE(spec.hasNamespace(NamespaceType::User));
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(end.exitCode, 0);
    EXPECT_EQ(splitWords(output(end.id)),
              (std::vector<std::string>{"0", "196608", "65536", "0", "196608", "65536"}));
    const Spec stored = engine_->inspect(end.id).spec;
    EXPECT_TRUE(stored.hasNamespace(NamespaceType::User));
    EXPECT_EQ(stored.linux.uidMappings, (std::vector<IdMapping>{{0, 196608, 65536}}));
    EXPECT_EQ(readFile(options.subIds.subuid), "someone:100000:65536\nhako:196608:65536\n");
    EXPECT_EQ(readFile(options.subIds.subgid), "hako:196608:65536\n");
}

TEST_F(EngineTest, UsernsRemapToAUserWithoutRangesIsRefusedAtCreate)
{
    EngineOptions options = engine_->options();
    options.subIds = {root_ + "/subuid", root_ + "/subgid"};
    engine_ = std::make_unique<Engine>(options);
    Spec spec = shellSpec("true");
    spec.annotations[std::string(kUsernsRemapAnnotation)] = "nobody-here";
    try {
        engine_->create({"", "busybox", spec});
        FAIL() << "created";
    } catch (const SpecError &e) {
        EXPECT_NE(std::string(e.what()).find("\"nobody-here\""), std::string::npos) << e.what();
    }
    EXPECT_TRUE(engine_->list().empty());
    EXPECT_FALSE(pathExists(options.subIds.subuid)); // nothing allocated for her
}

// Explicit mappings win over the annotation (the engine fills only empty ones).
TEST_F(EngineTest, UsernsRemapKeepsExplicitMappings)
{
    EngineOptions options = engine_->options();
    options.subIds = {root_ + "/subuid", root_ + "/subgid"};
    engine_ = std::make_unique<Engine>(options);
    Spec spec = shellSpec("true");
    spec.annotations[std::string(kUsernsRemapAnnotation)] = "hako";
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    spec.linux.uidMappings = {{0, 400000, 65536}};
    spec.linux.gidMappings = {{0, 400000, 65536}};
    const std::string id = engine_->create({"", "busybox", spec});
    EXPECT_EQ(engine_->inspect(id).spec.linux.uidMappings, spec.linux.uidMappings);
    EXPECT_FALSE(pathExists(options.subIds.subuid));
}

} // namespace hako::test
