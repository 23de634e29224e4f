// The isolation check (isolation_check.h): hako-probe copied into a sealed memfd, executed
// in the container through exec, its report read with a size and time limit, and judged
// (isolation_judge.h) against the spec and what the host shows of the container.
#include "engine.h"
#include "network_files.h"

#include "cgroup.h"
#include "error.h"
#include "fs.h"
#include "isolation_judge.h"
#include "sealed_binary.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

namespace hako
{

namespace
{

constexpr size_t kReportLimit = 256 * 1024;
constexpr auto kProbeTimeout = std::chrono::seconds(10);

// Reads until end of file, `kReportLimit` bytes or the deadline; says why when it stopped early.
std::string readReport(int fd, std::string &failure)
{
    const auto deadline = std::chrono::steady_clock::now() + kProbeTimeout;
    std::string out;
    char buf[16384];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fd, POLLIN, 0};
        const int ready = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            failure =
                "the probe did not finish within " + std::to_string(kProbeTimeout.count()) + " s";
            return out;
        }
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return out;
        out.append(buf, static_cast<size_t>(n));
        if (out.size() > kReportLimit) {
            failure =
                "the probe's report is larger than " + std::to_string(kReportLimit / 1024) + " KiB";
            return out;
        }
    }
}

std::vector<std::string> commandLineOf(const std::string &path)
{
    std::vector<std::string> args;
    try {
        std::istringstream in(readFile(path));
        for (std::string arg; std::getline(in, arg, '\0');)
            args.push_back(arg);
    } catch (const std::exception &) {
    }
    return args;
}

std::vector<std::string> interfacesOf(const std::string &netDev)
{
    std::vector<std::string> names;
    try {
        std::istringstream in(readFile(netDev));
        for (std::string line; std::getline(in, line);) {
            const size_t colon = line.find(':');
            if (colon == std::string::npos)
                continue;
            std::istringstream name(line.substr(0, colon));
            std::string word;
            if (name >> word)
                names.push_back(word);
        }
    } catch (const std::exception &) {
    }
    return names;
}

// The entry for "/" that is in use (the last one stacked there) in a mountinfo.
std::optional<MountEntry> rootMountOf(const std::string &mountinfo)
{
    std::optional<MountEntry> root;
    try {
        std::istringstream in(readFile(mountinfo));
        for (std::string line; std::getline(in, line);) {
            std::istringstream words(line);
            std::vector<std::string> f;
            for (std::string w; words >> w;)
                f.push_back(w);
            size_t dash = 6;
            while (dash < f.size() && f[dash] != "-")
                ++dash;
            if (f.size() > 4 && dash + 2 < f.size() && f[4] == "/")
                root = MountEntry{"/", f[3], f[dash + 1], f[dash + 2], f[2]};
        }
    } catch (const std::exception &) {
    }
    return root;
}

// The limit files of the container's cgroup, wherever its hierarchies keep them.
void readCgroupFiles(const std::string &cgroupRoot, const std::string &id, HostFacts &facts)
{
    static const char *kFiles[] = {"memory.limit_in_bytes", "pids.max",   "cpu.cfs_quota_us",
                                   "cpu.cfs_period_us",     "memory.max", "cpu.max"};
    std::vector<std::string> dirs;
    try {
        dirs = makeCgroup(CgroupLayout::detect(cgroupRoot), "hako/" + id)->directories();
    } catch (const std::exception &e) {
        facts.cgroupError = e.what();
        return;
    }
    for (const std::string &dir : dirs)
        for (const char *name : kFiles) {
            if (facts.cgroupFiles.contains(name))
                continue;
            try {
                if (const auto value = cgroup_detail::readCgroupFile(dir + "/" + name))
                    facts.cgroupFiles[name] = {dir + "/" + name, cgroup_detail::trimmed(*value)};
            } catch (const std::exception &e) {
                facts.cgroupError = e.what();
            }
        }
    if (facts.cgroupFiles.empty() && facts.cgroupError.empty())
        facts.cgroupError = "no limit file in " + isolation_detail::joined(dirs, ", ");
}

HostFacts gatherHostFacts(const ContainerState &state, const std::string &cgroupRoot)
{
    HostFacts facts;
    facts.containerPid = state.pid.pid;
    const std::string proc = "/proc/" + std::to_string(state.pid.pid);
    facts.containerCommand = commandLineOf(proc + "/cmdline");
    facts.hostInitCommand = commandLineOf("/proc/1/cmdline");
    for (const char *kind : {"pid", "net", "ipc", "uts", "mnt", "user", "cgroup"}) {
        facts.container[kind] = namespaceInode(proc + "/ns/" + kind);
        facts.host[kind] = namespaceInode(std::string("/proc/1/ns/") + kind);
        facts.engine[kind] = namespaceInode(std::string("/proc/self/ns/") + kind);
    }
    // Read before anything else of the container's: a pid reused since would show another
    // process's namespaces, so its start time is checked again after.
    if (!isAlive(state.pid))
        throw StateError("container " + state.name + " stopped during the isolation check");
    utsname host{};
    if (::uname(&host) == 0)
        facts.hostname = host.nodename;
    facts.interfaces = interfacesOf("/proc/1/net/dev");
    facts.rootMount = rootMountOf("/proc/1/mountinfo");
    readCgroupFiles(cgroupRoot, state.id, facts);
    const long page = ::sysconf(_SC_PAGESIZE);
    facts.pageSize = page > 0 ? static_cast<uint64_t>(page) : 4096;
    return facts;
}

// Runs the probe in the container; its stdout, and in `failure` why it cannot be used.
std::string runProbe(const Engine &engine, const std::string &id, const UniqueFd &program,
                     std::string &failure)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        throwSys("pipe");
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    ExecRequest request;
    request.args = {"hako-probe"};
    request.programFd = program.get();
    request.stdoutFd = writeEnd.get();
    request.stderrFd = -1;
    ExecSession session = engine.exec(id, request);
    writeEnd.reset();
    std::string report = readReport(readEnd.get(), failure);
    if (!failure.empty())
        session.terminate(); // a probe that hangs or floods is stopped, not waited for
    const int code = session.wait();
    if (failure.empty() && code != 0 && report.empty())
        failure = "the probe exited with status " + std::to_string(code) + " and printed nothing";
    return report;
}

} // namespace

IsolationReport Engine::checkIsolation(const std::string &nameOrId) const
{
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    if (state.status == Status::Paused)
        throw StateError("container " + state.name + " is paused: unpause to check");
    if (state.status != Status::Running)
        throw StateError("container " + state.name + " is not running (" + state.describe() + ")");
    const ParseResult parsed = parseSpec(readFile(store_.configPath(id)));
    if (!parsed.ok())
        throw Error("config.json of " + state.name + ": " + parsed.errorText());
    // A missing probe is the installation's fault, reported as an error; a probe that
    // cannot run in this container (its filter refuses execveat, its pids limit is reached)
    // is this container's answer, reported as unknown verdicts that say why.
    const UniqueFd program = sealedCopy(probeBinary(), "hako-probe");
    std::string failure, output;
    try {
        output = runProbe(*this, id, program, failure);
    } catch (const StateError &) {
        throw;
    } catch (const Error &e) {
        failure = e.what();
    }
    ProbeReport probe = parseProbeReport(output);
    if (!failure.empty()) // a timeout or a failed exec explains a truncated or empty report best
        probe.failure = failure;
    HostFacts facts = gatherHostFacts(state, options_.cgroupRoot);
    for (const Endpoint &endpoint : readEndpoints(store_.containerDir(state.id) + "/network.json"))
        facts.ownInterfaces.push_back(endpoint.interface);
    if (!facts.ownInterfaces.empty())
        for (const Mount &m : networkFileMounts(networkFilePaths(store_.containerDir(state.id))))
            facts.networkFileMounts.push_back(m.destination);
    const EffectiveSecurity security = readEffectiveSecurity(state.pid);
    return {state.id, state.name, judgeIsolation(*parsed.spec, probe, facts, security)};
}

} // namespace hako
