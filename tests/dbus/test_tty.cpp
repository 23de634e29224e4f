// run -it and exec -it under a pseudo-terminal of the test's: echo, resize, exit code.
#include "bus_fixture.h"

#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

// Drives an interactive busybox sh on `pty`: initial size, a resize, a command, exit 7.
void driveShell(PtyChild &pty)
{
    pty.write("stty size\r");
    EXPECT_TRUE(pty.readUntil("24 80", 15s)) << "initial size; so far:\n" << pty.output();
    const size_t mark = pty.output().size();
    pty.resize(33, 101);
    std::this_thread::sleep_for(500ms); // the resize travels hakoctl → helper → monitor
    pty.write("stty size\r");
    EXPECT_TRUE(pty.readUntil("33 101", 10s, mark)) << "after resize; so far:\n" << pty.output();
    pty.write("echo hel''lo; exit 7\r"); // the echoed input never contains "hello"
    EXPECT_TRUE(pty.readUntil("hello", 10s)) << pty.output();
    EXPECT_EQ(pty.wait(15s), 7) << pty.output();
}

TEST_F(CtlTest, RunInteractiveTerminal)
{
    PtyChild pty({hakoctlPath(), "run", "-it", "--name", "tty1", "busybox", "sh"},
                 env().clientEnv(), 24, 80);
    driveShell(pty);
}

TEST_F(CtlTest, ExecInteractiveTerminal)
{
    runDetached("tty2", {"sleep", "1000"});
    PtyChild pty({hakoctlPath(), "exec", "-it", "tty2", "sh"}, env().clientEnv(), 24, 80);
    driveShell(pty);
    EXPECT_EQ(inspectField("tty2", "{{.State.Running}}"), "true") << "exec's end is not PID 1's";
}

TEST_F(CtlTest, RunInteractiveCtrlDEnds)
{
    PtyChild pty({hakoctlPath(), "run", "-it", "--rm", "busybox", "sh"}, env().clientEnv(), 24, 80);
    pty.write("echo rea''dy\r");
    ASSERT_TRUE(pty.readUntil("ready", 15s)) << pty.output();
    pty.write("\x04");
    EXPECT_EQ(pty.wait(15s), 0) << pty.output();
    EXPECT_TRUE(eventually([&] { return listIds().empty(); }, 5s)) << "--rm removed it";
}

} // namespace
} // namespace hako::dbustest
