// What the security review asked for: the writable layer out of other users' reach, exec
// environment overrides, and exec'd processes that do not outlive their session.
#include "fixture.h"

#include "error.h"
#include "fs.h"
#include "proc.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace hako;
using namespace hako::test;
using namespace std::chrono_literals;

namespace {

std::string execOutput(Engine &engine, const std::string &id, const ExecRequest &base)
{
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    ExecRequest request = base;
    request.stdoutFd = fds[1];
    ExecSession session = engine.exec(id, request);
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
        out.append(buf, static_cast<size_t>(n));
    ::close(fds[0]);
    session.wait();
    return out;
}

// The host pid of a process whose command line starts with `name` and holds `marker`;
// -1 when there is none (after waiting up to 2 s for it to appear, if `wait`).
pid_t findProcess(const std::string &name, const std::string &marker, bool wait = true)
{
    for (int tries = 0; tries < (wait ? 100 : 1); ++tries) {
        for (const auto &entry : std::filesystem::directory_iterator("/proc")) {
            const std::string pid = entry.path().filename();
            if (pid.find_first_not_of("0123456789") != std::string::npos)
                continue;
            std::ifstream in(entry.path() / "cmdline");
            std::string cmd((std::istreambuf_iterator<char>(in)), {});
            if (cmd.starts_with(name) && cmd.find(marker) != std::string::npos)
                return std::stoi(pid);
        }
        std::this_thread::sleep_for(20ms);
    }
    return -1;
}

} // namespace

TEST_F(EngineTest, WritableLayerIsOutOfOtherUsersReach)
{
    const std::string id = run(shellSpec("sleep 30"));
    struct stat st {};
    ASSERT_EQ(::stat(engine_->store().containerDir(id).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0700u) << "other host users could run the container's setuid files";
    EXPECT_EQ(st.st_uid, 0u);
}

TEST_F(EngineTest, UserNamespaceLayerIsOpenOnlyToTheMappedRootGroup)
{
    Spec spec = shellSpec("sleep 30");
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    spec.linux.uidMappings = {{0, 200000, 65536}};
    spec.linux.gidMappings = {{0, 200000, 65536}};
    ::chmod(root_.c_str(), 0711); // a real state root is searchable; mkdtemp's is not
    const std::string id = run(spec);
    struct stat st {};
    ASSERT_EQ(::stat(engine_->store().containerDir(id).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0710u);
    EXPECT_EQ(st.st_gid, 200000u);
    ASSERT_EQ(::stat((engine_->store().containerDir(id) + "/upper").c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 200000u);
}

TEST_F(EngineTest, ExecEnvironmentOverridesTheContainers)
{
    Spec spec = shellSpec("sleep 30");
    spec.process.env.push_back("GREETING=from-spec");
    const std::string id = run(spec);
    ExecRequest request;
    request.args = {"sh", "-c", "echo $GREETING; echo $PATH"};
    request.env = {"GREETING=from-exec", "PATH=/bin"};
    EXPECT_EQ(execOutput(*engine_, id, request), "from-exec\n/bin\n");
}

TEST_F(EngineTest, ExecProcessDoesNotOutliveItsSession)
{
    const std::string id = run(shellSpec("sleep 30"));
    {
        ExecRequest request;
        request.args = {"sleep", "977"};
        ExecSession session = engine_->exec(id, request);
        ASSERT_GT(findProcess("sleep", "977"), 0);
    } // destroyed without wait(): the shim is killed, and with it the process
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(findProcess("sleep", "977", false), -1) << "an exec'd process outlived its session";
}

TEST_F(EngineTest, ReadOnlyBindIsReadOnlyAllTheWayDown)
{
    const std::string host = root_ + "/volume";
    ASSERT_EQ(::mkdir(host.c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((host + "/sub").c_str(), 0755), 0);
    // A submount inside the volume: a plain remount would leave it writable.
    ASSERT_EQ(::mount("tmpfs", (host + "/sub").c_str(), "tmpfs", 0, "size=1m"), 0);
    Spec spec = shellSpec("touch /data/top 2>&1; touch /data/sub/inner 2>&1; "
                          "grep ' /data' /proc/self/mountinfo | grep -c ' ro,'");
    spec.mounts.push_back({"/data", "bind", host, {"rbind", "ro"}});
    const ContainerState state = runToEnd(spec);
    const std::string out = output(state.id);
    ::umount2((host + "/sub").c_str(), MNT_DETACH);
    EXPECT_NE(out.find("touch: /data/top: Read-only file system"), std::string::npos) << out;
    EXPECT_NE(out.find("touch: /data/sub/inner: Read-only file system"), std::string::npos) << out;
    EXPECT_TRUE(out.ends_with("2")) << "both mounts read-only: " << out;
}

TEST_F(EngineTest, BindMountTargetsCannotEscapeThroughImageSymlinks)
{
    // The image's /escape is a symlink pointing at the host's /tmp. The mount must never land
    // there: the link resolves as if the rootfs were /, where its target does not exist, so
    // the start is refused with the path named.
    const std::string rootfs = engine_->images().ensureBusybox().rootfs;
    const std::string link = rootfs + "/escape";
    ::unlink(link.c_str());
    ASSERT_EQ(::symlink("/tmp/hako-escape-target", link.c_str()), 0);
    const std::string host = root_ + "/payload";
    ASSERT_EQ(::mkdir(host.c_str(), 0755), 0);
    Spec spec = shellSpec("true");
    spec.mounts.push_back({"/escape", "bind", host, {"rbind"}});
    const std::string id = engine_->create({"", "busybox", spec});
    try {
        engine_->start(id);
        ADD_FAILURE() << "a bind mount onto a dangling symlink started";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("/escape"), std::string::npos) << e.what();
    }
    ::unlink(link.c_str());
    struct stat st {};
    EXPECT_NE(::stat("/tmp/hako-escape-target", &st), 0) << "a mount target was created on the host";
    EXPECT_EQ(hostMountTable().find(host), std::string::npos) << "the payload got mounted on the host";
}

TEST_F(EngineTest, NamespacedSysctlChangesOnlyTheContainer)
{
    const std::string hostBefore = readFile("/proc/sys/net/ipv4/ip_unprivileged_port_start");
    Spec spec = shellSpec("cat /proc/sys/net/ipv4/ip_unprivileged_port_start");
    spec.linux.sysctl = {{"net.ipv4.ip_unprivileged_port_start", "777"}};
    const ContainerState state = runToEnd(spec);
    EXPECT_EQ(output(state.id), "777");
    EXPECT_EQ(readFile("/proc/sys/net/ipv4/ip_unprivileged_port_start"), hostBefore);
}

TEST_F(EngineTest, SysctlInTheHostsNamespaceIsRefused)
{
    Spec spec = shellSpec("true");
    for (auto &ns : spec.linux.namespaces)
        if (ns.type == NamespaceType::Network)
            ns.path = "/proc/" + std::to_string(::getpid()) + "/ns/net"; // the host's own
    spec.linux.sysctl = {{"net.ipv4.ip_unprivileged_port_start", "777"}};
    const std::string before = readFile("/proc/sys/net/ipv4/ip_unprivileged_port_start");
    const std::string id = engine_->create({"", "busybox", spec});
    try {
        engine_->start(id);
        ADD_FAILURE() << "a sysctl was set in the host's network namespace";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find("would change the host"), std::string::npos) << e.what();
    }
    EXPECT_EQ(readFile("/proc/sys/net/ipv4/ip_unprivileged_port_start"), before);
}
