// The cgroup back ends against fixture trees: plain directories and files laid out the way
// the kernel lays out a v1 (hybrid) and a v2 host, so no privileges or cgroupfs are needed.
#include "cgroup.h"
#include "cgroup_fixture.h"
#include "error.h"
#include "spec.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace hako;
using hako::test::TempTree;
using hako::test::buildV1Tree;
using hako::test::buildV2Tree;

namespace {

std::string valueFor(const CgroupLayout &layout, const std::string &controller)
{
    for (const auto &[name, dir] : layout.v1Controllers) {
        if (name == controller)
            return dir;
    }
    return "<none>";
}

// The limits both back ends are checked with.
Resources commonResources()
{
    Resources res;
    res.memory = MemoryResources{};
    res.memory->limit = 64 << 20;
    res.memory->reservation = 32 << 20;
    res.memory->swap = 128 << 20;
    res.cpu = CpuResources{};
    res.cpu->shares = 1024;
    res.cpu->quota = 50000;
    res.cpu->period = 100000;
    res.cpu->cpus = "0";
    res.cpu->mems = "0";
    res.pids = PidsResources{20};
    res.blockIO = BlockIoResources{};
    res.blockIO->weight = 500;
    res.blockIO->throttleReadBpsDevice.push_back({8, 0, 1048576});
    res.blockIO->throttleWriteIOPSDevice.push_back({8, 0, 100});
    res.blockIO->throttleReadBpsDevice.push_back({8, 16, 2048});
    return res;
}

DeviceRule rule(bool allow, std::string type, std::optional<int64_t> major,
                std::optional<int64_t> minor, std::string access = "rwm")
{
    return DeviceRule{allow, std::move(type), major, minor, std::move(access)};
}

} // namespace

// ---- Detection ------------------------------------------------------------------------

TEST(CgroupLayoutTest, DetectsHybridV1Fixture)
{
    TempTree tree;
    buildV1Tree(tree);
    const CgroupLayout layout = CgroupLayout::detect(tree.root());
    EXPECT_EQ(layout.version, CgroupVersion::V1);
    EXPECT_EQ(layout.root, tree.root());
    EXPECT_EQ(layout.unifiedDir, tree.path("unified"));
    // The real directory wins over the symlinks that point at it.
    EXPECT_EQ(valueFor(layout, "cpu"), tree.path("cpu,cpuacct"));
    EXPECT_EQ(valueFor(layout, "cpuacct"), tree.path("cpu,cpuacct"));
    EXPECT_EQ(valueFor(layout, "memory"), tree.path("memory"));
    EXPECT_EQ(valueFor(layout, "cpuset"), tree.path("cpuset"));
    EXPECT_EQ(valueFor(layout, "pids"), tree.path("pids"));
    EXPECT_EQ(valueFor(layout, "systemd"), "<none>");
    EXPECT_EQ(layout.v1Controllers.size(), 8u);
    EXPECT_EQ(layout.describe(), "v1 (hybrid: blkio, cpu, cpuacct, cpuset, devices, freezer, "
                                 "memory, pids; unified at " + tree.path("unified") + ")");
}

TEST(CgroupLayoutTest, DetectsLegacyV1WithoutUnified)
{
    TempTree tree;
    tree.dir("memory");
    tree.dir("pids");
    tree.dir("not-a-controller");
    const CgroupLayout layout = CgroupLayout::detect(tree.root() + "/");
    EXPECT_EQ(layout.version, CgroupVersion::V1);
    EXPECT_EQ(layout.root, tree.root());
    EXPECT_TRUE(layout.unifiedDir.empty());
    EXPECT_EQ(layout.describe(), "v1 (legacy: memory, pids)");
}

TEST(CgroupLayoutTest, DetectsV2Fixture)
{
    TempTree tree;
    buildV2Tree(tree);
    const CgroupLayout layout = CgroupLayout::detect(tree.root());
    EXPECT_EQ(layout.version, CgroupVersion::V2);
    EXPECT_EQ(layout.unifiedDir, tree.root());
    EXPECT_TRUE(layout.v1Controllers.empty());
    EXPECT_EQ(layout.describe(), "v2 (unified at " + tree.root() + ")");
}

TEST(CgroupLayoutTest, EmptyOrMissingRootIsAnError)
{
    TempTree tree;
    EXPECT_THROW(CgroupLayout::detect(tree.root()), Error);
    EXPECT_THROW(CgroupLayout::detect(tree.path("missing")), SysError);
}

TEST(CgroupLayoutTest, FixtureIsNotACgroupFs)
{
    TempTree tree;
    EXPECT_FALSE(isCgroupFs(tree.root()));
    EXPECT_FALSE(isCgroupFs(tree.path("missing")));
}

TEST(CgroupPathTest, RejectsAbsoluteDotDotAndEmpty)
{
    TempTree tree;
    buildV2Tree(tree);
    const CgroupLayout layout = CgroupLayout::detect(tree.root());
    EXPECT_THROW(makeCgroup(layout, "/hako/x"), Error);
    EXPECT_THROW(makeCgroup(layout, "hako/../x"), Error);
    EXPECT_THROW(makeCgroup(layout, ""), Error);
    EXPECT_THROW(makeCgroup(layout, "./"), Error);
    const auto cg = makeCgroup(layout, "hako//x/");
    EXPECT_EQ(cg->directories(), std::vector<std::string>{tree.path("hako/x")});
}

// ---- Conversions ----------------------------------------------------------------------

TEST(CgroupConversionTest, SharesToWeight)
{
    EXPECT_EQ(cpuSharesToWeight(0), 0u);
    EXPECT_EQ(cpuSharesToWeight(2), 1u);
    EXPECT_EQ(cpuSharesToWeight(1024), 39u);
    EXPECT_EQ(cpuSharesToWeight(262144), 10000u);
    EXPECT_EQ(cpuSharesToWeight(1), 1u);           // clamped like the kernel does
    EXPECT_EQ(cpuSharesToWeight(1u << 20), 10000u); // clamped
}

TEST(CgroupConversionTest, BlkioWeightToIoWeight)
{
    EXPECT_EQ(blkioWeightToIoWeight(0), 0u);
    EXPECT_EQ(blkioWeightToIoWeight(10), 1u);
    EXPECT_EQ(blkioWeightToIoWeight(500), 4950u);
    EXPECT_EQ(blkioWeightToIoWeight(1000), 10000u);
}

TEST(CgroupConversionTest, SwapToV2)
{
    EXPECT_EQ(swapLimitToV2(128 << 20, 64 << 20), int64_t{64 << 20});
    EXPECT_EQ(swapLimitToV2(64 << 20, 64 << 20), int64_t{0});
    EXPECT_EQ(swapLimitToV2(-1, 64 << 20), int64_t{-1});
    EXPECT_EQ(swapLimitToV2(std::nullopt, -1), int64_t{-1});
    EXPECT_EQ(swapLimitToV2(std::nullopt, 64 << 20), std::nullopt);
    EXPECT_EQ(swapLimitToV2(0, std::nullopt), std::nullopt);
    EXPECT_THROW(swapLimitToV2(32 << 20, 64 << 20), Error);
    EXPECT_THROW(swapLimitToV2(128 << 20, std::nullopt), Error);
    EXPECT_THROW(swapLimitToV2(128 << 20, -1), Error);
}

// ---- v1 -------------------------------------------------------------------------------

TEST(CgroupV1Test, CreateMakesEveryHierarchyAndCopiesCpuset)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    EXPECT_FALSE(cg->exists());
    cg->create();
    cg->create(); // idempotent
    EXPECT_TRUE(cg->exists());
    const std::vector<std::string> expected = {
        tree.path("blkio/hako/c1"),   tree.path("cpu,cpuacct/hako/c1"),
        tree.path("cpuset/hako/c1"),  tree.path("devices/hako/c1"),
        tree.path("freezer/hako/c1"), tree.path("memory/hako/c1"),
        tree.path("pids/hako/c1"),    tree.path("unified/hako/c1")};
    EXPECT_EQ(cg->directories(), expected);
    for (const std::string &dir : expected)
        EXPECT_TRUE(fs::is_directory(dir)) << dir;
    EXPECT_FALSE(tree.exists("systemd/hako"));
    // The "hako" parent needs them as much as the container does.
    EXPECT_EQ(tree.read("cpuset/hako/cpuset.cpus"), "0-1");
    EXPECT_EQ(tree.read("cpuset/hako/cpuset.mems"), "0");
    EXPECT_EQ(tree.read("cpuset/hako/c1/cpuset.cpus"), "0-1");
    EXPECT_EQ(tree.read("cpuset/hako/c1/cpuset.mems"), "0");
}

TEST(CgroupV1Test, CreateKeepsCpusetAlreadySet)
{
    TempTree tree;
    buildV1Tree(tree);
    tree.put("cpuset/hako/cpuset.cpus", "1\n");
    tree.put("cpuset/hako/cpuset.mems", "\n"); // empty, as the kernel makes it
    makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1")->create();
    EXPECT_EQ(tree.read("cpuset/hako/cpuset.cpus"), "1\n");
    EXPECT_EQ(tree.read("cpuset/hako/cpuset.mems"), "0");
    EXPECT_EQ(tree.read("cpuset/hako/c1/cpuset.cpus"), "1");
}

TEST(CgroupV1Test, ApplyWritesV1Files)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    Resources res = commonResources();
    res.cpu->shares = 512;
    res.memory->disableOOMKiller = true;
    res.devices = {rule(false, "a", std::nullopt, std::nullopt),
                   rule(true, "c", 1, 3, "rwm"), rule(true, "c", 136, std::nullopt, "rw")};
    cg->apply(res);
    EXPECT_EQ(tree.read("memory/hako/c1/memory.limit_in_bytes"), "67108864");
    EXPECT_EQ(tree.read("memory/hako/c1/memory.soft_limit_in_bytes"), "33554432");
    EXPECT_EQ(tree.read("memory/hako/c1/memory.memsw.limit_in_bytes"), "134217728");
    EXPECT_EQ(tree.read("memory/hako/c1/memory.oom_control"), "1");
    EXPECT_EQ(tree.read("cpu,cpuacct/hako/c1/cpu.shares"), "512");
    EXPECT_EQ(tree.read("cpu,cpuacct/hako/c1/cpu.cfs_quota_us"), "50000");
    EXPECT_EQ(tree.read("cpu,cpuacct/hako/c1/cpu.cfs_period_us"), "100000");
    EXPECT_EQ(tree.read("cpuset/hako/c1/cpuset.cpus"), "0");
    EXPECT_EQ(tree.read("cpuset/hako/c1/cpuset.mems"), "0");
    EXPECT_EQ(tree.read("pids/hako/c1/pids.max"), "20");
    EXPECT_EQ(tree.read("blkio/hako/c1/blkio.weight"), "500");
    EXPECT_EQ(tree.read("blkio/hako/c1/blkio.throttle.read_bps_device"),
              "8:0 1048576\n8:16 2048\n");
    EXPECT_EQ(tree.read("blkio/hako/c1/blkio.throttle.write_iops_device"), "8:0 100\n");
    EXPECT_FALSE(tree.exists("blkio/hako/c1/blkio.throttle.write_bps_device"));
    EXPECT_EQ(tree.read("devices/hako/c1/devices.deny"), "a *:* rwm\n");
    EXPECT_EQ(tree.read("devices/hako/c1/devices.allow"), "c 1:3 rwm\nc 136:* rw\n");
}

TEST(CgroupV1Test, UnlimitedValuesAndPids)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    Resources res;
    res.memory = MemoryResources{};
    res.memory->limit = -1;
    res.cpu = CpuResources{};
    res.cpu->quota = -1;
    res.pids = PidsResources{-1};
    cg->apply(res);
    EXPECT_EQ(tree.read("memory/hako/c1/memory.limit_in_bytes"), "-1");
    EXPECT_EQ(tree.read("memory/hako/c1/memory.memsw.limit_in_bytes"), "-1");
    EXPECT_EQ(tree.read("cpu,cpuacct/hako/c1/cpu.cfs_quota_us"), "-1");
    EXPECT_FALSE(tree.exists("cpu,cpuacct/hako/c1/cpu.cfs_period_us"));
    EXPECT_EQ(tree.read("pids/hako/c1/pids.max"), "max");
}

TEST(CgroupV1Test, SwapWithoutAccountingIsAClearError)
{
    TempTree tree;
    buildV1Tree(tree, /*swapAccounting=*/false);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    Resources res = commonResources();
    try {
        cg->apply(res);
        FAIL() << "swap limit applied without swap accounting";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("linux.resources.memory.swap"), std::string::npos)
            << e.what();
    }
    // Nothing was half-applied, and without the swap the rest goes through.
    EXPECT_FALSE(tree.exists("memory/hako/c1/memory.limit_in_bytes"));
    res.memory->swap.reset();
    cg->apply(res);
    EXPECT_EQ(tree.read("memory/hako/c1/memory.limit_in_bytes"), "67108864");
    EXPECT_FALSE(tree.exists("memory/hako/c1/memory.memsw.limit_in_bytes"));
}

TEST(CgroupV1Test, BfqWeightFilesWhenTheKernelHasThem)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    // What the kernel puts in a new blkio cgroup when BFQ is the proportional scheduler.
    tree.put("blkio/hako/c1/blkio.bfq.weight", "100\n");
    tree.put("blkio/hako/c1/blkio.bfq.weight_device", "");
    Resources res;
    res.blockIO = BlockIoResources{};
    res.blockIO->weight = 300;
    res.blockIO->weightDevice.push_back({8, 0, 200, std::nullopt});
    cg->apply(res);
    EXPECT_EQ(tree.read("blkio/hako/c1/blkio.bfq.weight"), "300");
    EXPECT_EQ(tree.read("blkio/hako/c1/blkio.bfq.weight_device"), "8:0 200\n");
    EXPECT_FALSE(tree.exists("blkio/hako/c1/blkio.weight"));
}

TEST(CgroupV1Test, MissingControllerIsNamed)
{
    TempTree tree;
    tree.dir("memory");
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    Resources res;
    res.pids = PidsResources{20};
    try {
        cg->apply(res);
        FAIL() << "pids limit applied without a pids hierarchy";
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()),
                  "linux.resources.pids: the pids cgroup controller is not mounted on this host");
    }
}

TEST(CgroupV1Test, ProcessesAndDestroy)
{
    TempTree tree;
    buildV1Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    // A fixture's pids are made up: destroy() must not signal them. 999999999 is above any
    // pid_max, so a mistake here could not hurt anything anyway.
    cg->addProcess(999999999);
    EXPECT_EQ(tree.read("memory/hako/c1/cgroup.procs"), "999999999");
    EXPECT_EQ(tree.read("unified/hako/c1/cgroup.procs"), "999999999");
    tree.put("pids/hako/c1/cgroup.procs", "999999998\n999999999\n");
    EXPECT_EQ(cg->processes(), (std::vector<pid_t>{999999998, 999999999}));
    tree.put("memory/hako/c1/nested/cgroup.procs", ""); // a container's own sub-cgroup
    cg->apply(commonResources());
    cg->destroy();
    EXPECT_FALSE(cg->exists());
    for (const std::string &dir : cg->directories())
        EXPECT_FALSE(fs::exists(dir)) << dir;
    EXPECT_TRUE(tree.exists("memory/hako"));
    EXPECT_TRUE(tree.exists("cpuset/hako/cpuset.cpus"));
    EXPECT_TRUE(cg->processes().empty());
    EXPECT_NO_THROW(cg->destroy()); // idempotent
}

// ---- v2 -------------------------------------------------------------------------------

TEST(CgroupV2Test, CreateEnablesControllersFromTheRootDown)
{
    TempTree tree;
    buildV2Tree(tree);
    // The shared parent exists already, offering a subset, with memory enabled before.
    tree.put("hako/cgroup.controllers", "cpu memory pids\n");
    tree.put("hako/cgroup.subtree_control", "memory\n");
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    EXPECT_TRUE(cg->exists());
    EXPECT_EQ(cg->directories(), std::vector<std::string>{tree.path("hako/c1")});
    EXPECT_EQ(tree.read("cgroup.subtree_control"), "+cpu +memory +pids +io +cpuset");
    EXPECT_EQ(tree.read("hako/cgroup.subtree_control"), "+cpu +pids");
    // The leaf hands nothing on: v2 keeps tasks out of cgroups that do.
    EXPECT_FALSE(tree.exists("hako/c1/cgroup.subtree_control"));
    // Already enabled everywhere: nothing to write the second time.
    tree.put("cgroup.subtree_control", "cpu io memory pids cpuset\n");
    tree.put("hako/cgroup.subtree_control", "cpu memory pids\n");
    cg->create();
    EXPECT_EQ(tree.read("cgroup.subtree_control"), "cpu io memory pids cpuset\n");
    EXPECT_EQ(tree.read("hako/cgroup.subtree_control"), "cpu memory pids\n");
}

TEST(CgroupV2Test, EnablesOnlyOfferedControllers)
{
    TempTree tree;
    buildV2Tree(tree, "cpuset memory hugetlb pids");
    makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1")->create();
    EXPECT_EQ(tree.read("cgroup.subtree_control"), "+memory +pids +cpuset");
    EXPECT_TRUE(fs::is_directory(tree.path("hako/c1")));
}

TEST(CgroupV2Test, ApplyWritesConvertedValues)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    tree.put("hako/c1/memory.swap.max", "max\n"); // the kernel's, with swap accounting
    Resources res = commonResources();
    res.devices = {rule(false, "a", std::nullopt, std::nullopt),
                   rule(true, "a", std::nullopt, std::nullopt, "rwm")}; // net effect: allow all
    cg->apply(res);
    EXPECT_EQ(tree.read("hako/c1/memory.max"), "67108864");
    EXPECT_EQ(tree.read("hako/c1/memory.low"), "33554432");
    EXPECT_EQ(tree.read("hako/c1/memory.swap.max"), "67108864"); // 128 MiB - 64 MiB
    EXPECT_EQ(tree.read("hako/c1/cpu.weight"), "39");            // 1024 shares
    EXPECT_EQ(tree.read("hako/c1/cpu.max"), "50000 100000");
    EXPECT_EQ(tree.read("hako/c1/cpuset.cpus"), "0");
    EXPECT_EQ(tree.read("hako/c1/cpuset.mems"), "0");
    EXPECT_EQ(tree.read("hako/c1/pids.max"), "20");
    EXPECT_EQ(tree.read("hako/c1/io.weight"), "default 4950\n"); // blkio 500
    EXPECT_EQ(tree.read("hako/c1/io.max"), "8:0 rbps=1048576 wiops=100\n8:16 rbps=2048\n");
}

TEST(CgroupV2Test, UnlimitedQuotaIsMax)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    Resources res;
    res.cpu = CpuResources{};
    res.cpu->quota = -1;
    res.cpu->period = 100000;
    res.memory = MemoryResources{};
    res.memory->limit = -1;
    res.pids = PidsResources{-1};
    cg->apply(res);
    EXPECT_EQ(tree.read("hako/c1/cpu.max"), "max 100000");
    EXPECT_EQ(tree.read("hako/c1/memory.max"), "max");
    EXPECT_EQ(tree.read("hako/c1/pids.max"), "max");
    // No swap accounting file and no swap asked for: memory.swap.max stays untouched.
    EXPECT_FALSE(tree.exists("hako/c1/memory.swap.max"));
}

TEST(CgroupV2Test, SwapWithoutSwapMaxIsAClearError)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    EXPECT_THROW(cg->apply(commonResources()), Error);
    EXPECT_FALSE(tree.exists("hako/c1/memory.max"));
}

TEST(CgroupV2Test, BfqOnlyTakesTheBlkioWeightAsIs)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    tree.put("hako/c1/io.bfq.weight", "default 100\n");
    Resources res;
    res.blockIO = BlockIoResources{};
    res.blockIO->weight = 500;
    cg->apply(res);
    EXPECT_EQ(tree.read("hako/c1/io.bfq.weight"), "500");
    EXPECT_FALSE(tree.exists("hako/c1/io.weight"));
}

TEST(CgroupV2Test, DeviceRulesBecomeAFilterAndBadOnesWriteNothing)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    Resources res;
    res.pids = PidsResources{20};
    // Restrictive rules are translated into a BPF program (attached only on a real cgroupfs;
    // test_devices.cpp checks that), and the other limits still apply.
    res.devices = {rule(false, "a", std::nullopt, std::nullopt), rule(true, "c", 1, 3)};
    EXPECT_NO_THROW(cg->apply(res));
    EXPECT_EQ(tree.read("hako/c1/pids.max"), "20");

    TempTree fresh;
    buildV2Tree(fresh);
    const auto other = makeCgroup(CgroupLayout::detect(fresh.root()), "hako/c1");
    other->create();
    res.devices = {rule(false, "a", std::nullopt, std::nullopt), rule(true, "x", 1, 3)};
    try {
        other->apply(res);
        FAIL() << "an unknown device type was accepted";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("unknown device type"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fresh.exists("hako/c1/pids.max")); // refused before anything was written
}

TEST(CgroupV2Test, ProcessesAndDestroy)
{
    TempTree tree;
    buildV2Tree(tree);
    const auto cg = makeCgroup(CgroupLayout::detect(tree.root()), "hako/c1");
    cg->create();
    cg->addProcess(999999999);
    EXPECT_EQ(cg->processes(), std::vector<pid_t>{999999999});
    cg->apply(Resources{});
    tree.put("hako/c1/sub/cgroup.procs", "");
    cg->destroy();
    EXPECT_FALSE(cg->exists());
    EXPECT_TRUE(tree.exists("hako"));
    EXPECT_EQ(tree.read("cgroup.subtree_control"), "+cpu +memory +pids +io +cpuset");
    EXPECT_NO_THROW(cg->destroy());
}
