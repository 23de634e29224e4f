// exec joins the container's namespaces and passes exit codes through.
#include "bus_fixture.h"

#include <unistd.h>

#include <filesystem>

namespace hako::dbustest {
namespace {

TEST_F(CtlTest, ExecRunsInTheContainersNamespaces)
{
    const auto run = hakoctl({"run", "-d", "--name", "ex", "--hostname", "boxhost", "busybox",
                              "sleep", "1000"});
    ASSERT_EQ(run.exit, 0) << run.describe();

    const auto host = hakoctl({"exec", "ex", "hostname"});
    EXPECT_EQ(host.exit, 0) << host.describe();
    EXPECT_EQ(trim(host.out), "boxhost");

    const auto cmdline = hakoctl({"exec", "ex", "cat", "/proc/1/cmdline"});
    EXPECT_EQ(cmdline.exit, 0) << cmdline.describe();
    EXPECT_EQ(cmdline.out, std::string("sleep\0" "1000\0", 11)) << "PID 1 is the container's";

    for (const std::string kind : {"pid", "net", "mnt", "uts"}) {
        const auto ns = hakoctl({"exec", "ex", "readlink", "/proc/self/ns/" + kind});
        EXPECT_EQ(ns.exit, 0) << ns.describe();
        EXPECT_FALSE(trim(ns.out).empty());
        EXPECT_NE(trim(ns.out), std::filesystem::read_symlink("/proc/self/ns/" + kind).string())
            << kind << " namespace is the host's";
    }
    EXPECT_EQ(hakoctl({"exec", "ex", "sh", "-c", "exit 5"}).exit, 5);
    const auto envCwd = hakoctl({"exec", "-e", "FOO=bar", "-w", "/tmp", "ex", "sh", "-c",
                                 "echo $FOO $(pwd)"});
    EXPECT_EQ(trim(envCwd.out), "bar /tmp") << envCwd.describe();
    const auto user = hakoctl({"exec", "-u", "1234:5678", "ex", "id", "-u"});
    EXPECT_EQ(trim(user.out), "1234") << user.describe();
}

TEST_F(CtlTest, ExecInAStoppedContainerIsRefused)
{
    ASSERT_EQ(hakoctl({"create", "--name", "idle", "busybox", "true"}).exit, 0);
    const auto r = hakoctl({"exec", "idle", "true"});
    EXPECT_NE(r.exit, 0) << r.describe();
    EXPECT_FALSE(trim(r.err).empty()) << "a message says why";
}

} // namespace
} // namespace hako::dbustest
