// -u NAME[:GROUP] on run, create and exec: looked up in the container's own /etc/passwd and
// /etc/group (never the host's), with docker's rules for groups and docker's error words.
#include "bus_fixture.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace hako::dbustest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kAlice = "alice:x:1234:2345:Alice:/home/alice:/bin/sh\n";
const std::string kGroups = "staff:x:2345:\ndevs:x:3456:bob,alice\nops:x:4567:alice\nothers:x:5678:bob\n";
const std::string kImagePasswd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
const std::string kImageGroup = "root:x:0:\nnogroup:x:65534:\n";

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

class UserTest : public CtlTest {
protected:
    std::string field(const Args &args)
    {
        const auto r = hakoctl(args);
        EXPECT_EQ(r.exit, 0) << r.describe();
        return trim(r.out);
    }
    // The container's writable layer, which a created container's root is built over.
    std::string upperDir(const std::string &ref)
    {
        return env().stateRoot() + "/containers/" + inspectField(ref, "{{.Id}}") + "/upper";
    }
    void writeInUpper(const std::string &ref, const std::string &path, const std::string &text)
    {
        const fs::path file = upperDir(ref) + path;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
    }
};

TEST_F(UserTest, ExecByNameUsesTheContainersFilesAndDockersGroupRules)
{
    runDetached("users", {"sleep", "1000"});
    const auto setup = hakoctl({"exec", "users", "sh", "-c", "printf '" + kAlice + "' >> /etc/passwd; printf '" +
                                                                 kGroups + "' >> /etc/group"});
    ASSERT_EQ(setup.exit, 0) << setup.describe();

    EXPECT_EQ(field({"exec", "-u", "alice", "users", "id", "-u"}), "1234");
    EXPECT_EQ(field({"exec", "-u", "alice", "users", "id", "-g"}), "2345");
    // Implicit group: every group listing alice is a supplementary one, the others are not.
    const std::string groups = field({"exec", "-u", "alice", "users", "id", "-G"});
    EXPECT_TRUE(contains(groups, "3456") && contains(groups, "4567")) << groups;
    EXPECT_FALSE(contains(groups, "5678")) << groups;
    EXPECT_EQ(field({"exec", "-u", "alice", "users", "sh", "-c", "echo $HOME"}), "/home/alice");
    // Explicit group: that one only.
    EXPECT_EQ(field({"exec", "-u", "alice:ops", "users", "id", "-G"}), "4567");
    EXPECT_EQ(field({"exec", "-u", "alice:3456", "users", "id", "-g"}), "3456");
    // Numeric ids keep working: a known uid brings its group, an unknown one is group 0.
    EXPECT_EQ(field({"exec", "-u", "1234", "users", "id", "-g"}), "2345");
    EXPECT_EQ(field({"exec", "-u", "4242", "users", "id", "-u"}), "4242");
    EXPECT_EQ(field({"exec", "-u", "4242", "users", "id", "-g"}), "0");
    EXPECT_EQ(field({"exec", "-u", "4242:99", "users", "id", "-g"}), "99");

    const auto noUser = hakoctl({"exec", "-u", "nosuch", "users", "true"});
    EXPECT_NE(noUser.exit, 0);
    EXPECT_TRUE(contains(noUser.err, "unable to find user nosuch: no matching entries in passwd file"))
        << noUser.describe();
    const auto noGroup = hakoctl({"exec", "-u", "alice:nogrp", "users", "true"});
    EXPECT_NE(noGroup.exit, 0);
    EXPECT_TRUE(contains(noGroup.err, "unable to find group nogrp: no matching entries in group file"))
        << noGroup.describe();
}

TEST_F(UserTest, RunByNameResolvesAtStart)
{
    EXPECT_EQ(field({"run", "--rm", "-u", "nobody", "busybox", "id", "-u"}), "65534");
    EXPECT_EQ(field({"run", "--rm", "-u", "nobody", "busybox", "id", "-g"}), "65534");
    EXPECT_EQ(field({"run", "--rm", "-u", "daemon:nogroup", "busybox", "id", "-g"}), "65534");
    EXPECT_EQ(field({"run", "--rm", "-u", "1000:1000", "busybox", "id", "-u"}), "1000");

    const auto missing = hakoctl({"run", "--rm", "-u", "nosuch", "busybox", "true"});
    EXPECT_EQ(missing.exit, 125) << missing.describe();
    EXPECT_TRUE(contains(missing.err, "unable to find user nosuch: no matching entries in passwd file"))
        << missing.describe();
    EXPECT_TRUE(listIds().empty()) << "run --rm left the container that could not start";
}

TEST_F(UserTest, SupplementaryGroupsAtStartComeFromTheContainersGroupFile)
{
    ASSERT_EQ(hakoctl({"create", "--name", "as-alice", "-u", "alice", "busybox", "id"}).exit, 0);
    writeInUpper("as-alice", "/etc/passwd", kImagePasswd + kAlice);
    writeInUpper("as-alice", "/etc/group", kImageGroup + kGroups);
    const auto r = hakoctl({"start", "-a", "as-alice"});
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_TRUE(contains(r.out, "uid=1234(alice) gid=2345(staff)")) << r.describe();
    EXPECT_TRUE(contains(r.out, "3456(devs)") && contains(r.out, "4567(ops)")) << r.describe();
    EXPECT_FALSE(contains(r.out, "5678")) << r.describe();
}

TEST_F(UserTest, ASymlinkedPasswdIsResolvedInsideTheContainer)
{
    // A host file the container's /etc/passwd points at: looking names up on the host (or
    // following the link out of the container) would find "escapee" there.
    const std::string hostFile = "/tmp/hako-test-host-passwd";
    std::ofstream(hostFile) << "escapee:x:4321:4321::/:/bin/sh\n";
    ASSERT_EQ(hakoctl({"create", "--name", "linked", "-u", "escapee", "busybox", "id", "-u"}).exit, 0);
    fs::create_directories(upperDir("linked") + "/etc");
    fs::create_symlink(hostFile, upperDir("linked") + "/etc/passwd");
    const auto r = hakoctl({"start", "-a", "linked"});
    EXPECT_NE(r.exit, 0) << r.describe();
    EXPECT_FALSE(contains(r.out, "4321")) << "the host's file was read: " << r.describe();
    EXPECT_TRUE(contains(r.err, "unable to find user escapee")) << r.describe();
    fs::remove(hostFile);
}

TEST_F(UserTest, AMalformedUserIsRefusedBeforeAnythingIsMade)
{
    const auto r = hakoctl({"run", "--rm", "-u", "a:b:c", "busybox", "true"});
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "NAME[:GROUP]")) << r.describe();
    std::string spec = specJson({"true"});
    spec.insert(spec.find('{') + 1, R"("annotations": {"org.hako.user": "bad name"},)");
    const auto created = env().call("CreateContainer", {"bad-user", "busybox", QString::fromStdString(spec), QVariantMap{}});
    EXPECT_EQ(created.errorName().toStdString(), "org.hako.Containers1.Error.InvalidSpec");
    EXPECT_TRUE(created.errorMessage().contains("org.hako.user")) << created.errorMessage().toStdString();
    EXPECT_TRUE(listIds().empty());
}

} // namespace
} // namespace hako::dbustest
