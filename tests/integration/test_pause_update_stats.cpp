// The verbs that act on a running container's cgroup: pause and unpause (the freezer), stop,
// kill and forced removal of a paused container, update of its limits, and the stats reader
// against the kernel's own files.
#include "cgroup_files.h"
#include "fixture.h"

#include "error.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <fstream>
#include <sstream>

using namespace hako;
using namespace hako::test;
using namespace std::chrono_literals;

namespace {

constexpr int64_t kMiB = 1 << 20;

// Prints 1, 2, 3 … ten times a second.
const char *kCounter = "i=0; while :; do i=$((i+1)); echo $i; usleep 100000; done";

Spec withMemoryLimit(Spec spec, int64_t bytes)
{
    if (!spec.linux.resources)
        spec.linux.resources.emplace();
    spec.linux.resources->memory.emplace().limit = bytes;
    return spec;
}

// Bytes of every device from blkio.throttle.io_service_bytes_recursive (v1: "8:0 Read N")
// or io.stat (v2: "8:0 rbytes=N wbytes=N …").
uint64_t blockBytes(const CgroupFiles &files, const std::string &op)
{
    uint64_t total = 0;
    std::string word;
    if (files.v1()) {
        std::istringstream lines(
            files.read("blkio", "blkio.throttle.io_service_bytes_recursive").value_or(""));
        std::string device, name;
        uint64_t bytes = 0;
        for (std::string line; std::getline(lines, line);) {
            if (std::istringstream(line) >> device >> name >> bytes && name == op)
                total += bytes;
        }
        return total;
    }
    std::istringstream words(files.read("io", "io.stat").value_or(""));
    const std::string key = op == "Read" ? "rbytes=" : "wbytes=";
    while (words >> word) {
        if (word.starts_with(key))
            total += std::stoull(word.substr(key.size()));
    }
    return total;
}

} // namespace

class PauseUpdateStatsTest : public EngineTest {
  protected:
    // The last number the counter printed (0 before the first).
    long lastCount(const std::string &id)
    {
        const std::vector<std::string> lines = logLines(id);
        return lines.empty() ? 0 : std::stol(lines.back());
    }
};

TEST_F(PauseUpdateStatsTest, PauseStopsTheCounterAndUnpauseContinuesIt)
{
    const std::string id = run(shellSpec(kCounter));
    ASSERT_TRUE(eventually([&] { return lastCount(id) >= 3; })) << output(id);
    engine_->pause(id);
    EXPECT_EQ(engine_->state(id).status, Status::Paused);
    EXPECT_TRUE(engine_->statsReader(id).read().cgroup.frozen);
    const long atPause = lastCount(id);
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(lastCount(id), atPause) << "the counter went on while paused";
    // Every verb says why it refuses while paused.
    EXPECT_THROW(engine_->pause(id), StateError);
    ExecRequest exec;
    exec.args = {"true"};
    EXPECT_THROW(engine_->exec(id, exec), StateError);

    engine_->unpause(id);
    EXPECT_EQ(engine_->state(id).status, Status::Running);
    EXPECT_FALSE(engine_->statsReader(id).read().cgroup.frozen);
    EXPECT_TRUE(eventually([&] { return lastCount(id) >= atPause + 3; })) << output(id);
    EXPECT_THROW(engine_->unpause(id), StateError);
}

TEST_F(PauseUpdateStatsTest, PausedContainerStopsKillsAndIsRemovedByForce)
{
    // Stop: SIGTERM, which sh as PID 1 ignores, then SIGKILL; a v1 freezer would hold both.
    const std::string stopped = run(shellSpec(kCounter));
    engine_->pause(stopped);
    engine_->stop(stopped, 1s);
    ContainerState state = engine_->state(stopped);
    EXPECT_EQ(state.status, Status::Stopped);
    EXPECT_EQ(state.exitSignal, SIGKILL) << state.describe();

    const std::string killed = run(shellSpec(kCounter));
    engine_->pause(killed);
    engine_->kill(killed, SIGKILL);
    const auto end = engine_->wait(killed, 5s);
    ASSERT_TRUE(end) << "a paused container did not die of SIGKILL";
    EXPECT_EQ(end->exitSignal, SIGKILL);
    EXPECT_FALSE(end->oomKilled);

    const std::string removed = run(shellSpec(kCounter));
    engine_->pause(removed);
    engine_->remove(removed, true);
    EXPECT_THROW(engine_->state(removed), NotFoundError);
}

TEST_F(PauseUpdateStatsTest, UpdateChangesTheLiveMemoryLimitAndTheSpec)
{
    const std::string id = run(withMemoryLimit(shellSpec(kCounter), 100 * kMiB));
    const CgroupFiles files(id);
    const auto limitInKernel = [&] { return files.number("memory", files.memoryLimitFile()); };
    ASSERT_EQ(limitInKernel(), uint64_t(100 * kMiB));

    Resources patch;
    patch.memory.emplace().limit = 200 * kMiB;
    patch.pids = PidsResources{50};
    const Resources now = engine_->update(id, patch);
    EXPECT_EQ(now.memory->limit, 200 * kMiB);
    EXPECT_EQ(limitInKernel(), uint64_t(200 * kMiB));
    EXPECT_EQ(files.read("pids", "pids.max"), "50");
    // Kept for the next start, and the rest of the limits (the device rules) stay.
    const Spec spec = engine_->inspect(id).spec;
    EXPECT_EQ(spec.linux.resources->memory->limit, 200 * kMiB);
    EXPECT_EQ(spec.linux.resources->pids->limit, 50);
    EXPECT_EQ(spec.linux.resources->devices, defaultSpec().linux.resources->devices);
    EXPECT_EQ(engine_->statsReader(id).read().cgroup.memoryLimit, uint64_t(200 * kMiB));
}

TEST_F(PauseUpdateStatsTest, RefusedUpdateChangesNothing)
{
    const std::string id = run(withMemoryLimit(shellSpec(kCounter), 100 * kMiB));
    const CgroupFiles files(id);
    const Spec before = engine_->inspect(id).spec;

    // Refused by the rules: memory+swap below the memory limit.
    Resources invalid;
    invalid.memory.emplace().swap = 50 * kMiB;
    try {
        engine_->update(id, invalid);
        FAIL() << "swap below the memory limit was accepted";
    } catch (const SpecError &e) {
        EXPECT_NE(std::string(e.what()).find("linux.resources.memory.swap"), std::string::npos)
            << e.what();
    }

    // Refused by the kernel halfway: the memory limit goes in first, then a throttle on a
    // device that does not exist fails, and the memory limit is put back.
    Resources halfway;
    halfway.memory.emplace().limit = 300 * kMiB;
    halfway.blockIO.emplace().throttleWriteBpsDevice.push_back({259, 99999, kMiB});
    try {
        engine_->update(id, halfway);
        FAIL() << "a throttle on a missing device was accepted";
    } catch (const Error &e) {
        const std::string file = files.v1() ? "blkio.throttle.write_bps_device" : "io.max";
        EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
    }
    EXPECT_EQ(files.number("memory", files.memoryLimitFile()), uint64_t(100 * kMiB));
    EXPECT_EQ(engine_->inspect(id).spec, before);
}

TEST_F(PauseUpdateStatsTest, UpdateOfAStoppedContainerAppliesAtTheNextStart)
{
    const std::string id = engine_->create({"", "busybox", shellSpec(kCounter)});
    Resources patch;
    patch.memory.emplace().limit = 64 * kMiB;
    engine_->update(id, patch);
    engine_->start(id);
    const CgroupFiles files(id);
    EXPECT_EQ(files.number("memory", files.memoryLimitFile()), uint64_t(64 * kMiB));
}

TEST_F(PauseUpdateStatsTest, StatsAgreeWithTheCgroupFiles)
{
    // Busy for CPU, a 20 MiB shell variable for memory.
    const std::string id =
        run(withMemoryLimit(shellSpec("x=$(head -c 20000000 /dev/zero | tr '\\0' a); echo ready; "
                                      "while :; do :; done"),
                            256 * kMiB));
    ASSERT_TRUE(eventually([&] { return output(id).find("ready") != std::string::npos; }, 8s))
        << output(id);
    std::this_thread::sleep_for(300ms);
    const StatsReader reader = engine_->statsReader(id);
    const ResourceSample sample = reader.read();
    const CgroupFiles files(id);
    const auto near = [](uint64_t ours, uint64_t theirs) {
        return std::abs(double(ours) - double(theirs)) <= 0.05 * double(theirs);
    };
    if (files.v1()) {
        const uint64_t usage = files.number("memory", "memory.usage_in_bytes").value_or(0);
        const uint64_t inactive =
            files.keyed("memory", "memory.stat", "total_inactive_file").value_or(0);
        EXPECT_PRED2(near, sample.cgroup.memoryUsage, usage - inactive);
        EXPECT_PRED2(near, sample.cgroup.cpuUsageNs,
                     files.number("cpuacct", "cpuacct.usage").value_or(0));
    } else {
        const uint64_t usage = files.number("memory", "memory.current").value_or(0);
        const uint64_t inactive = files.keyed("memory", "memory.stat", "inactive_file").value_or(0);
        EXPECT_PRED2(near, sample.cgroup.memoryUsage, usage - inactive);
        EXPECT_PRED2(near, sample.cgroup.cpuUsageNs,
                     files.keyed("cpu", "cpu.stat", "usage_usec").value_or(0) * 1000);
    }
    EXPECT_EQ(sample.cgroup.blockReadBytes, blockBytes(files, "Read"));
    EXPECT_EQ(sample.cgroup.blockWriteBytes, blockBytes(files, "Write"));
    EXPECT_GT(sample.cgroup.memoryUsage, 19'000'000u) << "the shell variable is missing";
    EXPECT_GT(sample.cgroup.cpuUsageNs, 100'000'000u);
    EXPECT_EQ(sample.cgroup.memoryLimit, uint64_t(256 * kMiB));
    EXPECT_EQ(sample.cgroup.pids, files.number("pids", "pids.current"));
    EXPECT_EQ(sample.cgroup.pidsLimit, std::nullopt);
    EXPECT_FALSE(sample.cgroup.frozen);
    EXPECT_EQ(sample.cgroup.oomKills, 0u);
    // The container's own network namespace: only lo, which is not counted.
    EXPECT_EQ(sample.network.rxBytes, 0u);
    EXPECT_EQ(sample.network.txBytes, 0u);
    EXPECT_GT(sample.hostMemory, uint64_t(256 * kMiB));
    EXPECT_GE(sample.onlineCpus, 1u);
    EXPECT_FALSE(sample.cpuLimited);
    EXPECT_DOUBLE_EQ(sample.cpuLimitCores, sample.onlineCpus);

    engine_->kill(id, SIGKILL);
    ASSERT_TRUE(engine_->wait(id, 5s));
    EXPECT_THROW(reader.read(), StateError);
    EXPECT_THROW(engine_->statsReader(id), StateError);
}
