// Device access from inside a container, against the real kernel: the default rules keep the
// host's disks out of reach while the standard nodes and terminals keep working, and the
// cgroup v2 device program (cgroup_bpf.cpp) passes the verifier and is enforced.
#include "fixture.h"

#include "cgroup_bpf.h"
#include "spec.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace hako;
using namespace hako::test;

namespace {

const std::string kUnified = "/sys/fs/cgroup/unified";

bool isCgroup2(const std::string &path)
{
    struct statfs fs {};
    return ::statfs(path.c_str(), &fs) == 0 && static_cast<long>(fs.f_type) == CGROUP2_SUPER_MAGIC;
}

// Where the kernel evaluates device programs: the v2 mount (the unified one on a hybrid host).
std::string unifiedMount()
{
    if (isCgroup2(kUnified))
        return kUnified;
    if (isCgroup2("/sys/fs/cgroup"))
        return "/sys/fs/cgroup";
    return {};
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

std::string randomName()
{
    std::random_device rd;
    std::ostringstream name;
    name << std::hex << rd() << rd();
    return name.str();
}

// Block devices as "major:minor": the one holding / first, then the other disks, then
// loop, ram and zram devices.
std::vector<std::string> hostBlockDevices()
{
    std::vector<std::string> numbers, fallbacks;
    struct stat st {};
    if (::stat("/", &st) == 0 && major(st.st_dev) != 0)
        numbers.push_back(std::to_string(major(st.st_dev)) + ":" +
                          std::to_string(minor(st.st_dev)));
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator("/sys/block", ec)) {
        const std::string name = entry.path().filename();
        std::string number;
        std::ifstream(entry.path() / "dev") >> number;
        const bool virtualDisk =
            name.starts_with("loop") || name.starts_with("ram") || name.starts_with("zram");
        if (!number.empty())
            (virtualDisk ? fallbacks : numbers).push_back(number);
    }
    numbers.insert(numbers.end(), fallbacks.begin(), fallbacks.end());
    return numbers;
}

// Whether this (root, host) process may open the device: a sandbox around the tests may
// refuse some devices to everyone, and a refusal inside the container then proves nothing.
bool hostCanOpen(char type, const std::string &number)
{
    const std::string node = "/tmp/hako-devtest-" + randomName();
    const unsigned maj = std::stoul(number.substr(0, number.find(':')));
    const unsigned min = std::stoul(number.substr(number.find(':') + 1));
    if (::mknod(node.c_str(), (type == 'b' ? S_IFBLK : S_IFCHR) | 0600, makedev(maj, min)) != 0)
        return false;
    const int fd = ::open(node.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    ::unlink(node.c_str());
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

// The host's root disk when the host itself may open it, otherwise another block device it
// may open; empty when there is none.
std::string openableHostDisk()
{
    for (const std::string &number : hostBlockDevices()) {
        if (hostCanOpen('b', number))
            return number;
    }
    return {};
}

// The ids of the device programs attached to the cgroup directory itself.
std::vector<uint32_t> attachedDevicePrograms(const std::string &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return {};
    std::vector<uint32_t> ids(16);
    bpf_attr attr{};
    attr.query.target_fd = static_cast<uint32_t>(fd);
    attr.query.attach_type = BPF_CGROUP_DEVICE;
    attr.query.prog_ids = reinterpret_cast<uintptr_t>(ids.data());
    attr.query.prog_cnt = static_cast<uint32_t>(ids.size());
    const long rc = ::syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof(attr));
    ::close(fd);
    ids.resize(rc == 0 ? attr.query.prog_cnt : 0);
    return ids;
}

// A cgroup v2 directory of the test's own, removed (with its programs) at the end.
struct TestCgroup {
    std::string path;
    explicit TestCgroup(std::string p) : path(std::move(p)) {}
    ~TestCgroup() { ::rmdir(path.c_str()); }
};

// What the child found, as its exit code.
enum ChildResult { kOk = 0, kJoinFailed, kZeroOpened, kZeroWrongErrno, kNullRefused, kMknodOk };

// Runs in a forked child of a threaded process: only async-signal-safe calls.
[[noreturn]] void probeDevices(const char *procs, const char *node)
{
    const int join = ::open(procs, O_WRONLY | O_CLOEXEC);
    if (join < 0 || ::write(join, "0", 1) != 1) // "0": the writer itself
        ::_exit(kJoinFailed);
    ::close(join);
    const int zero = ::open("/dev/zero", O_RDONLY | O_CLOEXEC);
    if (zero >= 0)
        ::_exit(kZeroOpened);
    if (errno != EPERM)
        ::_exit(kZeroWrongErrno);
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null < 0)
        ::_exit(kNullRefused);
    if (::mknod(node, S_IFCHR | 0600, makedev(1, 5)) == 0)
        ::_exit(kMknodOk);
    ::_exit(kOk);
}

} // namespace

// The program on its own: a cgroup of the test's, "nothing but /dev/null", a child in it.
// On a hybrid host the child's v1 devices cgroup is the root one, which allows everything,
// so whatever is refused here is refused by the program.
TEST(DeviceProgramKernel, EnforcesTheRules)
{
    requireRoot();
    if (IsSkipped())
        return;
    const std::string mount = unifiedMount();
    if (mount.empty())
        GTEST_SKIP() << "no cgroup2 mount at " << kUnified << " or /sys/fs/cgroup";
    const std::string name = "hako-bpf-test-" + randomName();
    TestCgroup cgroup(mount + "/" + name);
    ASSERT_EQ(::mkdir(cgroup.path.c_str(), 0755), 0) << cgroup.path << ": " << strerror(errno);
    const std::vector<DeviceRule> nullOnly = {{false, "a", std::nullopt, std::nullopt, "rwm"},
                                              {true, "c", 1, 3, "rwm"}};
    ASSERT_NO_THROW(attachDeviceProgram(cgroup.path, nullOnly));
    // Applying again replaces the program rather than adding a second one.
    ASSERT_NO_THROW(attachDeviceProgram(cgroup.path, nullOnly));
    EXPECT_EQ(attachedDevicePrograms(cgroup.path).size(), 1u);

    const std::string procs = cgroup.path + "/cgroup.procs";
    const std::string node = "/tmp/" + name + "-zero";
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0)
        probeDevices(procs.c_str(), node.c_str());
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ::unlink(node.c_str()); // only there if mknod got through
    ASSERT_TRUE(WIFEXITED(status)) << "child ended by signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), kOk)
        << "1: could not join the cgroup, 2: /dev/zero opened, 3: /dev/zero failed other "
           "than with EPERM, 4: /dev/null refused, 5: mknod c 1:5 allowed";
}

TEST(DeviceProgramKernel, VerifierAcceptsDockerDefaults)
{
    requireRoot();
    if (IsSkipped())
        return;
    const std::string mount = unifiedMount();
    if (mount.empty())
        GTEST_SKIP() << "no cgroup2 mount at " << kUnified << " or /sys/fs/cgroup";
    TestCgroup cgroup(mount + "/hako-bpf-test-" + randomName());
    ASSERT_EQ(::mkdir(cgroup.path.c_str(), 0755), 0) << cgroup.path << ": " << strerror(errno);
    EXPECT_NO_THROW(attachDeviceProgram(cgroup.path, defaultSpec().linux.resources->devices));
    EXPECT_EQ(attachedDevicePrograms(cgroup.path).size(), 1u);
}

// The review's finding: with CAP_MKNOD a container could make a node for the host's disk
// and read it. Making the node is still allowed (as in Docker); opening it is not.
TEST_F(EngineTest, DefaultRulesKeepTheHostDiskOut)
{
    const std::string disk = openableHostDisk();
    if (disk.empty())
        GTEST_SKIP() << "this process may open no block device itself, so a refusal inside "
                        "the container would prove nothing";
    const std::string majorMinor =
        disk.substr(0, disk.find(':')) + " " + disk.substr(disk.find(':') + 1);
    const ContainerState end = runToEnd(shellSpec(
        "mknod /tmp/disk b " + majorMinor + " && echo node-made; "
        "dd if=/tmp/disk of=/dev/null bs=512 count=1 2>&1; echo dd=$?"));
    const std::string out = output(end.id);
    EXPECT_TRUE(contains(out, "node-made")) << out;
    EXPECT_TRUE(contains(out, "Operation not permitted")) << "block device " << disk << "\n" << out;
    EXPECT_TRUE(contains(out, "dd=1")) << out;
}

// A character device outside the allow-list: /dev/fuse (c 10:229), which needs no
// capability to open, so only the device rules stand in the way.
TEST_F(EngineTest, DefaultRulesKeepUnlistedCharDevicesOut)
{
    if (!hostCanOpen('c', "10:229"))
        GTEST_SKIP() << "this process may not open c 10:229 (/dev/fuse) itself";
    const ContainerState end = runToEnd(shellSpec(
        "mknod /tmp/fuse c 10 229 && echo node-made; "
        "(exec 3</tmp/fuse) 2>&1; echo open=$?"));
    const std::string out = output(end.id);
    EXPECT_TRUE(contains(out, "node-made")) << out;
    EXPECT_TRUE(contains(out, "Operation not permitted")) << out;
    EXPECT_TRUE(contains(out, "open=1") || contains(out, "open=2")) << out;
}

TEST_F(EngineTest, DefaultRulesKeepTheStandardDevicesUsable)
{
    const ContainerState end = runToEnd(shellSpec(
        "head -c 4 /dev/urandom | wc -c; head -c 3 /dev/zero | wc -c; "
        "head -c 2 /dev/random | wc -c; echo x > /dev/null && echo null-ok; "
        "echo x > /dev/full 2>&1 || echo full-refused; "
        "exec 3<>/dev/ptmx && echo ptmx-ok"));
    EXPECT_EQ(end.exitCode, 0);
    // /dev/full fails with ENOSPC, not EPERM: the open went through.
    EXPECT_EQ(output(end.id), "4\n3\n2\nnull-ok\nfull-refused\nptmx-ok") << output(end.id);
}

TEST_F(EngineTest, TerminalContainerWorksUnderTheDefaultRules)
{
    Spec spec = shellSpec("tty; echo hello > /dev/tty && echo tty-ok");
    spec.process.terminal = true;
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(end.exitCode, 0) << output(end.id);
    const std::string out = output(end.id);
    EXPECT_TRUE(contains(out, "/dev/pts/")) << out;
    EXPECT_TRUE(contains(out, "tty-ok")) << out;
}

// The program is on the container's v2 cgroup, where a host without the v1 devices
// controller has nothing else to enforce the rules with.
TEST_F(EngineTest, ContainerCgroupCarriesTheDeviceProgram)
{
    const std::string mount = unifiedMount();
    if (mount.empty())
        GTEST_SKIP() << "no cgroup2 mount at " << kUnified << " or /sys/fs/cgroup";
    const std::string id = run(shellSpec("sleep 30"));
    EXPECT_EQ(attachedDevicePrograms(mount + "/hako/" + id).size(), 1u);
}
