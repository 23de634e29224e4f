// Escape attempts through the runtime itself rather than the kernel's interfaces: the
// host binary behind /proc/<pid>/exe (CVE-2019-5736), host fds and a host cwd handed to
// the container's processes (CVE-2024-21626), and image symlinks that point a mount or the
// cwd outside the rootfs. Each attempt must fail, and the host read the same after.
#include "fixture.h"

#include "error.h"
#include "fd.h"
#include "fs.h"
#include "seccomp_profile.h"
#include "sha256.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

using namespace hako;
using namespace hako::test;

namespace {

std::vector<std::string> linesOf(const std::string &text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::string fileHash(const std::string &path)
{
    return sha256Hex(readFile(path));
}

// A host directory holding one marker file, removed at the end: what an escape would reach.
class HostMarkerDir {
public:
    HostMarkerDir()
    {
        char tmpl[] = "/tmp/hako-escape-host-XXXXXX";
        if (::mkdtemp(tmpl))
            path_ = tmpl;
        if (!path_.empty())
            writeFileAtomic(path_ + "/host-marker", "host\n");
    }
    ~HostMarkerDir()
    {
        if (!path_.empty())
            removeTree(path_);
    }
    const std::string &path() const { return path_; }
    // Only the marker, with its content: nothing was added, removed, mounted over or changed.
    bool unchanged() const
    {
        std::set<std::string> names;
        for (const auto &entry : std::filesystem::directory_iterator(path_))
            names.insert(entry.path().filename());
        return names == std::set<std::string>{"host-marker"} &&
               readFile(path_ + "/host-marker") == "host\n" &&
               hostMountTable().find(path_) == std::string::npos;
    }

private:
    std::string path_;
};

// A readlink of a container process's fd may only name what the container may see anyway:
// its stdio pipes, sockets and terminals, or /dev/null.
bool harmlessFdTarget(const std::string &target)
{
    return target.starts_with("pipe:[") || target.starts_with("socket:[") ||
           target.starts_with("/dev/pts/") || target == "/dev/null";
}

// Script lines "cwd PATH SAME" where SAME says whether PATH, looked up from the container's
// root, is the very directory the process sits in (not merely one of the same name).
const char *kCwdReport = "c=$(readlink /proc/self/cwd); "
                         "[ \"$(stat -c %d:%i \"$c\")\" = \"$(stat -c %d:%i .)\" ] "
                         "&& echo cwd $c same || echo cwd $c other";

class EscapeRuntimeTest : public EngineTest {
protected:
    static Spec probeSpec(const std::string &script)
    {
        Spec spec = shellSpec(script);
        spec.mounts.push_back({"/hako-probe", "bind", HAKO_TEST_SECCOMP_PROBE, {"bind", "ro"}});
        return spec;
    }
    std::string rootfs() { return engine_->images().ensureBusybox().rootfs; }
    // Runs an exec to its end; its stdout (stderr joined in).
    std::string execOutput(const std::string &id, const ExecRequest &base, int *status = nullptr)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe2 for the exec's output");
        UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
        ExecRequest request = base;
        request.stdoutFd = request.stderrFd = writeEnd.get();
        ExecSession session = engine_->exec(id, request);
        writeEnd.reset(); // end-of-file once the process is done with it
        const std::string out = readUntilEof(readEnd.get());
        const int code = session.wait();
        if (status)
            *status = code;
        return out;
    }
    // Starts `spec`; "" when it ran, else the start's error (the container is left stopped).
    std::string startError(const Spec &spec, std::string *id)
    {
        *id = engine_->create({"", "busybox", spec});
        try {
            engine_->start(*id);
        } catch (const Error &e) {
            return e.what();
        }
        return {};
    }
};

} // namespace

// --- /proc/<pid>/exe (CVE-2019-5736) --------------------------------------------------

TEST_F(EscapeRuntimeTest, NoProcessInsideExposesAHostBinaryEvenDuringExecs)
{
    // PID 1 keeps reading every process's exe link while execs come and go: an exec'd
    // process is the host's hako-monitor until its execve, and must not be readable as such.
    const std::string monitorBefore = fileHash(HAKO_TEST_MONITOR);
    const std::string id = run(shellSpec(
        "echo scanning; while [ ! -e /tmp/stop ]; do for e in /proc/[0-9]*/exe; do "
        "readlink $e 2>/dev/null || echo unreadable; done; done | sort -u; echo scanned; "
        "sleep 1000"));
    ASSERT_TRUE(eventually([&] { return output(id).find("scanning") != std::string::npos; }));
    ExecRequest request;
    request.args = {"sh", "-c", "readlink /proc/self/exe; readlink /proc/$$/exe"};
    for (int i = 0; i < 15; ++i)
        EXPECT_EQ(execOutput(id, request), "/bin/busybox\n/bin/busybox\n");
    request.args = {"touch", "/tmp/stop"};
    execOutput(id, request);
    ASSERT_TRUE(eventually([&] { return output(id).find("scanned") != std::string::npos; }))
        << output(id);
    const auto lines = logLines(id);
    const std::set<std::string> seen(lines.begin() + 1, lines.end() - 1);
    EXPECT_TRUE(seen.count("/bin/busybox")) << output(id);
    for (const auto &target : seen)
        EXPECT_TRUE(target == "/bin/busybox" || target == "unreadable") << target;
    EXPECT_EQ(fileHash(HAKO_TEST_MONITOR), monitorBefore);
}

TEST_F(EscapeRuntimeTest, ExeOfAContainerProcessCannotBeOpenedForWriting)
{
    const std::string busybox = rootfs() + "/bin/busybox";
    const std::string imageBefore = fileHash(busybox);
    const std::string monitorBefore = fileHash(HAKO_TEST_MONITOR);
    const std::string probeBefore = fileHash(HAKO_TEST_SECCOMP_PROBE);
    // PID 1 (the shell, busybox from the image's layer), the probe's own exe (a read-only
    // bind of a host file), and the shell opening its own exe.
    const std::string id = run(probeSpec(
        "/hako-probe open_wronly=/proc/1/exe open_wronly=/proc/self/exe; "
        "{ echo x >> /proc/self/exe; } 2>&1; echo tried; sleep 1000"));
    ASSERT_TRUE(eventually([&] { return output(id).find("tried") != std::string::npos; }))
        << output(id);
    const std::string out = output(id);
    EXPECT_NE(out.find("open_wronly=/proc/1/exe ETXTBSY"), std::string::npos) << out;
    // Busy or read-only: which one the kernel checks first does not matter.
    const bool busy = out.find("open_wronly=/proc/self/exe ETXTBSY") != std::string::npos;
    const bool readOnly = out.find("open_wronly=/proc/self/exe EROFS") != std::string::npos;
    EXPECT_TRUE(busy || readOnly) << out;
    EXPECT_NE(out.find("can't create /proc/self/exe: Text file busy"), std::string::npos) << out;

    // The same from an exec'd process, at PID 1 and itself.
    ExecRequest request;
    request.args = {"sh", "-c", "/hako-probe open_wronly=/proc/1/exe; "
                                "{ echo x >> /proc/self/exe; } 2>&1; true"};
    const std::string execOut = execOutput(id, request);
    EXPECT_NE(execOut.find("open_wronly=/proc/1/exe ETXTBSY"), std::string::npos) << execOut;
    EXPECT_NE(execOut.find("can't create /proc/self/exe: Text file busy"), std::string::npos)
        << execOut;

    EXPECT_EQ(fileHash(busybox), imageBefore);
    EXPECT_EQ(fileHash(HAKO_TEST_MONITOR), monitorBefore);
    EXPECT_EQ(fileHash(HAKO_TEST_SECCOMP_PROBE), probeBefore);
    EXPECT_FALSE(pathExists(engine_->store().containerDir(id) + "/upper/bin/busybox"))
        << "the write got as far as copying the binary up";
}

// The CVE's first step: a command that is /proc/self/exe, or a script whose interpreter is,
// resolved while the process about to exec is still the host's hako-monitor, would run the
// host binary inside the container, dumpable again, for the container to open through
// /proc/<pid>/exe and rewrite once it exits. This machine's kernel refuses the exec
// (ENOENT); a kernel that allows it must run no host binary here either.
TEST_F(EscapeRuntimeTest, ProcSelfExeAsTheCommandRunsNoHostBinary)
{
    const std::string monitorBefore = fileHash(HAKO_TEST_MONITOR);
    auto ranTheMonitor = [](const std::string &text) {
        return text.find("hako-monitor") != std::string::npos;
    };
    Spec spec = defaultSpec();
    spec.process.args = {"/proc/self/exe"};
    std::string initId;
    const std::string initError = startError(spec, &initId);
    if (initError.empty()) {
        ASSERT_TRUE(engine_->wait(initId, std::chrono::seconds(30)));
        EXPECT_FALSE(ranTheMonitor(output(initId))) << output(initId);
    } else {
        EXPECT_NE(initError.find("exec `/proc/self/exe`"), std::string::npos) << initError;
    }

    const std::string id = run(shellSpec("printf '#!/proc/self/exe\\n' > /tmp/trap; "
                                         "chmod +x /tmp/trap; echo ready; sleep 1000"));
    ASSERT_TRUE(eventually([&] { return output(id).find("ready") != std::string::npos; }));
    for (const std::string command : {"/proc/self/exe", "/tmp/trap"}) {
        ExecRequest request;
        request.args = {command};
        try {
            const std::string out = execOutput(id, request);
            EXPECT_FALSE(ranTheMonitor(out)) << command << ": " << out;
        } catch (const Error &e) {
            EXPECT_NE(std::string(e.what()).find("exec `" + command + "`"), std::string::npos)
                << e.what();
        }
    }
    EXPECT_EQ(fileHash(HAKO_TEST_MONITOR), monitorBefore);
}

// --- fds and cwd (CVE-2024-21626) -------------------------------------------------------

TEST_F(EscapeRuntimeTest, InitAndExecHoldOnlyStdioAndSitInsideTheRootfs)
{
    // Two sleeps, PID 1 and an exec'd one, looked at from a third process so that no fd of
    // the looking (a glob's directory, a command substitution's pipe) gets in the way.
    Spec spec = defaultSpec();
    spec.process.args = {"sleep", "1000"};
    const std::string id = run(spec);
    int sink[2];
    ASSERT_EQ(::pipe2(sink, O_CLOEXEC), 0);
    const UniqueFd sinkRead(sink[0]), sinkWrite(sink[1]);
    ExecRequest sleeper;
    sleeper.args = {"sleep", "999"};
    sleeper.stdoutFd = sleeper.stderrFd = sinkWrite.get();
    ExecSession held = engine_->exec(id, sleeper);
    ExecRequest request;
    request.args = {"sh", "-c",
                    "for p in $(pidof sleep); do ls /proc/$p/fd > /tmp/fds; "
                    "for n in $(cat /tmp/fds); do echo $p fd $n $(readlink /proc/$p/fd/$n); done; "
                    "c=$(readlink /proc/$p/cwd); "
                    "[ \"$(stat -L -c %d:%i /proc/$p/cwd)\" = \"$(stat -c %d:%i \"$c\")\" ] "
                    "&& echo $p cwd $c same || echo $p cwd $c other; "
                    "echo $p root $(readlink /proc/$p/root); done"};
    const std::string out = execOutput(id, request);
    held.terminate();
    held.wait();

    std::map<std::string, std::set<std::string>> fds; // pid → its fd numbers
    std::map<std::string, std::string> cwds, roots;
    for (const auto &line : linesOf(out)) {
        std::istringstream words(line);
        std::string pid, kind, value, rest;
        words >> pid >> kind >> value;
        std::getline(words, rest);
        if (kind == "fd") {
            fds[pid].insert(value);
            const std::string target = rest.empty() ? "" : rest.substr(1);
            EXPECT_TRUE(harmlessFdTarget(target)) << "pid " << pid << " fd " << value << " -> "
                                                  << target;
            EXPECT_EQ(target.find(root_), std::string::npos) << target;
        } else if (kind == "cwd") {
            cwds[pid] = value + rest;
        } else if (kind == "root") {
            roots[pid] = value;
        }
    }
    ASSERT_EQ(fds.size(), 2u) << "PID 1 and the exec'd sleep:\n" << out;
    EXPECT_TRUE(fds.count("1")) << out;
    for (const auto &[pid, numbers] : fds) {
        EXPECT_EQ(numbers, (std::set<std::string>{"0", "1", "2"})) << "pid " << pid << "\n" << out;
        EXPECT_EQ(cwds[pid], "/ same") << "pid " << pid << "\n" << out;
        EXPECT_EQ(roots[pid], "/") << "pid " << pid << "\n" << out;
    }
}

// runc's fd leak: a cwd of /proc/self/fd/N naming a directory fd the runtime still held
// put the process in the host's tree. Every N a runtime could plausibly hold is tried: the
// container's init holds the monitor's fds (up to about 13: logs, pipes, a signalfd, a
// pidfd) until its execve closes them, and none may be a directory.
TEST_F(EscapeRuntimeTest, CwdThroughProcSelfFdNeverLandsOnTheHost)
{
    const int kHighestFdTried = 24;
    for (int fd = 3; fd <= kHighestFdTried; ++fd) {
        const std::string cwd = "/proc/self/fd/" + std::to_string(fd);
        Spec spec = shellSpec(kCwdReport);
        spec.process.cwd = cwd;
        std::string id;
        const std::string error = startError(spec, &id);
        if (!error.empty()) {
            EXPECT_NE(error.find("chdir"), std::string::npos) << cwd << ": " << error;
            continue;
        }
        const auto end = engine_->wait(id, std::chrono::seconds(30));
        ASSERT_TRUE(end);
        const std::string out = output(id);
        EXPECT_TRUE(out.starts_with("cwd /") && out.ends_with(" same")) << cwd << ": " << out;
        EXPECT_EQ(out.find("unreachable"), std::string::npos) << cwd << ": " << out;
    }

    const std::string id = run(shellSpec("sleep 1000"));
    for (int fd = 3; fd <= kHighestFdTried; ++fd) {
        ExecRequest request;
        request.args = {"sh", "-c", kCwdReport};
        request.cwd = "/proc/self/fd/" + std::to_string(fd);
        int status = -1;
        std::string out;
        try {
            out = execOutput(id, request, &status);
        } catch (const Error &e) {
            EXPECT_NE(std::string(e.what()).find("chdir"), std::string::npos) << e.what();
            continue;
        }
        if (status != 0) {
            EXPECT_NE(out.find("chdir"), std::string::npos) << request.cwd << ": " << out;
            continue;
        }
        EXPECT_TRUE(out.starts_with("cwd /") && out.ends_with(" same\n")) << request.cwd << ": "
                                                                          << out;
        EXPECT_EQ(out.find("unreachable"), std::string::npos) << request.cwd << ": " << out;
    }
}

TEST_F(EscapeRuntimeTest, CwdThroughAnImageSymlinkStaysInsideTheRootfs)
{
    HostMarkerDir host;
    ASSERT_FALSE(host.path().empty());
    // One link climbing past the root, one naming the host directory outright.
    ASSERT_EQ(::symlink("../../../../../../../..", (rootfs() + "/climb").c_str()), 0);
    ASSERT_EQ(::symlink(host.path().c_str(), (rootfs() + "/hostdir").c_str()), 0);

    Spec climb = shellSpec(std::string(kCwdReport) + "; ls");
    climb.process.cwd = "/climb";
    const ContainerState end = runToEnd(climb);
    const std::string out = output(end.id);
    EXPECT_TRUE(out.starts_with("cwd / same\n")) << out;
    EXPECT_NE(out.find("\nbin\n"), std::string::npos) << "the container's root: " << out;
    EXPECT_EQ(out.find("host-marker"), std::string::npos) << out;

    // The host directory's path does not exist inside: the start fails rather than landing
    // anywhere.
    Spec outward = shellSpec(std::string(kCwdReport) + "; ls");
    outward.process.cwd = "/hostdir";
    std::string id;
    const std::string error = startError(outward, &id);
    EXPECT_NE(error.find("chdir to process.cwd"), std::string::npos) << error << output(id);

    // An exec given the same cwds.
    const std::string running = run(shellSpec("sleep 1000"));
    ExecRequest request;
    request.args = {"sh", "-c", std::string(kCwdReport) + "; ls"};
    request.cwd = "/climb";
    const std::string execOut = execOutput(running, request);
    EXPECT_TRUE(execOut.starts_with("cwd / same\n")) << execOut;
    request.cwd = "/hostdir";
    int status = 0;
    try {
        const std::string refused = execOutput(running, request, &status);
        EXPECT_NE(status, 0) << refused;
        EXPECT_EQ(refused.find("host-marker"), std::string::npos) << refused;
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("chdir"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(host.unchanged());
}

// --- mount destinations through image symlinks ------------------------------------------

TEST_F(EscapeRuntimeTest, TmpfsDestinationThroughAnImageSymlinkCannotReachTheHost)
{
    HostMarkerDir host;
    ASSERT_FALSE(host.path().empty());
    const std::string mountsBefore = hostMountTable();
    for (const std::string &target : {host.path(), "../../../../../.." + host.path()}) {
        ::unlink((rootfs() + "/data").c_str());
        ASSERT_EQ(::symlink(target.c_str(), (rootfs() + "/data").c_str()), 0);
        Spec spec = shellSpec("touch /data/from-container; true");
        spec.mounts.push_back({"/data", "tmpfs", "tmpfs", {"nosuid", "size=1m"}});
        std::string id;
        const std::string error = startError(spec, &id);
        EXPECT_NE(error.find("/data"), std::string::npos) << target << ": " << error;
        EXPECT_NE(error.find("symlink"), std::string::npos) << target << ": " << error;
        EXPECT_TRUE(host.unchanged()) << target;
    }
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

TEST_F(EscapeRuntimeTest, TmpfsDestinationThroughAnImageSymlinkLandsInTheRootfs)
{
    // /data -> /etc: the container's /etc, never the host's.
    ASSERT_EQ(::symlink("/etc", (rootfs() + "/data").c_str()), 0);
    const std::string hostHostname = readFile("/etc/hostname");
    const std::string mountsBefore = hostMountTable();
    Spec spec = shellSpec("echo container > /data/hostname; cat /etc/hostname; "
                          "grep -c ' /etc .* - tmpfs ' /proc/self/mountinfo");
    spec.mounts.push_back({"/data", "tmpfs", "tmpfs", {"nosuid", "size=1m"}});
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(output(end.id), "container\n1");
    EXPECT_EQ(readFile("/etc/hostname"), hostHostname);
    EXPECT_EQ(readFile(rootfs() + "/etc/hostname"), "busybox\n") << "the image layer changed";
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

TEST_F(EscapeRuntimeTest, MaskedAndReadonlyPathsThroughImageSymlinksStayInside)
{
    HostMarkerDir host;
    ASSERT_FALSE(host.path().empty());
    ASSERT_EQ(::symlink((host.path() + "/host-marker").c_str(), (rootfs() + "/secret").c_str()),
              0);
    ASSERT_EQ(::symlink(host.path().c_str(), (rootfs() + "/frozen").c_str()), 0);
    ASSERT_EQ(::symlink("/etc/passwd", (rootfs() + "/passwd-link").c_str()), 0);
    const std::string hostPasswd = readFile("/etc/passwd");
    const std::string mountsBefore = hostMountTable();
    Spec spec = shellSpec("cat /etc/passwd | wc -c; echo done");
    spec.linux.maskedPaths.push_back("/secret");
    spec.linux.maskedPaths.push_back("/passwd-link");
    spec.linux.readonlyPaths.push_back("/frozen");
    const ContainerState end = runToEnd(spec);
    // The container's own /etc/passwd got masked; the links to the host named nothing inside.
    EXPECT_EQ(output(end.id), "0\ndone");
    EXPECT_EQ(readFile("/etc/passwd"), hostPasswd);
    EXPECT_TRUE(host.unchanged());
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

TEST_F(EscapeRuntimeTest, DestinationsThroughProcMagicLinksAreRefused)
{
    // Until pivot_root the container's init still has the host's root, and /proc (mounted
    // first) shows it as /proc/self/root: a destination through it, in the spec or through
    // an image symlink, would create files and mounts on the host's tree.
    HostMarkerDir host;
    ASSERT_FALSE(host.path().empty());
    const std::string viaProc = "/proc/self/root" + host.path();
    ASSERT_EQ(::symlink(viaProc.c_str(), (rootfs() + "/proclink").c_str()), 0);
    const std::string payload = root_ + "/payload";
    ASSERT_EQ(::mkdir(payload.c_str(), 0755), 0);
    const std::string mountsBefore = hostMountTable();

    std::vector<std::pair<std::string, Spec>> attempts;
    for (const std::string &destination : {viaProc + "/new", std::string("/proclink/new")}) {
        Spec tmpfs = shellSpec("true");
        tmpfs.mounts.push_back({destination, "tmpfs", "tmpfs", {"size=1m"}});
        attempts.emplace_back("tmpfs on " + destination, tmpfs);
        Spec bind = shellSpec("true");
        bind.mounts.push_back({destination, "bind", payload, {"rbind"}});
        attempts.emplace_back("bind on " + destination, bind);
    }
    Spec masked = shellSpec("true");
    masked.linux.maskedPaths.push_back(viaProc + "/host-marker");
    attempts.emplace_back("masked " + viaProc + "/host-marker", masked);
    Spec readOnly = shellSpec("true");
    readOnly.linux.readonlyPaths.push_back("/proclink");
    attempts.emplace_back("read-only /proclink", readOnly);

    for (const auto &[what, spec] : attempts) {
        std::string id;
        const std::string error = startError(spec, &id);
        EXPECT_FALSE(error.empty()) << what << " started";
        EXPECT_NE(error.find("Too many levels of symbolic links"), std::string::npos)
            << what << ": " << error;
        EXPECT_TRUE(host.unchanged()) << what;
    }
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

// --- what the options must still allow --------------------------------------------------

TEST_F(EscapeRuntimeTest, NetAdminIsNeededToChangeALink)
{
    const std::string hostMtu = readFile("/sys/class/net/lo/mtu");
    const char *script = "ip link set lo mtu 1300 2>&1; cat /sys/class/net/lo/mtu";
    const ContainerState refused = runToEnd(shellSpec(script));
    const std::string out = output(refused.id);
    EXPECT_NE(out.find("Operation not permitted"), std::string::npos) << out;
    EXPECT_TRUE(out.ends_with("65536")) << out;

    Spec spec = shellSpec(script);
    auto &caps = *spec.process.capabilities;
    caps.bounding.push_back("CAP_NET_ADMIN");
    caps.effective = caps.permitted = caps.bounding;
    spec.linux.seccomp = defaultSeccomp(caps.bounding);
    const ContainerState allowed = runToEnd(spec);
    EXPECT_EQ(output(allowed.id), "1300");
    EXPECT_EQ(readFile("/sys/class/net/lo/mtu"), hostMtu) << "the host's loopback changed";
}

TEST_F(EscapeRuntimeTest, DroppingEveryCapabilityLeavesRootWithNone)
{
    Spec spec = shellSpec("grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status; "
                          "touch /tmp/f; chown 1 /tmp/f 2>&1; echo end");
    spec.process.capabilities = Capabilities{};
    spec.linux.seccomp = defaultSeccomp({});
    const ContainerState end = runToEnd(spec);
    const auto lines = logLines(end.id);
    ASSERT_EQ(lines.size(), 7u) << output(end.id);
    for (size_t i = 0; i < 5; ++i)
        EXPECT_TRUE(lines[i].ends_with("\t0000000000000000")) << lines[i];
    EXPECT_NE(lines[5].find("Operation not permitted"), std::string::npos) << lines[5];
}

TEST_F(EscapeRuntimeTest, ReadonlyRootKeepsATmpfsTmpWritable)
{
    Spec spec = shellSpec("touch /x 2>&1; echo kept > /tmp/y && cat /tmp/y");
    spec.root.readonly = true;
    spec.mounts.push_back({"/tmp", "tmpfs", "tmpfs", {"nosuid", "nodev", "size=1m"}});
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(output(end.id), "touch: /x: Read-only file system\nkept");
    const std::string upper = engine_->store().containerDir(end.id) + "/upper";
    EXPECT_FALSE(pathExists(upper + "/x"));
    EXPECT_FALSE(pathExists(upper + "/tmp/y")) << "the tmpfs write reached the layer";
}
