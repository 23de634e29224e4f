// exec: a new process in a running container's namespaces, its output on the caller's fds or
// on a pty, and its exit code back through ExecSession::wait().
#include "fixture.h"

#include "error.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace hako;
using namespace hako::test;
using namespace std::chrono_literals;

namespace {

struct ExecResult {
    int code = -1;
    std::string out;
};

std::string readToEnd(int fd)
{
    std::string out;
    char buf[4096];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0)
            break; // nothing for 10 s: give up rather than hang the suite
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // end of file, or EIO from a pty master whose slave is gone
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

// Runs `request` in the container with its stdout on a pipe; returns what it printed.
ExecResult execCapture(const Engine &engine, const std::string &id, ExecRequest request)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        throw std::runtime_error("pipe failed");
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    request.stdoutFd = writeEnd.get();
    ExecSession session = engine.exec(id, request);
    writeEnd.reset();
    ExecResult result;
    result.out = readToEnd(readEnd.get());
    result.code = session.wait();
    return result;
}

ExecResult execCapture(const Engine &engine, const std::string &id, std::vector<std::string> args)
{
    ExecRequest request;
    request.args = std::move(args);
    return execCapture(engine, id, request);
}

bool waitForOutput(const Engine &engine, const std::string &id, const std::string &text)
{
    for (int i = 0; i < 500; ++i) {
        bool found = false;
        engine.logs(id, {}, [&](const LogLine &line) {
            found = found || line.text.find(text) != std::string::npos;
            return true;
        });
        if (found)
            return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

const std::string kPid1Script = "cat /proc/self/mountinfo > /tmp/m; echo ready; sleep 1000; true";

} // namespace

class ExecTest : public EngineTest {
protected:
    void SetUp() override
    {
        EngineTest::SetUp();
        if (IsSkipped())
            return;
        Spec spec = shellSpec(kPid1Script);
        spec.hostname = "exec-box";
        id_ = run(spec, "target");
        ASSERT_TRUE(waitForOutput(*engine_, id_, "ready"));
    }

    std::string id_;
};

TEST_F(ExecTest, SeesTheContainersPidOne)
{
    const ExecResult r = execCapture(*engine_, id_, {"cat", "/proc/1/cmdline"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, std::string("sh\0-c\0", 6) + kPid1Script + std::string(1, '\0'));
}

TEST_F(ExecTest, SeesTheContainersHostname)
{
    EXPECT_EQ(execCapture(*engine_, id_, {"hostname"}).out, "exec-box\n");
}

TEST_F(ExecTest, SeesTheContainersMounts)
{
    const ExecResult mine = execCapture(*engine_, id_, {"cat", "/proc/self/mountinfo"});
    const ExecResult pid1s = execCapture(*engine_, id_, {"cat", "/tmp/m"});
    ASSERT_EQ(pid1s.code, 0);
    EXPECT_FALSE(mine.out.empty());
    EXPECT_EQ(mine.out, pid1s.out);
}

TEST_F(ExecTest, ExitCodeComesBack)
{
    EXPECT_EQ(execCapture(*engine_, id_, {"sh", "-c", "exit 42"}).code, 42);
}

TEST_F(ExecTest, StdoutGoesToTheCallersFd)
{
    const ExecResult r = execCapture(*engine_, id_, {"echo", "hello from exec"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, "hello from exec\n");
}

TEST_F(ExecTest, EnvCwdAndUserFromTheRequest)
{
    ExecRequest request;
    request.args = {"sh", "-c", "echo $FOO; pwd; id -u"};
    request.env = {"FOO=bar"};
    request.cwd = "/tmp";
    request.user = User{1000, 1000, std::nullopt, {}};
    const ExecResult r = execCapture(*engine_, id_, request);
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, "bar\n/tmp\n1000\n");
}

TEST_F(ExecTest, WithATtyTheProcessSeesOne)
{
    ExecRequest request;
    request.args = {"sh", "-c", "tty; test -t 0 && echo stdin-is-a-tty"};
    request.tty = true;
    ExecSession session = engine_->exec(id_, request);
    ASSERT_GE(session.ptyMaster(), 0);
    const std::string out = readToEnd(session.ptyMaster());
    EXPECT_EQ(session.wait(), 0);
    EXPECT_TRUE(contains(out, "/dev/pts/")) << out;
    EXPECT_TRUE(contains(out, "stdin-is-a-tty")) << out;
}

TEST_F(ExecTest, ResizeChangesTheTerminalSize)
{
    ExecRequest request;
    request.args = {"sh", "-c", "sleep 0.3; stty size"};
    request.tty = true;
    ExecSession session = engine_->exec(id_, request);
    ASSERT_GE(session.ptyMaster(), 0);
    session.resize({40, 100});
    const std::string out = readToEnd(session.ptyMaster());
    EXPECT_EQ(session.wait(), 0);
    EXPECT_TRUE(contains(out, "40 100")) << out;
}

TEST_F(ExecTest, MissingBinaryIsReported)
{
    // engine.h documents neither; the shell's convention is 127, an exception is fine too.
    ExecRequest request;
    request.args = {"/no/such/binary"};
    try {
        ExecSession session = engine_->exec(id_, request);
        EXPECT_EQ(session.wait(), 127);
    } catch (const Error &e) {
        EXPECT_TRUE(contains(e.what(), "No such file")) << e.what();
    }
}

TEST_F(EngineTest, ExecIntoAStoppedContainerIsRefused)
{
    const ContainerState end = runToEnd(shellSpec("true"));
    ExecRequest request;
    request.args = {"true"};
    EXPECT_THROW(engine_->exec(end.id, request), StateError);
}

TEST_F(EngineTest, TerminalContainerLogsItsPtyOutput)
{
    Spec spec = shellSpec("tty; echo via-pty");
    spec.process.terminal = true;
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(end.exitCode, 0);
    std::vector<LogLine> lines;
    engine_->logs(end.id, {}, [&](const LogLine &line) {
        lines.push_back(line);
        return true;
    });
    ASSERT_EQ(lines.size(), 2u) << output(end.id);
    EXPECT_EQ(lines[0].text.rfind("/dev/pts/", 0), 0u) << lines[0].text;
    EXPECT_TRUE(contains(lines[1].text, "via-pty")) << lines[1].text;
    for (const auto &line : lines)
        EXPECT_EQ(line.stream, "stdout");
}
