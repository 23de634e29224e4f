// Supervision and state: the monitor outlives whoever started a container, the verbs refuse by
// state and say why, logs keep every line with its stream and time, and nothing is left over.
#include "fixture.h"

#include "error.h"
#include "fs.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

using namespace hako;
using namespace hako::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

std::vector<LogLine> allLines(const Engine &engine, const std::string &id, LogOptions options = {})
{
    std::vector<LogLine> lines;
    engine.logs(id, options, [&](const LogLine &line) {
        lines.push_back(line);
        return true;
    });
    return lines;
}

std::vector<std::string> texts(const std::vector<LogLine> &lines)
{
    std::vector<std::string> out;
    for (const auto &line : lines)
        out.push_back(line.text);
    return out;
}

bool waitForOutput(const Engine &engine, const std::string &id, const std::string &text)
{
    for (int i = 0; i < 500; ++i) {
        for (const auto &line : allLines(engine, id))
            if (line.text.find(text) != std::string::npos)
                return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

// hako-monitor processes working for container `id`: "--id <id>" on their command line.
// (Other monitors may run on the host at the same time; only this container's count.)
std::vector<pid_t> monitorsOf(const std::string &id)
{
    std::vector<pid_t> pids;
    for (int pid : monitorPids()) {
        std::string cmdline;
        try {
            cmdline = readFile("/proc/" + std::to_string(pid) + "/cmdline");
        } catch (const Error &) {
            continue;
        }
        if (cmdline.find(std::string("--id\0", 5) + id) != std::string::npos)
            pids.push_back(pid);
    }
    return pids;
}

std::vector<std::string> cgroupDirsOf(const std::string &id)
{
    std::vector<std::string> dirs;
    for (const auto &dir : hakoCgroupDirs())
        if (dir.ends_with("/hako/" + id))
            dirs.push_back(dir);
    return dirs;
}

pid_t parentOf(pid_t pid)
{
    const std::string stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    // "pid (comm) state ppid ...": count from the last ')', comm may hold anything.
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    return ppid;
}

Spec sleeperSpec()
{
    Spec spec = defaultSpec();
    spec.process.args = {"sleep", "1000"};
    return spec;
}

template <typename Exception, typename Fn> std::string messageOf(Fn fn)
{
    try {
        fn();
    } catch (const Exception &e) {
        return e.what();
    } catch (const std::exception &e) {
        return std::string("wrong exception type: ") + e.what();
    }
    return "<no exception>";
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_F(EngineTest, ContainerOutlivesTheProcessThatStartedIt)
{
    const EngineOptions options = engine_->options();
    const pid_t starter = ::fork();
    ASSERT_GE(starter, 0);
    if (starter == 0) {
        int code = 0;
        try {
            Engine engine(options);
            const std::string id = engine.create(
                {"orphan", "busybox", shellSpec("echo started; sleep 1; echo done; exit 7")});
            engine.start(id);
        } catch (const std::exception &e) {
            std::fprintf(stderr, "starter: %s\n", e.what());
            code = 1;
        }
        ::_exit(code);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(starter, &status, 0), starter);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;

    // A new Engine knows nothing but the state root.
    Engine fresh(options);
    const auto all = fresh.list();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].name, "orphan");
    EXPECT_EQ(all[0].status, Status::Running);
    EXPECT_EQ(fresh.state("orphan").status, Status::Running);

    const auto end = fresh.wait("orphan", 10s);
    ASSERT_TRUE(end);
    EXPECT_EQ(end->status, Status::Stopped);
    EXPECT_EQ(end->exitCode, 7);
    const auto lines = allLines(fresh, "orphan");
    ASSERT_EQ(texts(lines), (std::vector<std::string>{"started", "done"}));
    for (const auto &line : lines) {
        EXPECT_EQ(line.stream, "stdout");
        EXPECT_FALSE(line.partial);
    }
    EXPECT_GT(lines[1].time, lines[0].time);
    EXPECT_GE(lines[1].time - lines[0].time, 900'000'000) << "the script sleeps 1 s in between";
}

TEST_F(EngineTest, StopKillsAPidOneThatIgnoresSigterm)
{
    const std::string id = run(sleeperSpec());
    const auto before = Clock::now();
    engine_->stop(id, 1s);
    const auto took = Clock::now() - before;
    EXPECT_GE(took, 900ms);
    EXPECT_LE(took, 3s);
    const ContainerState state = engine_->state(id);
    EXPECT_EQ(state.status, Status::Stopped);
    EXPECT_EQ(state.exitSignal, SIGKILL);
    EXPECT_FALSE(state.exitCode);
    EXPECT_EQ(state.exitStatus(), 137);
}

TEST_F(EngineTest, StopLetsATrapExitWithItsCode)
{
    const std::string id =
        run(shellSpec("trap 'exit 3' TERM; echo ready; while true; do sleep 0.1; done"));
    ASSERT_TRUE(waitForOutput(*engine_, id, "ready"));
    const auto before = Clock::now();
    engine_->stop(id, 5s);
    EXPECT_LT(Clock::now() - before, 2s);
    const ContainerState state = engine_->state(id);
    EXPECT_EQ(state.status, Status::Stopped);
    EXPECT_EQ(state.exitCode, 3);
    EXPECT_FALSE(state.exitSignal);
}

TEST_F(EngineTest, KillDeliversTheSignalAndRefusesAStoppedContainer)
{
    const std::string id = run(
        shellSpec("trap 'echo got USR1; exit 4' USR1; echo ready; while true; do sleep 0.1; done"));
    ASSERT_TRUE(waitForOutput(*engine_, id, "ready"));
    engine_->kill(id, SIGUSR1);
    const auto end = engine_->wait(id, 5s);
    ASSERT_TRUE(end);
    EXPECT_EQ(end->exitCode, 4);
    EXPECT_EQ(texts(allLines(*engine_, id)), (std::vector<std::string>{"ready", "got USR1"}));

    const std::string why = messageOf<StateError>([&] { engine_->kill(id, SIGTERM); });
    EXPECT_TRUE(contains(why, "not running")) << why;
}

TEST_F(EngineTest, VerbsRefuseByStateAndSayWhy)
{
    const std::string id = engine_->create({"picky", "busybox", sleeperSpec()});

    std::string why = messageOf<StateError>([&] { engine_->stop(id, 1s); });
    EXPECT_TRUE(contains(why, "not running")) << why;

    engine_->start(id);
    why = messageOf<StateError>([&] { engine_->start(id); });
    EXPECT_TRUE(contains(why, "already running")) << why;

    why = messageOf<StateError>([&] { engine_->remove(id); });
    EXPECT_TRUE(contains(why, "stop it first")) << why;
    EXPECT_TRUE(contains(why, "force")) << why;
    EXPECT_EQ(engine_->state(id).status, Status::Running);

    engine_->remove(id, true);
    EXPECT_TRUE(engine_->list().empty());
    EXPECT_FALSE(pathExists(engine_->store().containerDir(id)));
}

TEST_F(EngineTest, NamesAreUniqueValidAndResolve)
{
    const std::string id = engine_->create({"web", "busybox", sleeperSpec()});
    EXPECT_THROW(engine_->create({"web", "busybox", sleeperSpec()}), ExistsError);
    EXPECT_THROW(engine_->create({"-bad", "busybox", sleeperSpec()}), SpecError);
    EXPECT_THROW(engine_->create({"a b", "busybox", sleeperSpec()}), SpecError);
    EXPECT_EQ(engine_->list().size(), 1u);

    EXPECT_EQ(engine_->state("web").id, id);
    EXPECT_EQ(engine_->state(id).id, id);
    EXPECT_EQ(engine_->state(id.substr(0, 8)).id, id);
    EXPECT_EQ(engine_->inspect(id.substr(0, 5)).state.name, "web");
    EXPECT_THROW(engine_->state("nope"), NotFoundError);
}

TEST_F(EngineTest, AmbiguousIdPrefixIsRefused)
{
    // 17 ids over 16 hex digits: at least two share their first character.
    std::map<char, int> firsts;
    for (int i = 0; i < 17; ++i)
        ++firsts[engine_->create({"", "busybox", sleeperSpec()})[0]];
    char shared = 0;
    for (const auto &[first, count] : firsts)
        if (count > 1)
            shared = first;
    ASSERT_NE(shared, 0);
    const std::string why = messageOf<Error>([&] { engine_->state(std::string(1, shared)); });
    EXPECT_TRUE(contains(why, "ambiguous")) << why;
}

TEST_F(EngineTest, StateJsonIsValidAndWrittenAtomically)
{
    const std::string id = engine_->create({"", "busybox", sleeperSpec()});
    const std::string dir = engine_->store().containerDir(id);
    // A reader racing every state change must always find a whole, valid file.
    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, torn{0};
    std::thread reader([&] {
        while (!done) {
            try {
                nlohmann::json::parse(readFile(dir + "/state.json")).at("status");
            } catch (const std::exception &) {
                ++torn;
            }
            ++reads;
        }
    });
    for (int i = 0; i < 2; ++i) {
        engine_->start(id);
        engine_->kill(id, SIGKILL);
        engine_->wait(id, 10s);
    }
    done = true;
    reader.join();
    EXPECT_GT(reads.load(), 0);
    EXPECT_EQ(torn.load(), 0) << "of " << reads.load() << " reads";

    const auto json = nlohmann::json::parse(readFile(dir + "/state.json"));
    EXPECT_EQ(json.at("id"), id);
    EXPECT_EQ(json.at("status"), "stopped");
    EXPECT_EQ(json.at("exitSignal"), SIGKILL);
    for (const std::string &where : {dir, engine_->store().containersDir()})
        for (const auto &entry : std::filesystem::directory_iterator(where))
            EXPECT_FALSE(entry.path().filename().string().ends_with(".tmp")) << entry.path();
}

TEST_F(EngineTest, LogTailReturnsTheLastLines)
{
    const ContainerState end =
        runToEnd(shellSpec("for i in 1 2 3 4 5 6 7 8 9 10; do echo line$i; done"));
    LogOptions tail3;
    tail3.tail = 3;
    EXPECT_EQ(texts(allLines(*engine_, end.id, tail3)),
              (std::vector<std::string>{"line8", "line9", "line10"}));
    LogOptions tail50;
    tail50.tail = 50;
    EXPECT_EQ(allLines(*engine_, end.id, tail50).size(), 10u);
}

TEST_F(EngineTest, LongLinesAreSplitIntoPartialPieces)
{
    const ContainerState end = runToEnd(shellSpec("head -c 40000 /dev/zero | tr '\\0' a; echo"));
    const auto lines = allLines(*engine_, end.id);
    ASSERT_GE(lines.size(), 3u);
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].text.size(), 16u * 1024) << "piece " << i;
        EXPECT_EQ(lines[i].partial, i + 1 < lines.size()) << "piece " << i;
        joined += lines[i].text;
    }
    EXPECT_EQ(joined, std::string(40000, 'a'));
}

TEST_F(EngineTest, LogLinesAreTaggedWithTheirStream)
{
    const ContainerState end = runToEnd(shellSpec("echo out; echo err >&2"));
    std::map<std::string, std::string> streamOf;
    for (const auto &line : allLines(*engine_, end.id))
        streamOf[line.text] = line.stream;
    EXPECT_EQ(streamOf, (std::map<std::string, std::string>{{"out", "stdout"}, {"err", "stderr"}}));
}

TEST_F(EngineTest, FollowDeliversLinesUntilTheContainerStops)
{
    const std::string id =
        run(shellSpec("sleep 0.2; for i in 1 2 3 4 5 6 7 8 9 10; do echo tick$i; sleep 0.1; done"));
    const int64_t called = nowUnixNanos();
    LogOptions follow;
    follow.follow = true;
    const auto lines = allLines(*engine_, id, follow);
    EXPECT_EQ(engine_->state(id).status, Status::Stopped) << "follow returned before the end";
    std::vector<std::string> expected;
    for (int i = 1; i <= 10; ++i)
        expected.push_back("tick" + std::to_string(i));
    EXPECT_EQ(texts(lines), expected);
    for (const auto &line : lines)
        EXPECT_GT(line.time, called) << line.text << " was written before logs() was called";
}

TEST_F(EngineTest, FailedExecFailsTheStartAndLeavesNothingRunning)
{
    Spec spec = defaultSpec();
    spec.process.args = {"/no/such/binary"};
    const std::string id = engine_->create({"broken", "busybox", spec});
    const std::string why = messageOf<Error>([&] { engine_->start(id); });
    EXPECT_TRUE(contains(why, "exec")) << why;
    EXPECT_TRUE(contains(why, "/no/such/binary")) << why;
    EXPECT_TRUE(contains(why, "No such file or directory")) << why;

    const ContainerState state = engine_->state(id);
    EXPECT_NE(state.status, Status::Running);
    EXPECT_TRUE(contains(state.error, "/no/such/binary")) << state.error;
    EXPECT_FALSE(state.pid.valid());
    EXPECT_TRUE(eventually([&] { return monitorsOf(id).empty(); })) << "its monitor stayed";
    EXPECT_TRUE(cgroupDirsOf(id).empty());
}

TEST_F(EngineTest, FailedMountNamesItsDestination)
{
    Spec spec = shellSpec("true");
    spec.mounts.push_back({"/mnt/bogus", "bogusfs", "none", {}});
    const std::string id = engine_->create({"", "busybox", spec});
    const std::string why = messageOf<Error>([&] { engine_->start(id); });
    EXPECT_TRUE(contains(why, "/mnt/bogus")) << why;
    EXPECT_NE(engine_->state(id).status, Status::Running);
    EXPECT_TRUE(cgroupDirsOf(id).empty());
}

TEST_F(EngineTest, RemovalLeavesNothingBehind)
{
    const std::string id = run(sleeperSpec());
    ASSERT_FALSE(cgroupDirsOf(id).empty()) << "the running container should have its cgroups";
    ASSERT_EQ(monitorsOf(id).size(), 1u);
    engine_->remove(id, true);
    EXPECT_FALSE(pathExists(engine_->store().containerDir(id)));
    EXPECT_TRUE(cgroupDirsOf(id).empty());
    EXPECT_TRUE(eventually([&] { return monitorsOf(id).empty(); }));
    EXPECT_TRUE(engine_->list().empty());
}

TEST_F(EngineTest, MonitorSurvivesItsStartersProcessGroup)
{
    const EngineOptions options = engine_->options();
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t starter = ::fork();
    ASSERT_GE(starter, 0);
    if (starter == 0) {
        ::close(ready[0]);
        ::setpgid(0, 0);
        char result = 'k';
        try {
            Engine engine(options);
            engine.start(engine.create({"detached", "busybox", sleeperSpec()}));
        } catch (const std::exception &e) {
            std::fprintf(stderr, "starter: %s\n", e.what());
            result = 'e';
        }
        [[maybe_unused]] const ssize_t n = ::write(ready[1], &result, 1);
        for (;;)
            ::pause();
    }
    ::close(ready[1]);
    char result = 0;
    ASSERT_EQ(::read(ready[0], &result, 1), 1);
    ::close(ready[0]);
    ::kill(-starter, SIGKILL); // the starter's whole process group
    ::waitpid(starter, nullptr, 0);
    ASSERT_EQ(result, 'k');

    const ContainerState state = engine_->state("detached");
    EXPECT_EQ(state.status, Status::Running);
    EXPECT_TRUE(isAlive(state.monitor));
    EXPECT_TRUE(isAlive(state.pid));
    const pid_t monitor = state.monitor.pid;
    EXPECT_NE(::getsid(monitor), ::getsid(0));
    EXPECT_NE(::getsid(monitor), starter);
    EXPECT_NE(::getpgid(monitor), starter);
    EXPECT_NE(parentOf(monitor), starter);
    EXPECT_TRUE(state.error.empty()) << state.error;
}

TEST_F(EngineTest, KilledMonitorIsNoticedAndCleanedUp)
{
    const std::string id = run(sleeperSpec());
    const ContainerState running = engine_->state(id);
    ASSERT_EQ(::kill(running.monitor.pid, SIGKILL), 0);
    ASSERT_TRUE(eventually([&] { return !isAlive(running.monitor); })) << "monitor not reaped";

    ContainerState state = engine_->state(id);
    EXPECT_EQ(state.status, Status::Running);
    EXPECT_TRUE(contains(state.error, "supervision lost")) << state.error;
    EXPECT_TRUE(isAlive(running.pid));

    engine_->kill(id, SIGKILL);
    ASSERT_TRUE(eventually([&] { return !isAlive(running.pid); })) << "container not reaped";
    state = engine_->state(id);
    EXPECT_EQ(state.status, Status::Stopped);
    EXPECT_TRUE(contains(state.error, "hako-monitor")) << state.error;

    ASSERT_FALSE(cgroupDirsOf(id).empty()) << "nobody was left to remove the cgroups yet";
    engine_->remove(id, true);
    EXPECT_TRUE(cgroupDirsOf(id).empty());
    EXPECT_FALSE(pathExists(engine_->store().containerDir(id)));
}

// Whatever the monitor ignores or blocks for itself must not reach the container: a shell
// cannot trap a signal that was ignored when it started (POSIX), and a blocked SIGCHLD
// breaks programs that wait for their children through it.
TEST_F(EngineTest, ContainerStartsWithDefaultSignalDispositions)
{
    const std::string id = run(sleeperSpec());
    const std::string status =
        readFile("/proc/" + std::to_string(engine_->state(id).pid.pid) + "/status");
    std::map<std::string, std::string> masks;
    std::istringstream in(status);
    for (std::string line; std::getline(in, line);)
        if (line.starts_with("SigIgn:") || line.starts_with("SigBlk:"))
            masks[line.substr(0, 6)] = line.substr(line.find_first_not_of(" \t", 7));
    EXPECT_EQ(masks["SigIgn"], "0000000000000000") << "ignored signals inherited from hako-monitor";
    EXPECT_EQ(masks["SigBlk"], "0000000000000000") << "blocked signals inherited from hako-monitor";
}
