// The v1 back end on this host's real cgroupfs: detection from mountinfo, a real task
// moved in, limits read back from the kernel's files, and a teardown that leaves nothing.
// Needs root and a v1 (hybrid) /sys/fs/cgroup; skips elsewhere.
#include "cgroup.h"
#include "cgroup_files.h"
#include "error.h"
#include "spec.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace hako;

namespace {

constexpr const char *kRoot = "/sys/fs/cgroup";
constexpr const char *kParent = "hako-test";

std::optional<std::string> skipReason()
{
    if (::geteuid() != 0)
        return "needs root to create cgroups and move tasks";
    try {
        const CgroupLayout layout = CgroupLayout::detect(kRoot);
        if (layout.version != CgroupVersion::V1)
            return "the host's " + std::string(kRoot) + " is " + layout.describe() +
                   ", not cgroup v1";
    } catch (const std::exception &e) {
        return std::string("no cgroups to test: ") + e.what();
    }
    return std::nullopt;
}

std::string readText(const std::string &path)
{
    return test::readTrimmed(path).value_or("");
}

std::string hierarchyOf(const CgroupLayout &layout, const std::string &controller)
{
    for (const auto &[name, dir] : layout.v1Controllers) {
        if (name == controller)
            return dir;
    }
    return {};
}

// The path /proc/<pid>/cgroup gives for the hierarchy carrying `controller` ("" for the
// unified one, whose line is "0::/path").
std::string procCgroupPath(pid_t pid, const std::string &controller)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/cgroup");
    std::string line;
    while (std::getline(in, line)) {
        const size_t first = line.find(':');
        const size_t second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos)
            continue;
        std::stringstream names(line.substr(first + 1, second - first - 1));
        std::string name;
        if (controller.empty() && names.str().empty())
            return line.substr(second + 1);
        while (std::getline(names, name, ',')) {
            if (name == controller)
                return line.substr(second + 1);
        }
    }
    return "<no " + controller + " line>";
}

std::string randomName()
{
    std::random_device rd;
    std::ostringstream name;
    name << std::hex << rd() << rd();
    return name.str();
}

// Puts things back whatever the test did: the cgroup, the sleeper, the shared parent.
struct Cleanup {
    const CgroupLayout &layout;
    Cgroup *cgroup = nullptr;
    pid_t child = -1;

    ~Cleanup()
    {
        if (child > 0) {
            // A frozen child would never die and waitpid would hang the whole run.
            const std::vector<std::string> dirs = cgroup ? cgroup->directories()
                                                         : std::vector<std::string>{};
            for (const std::string &dir : dirs)
                std::ofstream(dir + "/freezer.state") << "THAWED" << std::flush;
            ::kill(child, SIGKILL);
            ::waitpid(child, nullptr, 0);
        }
        try {
            if (cgroup)
                cgroup->destroy();
        } catch (const std::exception &) {
        }
        std::vector<std::string> hierarchies;
        for (const auto &entry : layout.v1Controllers)
            hierarchies.push_back(entry.second);
        if (!layout.unifiedDir.empty())
            hierarchies.push_back(layout.unifiedDir);
        for (const std::string &dir : hierarchies)
            ::rmdir((dir + "/" + kParent).c_str()); // fails harmlessly when shared or gone
    }
};

pid_t forkSleeper()
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        for (;;)
            ::pause();
    }
    return pid;
}

} // namespace

TEST(CgroupRealTest, DetectsTheHost)
{
    if (const auto why = skipReason())
        GTEST_SKIP() << *why;
    const CgroupLayout layout = CgroupLayout::detect(kRoot);
    EXPECT_EQ(layout.version, CgroupVersion::V1);
    for (const char *controller : {"memory", "pids", "cpu", "cpuset", "freezer"}) {
        EXPECT_EQ(hierarchyOf(layout, controller), std::string(kRoot) + "/" + controller)
            << layout.describe();
    }
    if (fs::exists(std::string(kRoot) + "/unified/cgroup.controllers")) {
        EXPECT_EQ(layout.unifiedDir, std::string(kRoot) + "/unified");
    } else {
        EXPECT_TRUE(layout.unifiedDir.empty());
    }
    EXPECT_EQ(hierarchyOf(layout, "systemd"), ""); // a named hierarchy, no controller
    EXPECT_EQ(layout.describe().rfind("v1 (", 0), 0u) << layout.describe();
}

TEST(CgroupRealTest, TaskLimitsAndTeardown)
{
    if (const auto why = skipReason())
        GTEST_SKIP() << *why;
    const CgroupLayout layout = CgroupLayout::detect(kRoot);
    const std::string name = std::string(kParent) + "/" + randomName();
    const auto cg = makeCgroup(layout, name);
    Cleanup cleanup{layout, cg.get()};
    cg->create();
    ASSERT_TRUE(cg->exists());

    // Without cpuset.cpus and cpuset.mems copied in, this would fail with ENOSPC.
    cleanup.child = forkSleeper();
    ASSERT_GT(cleanup.child, 0);
    cg->addProcess(cleanup.child);
    EXPECT_EQ(cg->processes(), std::vector<pid_t>{cleanup.child});
    EXPECT_EQ(procCgroupPath(cleanup.child, "memory"), "/" + name);
    EXPECT_EQ(procCgroupPath(cleanup.child, "pids"), "/" + name);
    if (!layout.unifiedDir.empty()) {
        EXPECT_EQ(procCgroupPath(cleanup.child, ""), "/" + name);
    }

    Resources res;
    res.memory = MemoryResources{};
    res.memory->limit = int64_t{64} << 20;
    res.pids = PidsResources{20};
    cg->apply(res);
    const std::string memory = hierarchyOf(layout, "memory") + "/" + name;
    EXPECT_EQ(readText(memory + "/memory.limit_in_bytes"), "67108864");
    EXPECT_EQ(readText(hierarchyOf(layout, "pids") + "/" + name + "/pids.max"), "20");

    cg->destroy();
    int status = 0;
    ASSERT_EQ(::waitpid(cleanup.child, &status, 0), cleanup.child);
    cleanup.child = -1;
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
    EXPECT_FALSE(cg->exists());
    for (const std::string &dir : cg->directories())
        EXPECT_FALSE(fs::exists(dir)) << dir;
    EXPECT_NO_THROW(cg->destroy());
}

TEST(CgroupRealTest, KernelAcceptsWhatApplyWrites)
{
    if (const auto why = skipReason())
        GTEST_SKIP() << *why;
    const CgroupLayout layout = CgroupLayout::detect(kRoot);
    const std::string name = std::string(kParent) + "/" + randomName();
    const auto cg = makeCgroup(layout, name);
    Cleanup cleanup{layout, cg.get()};
    cg->create();
    const auto file = [&](const char *controller, const char *leaf) {
        return readText(hierarchyOf(layout, controller) + "/" + name + "/" + leaf);
    };
    EXPECT_EQ(file("cpuset", "cpuset.cpus"), readText(std::string(kRoot) + "/cpuset/cpuset.cpus"));

    Resources res;
    res.memory = MemoryResources{};
    res.memory->limit = int64_t{64} << 20;
    res.memory->reservation = int64_t{32} << 20;
    const bool swapAccounting =
        fs::exists(hierarchyOf(layout, "memory") + "/memory.memsw.limit_in_bytes");
    if (swapAccounting)
        res.memory->swap = int64_t{128} << 20;
    res.cpu = CpuResources{};
    res.cpu->shares = 512;
    res.cpu->quota = 50000;
    res.cpu->period = 100000;
    res.devices = {DeviceRule{false, "a", std::nullopt, std::nullopt, "rwm"},
                   DeviceRule{true, "c", 1, 3, "rwm"}};
    cg->apply(res);
    EXPECT_EQ(file("memory", "memory.limit_in_bytes"), "67108864");
    EXPECT_EQ(file("memory", "memory.soft_limit_in_bytes"), "33554432");
    if (swapAccounting) {
        EXPECT_EQ(file("memory", "memory.memsw.limit_in_bytes"), "134217728");
    }
    EXPECT_EQ(file("cpu", "cpu.shares"), "512");
    EXPECT_EQ(file("cpu", "cpu.cfs_quota_us"), "50000");
    EXPECT_EQ(file("cpu", "cpu.cfs_period_us"), "100000");
    // On a hybrid host the device program on the unified hierarchy enforces the rules (the
    // container tests in test_devices.cpp check what it lets through), and the v1 files stay
    // as inherited; the v1 controller takes them only where no program can be attached.
    EXPECT_EQ(file("devices", "devices.list"), layout.unifiedDir.empty() ? "c 1:3 rwm" : "a *:* rwm");

    // Raising memory and memory+swap together only works in the right order.
    res = Resources{};
    res.memory = MemoryResources{};
    res.memory->limit = int64_t{256} << 20;
    if (swapAccounting)
        res.memory->swap = int64_t{512} << 20;
    cg->apply(res);
    EXPECT_EQ(file("memory", "memory.limit_in_bytes"), "268435456");

    // A value the kernel refuses comes back as an error naming the file.
    res = Resources{};
    res.cpu = CpuResources{};
    res.cpu->cpus = "100000";
    try {
        cg->apply(res);
        ADD_FAILURE() << "the kernel took cpuset.cpus 100000";
    } catch (const SysError &e) {
        EXPECT_NE(std::string(e.what()).find(name + "/cpuset.cpus"), std::string::npos)
            << e.what();
    }
}

TEST(CgroupRealTest, DestroyRemovesNestedCgroups)
{
    if (const auto why = skipReason())
        GTEST_SKIP() << *why;
    const CgroupLayout layout = CgroupLayout::detect(kRoot);
    const std::string name = std::string(kParent) + "/" + randomName();
    const auto cg = makeCgroup(layout, name);
    Cleanup cleanup{layout, cg.get()};
    cg->create();
    // A sub-cgroup the container made for itself, with a task in it.
    const std::string nested = hierarchyOf(layout, "pids") + "/" + name + "/inner";
    ASSERT_EQ(::mkdir(nested.c_str(), 0755), 0);
    cleanup.child = forkSleeper();
    ASSERT_GT(cleanup.child, 0);
    std::ofstream(nested + "/cgroup.procs") << cleanup.child << std::flush;
    EXPECT_EQ(procCgroupPath(cleanup.child, "pids"), "/" + name + "/inner");

    cg->destroy();
    int status = 0;
    ASSERT_EQ(::waitpid(cleanup.child, &status, 0), cleanup.child);
    cleanup.child = -1;
    EXPECT_TRUE(WIFSIGNALED(status)) << "status " << status;
    EXPECT_FALSE(fs::exists(nested));
    EXPECT_FALSE(cg->exists());
}

// The v2 back end on the hybrid host's cgroup2 mount, which has no controllers to hand out:
// create, a task in, and teardown through cgroup.kill.
TEST(CgroupRealTest, V2BackEndOnTheUnifiedMount)
{
    if (const auto why = skipReason())
        GTEST_SKIP() << *why;
    const std::string unified = CgroupLayout::detect(kRoot).unifiedDir;
    if (unified.empty())
        GTEST_SKIP() << "no cgroup2 mount under " << kRoot;
    const CgroupLayout layout = CgroupLayout::detect(unified);
    ASSERT_EQ(layout.version, CgroupVersion::V2);
    const std::string name = std::string(kParent) + "/" + randomName();
    const auto cg = makeCgroup(layout, name);
    Cleanup cleanup{layout, cg.get()};
    const std::string controlBefore = readText(unified + "/cgroup.subtree_control");
    cg->create();
    EXPECT_EQ(cg->directories(), std::vector<std::string>{unified + "/" + name});
    cleanup.child = forkSleeper();
    ASSERT_GT(cleanup.child, 0);
    cg->addProcess(cleanup.child);
    EXPECT_EQ(procCgroupPath(cleanup.child, ""), "/" + name);
    EXPECT_EQ(cg->processes(), std::vector<pid_t>{cleanup.child});
    // Nothing this back end wants is offered here, so nothing was enabled.
    EXPECT_EQ(readText(unified + "/cgroup.subtree_control"), controlBefore);

    cg->destroy();
    int status = 0;
    ASSERT_EQ(::waitpid(cleanup.child, &status, 0), cleanup.child);
    cleanup.child = -1;
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
    EXPECT_FALSE(cg->exists());
}

// A paused (frozen) container still goes: v1 holds SIGKILL until the cgroup thaws.
TEST(CgroupRealTest, DestroyKillsAFrozenContainer)
{
    if (const auto why = skipReason())
        GTEST_SKIP() << *why;
    const CgroupLayout layout = CgroupLayout::detect(kRoot);
    if (hierarchyOf(layout, "freezer").empty())
        GTEST_SKIP() << "no freezer hierarchy on this host";
    const std::string name = std::string(kParent) + "/" + randomName();
    const auto cg = makeCgroup(layout, name);
    Cleanup cleanup{layout, cg.get()};
    cg->create();
    cleanup.child = forkSleeper();
    ASSERT_GT(cleanup.child, 0);
    cg->addProcess(cleanup.child);
    const std::string state = hierarchyOf(layout, "freezer") + "/" + name + "/freezer.state";
    std::ofstream(state) << "FROZEN" << std::flush;
    for (int i = 0; i < 100 && readText(state) != "FROZEN"; ++i)
        ::usleep(10000);
    ASSERT_EQ(readText(state), "FROZEN");

    cg->destroy();
    int status = 0;
    ASSERT_EQ(::waitpid(cleanup.child, &status, 0), cleanup.child);
    cleanup.child = -1;
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
    EXPECT_FALSE(cg->exists());
}
