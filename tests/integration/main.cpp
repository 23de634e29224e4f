// The integration suite's main: a leak check around the whole run. Whatever the tests do,
// the host's mount table, Hako's cgroup directories and the set of hako-monitor processes
// must be the same afterwards as before.
#include "fixture.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace {

class LeakCheck : public ::testing::Environment {
public:
    void SetUp() override
    {
        mounts_ = hako::test::hostMountTable();
        cgroups_ = hako::test::hakoCgroupDirs();
        monitors_ = hako::test::monitorPids();
    }

    void TearDown() override
    {
        // Monitors exit right after recording a container's end; give the last one a moment.
        for (int i = 0; i < 50 && hako::test::monitorPids() != monitors_; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        EXPECT_EQ(hako::test::hostMountTable(), mounts_) << "the host's mount table changed";
        EXPECT_EQ(hako::test::hakoCgroupDirs(), cgroups_) << "cgroup directories were left behind";
        EXPECT_EQ(hako::test::monitorPids(), monitors_) << "hako-monitor processes were left behind";
    }

private:
    std::string mounts_;
    std::vector<std::string> cgroups_;
    std::vector<int> monitors_;
};

} // namespace

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new LeakCheck);
    return RUN_ALL_TESTS();
}
