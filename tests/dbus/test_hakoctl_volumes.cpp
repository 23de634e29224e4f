// hakoctl's volume commands and run's -v/--mount end to end: volume create/ls/inspect/rm in
// docker's formats, a named volume keeping its data across two containers, :ro refusing
// writes, an anonymous volume removed with run --rm, a used volume kept unless forced, and
// docker's words for a bad --mount (exit 125, nothing created).
#include "bus_fixture.h"

#include <regex>
#include <sstream>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

class HakoctlVolumes : public CtlTest {
protected:
    void TearDown() override
    {
        CtlTest::TearDown(); // the containers first: a used volume is kept
        for (const std::string &name : created_)
            hakoctl({"volume", "rm", "-f", name});
    }
    std::string createVolume(const std::string &name, const Args &flags = {})
    {
        Args args{"volume", "create"};
        args.insert(args.end(), flags.begin(), flags.end());
        if (!name.empty())
            args.push_back(name);
        const auto r = hakoctl(args);
        EXPECT_EQ(r.exit, 0) << r.describe();
        created_.push_back(trim(r.out));
        return trim(r.out);
    }
    std::vector<std::string> volumeNames()
    {
        const auto r = hakoctl({"volume", "ls", "-q"});
        EXPECT_EQ(r.exit, 0) << r.describe();
        std::vector<std::string> names;
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);)
            names.push_back(line);
        return names;
    }

    std::vector<std::string> created_;
};

TEST_F(HakoctlVolumes, CreateListInspectRemove)
{
    EXPECT_EQ(createVolume("vol-one", {"--label", "env=test"}), "vol-one");
    const std::string generated = createVolume("");
    EXPECT_TRUE(std::regex_match(generated, std::regex("[0-9a-f]{64}"))) << generated;

    const auto table = hakoctl({"volume", "ls"});
    ASSERT_EQ(table.exit, 0) << table.describe();
    EXPECT_TRUE(contains(table.out, "DRIVER    VOLUME NAME\n")) << table.out;
    EXPECT_TRUE(contains(table.out, "\nlocal     vol-one\n")) << table.out;

    const auto inspect = hakoctl({"volume", "inspect", "vol-one"});
    ASSERT_EQ(inspect.exit, 0) << inspect.describe();
    EXPECT_TRUE(contains(inspect.out, "\"Driver\": \"local\"")) << inspect.out;
    EXPECT_TRUE(contains(inspect.out, "\"env\": \"test\"")) << inspect.out;
    EXPECT_TRUE(contains(inspect.out, "\"Mountpoint\": \"" + env().stateRoot() + "/volumes/vol-one/_data\"")) << inspect.out;
    EXPECT_EQ(hakoctl({"volume", "inspect", "-f", "{{.Name}} {{.Scope}}", "vol-one"}).out, "vol-one local\n");
    const auto missing = hakoctl({"volume", "inspect", "vol-none"});
    EXPECT_NE(missing.exit, 0);
    EXPECT_TRUE(contains(missing.err, "No such volume: vol-none")) << missing.err;

    const auto removed = hakoctl({"volume", "rm", "vol-one", generated});
    ASSERT_EQ(removed.exit, 0) << removed.describe();
    EXPECT_EQ(removed.out, "vol-one\n" + generated + "\n");
    EXPECT_FALSE(contains(hakoctl({"volume", "ls"}).out, "vol-one"));
}

TEST_F(HakoctlVolumes, NamedVolumeKeepsDataAcrossRuns)
{
    createVolume("vol-data");
    const auto wrote = hakoctl({"run", "--rm", "-v", "vol-data:/data", "busybox", "sh", "-c", "echo kept > /data/file"}, 60s);
    ASSERT_EQ(wrote.exit, 0) << wrote.describe();
    const auto read = hakoctl({"run", "--rm", "--mount", "type=volume,src=vol-data,dst=/srv", "busybox", "cat", "/srv/file"}, 60s);
    ASSERT_EQ(read.exit, 0) << read.describe();
    EXPECT_EQ(read.out, "kept\n");

    const auto readOnly = hakoctl({"run", "--rm", "-v", "vol-data:/data:ro", "busybox", "sh", "-c", "echo no > /data/other"}, 60s);
    EXPECT_NE(readOnly.exit, 0) << readOnly.describe();
    EXPECT_TRUE(contains(readOnly.err + readOnly.out, "Read-only file system")) << readOnly.describe();
    EXPECT_EQ(hakoctl({"run", "--rm", "-v", "vol-data:/data:ro", "busybox", "cat", "/data/file"}, 60s).out, "kept\n");
}

TEST_F(HakoctlVolumes, VolumeInUseIsKeptUnlessForced)
{
    createVolume("vol-used");
    const auto started = hakoctl({"run", "-d", "--name", "voluser", "-v", "vol-used:/data", "busybox", "sleep", "1000"});
    ASSERT_EQ(started.exit, 0) << started.describe();
    const auto refused = hakoctl({"volume", "rm", "vol-used"});
    EXPECT_EQ(refused.exit, 125) << refused.describe();
    EXPECT_TRUE(contains(refused.err, "voluser")) << "names the container: " << refused.err;
    EXPECT_TRUE(contains(hakoctl({"volume", "ls", "-q"}).out, "vol-used\n"));
}

TEST_F(HakoctlVolumes, AnonymousVolumeGoesWithRunRm)
{
    const auto before = volumeNames();
    const auto ran = hakoctl({"run", "--rm", "-v", "/scratch", "busybox", "sh", "-c", "echo x > /scratch/f && cat /scratch/f"}, 60s);
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    EXPECT_EQ(ran.out, "x\n");
    EXPECT_TRUE(eventually([&] { return volumeNames() == before; }, 10s)) << "the anonymous volume is removed with the container";
}

TEST_F(HakoctlVolumes, BadMountFlagsFailWithDockersWords)
{
    const auto before = listIds();
    const auto unknownKey = hakoctl({"run", "--rm", "--mount", "type=volume,target=/d,colour=red", "busybox", "true"});
    EXPECT_EQ(unknownKey.exit, 125);
    EXPECT_EQ(unknownKey.err, "hakoctl: invalid argument \"type=volume,target=/d,colour=red\" for \"--mount\" flag: "
                              "unexpected key 'colour' in 'colour=red'\n");
    const auto noTarget = hakoctl({"create", "--mount", "type=bind,source=/srv", "busybox"});
    EXPECT_EQ(noTarget.exit, 125);
    EXPECT_TRUE(contains(noTarget.err, "\"--mount\" flag: target is required")) << noTarget.err;
    const auto relative = hakoctl({"run", "--rm", "-v", "./here:/data", "busybox", "true"});
    EXPECT_EQ(relative.exit, 125);
    EXPECT_TRUE(contains(relative.err, "invalid mount config for type \"bind\"")) << relative.err;
    EXPECT_EQ(listIds(), before) << "nothing was created";
}

} // namespace
} // namespace hako::dbustest
