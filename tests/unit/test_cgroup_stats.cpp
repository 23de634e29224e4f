// What the cgroup back ends read (stats, OOM kills, the CPU limit) and the freezer they
// write, against fixture trees holding what the kernel's files hold.
#include "cgroup.h"
#include "cgroup_fixture.h"
#include "error.h"
#include "spec.h"
#include "stats.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace hako;
using hako::test::buildV1Tree;
using hako::test::buildV2Tree;
using hako::test::TempTree;

namespace {

std::unique_ptr<Cgroup> createIn(const TempTree &tree)
{
    auto cgroup = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cgroup->create();
    return cgroup;
}

// A v2 cgroup as the kernel shows one with every controller enabled.
void putV2Figures(const TempTree &tree)
{
    tree.put("hako/c1/cpu.stat", "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\n");
    tree.put("hako/c1/memory.current", "104857600\n");
    tree.put("hako/c1/memory.stat", "anon 50000\nfile 6000000\nactive_file 1000\n"
                                    "inactive_file 4194304\nslab 12\n");
    tree.put("hako/c1/memory.max", "209715200\n");
    tree.put("hako/c1/memory.events", "low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\n"
                                      "oom_group_kill 0\n");
    tree.put("hako/c1/pids.current", "7\n");
    tree.put("hako/c1/pids.max", "20\n");
    tree.put("hako/c1/io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
                                "8:16 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n");
    tree.put("hako/c1/cgroup.events", "populated 1\nfrozen 1\n");
}

// The same for v1, spread over the hierarchies.
void putV1Figures(const TempTree &tree)
{
    tree.put("cpu,cpuacct/hako/c1/cpuacct.usage", "123456789\n");
    tree.put("memory/hako/c1/memory.usage_in_bytes", "104857600\n");
    // inactive_file is this cgroup's own; total_inactive_file includes its children.
    tree.put("memory/hako/c1/memory.stat", "cache 6000000\nrss 50000\ninactive_file 1\n"
                                           "hierarchical_memory_limit 104857600\n"
                                           "total_inactive_file 4194304\n");
    tree.put("memory/hako/c1/memory.limit_in_bytes", "104857600\n");
    tree.put("memory/hako/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
    tree.put("pids/hako/c1/pids.current", "3\n");
    tree.put("pids/hako/c1/pids.max", "max\n");
    tree.put("blkio/hako/c1/blkio.throttle.io_service_bytes_recursive",
             "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 12288\n8:0 Async 0\n8:0 Discard 0\n"
             "8:0 Total 12288\n8:16 Read 100\n8:16 Write 0\nTotal 12388\n");
    tree.put("freezer/hako/c1/freezer.state", "THAWED\n");
}

} // namespace

// ---- v2 ------------------------------------------------------------------------------

TEST(CgroupStatsV2Test, ParsesTheKernelsFiles)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = createIn(tree);
    putV2Figures(tree);
    const CgroupStats stats = cg->stats();
    EXPECT_EQ(stats.cpuUsageNs, 1'500'000'000u);
    EXPECT_EQ(stats.memoryUsage, 104857600u - 4194304u);
    EXPECT_EQ(stats.memoryCache, 4194304u);
    EXPECT_EQ(stats.memoryLimit, 209715200u);
    EXPECT_EQ(stats.oomKills, 2u);
    EXPECT_EQ(stats.pids, 7u);
    EXPECT_EQ(stats.pidsLimit, 20u);
    EXPECT_EQ(stats.blockReadBytes, 4196u);
    EXPECT_EQ(stats.blockWriteBytes, 8192u);
    EXPECT_TRUE(stats.frozen);
    EXPECT_EQ(cg->oomKills(), 2u);
}

TEST(CgroupStatsV2Test, MaxIsNoLimit)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = createIn(tree);
    putV2Figures(tree);
    tree.put("hako/c1/memory.max", "max\n");
    tree.put("hako/c1/pids.max", "max\n");
    tree.put("hako/c1/cgroup.events", "populated 1\nfrozen 0\n");
    const CgroupStats stats = cg->stats();
    EXPECT_EQ(stats.memoryLimit, std::nullopt);
    EXPECT_EQ(stats.pidsLimit, std::nullopt);
    EXPECT_FALSE(stats.frozen);
}

TEST(CgroupStatsV2Test, MissingControllersLeaveZerosAndAGoneCgroupThrows)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = createIn(tree);
    tree.put("hako/c1/cpu.stat", "usage_usec 10\n"); // only what every v2 cgroup has
    const CgroupStats stats = cg->stats();
    EXPECT_EQ(stats.cpuUsageNs, 10'000u);
    EXPECT_EQ(stats.memoryUsage, 0u);
    EXPECT_EQ(stats.memoryLimit, std::nullopt);
    EXPECT_EQ(stats.blockReadBytes, 0u);
    EXPECT_EQ(cg->oomKills(), 0u);
    cg->destroy();
    try {
        cg->stats();
        FAIL() << "stats of a removed cgroup";
    } catch (const NotFoundError &e) {
        EXPECT_NE(std::string(e.what()).find(tree.path("hako/c1")), std::string::npos) << e.what();
    }
    EXPECT_EQ(cg->oomKills(), 0u);
}

TEST(CgroupStatsV2Test, UsageNeverGoesBelowZero)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = createIn(tree);
    putV2Figures(tree);
    tree.put("hako/c1/memory.current", "1000\n"); // read before the cache grew
    EXPECT_EQ(cg->stats().memoryUsage, 0u);
}

TEST(CgroupStatsV2Test, FreezeWritesCgroupFreeze)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = createIn(tree);
    cg->freeze(true);
    EXPECT_EQ(tree.read("hako/c1/cgroup.freeze"), "1");
    cg->freeze(false);
    EXPECT_EQ(tree.read("hako/c1/cgroup.freeze"), "0");
}

TEST(CgroupStatsV2Test, CpuLimitFromCpuMaxElseCpuset)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = createIn(tree);
    tree.put("hako/c1/cpu.max", "50000 100000\n");
    EXPECT_EQ(cg->cpuLimit().quotaCores, 0.5);
    EXPECT_EQ(cg->cpuLimit().cpusetCpus, std::nullopt); // not read with a quota
    tree.put("hako/c1/cpu.max", "max 100000\n");
    tree.put("hako/c1/cpuset.cpus.effective", "0-3,6\n");
    EXPECT_EQ(cg->cpuLimit().quotaCores, std::nullopt);
    EXPECT_EQ(cg->cpuLimit().cpusetCpus, 5u);
}

TEST(CgroupStatsV2Test, ApplyWritesIoWeightLinesAndLiftsThrottlesWithMax)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = createIn(tree);
    Resources res;
    res.blockIO = BlockIoResources{};
    res.blockIO->weight = 1000;
    res.blockIO->weightDevice.push_back({8, 0, 10, std::nullopt});
    res.blockIO->throttleWriteBpsDevice.push_back({8, 0, 1048576});
    res.blockIO->throttleReadBpsDevice.push_back({8, 16, 0}); // docker update's "no limit"
    res.memory = MemoryResources{};
    res.memory->limit = 100 << 20;
    res.memory->swap = -1;
    tree.put("hako/c1/memory.swap.max", "0\n");
    cg->apply(res);
    EXPECT_EQ(tree.read("hako/c1/io.weight"), "default 10000\n8:0 1\n");
    EXPECT_EQ(tree.read("hako/c1/io.max"), "8:0 wbps=1048576\n8:16 rbps=max\n");
    EXPECT_EQ(tree.read("hako/c1/memory.max"), "104857600");
    EXPECT_EQ(tree.read("hako/c1/memory.swap.max"), "max");
}

// ---- v1 ------------------------------------------------------------------------------

TEST(CgroupStatsV1Test, ParsesTheKernelsFiles)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = createIn(tree);
    putV1Figures(tree);
    const CgroupStats stats = cg->stats();
    EXPECT_EQ(stats.cpuUsageNs, 123456789u);
    EXPECT_EQ(stats.memoryUsage, 104857600u - 4194304u);
    EXPECT_EQ(stats.memoryCache, 4194304u);
    EXPECT_EQ(stats.memoryLimit, 104857600u);
    EXPECT_EQ(stats.oomKills, 1u);
    EXPECT_EQ(stats.pids, 3u);
    EXPECT_EQ(stats.pidsLimit, std::nullopt);
    EXPECT_EQ(stats.blockReadBytes, 4196u);
    EXPECT_EQ(stats.blockWriteBytes, 8192u);
    EXPECT_FALSE(stats.frozen);
    EXPECT_EQ(cg->oomKills(), 1u);
}

TEST(CgroupStatsV1Test, HugeLimitIsNoLimitAndPlainServiceBytesAreTheFallback)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = createIn(tree);
    putV1Figures(tree);
    tree.put("memory/hako/c1/memory.limit_in_bytes", "9223372036854771712\n");
    ::unlink(tree.path("blkio/hako/c1/blkio.throttle.io_service_bytes_recursive").c_str());
    tree.put("blkio/hako/c1/blkio.throttle.io_service_bytes",
             "8:0 Read 10\n8:0 Write 20\nTotal 30\n");
    tree.put("freezer/hako/c1/freezer.state", "FROZEN\n");
    const CgroupStats stats = cg->stats();
    EXPECT_EQ(stats.memoryLimit, std::nullopt);
    EXPECT_EQ(stats.blockReadBytes, 10u);
    EXPECT_EQ(stats.blockWriteBytes, 20u);
    EXPECT_TRUE(stats.frozen);
}

TEST(CgroupStatsV1Test, OlderKernelsWithoutOomKillCountNone)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = createIn(tree);
    tree.put("memory/hako/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n");
    EXPECT_EQ(cg->oomKills(), 0u);
}

TEST(CgroupStatsV1Test, FreezeWritesFreezerState)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = createIn(tree);
    cg->freeze(true);
    EXPECT_EQ(tree.read("freezer/hako/c1/freezer.state"), "FROZEN");
    cg->freeze(false);
    EXPECT_EQ(tree.read("freezer/hako/c1/freezer.state"), "THAWED");
}

TEST(CgroupStatsV1Test, FreezeWithoutAFreezerSaysSo)
{
    TempTree tree;
    tree.dir("memory");
    const auto cg = createIn(tree);
    try {
        cg->freeze(true);
        FAIL() << "froze without a freezer hierarchy";
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()),
                  "pause: the freezer cgroup controller is not mounted on this host");
    }
}

TEST(CgroupStatsV1Test, CpuLimitFromTheQuotaElseTheCpuset)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = createIn(tree);
    tree.put("cpu,cpuacct/hako/c1/cpu.cfs_quota_us", "150000\n");
    tree.put("cpu,cpuacct/hako/c1/cpu.cfs_period_us", "100000\n");
    EXPECT_EQ(cg->cpuLimit().quotaCores, 1.5);
    tree.put("cpu,cpuacct/hako/c1/cpu.cfs_quota_us", "-1\n");
    tree.put("cpuset/hako/c1/cpuset.effective_cpus", "0\n");
    EXPECT_EQ(cg->cpuLimit().quotaCores, std::nullopt);
    EXPECT_EQ(cg->cpuLimit().cpusetCpus, 1u);
}

// ---- Sample arithmetic and /proc/net/dev ------------------------------------------------

TEST(StatsTest, NetDevSumsEveryLinkButLoopback)
{
    const std::string text =
        "Inter-|   Receive                                                |  Transmit\n"
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
        "errs drop fifo colls carrier compressed\n"
        "    lo:  999999     99    0    0    0     0          0         0   999999      99    "
        "0    0    0     0       0          0\n"
        "  eth0:    1000     10    0    0    0     0          0         0     2000      20    "
        "0    0    0     0       0          0\n"
        "  eth1:1       2    0    0    0     0          0         0        3       4    0    0"
        "    0     0       0          0\n";
    const NetworkStats stats = parseNetDev(text);
    EXPECT_EQ(stats.rxBytes, 1001u);
    EXPECT_EQ(stats.rxPackets, 12u);
    EXPECT_EQ(stats.txBytes, 2003u);
    EXPECT_EQ(stats.txPackets, 24u);
}

TEST(StatsTest, CpuPercentIsUsageOverElapsedTime)
{
    ResourceSample before, after;
    before.monotonicNs = 1'000'000'000;
    after.monotonicNs = 3'000'000'000; // 2 s later
    before.cgroup.cpuUsageNs = 5'000'000'000;
    after.cgroup.cpuUsageNs = 8'000'000'000; // 3 s of cpu: 1.5 cores
    EXPECT_DOUBLE_EQ(cpuPercent(before, after), 150.0);
    EXPECT_EQ(cpuPercent(after, before), 0.0); // out of order: no figure, not a negative one
    EXPECT_EQ(cpuPercent(before, before), 0.0);
}
