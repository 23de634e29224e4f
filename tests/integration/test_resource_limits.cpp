// Limits enforced by the real kernel: a memory hog is OOM-killed and recorded so, a CPU quota
// holds a busy loop to its share (measured from the cgroup's own CPU counter), a pids limit
// stops a fork bomb while PID 1 and the host carry on, and a write-bps throttle holds direct
// writes to a loop device made for the test near its rate.
#include "cgroup_files.h"
#include "fixture.h"

#include "error.h"
#include "fs.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>

using namespace hako;
using namespace hako::test;
using namespace std::chrono_literals;

namespace {

constexpr int64_t kMiB = 1 << 20;

// Runs a host command, returning its first line of output (nullopt when it failed).
std::optional<std::string> hostCommand(const std::string &command)
{
    FILE *pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe)
        return std::nullopt;
    char line[512] = {};
    const bool got = std::fgets(line, sizeof line, pipe) != nullptr;
    const int status = ::pclose(pipe);
    if (!got || status != 0)
        return std::nullopt;
    std::string text = line;
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

// A loop device over a file in the test's state root, detached again at the end.
class LoopDevice {
  public:
    explicit LoopDevice(const std::string &dir)
    {
        const std::string backing = dir + "/disk.img";
        std::ofstream(backing).close();
        if (::truncate(backing.c_str(), 32 * kMiB) != 0)
            return;
        if (const auto device = hostCommand("losetup --find --show " + backing))
            path_ = *device;
    }
    ~LoopDevice()
    {
        if (!path_.empty())
            hostCommand("losetup --detach " + path_);
    }
    LoopDevice(const LoopDevice &) = delete;
    LoopDevice &operator=(const LoopDevice &) = delete;

    const std::string &path() const { return path_; } // empty: losetup failed
    dev_t number() const
    {
        struct stat st {
        };
        ::stat(path_.c_str(), &st);
        return st.st_rdev;
    }

  private:
    std::string path_;
};

bool hostHasSwap()
{
    std::ifstream swaps("/proc/swaps");
    std::string header, device;
    std::getline(swaps, header);
    return static_cast<bool>(swaps >> device);
}

Resources &resourcesOf(Spec &spec)
{
    if (!spec.linux.resources)
        spec.linux.resources.emplace();
    return *spec.linux.resources;
}

} // namespace

class ResourceLimitsTest : public EngineTest {};

TEST_F(ResourceLimitsTest, MemoryHogIsOomKilledAndRecordedSo)
{
    Spec spec = shellSpec("dd if=/dev/zero of=/dev/null bs=300M count=1");
    MemoryResources &memory = resourcesOf(spec).memory.emplace();
    memory.limit = 100 * kMiB;
    // With swap, the hog would be swapped out rather than killed: memory+swap = memory.
    if (hostHasSwap())
        memory.swap = 100 * kMiB;
    const ContainerState end = runToEnd(spec);
    EXPECT_TRUE(end.oomKilled) << end.describe() << "\n" << output(end.id);
    EXPECT_EQ(end.exitStatus(), 137) << end.describe();
    EXPECT_EQ(end.describe(), "stopped (OOM killed)");
    EXPECT_TRUE(engine_->state(end.id).oomKilled) << "not kept in state.json";
}

TEST_F(ResourceLimitsTest, ContainerEndingNormallyIsNotOomKilled)
{
    Spec spec = shellSpec("dd if=/dev/zero of=/dev/null bs=10M count=1");
    resourcesOf(spec).memory.emplace().limit = 100 * kMiB;
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(end.exitCode, 0) << end.describe() << "\n" << output(end.id);
    EXPECT_FALSE(end.oomKilled);
}

TEST_F(ResourceLimitsTest, HalfACpuHoldsABusyLoopToHalfACore)
{
    Spec spec = shellSpec("while :; do :; done");
    CpuResources &cpu = resourcesOf(spec).cpu.emplace();
    cpu.quota = 50000;
    cpu.period = 100000;
    const std::string id = run(spec);
    const StatsReader reader = engine_->statsReader(id);
    std::this_thread::sleep_for(300ms); // past the start, into the steady state
    const ResourceSample before = reader.read();
    std::this_thread::sleep_for(3s);
    const ResourceSample after = reader.read();
    // From the cgroup's CPU counter over the time between the two reads.
    const double cores = cpuPercent(before, after) / 100.0;
    EXPECT_NEAR(cores, 0.5, 0.1);
    EXPECT_TRUE(after.cpuLimited);
    EXPECT_DOUBLE_EQ(after.cpuLimitCores, 0.5);
}

TEST_F(ResourceLimitsTest, PidsLimitStopsAForkBombWhilePid1AndTheHostCarryOn)
{
    // PID 1 ticks once a second with builtins only (read -t waits on a fifo nobody writes),
    // so it needs no new process to show it still works.
    Spec spec = shellSpec("mkfifo /tmp/wait; exec 3<>/tmp/wait; "
                          "(bomb() { bomb | bomb & }; bomb) 2>/dev/null & "
                          "i=0; while :; do i=$((i+1)); echo tick $i; read -t 1 x <&3; done");
    resourcesOf(spec).pids = PidsResources{20};
    const std::string id = run(spec);
    const StatsReader reader = engine_->statsReader(id);
    // pids.peak (where the kernel has it) keeps the high-water mark: a bomb whose processes
    // exit once forks fail can fall back between two samples.
    const auto peak = [&] {
        const auto text = test::readTrimmed("/sys/fs/cgroup/pids/hako/" + id + "/pids.peak");
        return text ? std::stoull(*text) : 0ull;
    };
    ASSERT_TRUE(eventually([&] { return reader.read().cgroup.pids >= 20 || peak() >= 20; }, 5s))
        << "the bomb never reached the limit: " << reader.read().cgroup.pids;
    const ResourceSample saturated = reader.read();
    EXPECT_EQ(saturated.cgroup.pidsLimit, 20u);
    EXPECT_LE(saturated.cgroup.pids, 20u);

    // PID 1 keeps ticking while the bomb is at its limit.
    const auto ticks = [&] {
        const std::vector<std::string> lines = logLines(id);
        return std::count_if(lines.begin(), lines.end(),
                             [](const std::string &l) { return l.starts_with("tick "); });
    };
    const auto ticked = ticks();
    EXPECT_TRUE(eventually([&] { return ticks() >= ticked + 2; }, 4s)) << output(id);
    EXPECT_LE(reader.read().cgroup.pids, 20u);

    // The host still makes processes.
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(7);
    ASSERT_GT(child, 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_EQ(WEXITSTATUS(status), 7);
    EXPECT_EQ(engine_->state(id).status, Status::Running);
}

TEST_F(ResourceLimitsTest, WriteBpsThrottleHoldsDirectWritesNearTheRate)
{
    if (::access("/sbin/losetup", X_OK) != 0 && ::access("/usr/sbin/losetup", X_OK) != 0)
        GTEST_SKIP() << "losetup (util-linux) is not installed: no loop device to throttle";
    const LoopDevice loop(root_);
    if (loop.path().empty())
        GTEST_SKIP() << "losetup could not attach a loop device (no loop driver or no free "
                        "/dev/loop*)";
    const int64_t major = ::major(loop.number()), minor = ::minor(loop.number());
    constexpr uint64_t kRate = 1 * kMiB;
    constexpr int kBlocks = 12; // of 256 KiB: 3 MiB, three seconds at the rate

    // /proc/uptime around the writes times them alone, to the centisecond.
    Spec spec = shellSpec("read before idle < /proc/uptime; "
                          "dd if=/dev/zero of=/dev/testdisk bs=256k count=" +
                          std::to_string(kBlocks) +
                          " oflag=direct && "
                          "read after idle < /proc/uptime && echo took $before $after");
    spec.mounts.push_back({"/dev/testdisk", "bind", loop.path(), {"bind"}});
    Resources &res = resourcesOf(spec);
    res.devices.push_back({true, "b", major, minor, "rw"});
    res.blockIO.emplace().throttleWriteBpsDevice.push_back({major, minor, kRate});
    const ContainerState end = runToEnd(spec);
    ASSERT_EQ(end.exitCode, 0) << end.describe() << "\n" << output(end.id);
    std::smatch match;
    const std::string out = output(end.id);
    ASSERT_TRUE(std::regex_search(out, match, std::regex(R"(took ([0-9.]+) ([0-9.]+))"))) << out;
    const double seconds = std::stod(match[2]) - std::stod(match[1]);
    const double rate = kBlocks * 256.0 * 1024 / seconds;
    // blk-throttle lets a new cgroup's first slice (100 ms) through at once; the rest keeps
    // to the rate.
    EXPECT_NEAR(rate / kRate, 1.0, 0.2) << out << "\n" << seconds << " s";
}
