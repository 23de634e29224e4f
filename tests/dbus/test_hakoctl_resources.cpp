// hakoctl's resource commands end to end, through the real helper and the real cgroups:
// run/create's limits in Docker's units land in the kernel's files, update changes them,
// pause/unpause change the state, stats prints docker's table (once, streaming to a pipe and
// redrawn in a terminal, ended by Ctrl-C), a bad value fails with docker's words and 125,
// and a container the OOM killer ends says so in ps and inspect.
#include "bus_fixture.h"

#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kMiB = 1024 * 1024;
const Args kSleeper = {"sleep", "1000"};

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

// A file of the container's cgroup on the v1 hierarchy `controller` (this machine's layout).
std::string cgroupFile(const std::string &controller, const std::string &id, const std::string &file)
{
    return "/sys/fs/cgroup/" + controller + "/hako/" + id + "/" + file;
}

std::string readTrimmed(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return trim(text.str());
}

size_t count(const std::string &text, const std::string &needle)
{
    size_t found = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++found;
    return found;
}

// "1.5MiB" → bytes, as docker's units.BytesSize wrote it; -1 if it is not such a size.
double parseBinarySize(const std::string &text)
{
    static const std::regex size(R"(^([0-9.]+)(B|KiB|MiB|GiB)$)");
    std::smatch match;
    if (!std::regex_match(text, match, size))
        return -1;
    const std::string unit = match[2];
    const double scale = unit == "B" ? 1 : unit == "KiB" ? 1024 : unit == "MiB" ? kMiB : 1024.0 * kMiB;
    return std::stod(match[1]) * scale;
}

class HakoctlResources : public CtlTest {
protected:
    std::string runLimited(const std::string &name, const Args &flags, const Args &cmd = kSleeper)
    {
        Args args{"run", "-d", "--name", name};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back("busybox");
        args.insert(args.end(), cmd.begin(), cmd.end());
        const auto r = hakoctl(args);
        EXPECT_EQ(r.exit, 0) << r.describe();
        return trim(r.out);
    }
};

TEST_F(HakoctlResources, RunLimitsReachTheCgroup)
{
    const std::string id = runLimited("limited", {"-m", "100m", "--cpus", "0.5", "--pids-limit", "20", "-c", "512"});
    ASSERT_EQ(id.size(), 64u);
    EXPECT_EQ(readTrimmed(cgroupFile("memory", id, "memory.limit_in_bytes")), std::to_string(100 * kMiB));
    // docker's default swap for -m: as much again (memory + swap = twice the limit).
    EXPECT_EQ(readTrimmed(cgroupFile("memory", id, "memory.memsw.limit_in_bytes")), std::to_string(200 * kMiB));
    EXPECT_EQ(readTrimmed(cgroupFile("cpu", id, "cpu.cfs_quota_us")), "50000");
    EXPECT_EQ(readTrimmed(cgroupFile("cpu", id, "cpu.cfs_period_us")), "100000");
    EXPECT_EQ(readTrimmed(cgroupFile("cpu", id, "cpu.shares")), "512");
    EXPECT_EQ(readTrimmed(cgroupFile("pids", id, "pids.max")), "20");
    EXPECT_EQ(inspectField("limited", "{{.HostConfig.Memory}}"), std::to_string(100 * kMiB));
    EXPECT_EQ(inspectField("limited", "{{.HostConfig.PidsLimit}}"), "20");
}

TEST_F(HakoctlResources, UpdateChangesARunningContainersLimits)
{
    const std::string id = runLimited("grow", {"-m", "100m"});
    const auto update = hakoctl({"update", "--memory", "200m", "--pids-limit", "30", "grow"});
    EXPECT_EQ(update.exit, 0) << update.describe();
    EXPECT_EQ(update.out, "grow\n") << "docker update prints each container it updated";
    EXPECT_EQ(readTrimmed(cgroupFile("memory", id, "memory.limit_in_bytes")), std::to_string(200 * kMiB));
    EXPECT_EQ(readTrimmed(cgroupFile("pids", id, "pids.max")), "30");
    // Kept in the spec, so inspect and the next start see it.
    EXPECT_EQ(inspectField("grow", "{{.HostConfig.Memory}}"), std::to_string(200 * kMiB));

    const auto cpus = hakoctl({"update", "--cpus", "1", "grow"});
    EXPECT_EQ(cpus.exit, 0) << cpus.describe();
    EXPECT_EQ(readTrimmed(cgroupFile("cpu", id, "cpu.cfs_quota_us")), "100000");
    // The other limits stay as they were.
    EXPECT_EQ(readTrimmed(cgroupFile("memory", id, "memory.limit_in_bytes")), std::to_string(200 * kMiB));

    const auto missing = hakoctl({"update", "-m", "200m", "no-such-container"});
    EXPECT_EQ(missing.exit, 125) << missing.describe();
    EXPECT_TRUE(contains(missing.err, "no-such-container")) << missing.describe();
}

TEST_F(HakoctlResources, PauseAndUnpause)
{
    runDetached("frozen", kSleeper);
    const auto pause = hakoctl({"pause", "frozen"});
    EXPECT_EQ(pause.exit, 0) << pause.describe();
    EXPECT_EQ(pause.out, "frozen\n");
    EXPECT_EQ(inspectField("frozen", "{{.State.Status}}"), "paused");
    EXPECT_EQ(inspectField("frozen", "{{.State.Paused}}"), "true");
    EXPECT_TRUE(contains(hakoctl({"ps"}).out, "(Paused)")) << hakoctl({"ps"}).describe();
    const auto unpause = hakoctl({"unpause", "frozen"});
    EXPECT_EQ(unpause.exit, 0) << unpause.describe();
    EXPECT_EQ(inspectField("frozen", "{{.State.Status}}"), "running");

    const auto twice = hakoctl({"unpause", "frozen"});
    EXPECT_EQ(twice.exit, 125) << "a running container cannot be unpaused: " << twice.describe();
}

TEST_F(HakoctlResources, StatsNoStreamPrintsDockersTable)
{
    runLimited("watched", {"-m", "100m"});
    const auto table = hakoctl({"stats", "--no-stream"});
    ASSERT_EQ(table.exit, 0) << table.describe();
    EXPECT_EQ(table.out.rfind("CONTAINER ID   NAME", 0), 0u) << table.describe();
    for (const char *header : {"CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"})
        EXPECT_TRUE(contains(table.out, header)) << header << " in " << table.describe();
    EXPECT_TRUE(contains(table.out, "watched")) << table.describe();

    const auto row = hakoctl({"stats", "--no-stream", "--format", "{{.Name}}|{{.MemUsage}}|{{.MemPerc}}|{{.PIDs}}|{{.Container}}", "watched"});
    ASSERT_EQ(row.exit, 0) << row.describe();
    std::smatch match;
    const std::string line = trim(row.out);
    ASSERT_TRUE(std::regex_match(line, match, std::regex(R"(^watched\|(\S+) / 100MiB\|([0-9.]+)%\|1\|watched$)")))
        << row.describe();
    const double usage = parseBinarySize(match[1]);
    // A sleeping busybox: more than nothing, far less than its limit.
    EXPECT_GT(usage, 0) << line;
    EXPECT_LT(usage, 20.0 * kMiB) << line;
    EXPECT_NEAR(std::stod(match[2]), 100.0 * usage / (100.0 * kMiB), 0.01) << line;
}

TEST_F(HakoctlResources, StatsAllShowsStoppedOnesWithZeros)
{
    runDetached("alive", kSleeper);
    ASSERT_EQ(hakoctl({"create", "--name", "resting", "busybox", "true"}).exit, 0);
    const auto running = hakoctl({"stats", "--no-stream", "--format", "{{.Name}}"});
    EXPECT_EQ(running.out, "alive\n") << running.describe();
    const auto all = hakoctl({"stats", "--no-stream", "-a", "--format", "{{.Name}} {{.CPUPerc}} {{.MemUsage}}"});
    EXPECT_TRUE(contains(all.out, "resting 0.00% 0B / 0B\n")) << all.describe();
    EXPECT_TRUE(contains(all.out, "alive ")) << all.describe();
    const auto named = hakoctl({"stats", "--no-stream", "--format", "{{.Container}} {{.PIDs}}", "resting"});
    EXPECT_EQ(named.out, "resting 0\n") << named.describe();
    const auto missing = hakoctl({"stats", "--no-stream", "no-such-container"});
    EXPECT_EQ(missing.exit, 125) << missing.describe();
}

// Not a terminal: each frame follows the last, header and all; SIGINT ends it promptly.
TEST_F(HakoctlResources, StatsStreamsFramesToAPipe)
{
    runDetached("streamed", kSleeper);
    const std::string log = "/tmp/hako-stats-stream-" + std::to_string(::getpid()) + ".log";
    Daemon stats;
    stats.start({hakoctlPath(), "stats", "--format", "table {{.Name}}\t{{.CPUPerc}}"}, env().clientEnv(), log);
    EXPECT_TRUE(eventually([&] { return count(stats.log(), "streamed") >= 2; }, 5s)) << stats.log();
    EXPECT_GE(count(stats.log(), "NAME"), 2u) << stats.log();
    EXPECT_FALSE(contains(stats.log(), "\033[")) << "no terminal codes into a pipe";
    stats.kill(SIGINT);
    EXPECT_TRUE(eventually([&] { return !stats.running(); }, 3s));
}

// A terminal: the table is redrawn in place (cursor home, lines cleared), and Ctrl-C ends
// the command with status 0.
TEST_F(HakoctlResources, StatsRedrawsInATerminalUntilCtrlC)
{
    runDetached("drawn", kSleeper);
    PtyChild stats({hakoctlPath(), "stats", "drawn"}, env().clientEnv(), 24, 120);
    ASSERT_TRUE(stats.readUntil("drawn", 5s)) << stats.output();
    const size_t first = stats.output().size();
    ASSERT_TRUE(stats.readUntil("drawn", 5s, first)) << "a second frame: " << stats.output();
    EXPECT_TRUE(contains(stats.output(), "\033[2J")) << "the screen is cleared once";
    EXPECT_GE(count(stats.output(), "\033[H"), 2u) << "each frame starts at the top";
    EXPECT_TRUE(contains(stats.output(), "\033[K")) << "each line is cleared to its end";
    stats.write("\x03"); // the terminal's Ctrl-C: SIGINT to hakoctl
    EXPECT_EQ(stats.wait(5s), 0) << stats.output();
}

TEST_F(HakoctlResources, BadValuesFailWithDockersWordsAnd125)
{
    auto r = hakoctl({"run", "-m", "1k", "busybox", "true"});
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "Minimum memory limit allowed is 6MB")) << r.describe();
    r = hakoctl({"run", "--memory", "abc", "busybox", "true"});
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'")) << r.describe();
    r = hakoctl({"create", "--cpus", "0.5", "--cpu-period", "50000", "busybox"});
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "Conflicting options: Nano CPUs and CPU Period cannot both be set")) << r.describe();
    r = hakoctl({"run", "-m", "100m", "--memory-swap", "50m", "busybox", "true"});
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "Minimum memoryswap limit should be larger than memory limit")) << r.describe();
    EXPECT_TRUE(listIds().empty()) << "nothing was created";

    runDetached("target", kSleeper);
    r = hakoctl({"update", "--cpus", "many", "target"});
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "failed to parse many as a rational number")) << r.describe();
    r = hakoctl({"update", "target"});
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "you must provide one or more flags")) << r.describe();
}

// `tail` keeps the one endless "line" of /dev/zero in memory until the OOM killer ends it.
TEST_F(HakoctlResources, OomKilledShowsInPsAndInspect)
{
    runLimited("hog", {"-m", "16m", "--memory-swap", "16m"}, {"sh", "-c", "head -c 419430400 /dev/zero | tail"});
    const auto wait = hakoctl({"wait", "hog"}, 60s);
    EXPECT_EQ(trim(wait.out), "137") << wait.describe();
    EXPECT_EQ(inspectField("hog", "{{.State.OOMKilled}}"), "true");
    const auto ps = hakoctl({"ps", "-a", "--format", "{{.Names}} {{.Status}}"});
    EXPECT_TRUE(std::regex_search(ps.out, std::regex(R"(hog Exited \(137\) .* \(OOM killed\))"))) << ps.describe();
}

} // namespace
} // namespace hako::dbustest
