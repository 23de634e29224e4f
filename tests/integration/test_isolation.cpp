// What a process inside a container can see of the host, checked from both sides: the
// container's own output (through its log) and the host's view of its process.
#include "fixture.h"

#include "error.h"
#include "fs.h"

#include <gtest/gtest.h>

#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <thread>

using namespace hako;
using namespace hako::test;

namespace {

// Polls the container's log until some line contains `text`; the whole output either way.
std::string waitForOutput(Engine &engine, const std::string &id, const std::string &text)
{
    std::string out;
    for (int i = 0; i < 500; ++i) {
        out.clear();
        engine.logs(id, {}, [&](const LogLine &line) {
            out += line.text + "\n";
            return true;
        });
        if (out.find(text) != std::string::npos)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return out;
}

uint64_t inodeOf(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

std::string hostName()
{
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return name;
}

void removeNamespace(Spec &spec, NamespaceType type)
{
    auto &ns = spec.linux.namespaces;
    ns.erase(
        std::remove_if(ns.begin(), ns.end(), [&](const Namespace &n) { return n.type == type; }),
        ns.end());
}

void setNofile(Spec &spec, uint64_t soft, uint64_t hard)
{
    auto &limits = spec.process.rlimits;
    limits.erase(std::remove_if(limits.begin(), limits.end(),
                                [](const Rlimit &r) { return r.type == "RLIMIT_NOFILE"; }),
                 limits.end());
    limits.push_back({"RLIMIT_NOFILE", soft, hard});
}

// A SysV message queue on the host, removed again whatever the test does.
class HostMessageQueue {
public:
    HostMessageQueue() : key_(static_cast<key_t>(0x48000000 | (::getpid() & 0xffffff)))
    {
        id_ = ::msgget(key_, IPC_CREAT | IPC_EXCL | 0600);
    }
    ~HostMessageQueue()
    {
        if (id_ >= 0)
            ::msgctl(id_, IPC_RMID, nullptr);
    }
    int id() const { return id_; }
    key_t key() const { return key_; }

private:
    key_t key_;
    int id_ = -1;
};

// Whether /proc/sysvipc/msg (as `cat` printed it) lists the queue: "key msqid perms ...".
bool listsQueue(const std::string &table, const HostMessageQueue &queue)
{
    std::istringstream in(table);
    for (std::string line; std::getline(in, line);) {
        const auto words = splitWords(line);
        if (words.size() >= 2 && words[0] == std::to_string(queue.key()) &&
            words[1] == std::to_string(queue.id()))
            return true;
    }
    return false;
}

const char *kSysvMsgScript = "cat /proc/sysvipc/msg";
const char *kCapEffScript = "grep CapEff /proc/1/status; grep CapEff /proc/self/status";

} // namespace

TEST_F(EngineTest, PidOneIsTheCommandAndPsSeesOnlyTheContainer)
{
    const std::string script = "ps -o pid,args; echo listed; sleep 1000; true";
    const std::string id = run(shellSpec(script));
    const std::string out = waitForOutput(*engine_, id, "listed");

    // Inside: PID 1 runs the command; the only other process is ps itself.
    std::map<std::string, std::string> processes; // pid → args
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        const auto words = splitWords(line);
        if (words.size() < 2 || words[0] == "PID" || words[0] == "listed")
            continue;
        processes[words[0]] = line.substr(line.find(words[1]));
    }
    ASSERT_EQ(processes.count("1"), 1u) << out;
    EXPECT_EQ(processes["1"], "sh -c " + script) << out;
    EXPECT_EQ(processes.size(), 2u) << "only PID 1 and ps should be visible:\n" << out;

    // The host sees the same process under its own pid.
    const ContainerInfo info = engine_->inspect(id);
    const pid_t hostPid = info.state.pid.pid;
    ASSERT_GT(hostPid, 1);
    EXPECT_EQ(readFile("/proc/" + std::to_string(hostPid) + "/cmdline"),
              std::string("sh\0-c\0", 6) + script + std::string(1, '\0'));
}

TEST_F(EngineTest, HostnameIsTheSpecsAndTheHostsIsUnchanged)
{
    const std::string before = hostName();
    Spec spec = shellSpec("hostname");
    spec.hostname = "hako-box";
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(end.exitCode, 0);
    EXPECT_EQ(output(end.id), "hako-box");
    EXPECT_EQ(hostName(), before);
}

TEST_F(EngineTest, WritesLandInTheUpperDirOnly)
{
    const std::string script = "if [ -f /written.txt ]; then echo found $(cat /written.txt); "
                               "else echo hello > /written.txt; echo wrote; fi";
    const ContainerState first = runToEnd(shellSpec(script), "writer");
    ASSERT_EQ(first.exitCode, 0) << output(first.id);
    EXPECT_EQ(output(first.id), "wrote");

    const std::string dir = engine_->store().containerDir(first.id);
    const std::string image = root_ + "/images/busybox/rootfs";
    EXPECT_EQ(readFile(dir + "/upper/written.txt"), "hello\n");
    EXPECT_FALSE(pathExists(image + "/written.txt"));
    EXPECT_FALSE(pathExists(dir + "/merged/written.txt")); // the overlay is gone with the container
    EXPECT_FALSE(pathExists("/written.txt"));

    // Docker semantics: the writable layer outlives a stop and a new start...
    engine_->start(first.id);
    const auto second = engine_->wait(first.id, std::chrono::seconds(30));
    ASSERT_TRUE(second);
    EXPECT_EQ(second->exitCode, 0);
    EXPECT_EQ(output(first.id), "wrote\nfound hello");

    // ...but not its removal.
    engine_->remove(first.id);
    EXPECT_FALSE(pathExists(dir));
    EXPECT_FALSE(pathExists(image + "/written.txt"));
}

TEST_F(EngineTest, ExecedProcessHasOnlyStdioAndTheSpecsCwd)
{
    Spec spec = shellSpec("pwd; ls /proc/$$/fd; touch here.txt; true");
    spec.process.cwd = "/tmp";
    const ContainerState end = runToEnd(spec);
    ASSERT_EQ(end.exitCode, 0) << output(end.id);
    const auto lines = logLines(end.id);
    ASSERT_EQ(lines.size(), 4u) << output(end.id);
    EXPECT_EQ(lines[0], "/tmp");
    // `ls` opens a directory fd of its own, but it lists the shell's ($$) fds.
    EXPECT_EQ((std::vector<std::string>(lines.begin() + 1, lines.end())),
              (std::vector<std::string>{"0", "1", "2"}));
    EXPECT_TRUE(pathExists(engine_->store().containerDir(end.id) + "/upper/tmp/here.txt"));
}

TEST_F(EngineTest, DevHoldsOnlyTheStandardNodes)
{
    const ContainerState end = runToEnd(shellSpec("ls -1 /dev"));
    ASSERT_EQ(end.exitCode, 0) << output(end.id);
    const auto lines = logLines(end.id);
    const std::set<std::string> seen(lines.begin(), lines.end());
    const std::set<std::string> expected{"null", "zero", "full",  "random", "urandom",
                                         "tty",  "fd",   "stdin", "stdout", "stderr",
                                         "ptmx", "pts",  "shm",   "mqueue"};
    EXPECT_EQ(seen, expected) << output(end.id);
    EXPECT_EQ(lines.size(), expected.size());
}

TEST_F(EngineTest, SysIsReadOnly)
{
    const ContainerState end =
        runToEnd(shellSpec("touch /sys/x 2>/dev/null && echo writable || echo read-only"));
    EXPECT_EQ(output(end.id), "read-only");
}

TEST_F(EngineTest, MaskedPathsShowNothing)
{
    const ContainerState end =
        runToEnd(shellSpec("echo kcore $(cat /proc/kcore 2>/dev/null | wc -c); "
                           "echo keys $(cat /proc/keys 2>/dev/null | wc -c)"));
    EXPECT_EQ(output(end.id), "kcore 0\nkeys 0");
}

TEST_F(EngineTest, ProcSysIsReadOnly)
{
    // The container's own hostname (UTS namespace), so a broken mount harms nothing.
    Spec spec = shellSpec("{ echo changed > /proc/sys/kernel/hostname; } 2>/dev/null "
                          "&& echo writable || echo read-only; hostname");
    spec.hostname = "ro-proc";
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(output(end.id), "read-only\nro-proc");
}

TEST_F(EngineTest, HostMountTableIsUnchangedByARun)
{
    const std::string before = hostMountTable();
    const std::string id = run(shellSpec("echo up; sleep 1000"));
    waitForOutput(*engine_, id, "up");
    // Everything the container mounts lives in its own mount namespace.
    const std::string during = hostMountTable();
    EXPECT_EQ(during.find(root_), std::string::npos) << during;
    EXPECT_EQ(during, before);
    engine_->remove(id, true);
    EXPECT_EQ(hostMountTable(), before);
}

// Each default namespace but mount (which the engine requires) removed in turn: the container
// shares exactly that one with the host and has its own of every other it asked for.
class NamespaceRemoved : public EngineTest,
                         public ::testing::WithParamInterface<NamespaceType> {};

TEST_P(NamespaceRemoved, SharesOnlyWhatItDidNotAskFor)
{
    Spec spec = defaultSpec();
    spec.process.args = {"sleep", "1000"};
    removeNamespace(spec, GetParam());
    const std::string id = run(spec);
    const ContainerInfo info = engine_->inspect(id);
    const pid_t pid = info.state.pid.pid;
    ASSERT_GT(pid, 0);
    ASSERT_EQ(info.namespaces.size(), 7u);
    for (const NamespaceInfo &ns : info.namespaces) {
        const std::string mine = "/proc/self/ns/" + ns.kind;
        const std::string theirs = "/proc/" + std::to_string(pid) + "/ns/" + ns.kind;
        // inspect() reports what the kernel says.
        EXPECT_EQ(ns.inode, inodeOf(theirs)) << ns.kind;
        EXPECT_EQ(ns.hostInode, inodeOf(mine)) << ns.kind;
        bool asked = false;
        for (const Namespace &n : spec.linux.namespaces)
            asked = asked || procNsName(n.type) == ns.kind;
        if (asked)
            EXPECT_NE(inodeOf(theirs), inodeOf(mine))
                << ns.kind << " should be the container's own";
        else
            EXPECT_EQ(inodeOf(theirs), inodeOf(mine)) << ns.kind << " should be the host's";
    }
}

INSTANTIATE_TEST_SUITE_P(EachDefault, NamespaceRemoved,
                         ::testing::Values(NamespaceType::Pid, NamespaceType::Network,
                                           NamespaceType::Ipc, NamespaceType::Uts,
                                           NamespaceType::Cgroup),
                         [](const auto &info) { return std::string(procNsName(info.param)); });

TEST_F(EngineTest, DefaultNamespacesAreAllTheContainersOwn)
{
    Spec spec = defaultSpec();
    spec.process.args = {"sleep", "1000"};
    const std::string id = run(spec);
    const ContainerInfo info = engine_->inspect(id);
    std::set<std::string> own;
    for (const NamespaceInfo &ns : info.namespaces)
        if (ns.inode != 0 && ns.inode != ns.hostInode)
            own.insert(ns.kind);
    EXPECT_EQ(own, (std::set<std::string>{"cgroup", "ipc", "mnt", "net", "pid", "uts"}));
}

TEST_F(EngineTest, UserNamespaceMapsRootToAHostRange)
{
    Spec spec = shellSpec("id -u; cat /proc/self/uid_map; echo mapped; sleep 1000");
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    spec.linux.uidMappings = {{0, 100000, 65536}};
    spec.linux.gidMappings = {{0, 100000, 65536}};
    // The fixture's mkdtemp() root is 0700; a real state root is made 0711 like the store's own
    // directories, so the mapped root (host uid 100000) can reach the container's layers.
    ASSERT_EQ(::chmod(root_.c_str(), 0711), 0);
    const std::string id = run(spec);
    const std::string out = waitForOutput(*engine_, id, "mapped");
    const auto words = splitWords(out);
    EXPECT_EQ(words, (std::vector<std::string>{"0", "0", "100000", "65536", "mapped"})) << out;

    const ContainerInfo info = engine_->inspect(id);
    const pid_t pid = info.state.pid.pid;
    ASSERT_GT(pid, 0);
    EXPECT_EQ(splitWords(statusField(pid, "Uid")),
              (std::vector<std::string>{"100000", "100000", "100000", "100000"}));
    struct stat st {};
    ASSERT_EQ(::stat(("/proc/" + std::to_string(pid)).c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 100000u);
    EXPECT_NE(inodeOf("/proc/" + std::to_string(pid) + "/ns/user"), inodeOf("/proc/self/ns/user"));
}

// The mapped root owns the container's writable layer: it can write to its rootfs.
TEST_F(EngineTest, UserNamespaceRootCanWriteItsRootfs)
{
    Spec spec = shellSpec("touch /x && echo wrote");
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    spec.linux.uidMappings = {{0, 100000, 65536}};
    spec.linux.gidMappings = {{0, 100000, 65536}};
    ASSERT_EQ(::chmod(root_.c_str(), 0711), 0); // as in UserNamespaceMapsRootToAHostRange
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(end.exitCode, 0);
    EXPECT_EQ(output(end.id), "wrote");
    EXPECT_TRUE(pathExists(engine_->store().containerDir(end.id) + "/upper/x"));
}

TEST_F(EngineTest, JoinsANetworkNamespaceByPath)
{
    Spec first = defaultSpec();
    first.process.args = {"sleep", "1000"};
    const std::string a = run(first, "net-owner");
    const pid_t aPid = engine_->state(a).pid.pid;

    Spec second = first;
    for (Namespace &ns : second.linux.namespaces)
        if (ns.type == NamespaceType::Network)
            ns.path = "/proc/" + std::to_string(aPid) + "/ns/net";
    const std::string b = run(second, "net-joiner");
    const pid_t bPid = engine_->state(b).pid.pid;

    const uint64_t aNet = inodeOf("/proc/" + std::to_string(aPid) + "/ns/net");
    EXPECT_EQ(inodeOf("/proc/" + std::to_string(bPid) + "/ns/net"), aNet);
    EXPECT_NE(aNet, inodeOf("/proc/self/ns/net"));
    // Only the network namespace is shared.
    EXPECT_NE(inodeOf("/proc/" + std::to_string(bPid) + "/ns/uts"),
              inodeOf("/proc/" + std::to_string(aPid) + "/ns/uts"));
}

TEST_F(EngineTest, JoinsAPidNamespaceByPath)
{
    Spec first = defaultSpec();
    first.process.args = {"sleep", "1000"};
    const std::string a = run(first, "pid-owner");
    const pid_t aPid = engine_->state(a).pid.pid;

    Spec second = shellSpec("ps -o pid,args");
    for (Namespace &ns : second.linux.namespaces)
        if (ns.type == NamespaceType::Pid)
            ns.path = "/proc/" + std::to_string(aPid) + "/ns/pid";
    const ContainerState end = runToEnd(second, "pid-joiner");
    EXPECT_EQ(end.exitCode, 0);
    const std::string out = output(end.id);
    bool sawA = false;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        const auto words = splitWords(line);
        if (words.size() == 3 && words[0] == "1" && words[1] == "sleep" && words[2] == "1000")
            sawA = true;
    }
    EXPECT_TRUE(sawA) << "the joiner should see the owner's PID 1:\n" << out;
}

TEST_F(EngineTest, HostIpcObjectsAreInvisibleInside)
{
    HostMessageQueue queue;
    ASSERT_GE(queue.id(), 0) << "msgget: " << std::strerror(errno);
    const ContainerState end = runToEnd(shellSpec(kSysvMsgScript));
    ASSERT_EQ(end.exitCode, 0) << output(end.id);
    EXPECT_FALSE(listsQueue(output(end.id), queue)) << output(end.id);
}

TEST_F(EngineTest, HostIpcObjectsAreVisibleWithoutAnIpcNamespace)
{
    HostMessageQueue queue;
    ASSERT_GE(queue.id(), 0) << "msgget: " << std::strerror(errno);
    Spec spec = shellSpec(kSysvMsgScript);
    removeNamespace(spec, NamespaceType::Ipc);
    const ContainerState end = runToEnd(spec);
    ASSERT_EQ(end.exitCode, 0) << output(end.id);
    EXPECT_TRUE(listsQueue(output(end.id), queue)) << output(end.id);
}

TEST_F(EngineTest, RlimitFromTheSpecApplies)
{
    Spec spec = shellSpec("ulimit -n");
    setNofile(spec, 512, 512);
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(output(end.id), "512");
}

TEST_F(EngineTest, RlimitAboveWhatTheHostAllowsFailsTheStart)
{
    // Past fs.nr_open no process may raise RLIMIT_NOFILE, not even with CAP_SYS_RESOURCE.
    const uint64_t nrOpen = std::stoull(readFile("/proc/sys/fs/nr_open"));
    Spec spec = shellSpec("true");
    setNofile(spec, nrOpen + 1, nrOpen + 1);
    const std::string id = engine_->create({"", "busybox", spec});
    try {
        engine_->start(id);
        FAIL() << "start succeeded with RLIMIT_NOFILE " << nrOpen + 1;
    } catch (const Error &e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("setrlimit"), std::string::npos) << what;
        EXPECT_NE(what.find("CAP_SYS_RESOURCE"), std::string::npos) << what;
    }
    EXPECT_NE(engine_->state(id).status, Status::Running);
}

TEST_F(EngineTest, EnvFromTheSpec)
{
    Spec spec = shellSpec("echo $FOO");
    spec.process.env.push_back("FOO=bar");
    EXPECT_EQ(output(runToEnd(spec).id), "bar");
}

TEST_F(EngineTest, UserFromTheSpec)
{
    Spec spec = shellSpec("id");
    spec.process.user.uid = 1000;
    spec.process.user.gid = 1000;
    const std::string out = output(runToEnd(spec).id);
    EXPECT_EQ(out.rfind("uid=1000 gid=1000", 0), 0u) << out;
}

TEST_F(EngineTest, RootGetsDockersCapabilities)
{
    // PID 1, as the engine exec'd it, and a process it runs in turn.
    const ContainerState end = runToEnd(shellSpec(kCapEffScript));
    EXPECT_EQ(splitWords(output(end.id)),
              (std::vector<std::string>{"CapEff:", "00000000a80425fb", "CapEff:",
                                        "00000000a80425fb"}));
}

TEST_F(EngineTest, NonRootUserEndsWithNoCapabilities)
{
    Spec spec = shellSpec(kCapEffScript);
    spec.process.user.uid = 1000;
    spec.process.user.gid = 1000;
    const ContainerState end = runToEnd(spec);
    EXPECT_EQ(splitWords(output(end.id)),
              (std::vector<std::string>{"CapEff:", "0000000000000000", "CapEff:",
                                        "0000000000000000"}));
}

TEST_F(EngineTest, ReadonlyRootRefusesWritesAndLogsTheErrorOnStderr)
{
    Spec spec = shellSpec("touch /x");
    spec.root.readonly = true;
    const ContainerState end = runToEnd(spec);
    EXPECT_NE(end.exitCode.value_or(0), 0);
    bool sawError = false;
    engine_->logs(end.id, {}, [&](const LogLine &line) {
        if (line.stream == "stderr" && line.text.find("Read-only file system") != std::string::npos)
            sawError = true;
        return true;
    });
    EXPECT_TRUE(sawError) << output(end.id);
    EXPECT_FALSE(pathExists(engine_->store().containerDir(end.id) + "/upper/x"));
}
