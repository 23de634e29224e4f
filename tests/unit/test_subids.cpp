#include "error.h"
#include "fs.h"
#include "subids.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

using namespace hako;

namespace {

class SubIdsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        char tmpl[] = "/tmp/hako-subids-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        files_.subuid = dir_ + "/subuid";
        files_.subgid = dir_ + "/subgid";
    }
    void TearDown() override { removeTree(dir_); }

    void write(const std::string &path, const std::string &text) { writeFileAtomic(path, text, 0644); }

    std::string errorOf(const std::string &text)
    {
        try {
            parseSubIds(text, "/etc/subuid");
        } catch (const SpecError &e) {
            return e.what();
        }
        return "(no error)";
    }

    std::string dir_;
    SubIdFiles files_;
};

} // namespace

TEST_F(SubIdsTest, ParsesNamesNumbersCommentsAndBlankLines)
{
    const auto ranges = parseSubIds("# shadow's file\n\nalice:100000:65536\n  1000:165536:65536  \n"
                                    "alice:300000:10\n",
                                    "/etc/subuid");
    ASSERT_EQ(ranges.size(), 3u);
    EXPECT_EQ(ranges[0], (SubIdRange{"alice", 100000, 65536}));
    EXPECT_EQ(ranges[1], (SubIdRange{"1000", 165536, 65536}));
    EXPECT_EQ(rangesOf(ranges, "alice").size(), 2u);
    EXPECT_TRUE(rangesOf(ranges, "bob").empty());
}

TEST_F(SubIdsTest, MatchesANumericEntryByTheUsersUid)
{
    // root is uid 0 on every system: an entry "0:…" belongs to it.
    const auto ranges = parseSubIds("0:400000:65536\n", "f");
    EXPECT_EQ(rangesOf(ranges, "root").size(), 1u);
}

TEST_F(SubIdsTest, ErrorsNameTheFileAndLine)
{
    EXPECT_EQ(errorOf("# ok\nalice:100000\n"),
              "/etc/subuid:2: \"alice:100000\" is not NAME:START:COUNT");
    EXPECT_EQ(errorOf("a:1:1\n\nbob:x:65536\n"),
              "/etc/subuid:3: the start id of bob is not a number below 2^32");
    EXPECT_EQ(errorOf("bob:100000:0\n"), "/etc/subuid:1: the count of bob is not a positive number");
    EXPECT_EQ(errorOf("bob:100000:-5\n"), "/etc/subuid:1: the count of bob is not a positive number");
    EXPECT_EQ(errorOf(":1:1\n"), "/etc/subuid:1: the name is empty");
    EXPECT_EQ(errorOf("bob:4294967295:2\n"), "/etc/subuid:1: the range of bob goes past id 4294967295");
    EXPECT_EQ(errorOf("bob:1:2:3\n"), "/etc/subuid:1: \"bob:1:2:3\" is not NAME:START:COUNT");
}

TEST_F(SubIdsTest, MapsSeveralRangesConsecutively)
{
    const auto mappings = mappingsFor({{"a", 200000, 1000}, {"a", 500000, 65536}});
    EXPECT_EQ(mappings, (std::vector<IdMapping>{{0, 200000, 1000}, {1000, 500000, 65536}}));
}

TEST_F(SubIdsTest, GivesTheUsersRangesFromBothFiles)
{
    write(files_.subuid, "other:100000:65536\nremapper:300000:65536\n");
    write(files_.subgid, "remapper:400000:70000\n");
    const RemapMappings m = remapMappings("remapper", files_);
    EXPECT_EQ(m.uidMappings, (std::vector<IdMapping>{{0, 300000, 65536}}));
    EXPECT_EQ(m.gidMappings, (std::vector<IdMapping>{{0, 400000, 70000}}));
}

TEST_F(SubIdsTest, AnotherUserWithoutEntriesIsAnErrorNamingUserAndFiles)
{
    write(files_.subuid, "other:100000:65536\n");
    write(files_.subgid, "other:100000:65536\n");
    try {
        remapMappings("nosuchremapper", files_);
        FAIL() << "no error";
    } catch (const SpecError &e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("\"nosuchremapper\""), std::string::npos) << what;
        EXPECT_NE(what.find(files_.subuid), std::string::npos) << what;
        EXPECT_NE(what.find(files_.subgid), std::string::npos) << what;
    }
    // Nothing was allocated for a user that is not the default.
    EXPECT_EQ(readFile(files_.subuid), "other:100000:65536\n");
}

TEST_F(SubIdsTest, RefusesARangeHoldingHostRoot)
{
    write(files_.subuid, "evil:0:65536\n");
    write(files_.subgid, "evil:100000:65536\n");
    EXPECT_THROW(remapMappings("evil", files_), SpecError);
}

TEST_F(SubIdsTest, AllocatesTheDefaultUserAFreeAlignedBlockInBothFiles)
{
    // 131072 overlaps a subuid range, 196608 a subgid range: the first free aligned block
    // of both files is 262144.
    write(files_.subuid, "alice:100000:65536\n");
    write(files_.subgid, "alice:100000:65536\nbob:200000:10");
    const RemapMappings m = remapMappings(std::string(kDefaultRemapUser), files_);
    EXPECT_EQ(m.uidMappings, (std::vector<IdMapping>{{0, 262144, 65536}}));
    EXPECT_EQ(m.gidMappings, (std::vector<IdMapping>{{0, 262144, 65536}}));
    EXPECT_EQ(readFile(files_.subuid), "alice:100000:65536\nhako:262144:65536\n");
    EXPECT_EQ(readFile(files_.subgid), "alice:100000:65536\nbob:200000:10\nhako:262144:65536\n");
    struct stat st {};
    ASSERT_EQ(::stat(files_.subuid.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0644u);
}

TEST_F(SubIdsTest, AllocationIsIdempotent)
{
    const RemapMappings first = remapMappings("hako", files_); // neither file exists yet
    EXPECT_EQ(first.uidMappings, (std::vector<IdMapping>{{0, 131072, 65536}}));
    const std::string uids = readFile(files_.subuid);
    const RemapMappings second = remapMappings("hako", files_);
    EXPECT_EQ(second.uidMappings, first.uidMappings);
    EXPECT_EQ(second.gidMappings, first.gidMappings);
    EXPECT_EQ(readFile(files_.subuid), uids);
    EXPECT_EQ(readFile(files_.subuid), "hako:131072:65536\n");
}

TEST_F(SubIdsTest, AllocationCompletesAFileThatLacksTheUser)
{
    write(files_.subuid, "hako:500000:65536\n");
    write(files_.subgid, "x:131072:1\n");
    const RemapMappings m = remapMappings("hako", files_);
    EXPECT_EQ(m.uidMappings, (std::vector<IdMapping>{{0, 500000, 65536}}));
    // The new block avoids the subuid range too, so both files stay free of overlaps.
    EXPECT_EQ(m.gidMappings, (std::vector<IdMapping>{{0, 196608, 65536}}));
    EXPECT_EQ(readFile(files_.subuid), "hako:500000:65536\n");
}

TEST_F(SubIdsTest, ConcurrentAllocationsAgreeOnOneBlock)
{
    std::vector<pid_t> children;
    for (int i = 0; i < 8; ++i) {
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            try {
                remapMappings("hako", files_);
            } catch (...) {
                ::_exit(1);
            }
            ::_exit(0);
        }
        children.push_back(pid);
    }
    for (pid_t pid : children) {
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    EXPECT_EQ(readFile(files_.subuid), "hako:131072:65536\n");
    EXPECT_EQ(readFile(files_.subgid), "hako:131072:65536\n");
}

// The spec a client sends for --userns=remap has no mappings yet: valid until the engine
// runs it (Final), by which time it must have filled them.
TEST(SubIdsSpec, RemapAnnotationLetsMappingsWaitForTheEngine)
{
    Spec spec = defaultSpec();
    spec.process.args = {"true"};
    spec.root.path = "/rootfs";
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    EXPECT_FALSE(validateSpec(spec, ValidateMode::FromImage).empty());
    spec.annotations[std::string(kUsernsRemapAnnotation)] = "hako";
    EXPECT_TRUE(validateSpec(spec, ValidateMode::FromImage).empty()) << issuesText(validateSpec(spec, ValidateMode::FromImage));
    EXPECT_FALSE(validateSpec(spec, ValidateMode::Final).empty());
    spec.linux.uidMappings = spec.linux.gidMappings = {{0, 262144, 65536}};
    EXPECT_TRUE(validateSpec(spec, ValidateMode::Final).empty()) << issuesText(validateSpec(spec, ValidateMode::Final));
}
