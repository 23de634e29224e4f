// bench_start_latency [--runs N] [--profile] [--hako-only] [--tmpdir DIR]: how long Hako
// takes from create to the exit of /bin/true in a fresh container (pid, net, mnt, uts, ipc and
// cgroup namespaces, overlay root), through core, beside `crun run` of the same busybox rootfs
// with the same namespaces. Runs are interleaved (alternating which goes first) so both share
// the noise. See bench/README.md.
//
// crun 1.8 refuses hybrid cgroup hosts, so the benchmark first moves itself into a private
// mount namespace without the cgroup2 mount at /sys/fs/cgroup/unified; Hako and crun both
// run from there, with the same (v1) cgroups.
//
// It is a benchmark, not a test: it exits 0 whether or not the target is met, and non-zero
// only when something could not be run at all.
#include "engine.h"
#include "error.h"
#include "spec.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef HAKO_BENCH_MONITOR
#error "HAKO_BENCH_MONITOR (the path of hako-monitor) must be defined by the build"
#endif

extern char **environ;

namespace {

using Clock = std::chrono::steady_clock;
using hako::Error;

constexpr const char *kUnifiedMount = "/sys/fs/cgroup/unified";
constexpr int kWarmupRuns = 3;
constexpr int kMinRuns = 30;
constexpr double kTargetRatio = 1.0;

// ---- Small helpers -----------------------------------------------------------------------

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int64_t wallNanos()
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts); // the clock the engine stamps state.json with
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double nanosToMs(int64_t nanos)
{
    return static_cast<double>(nanos) / 1e6;
}

std::string readText(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw Error("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::trunc);
    out << text;
    if (!out.flush())
        throw Error("cannot write " + path);
}

// ---- Options -------------------------------------------------------------------------------

struct Options {
    int runs = 50;
    bool profile = false;
    bool hakoOnly = false; // for strace/perf: no crun processes in the trace
    std::string tmpDir = "/tmp"; // where the run's workspace (state root, bundle) goes
};

void usage(FILE *to)
{
    std::fprintf(to,
                 "usage: bench_start_latency [--runs N] [--profile] [--hako-only] [--tmpdir D]\n"
                 "  --runs N    timed runs of each runtime, interleaved (default 50, minimum %d)\n"
                 "  --profile   also print Hako's per-phase medians (create / start / wait)\n"
                 "  --hako-only skip crun (to trace or profile Hako alone; no ratio)\n"
                 "  --tmpdir D  put the run's state root and bundle under D (default /tmp)\n"
                 "Needs root. Compares Hako (create + start + wait of /bin/true) with `crun run`.\n",
                 kMinRuns);
}

Options parseOptions(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--profile") {
            options.profile = true;
        } else if (arg == "--hako-only") {
            options.hakoOnly = true;
        } else if (arg == "--tmpdir" && i + 1 < argc) {
            options.tmpDir = argv[++i];
        } else if (arg == "--runs" && i + 1 < argc) {
            char *end = nullptr;
            const long runs = std::strtol(argv[++i], &end, 10);
            if (*end || runs < kMinRuns || runs > 100000)
                throw Error("--runs wants a number from " + std::to_string(kMinRuns) + " up");
            options.runs = static_cast<int>(runs);
        } else if (arg == "--help" || arg == "-h") {
            usage(stdout);
            std::exit(0);
        } else {
            usage(stderr);
            std::exit(2);
        }
    }
    return options;
}

// ---- Statistics ----------------------------------------------------------------------------

struct Stats {
    double median = 0, p90 = 0, min = 0;
};

double nearestRank(const std::vector<double> &sorted, double fraction)
{
    const size_t rank = static_cast<size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

Stats summarize(std::vector<double> samples)
{
    if (samples.empty())
        return {};
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    const double median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    return {median, nearestRank(samples, 0.9), samples.front()};
}

double medianOf(std::vector<double> samples)
{
    return summarize(std::move(samples)).median;
}

// ---- The environment -----------------------------------------------------------------------

bool isMountPoint(const std::string &path)
{
    std::ifstream in("/proc/self/mountinfo");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id, parent, device, root, point;
        fields >> id >> parent >> device >> root >> point;
        if (point == path)
            return true;
    }
    return false;
}

// Leaves the host's mount namespace for a private copy and, on a hybrid host, drops the
// cgroup2 mount there. Returns a note for the report.
std::string enterBenchNamespace()
{
    if (::unshare(CLONE_NEWNS) < 0)
        throw hako::SysError("unshare", "mount namespace", errno);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0)
        throw hako::SysError("make private", "/", errno);
    if (!isMountPoint(kUnifiedMount))
        return "host cgroups used as they are";
    if (::umount2(kUnifiedMount, MNT_DETACH) < 0)
        throw hako::SysError("umount", kUnifiedMount, errno);
    // crun then still creates <id>/cgroup.procs under this path; on the bare directory that
    // would land in the host's /sys/fs/cgroup tmpfs, hidden under its cgroup2 mount. An empty
    // tmpfs of our own keeps them in this namespace, gone when the benchmark exits.
    if (::mount("bench", kUnifiedMount, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755") < 0)
        throw hako::SysError("mount tmpfs", kUnifiedMount, errno);
    return std::string("cgroup2 at ") + kUnifiedMount +
           " replaced by an empty tmpfs in the benchmark's private mount namespace (crun 1.8 "
           "refuses hybrid hosts); both runtimes run there on v1 cgroups";
}

// A fresh directory under /tmp for everything this run writes; removed at the end.
class Workspace {
public:
    explicit Workspace(const std::string &parent)
    {
        std::string pattern = parent + "/hako-bench-XXXXXX";
        if (!::mkdtemp(pattern.data()))
            throw hako::SysError("mkdtemp", pattern, errno);
        path_ = pattern;
    }
    ~Workspace()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
        if (ec)
            std::fprintf(stderr, "bench: could not remove %s: %s\n", path_.c_str(),
                         ec.message().c_str());
    }
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    std::string sub(const std::string &name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

// ---- Running commands ----------------------------------------------------------------------

// fd 0 is /dev/null, 1 and 2 are the given files; returns the raw wait status.
int spawnAndWait(const std::vector<std::string> &args, int stdoutFd, int stderrFd)
{
    std::vector<char *> argv;
    for (const auto &arg : args)
        argv.push_back(const_cast<char *>(arg.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, stdoutFd, 1);
    posix_spawn_file_actions_adddup2(&actions, stderrFd, 2);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw hako::SysError("spawn", args[0], rc);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            throw hako::SysError("waitpid", args[0], errno);
    return status;
}

bool succeeded(int status)
{
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string describeStatus(int status)
{
    if (WIFEXITED(status))
        return "exit code " + std::to_string(WEXITSTATUS(status));
    return "signal " + std::to_string(WTERMSIG(status));
}

// Output goes to `outputPath` (truncated first), which the caller may read afterwards.
int runToFile(const std::vector<std::string> &args, const std::string &outputPath)
{
    const int fd = ::open(outputPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throw hako::SysError("open", outputPath, errno);
    int status = 0;
    try {
        status = spawnAndWait(args, fd, fd);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    return status;
}

// ---- Hako ----------------------------------------------------------------------------------

struct HakoSample {
    double total = 0;  // create -> exit seen by wait(): the start latency
    double create = 0, start = 0, wait = 0;
    double remove = 0; // not part of the start latency
    // From the monitor's stamps in state.json (wall clock):
    double untilRunning = 0; // start() called -> monitor stamps startedAt (spawn, prepare, launch)
    double afterRunning = 0; // startedAt -> start() returns (state.json write, "ok")
    double untilStopped = 0; // wait() called -> monitor stamps finishedAt (reap, cgroup removal)
    double afterStopped = 0; // finishedAt -> wait() returns (state.json write, monitor exit)
};

hako::Spec trueSpec()
{
    hako::Spec spec = hako::defaultSpec(); // every namespace but user, the standard mounts
    spec.process.args = {"/bin/true"};
    spec.process.terminal = false;
    return spec;
}

std::string describeFailure(hako::Engine &engine, const std::string &id,
                            const std::optional<hako::ContainerState> &final)
{
    std::string text = final ? final->describe() : "no final state";
    if (final && !final->error.empty())
        text += " (" + final->error + ")";
    engine.logs(id, {}, [&](const hako::LogLine &line) {
        text += "\n  " + line.text;
        return true;
    });
    return text;
}

void removeQuietly(hako::Engine &engine, const std::string &id)
{
    try {
        engine.remove(id, true);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench: removing %s: %s\n", id.c_str(), e.what());
    }
}

void checkHakoExit(hako::Engine &engine, const std::string &id,
                   const std::optional<hako::ContainerState> &final)
{
    if (final && final->exitStatus() == 0)
        return;
    const std::string why = describeFailure(engine, id, final);
    removeQuietly(engine, id);
    throw Error("hako: /bin/true did not exit 0: " + why);
}

void fillMonitorPhases(HakoSample &s, const hako::ContainerState &final, int64_t startCalled,
                       int64_t startReturned, int64_t waitCalled, int64_t waitReturned)
{
    s.untilRunning = nanosToMs(final.startedAt - startCalled);
    s.afterRunning = nanosToMs(startReturned - final.startedAt);
    s.untilStopped = nanosToMs(final.finishedAt - waitCalled);
    s.afterStopped = nanosToMs(waitReturned - final.finishedAt);
}

HakoSample timeHako(hako::Engine &engine, const hako::Spec &spec)
{
    HakoSample s;
    const Clock::time_point t0 = Clock::now();
    const std::string id = engine.create({"", "busybox", spec});
    s.create = msSince(t0);

    const Clock::time_point t1 = Clock::now();
    const int64_t startCalled = wallNanos();
    engine.start(id);
    const int64_t startReturned = wallNanos();
    s.start = msSince(t1);

    const Clock::time_point t2 = Clock::now();
    const auto final = engine.wait(id);
    const int64_t waitReturned = wallNanos();
    s.wait = msSince(t2);
    s.total = msSince(t0);

    checkHakoExit(engine, id, final);
    fillMonitorPhases(s, *final, startCalled, startReturned, startReturned, waitReturned);
    const Clock::time_point t3 = Clock::now();
    engine.remove(id);
    s.remove = msSince(t3);
    return s;
}

// ---- crun ----------------------------------------------------------------------------------

struct Crun {
    std::string stateRoot; // crun --root: private to this run, so `crun list` shows only ours
    std::string bundle;
    std::string errorLog;  // crun's stderr of the last run
};

nlohmann::json namespacesLike(const hako::Spec &spec)
{
    nlohmann::json namespaces = nlohmann::json::array();
    for (const auto &ns : spec.linux.namespaces)
        namespaces.push_back({{"type", std::string(hako::namespaceName(ns.type))}});
    return namespaces;
}

// `crun spec` as a user would start from, pointed at the image's rootfs, running /bin/true,
// with exactly Hako's namespaces.
void writeCrunBundle(const Crun &crun, const std::string &rootfs, const hako::Spec &hakoSpec)
{
    const std::string configPath = crun.bundle + "/config.json";
    std::filesystem::create_directories(crun.bundle);
    const int status = runToFile({"crun", "spec", "-f", configPath}, crun.errorLog);
    if (!succeeded(status))
        throw Error("crun spec failed (" + describeStatus(status) + "): " + readText(crun.errorLog));
    nlohmann::json config = nlohmann::json::parse(readText(configPath));
    config["root"]["path"] = rootfs;
    config["root"]["readonly"] = hakoSpec.root.readonly;
    config["process"]["args"] = hakoSpec.process.args;
    config["process"]["terminal"] = false;
    config["linux"]["namespaces"] = namespacesLike(hakoSpec);
    writeText(configPath, config.dump(2) + "\n");
}

double timeCrun(const Crun &crun, const std::string &id, int devNull)
{
    const int errFd = ::open(crun.errorLog.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (errFd < 0)
        throw hako::SysError("open", crun.errorLog, errno);
    const std::vector<std::string> args = {"crun", "--root", crun.stateRoot, "run",
                                           "--bundle", crun.bundle, id};
    const Clock::time_point t0 = Clock::now();
    int status = 0;
    try {
        status = spawnAndWait(args, devNull, errFd);
    } catch (...) {
        ::close(errFd);
        throw;
    }
    const double ms = msSince(t0);
    ::close(errFd);
    if (!succeeded(status)) // a refusal is fast: never count it
        throw Error("crun run failed (" + describeStatus(status) + "): " + readText(crun.errorLog));
    return ms;
}

size_t crunLeftovers(const Crun &crun, const std::string &listPath)
{
    const int status = runToFile({"crun", "--root", crun.stateRoot, "list", "-q"}, listPath);
    if (!succeeded(status))
        throw Error("crun list failed: " + readText(listPath));
    std::istringstream lines(readText(listPath));
    size_t count = 0;
    for (std::string line; std::getline(lines, line);)
        count += !line.empty();
    return count;
}

// ---- Monitor memory ------------------------------------------------------------------------

struct MonitorMemory {
    long rssKb = -1;
    long privateKb = -1; // Private_Clean + Private_Dirty
};

long kbField(const std::string &path, const std::string &field)
{
    std::istringstream lines(readText(path));
    for (std::string line; std::getline(lines, line);)
        if (line.starts_with(field + ":"))
            return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
    return -1;
}

MonitorMemory readMonitorMemory(pid_t pid)
{
    const std::string proc = "/proc/" + std::to_string(pid);
    MonitorMemory memory;
    memory.rssKb = kbField(proc + "/status", "VmRSS");
    const long clean = kbField(proc + "/smaps_rollup", "Private_Clean");
    const long dirty = kbField(proc + "/smaps_rollup", "Private_Dirty");
    if (clean >= 0 && dirty >= 0)
        memory.privateKb = clean + dirty;
    return memory;
}

// The monitor of a container running `sleep 1`, looked at once it supervises.
MonitorMemory measureMonitor(hako::Engine &engine, hako::Spec spec)
{
    spec.process.args = {"sleep", "1"};
    const std::string id = engine.create({"", "busybox", spec});
    engine.start(id);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const hako::ContainerState state = engine.state(id);
    const MonitorMemory memory = readMonitorMemory(state.monitor.pid);
    const auto final = engine.wait(id);
    checkHakoExit(engine, id, final);
    engine.remove(id);
    return memory;
}

// Every timed container is removed as it goes; this catches anything a failure left.
void removeLeftovers(hako::Engine &engine)
{
    for (const hako::ContainerState &state : engine.list()) {
        std::fprintf(stderr, "bench: container %s was left behind; removing it\n",
                     state.name.c_str());
        removeQuietly(engine, state.id);
    }
}

// ---- The run -------------------------------------------------------------------------------

struct Results {
    std::vector<HakoSample> hako;
    std::vector<double> crun;
    std::vector<bool> hakoFirst; // per round
};

// One round: Hako and crun, in the given order (crun skipped when `crun` is null).
void runRound(hako::Engine &engine, const hako::Spec &spec, const Crun *crun,
              const std::string &crunId, bool hakoFirst, int devNull, Results *round)
{
    if (crun && !hakoFirst)
        round->crun.push_back(timeCrun(*crun, crunId, devNull));
    round->hako.push_back(timeHako(engine, spec));
    if (crun && hakoFirst)
        round->crun.push_back(timeCrun(*crun, crunId, devNull));
    round->hakoFirst.push_back(hakoFirst);
}

void runInterleaved(hako::Engine &engine, const hako::Spec &spec, const Crun *crun, int runs,
                    Results *results)
{
    const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devNull < 0)
        throw hako::SysError("open", "/dev/null", errno);
    const std::string prefix = "hako-bench-" + std::to_string(::getpid()) + "-";
    Results warmup;
    for (int i = 0; i < kWarmupRuns; ++i) // caches, page tables, the crun binary
        runRound(engine, spec, crun, prefix + "w" + std::to_string(i), i % 2 == 0, devNull,
                 &warmup);
    // Alternate who goes first, so neither always runs right after the other's cleanup.
    for (int i = 0; i < runs; ++i)
        runRound(engine, spec, crun, prefix + std::to_string(i), i % 2 == 0, devNull, results);
    ::close(devNull);
}

template <typename Field>
std::vector<double> column(const std::vector<HakoSample> &samples, Field field)
{
    std::vector<double> out;
    for (const auto &s : samples)
        out.push_back(s.*field);
    return out;
}

// ---- Report --------------------------------------------------------------------------------

void printRow(const char *name, const Stats &s)
{
    std::printf("%-5s median %6.2f ms  p90 %6.2f  min %6.2f\n", name, s.median, s.p90, s.min);
}

void printPhase(const char *label, double ms)
{
    std::printf("  %-56s %7.2f\n", label, ms);
}

// Whether going first or second matters (a shared cache or lock warmed by the other).
void printOrderEffect(const Results &results)
{
    if (results.crun.empty())
        return;
    std::vector<double> hako[2], crun[2]; // [0]: hako went first, [1]: crun went first
    for (size_t i = 0; i < results.hako.size(); ++i) {
        const int slot = results.hakoFirst[i] ? 0 : 1;
        hako[slot].push_back(results.hako[i].total);
        crun[slot].push_back(results.crun[i]);
    }
    std::printf("\norder effect, medians (ms):  hako first: hako %.2f crun %.2f   "
                "crun first: hako %.2f crun %.2f\n",
                medianOf(hako[0]), medianOf(crun[0]), medianOf(hako[1]), medianOf(crun[1]));
}

// The monitor stamps startedAt / finishedAt just before it writes state.json, so each
// "-> stamped" phase ends before that write and the one after it includes the write.
void printProfile(const std::vector<HakoSample> &samples)
{
    auto med = [&](double HakoSample::*field) { return medianOf(column(samples, field)); };
    std::printf("\nhako per-phase medians (ms):\n");
    printPhase("create()", med(&HakoSample::create));
    printPhase("start()", med(&HakoSample::start));
    printPhase("  monitor spawn, prepare, launch -> startedAt stamped", med(&HakoSample::untilRunning));
    printPhase("  startedAt -> start() returns (state write, report)", med(&HakoSample::afterRunning));
    printPhase("wait()", med(&HakoSample::wait));
    printPhase("  exit, reap, cgroup removal -> finishedAt stamped", med(&HakoSample::untilStopped));
    printPhase("  finishedAt -> wait() returns (state write, exit)", med(&HakoSample::afterStopped));
    printPhase("remove() (not in the latency)", med(&HakoSample::remove));
}

void printNotes(const Options &options, size_t crunLeft, const std::string &envNote)
{
    std::printf("\nnotes:\n"
                "  - hako: create + start + wait through core; the root is overlayfs (image "
                "rootfs as the lower layer, upper/work in the container's directory); state "
                "root under %s\n",
                options.tmpDir.c_str());
    if (!options.hakoOnly)
        std::printf("  - crun: fork+exec of `crun run` until it exits, as a user would run "
                    "it: its root is the same rootfs as a plain directory (no overlay); crun "
                    "run also deletes the container before exiting\n"
                    "  - crun's config.json is `crun spec` with root.path, root.readonly, "
                    "args, terminal and namespaces set as Hako's (its capability set and "
                    "noNewPrivileges stay crun's defaults)\n"
                    "  - both: namespaces pid, network, ipc, uts, mount, cgroup; the default "
                    "mounts; /bin/true; output discarded (hako logs it)\n"
                    "  - crun containers left after the run (crun list): %zu\n",
                    crunLeft);
    std::printf("  - %s\n", envNote.c_str());
}

void printReport(const Options &options, const Results &results, const MonitorMemory &memory,
                 size_t crunLeft, const std::string &envNote)
{
    const Stats hako = summarize(column(results.hako, &HakoSample::total));
    std::printf("\nstart_latency (/bin/true, 6 namespaces, %d runs%s)\n", options.runs,
                options.hakoOnly ? ", hako only" : " interleaved");
    printRow("hako", hako);
    if (!options.hakoOnly) {
        const Stats crun = summarize(results.crun);
        const double ratio = hako.median / crun.median;
        printRow("crun", crun);
        std::printf("ratio hako/crun (median) %.2f  target <= %.2f: %s\n", ratio, kTargetRatio,
                    ratio <= kTargetRatio ? "met" : "MISSED");
    }
    std::printf("hako remove (separate, not in the latency): median %.2f ms\n",
                medianOf(column(results.hako, &HakoSample::remove)));
    std::printf("hako-monitor memory (container running `sleep 1`): VmRSS %ld kB, "
                "private (clean+dirty) %ld kB\n",
                memory.rssKb, memory.privateKb);
    if (options.profile) {
        printProfile(results.hako);
        printOrderEffect(results);
    }
    printNotes(options, crunLeft, envNote);
}

int runBenchmark(const Options &options)
{
    const std::string envNote = enterBenchNamespace();
    const Workspace workspace(options.tmpDir);
    hako::EngineOptions engineOptions;
    engineOptions.stateRoot = workspace.sub("state");
    engineOptions.monitorPath = HAKO_BENCH_MONITOR;
    hako::Engine engine(engineOptions);
    const hako::Image image = engine.images().ensureBusybox(); // built once, before timing
    const hako::Spec spec = trueSpec();

    Crun crun{workspace.sub("crun-state"), workspace.sub("bundle"), workspace.sub("crun.err")};
    if (!options.hakoOnly)
        writeCrunBundle(crun, image.rootfs, spec);

    std::printf("hako-monitor %s\nrootfs %s\n", engineOptions.monitorPath.c_str(),
                image.rootfs.c_str());
    std::fflush(stdout);
    Results results;
    runInterleaved(engine, spec, options.hakoOnly ? nullptr : &crun, options.runs, &results);
    const MonitorMemory memory = measureMonitor(engine, spec);
    const size_t crunLeft = options.hakoOnly ? 0 : crunLeftovers(crun, workspace.sub("crun.list"));
    removeLeftovers(engine);
    printReport(options, results, memory, crunLeft, envNote);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    try {
        const Options options = parseOptions(argc, argv);
        if (::geteuid() != 0) {
            std::fprintf(stderr, "bench_start_latency: run as root (it creates namespaces, "
                                 "mounts and cgroups)\n");
            return 1;
        }
        return runBenchmark(options);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_start_latency: %s\n", e.what());
        return 1;
    }
}
