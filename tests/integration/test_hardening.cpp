// What the security review asked for: the writable layer out of other users' reach, exec
// environment overrides, and exec'd processes that do not outlive their session.
#include "fixture.h"

#include "proc.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
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
