// Escape attempts through the kernel's own interfaces (the part of the escape suite that
// seccomp does not answer): /proc and /sys files that act on the whole host, and the cgroup
// files of the release_agent escape. Each attempt inside a default container must fail with
// the errno of the mount that stops it, and the host must read the same after as before.
// The writes go through the probe's open_wronly where a successful write would do harm: it
// opens for writing and closes without writing, so a hole fails the test and nothing more.
#include "fixture.h"

#include "fs.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <sstream>

using namespace hako;
using namespace hako::test;

namespace {

// "NAME RESULT" per line → {NAME: RESULT}; other lines (the shell's) are left out.
std::map<std::string, std::string> probeResults(const std::string &output)
{
    std::map<std::string, std::string> results;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string name, result, extra;
        if (words >> name >> result && !(words >> extra))
            results[name] = result;
    }
    return results;
}

std::string resultOf(const std::map<std::string, std::string> &results, const std::string &name)
{
    const auto found = results.find(name);
    return found == results.end() ? "missing" : found->second;
}

// The contents of host files, to compare before and after a container's attempts.
std::map<std::string, std::string> snapshot(const std::vector<std::string> &paths)
{
    std::map<std::string, std::string> contents;
    for (const auto &path : paths)
        contents[path] = pathExists(path) ? readFile(path) : "<absent>";
    return contents;
}

// Writes the value back if a test found it changed, so a hole does not outlive the test.
class RestoreHostFile {
public:
    explicit RestoreHostFile(std::string path) : path_(std::move(path)), value_(readFile(path_)) {}
    ~RestoreHostFile()
    {
        try {
            if (readFile(path_) != value_)
                writeFile(path_, value_);
        } catch (...) {
        }
    }
    const std::string &value() const { return value_; }

private:
    std::string path_;
    std::string value_;
};

// The release_agent files of the host's v1 hierarchies (only their root cgroups have one).
std::vector<std::string> hostReleaseAgents()
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto &hierarchy : std::filesystem::directory_iterator("/sys/fs/cgroup", ec))
        if (pathExists(hierarchy.path() / "release_agent"))
            files.push_back(hierarchy.path() / "release_agent");
    return files;
}

// The notify_on_release files of the container's own cgroup, in every v1 hierarchy.
std::vector<std::string> containerNotifyFiles(const std::string &id)
{
    std::vector<std::string> files;
    for (const auto &dir : hakoCgroupDirs())
        if (dir.ends_with("/" + id) && pathExists(dir + "/notify_on_release"))
            files.push_back(dir + "/notify_on_release");
    return files;
}

// Polls `output` until it holds `text`; the last output either way.
std::string waitForText(const std::function<std::string()> &output, const std::string &text)
{
    std::string out;
    eventually(
        [&] {
            out = output();
            return out.find(text) != std::string::npos;
        },
        std::chrono::seconds(10));
    return out;
}

class EscapeHostTest : public EngineTest {
protected:
    static Spec probeSpec(const std::string &script)
    {
        Spec spec = shellSpec(script);
        spec.mounts.push_back({"/hako-probe", "bind", HAKO_TEST_SECCOMP_PROBE, {"bind", "ro"}});
        return spec;
    }
};

} // namespace

TEST_F(EscapeHostTest, ReadonlyProcFilesCannotBeOpenedForWriting)
{
    // sysrq-trigger (reboot, crash, kill everything: only opened, never written) and the
    // IRQ affinity every new interrupt of the host gets, where the kernel has them: this
    // test machine's kernel has no sysrq-trigger, which leaves nothing to escape through.
    std::vector<std::string> present;
    for (const char *file : {"/proc/sysrq-trigger", "/proc/irq/default_smp_affinity"})
        if (pathExists(file))
            present.push_back(file);
    if (present.empty())
        GTEST_SKIP() << "this kernel has neither /proc/sysrq-trigger nor /proc/irq";
    const auto before = snapshot(present);
    const std::string mountsBefore = hostMountTable();
    std::optional<RestoreHostFile> affinity;
    std::string script = "/hako-probe";
    for (const auto &file : present)
        script += " open_wronly=" + file;
    if (pathExists("/proc/irq/default_smp_affinity")) {
        affinity.emplace("/proc/irq/default_smp_affinity");
        script += "; { echo 1 > /proc/irq/default_smp_affinity; } 2>&1";
    }
    const ContainerState end = runToEnd(probeSpec(script + "; echo end"));
    const std::string out = output(end.id);
    const auto results = probeResults(out);
    for (const auto &file : present)
        EXPECT_EQ(resultOf(results, "open_wronly=" + file), "EROFS") << out;
    if (affinity) {
        EXPECT_NE(out.find("can't create /proc/irq/default_smp_affinity: Read-only file system"),
                  std::string::npos)
            << out;
    }
    EXPECT_EQ(snapshot(present), before);
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

TEST_F(EscapeHostTest, MaskedProcAndSysFilesAreEmptyInsideAndUntouchedOnTheHost)
{
    // Not only empty when read (MaskedPathsShowNothing, whose /proc/kcore this kernel does
    // not have): each masked file the host has is the /dev/null bind inside, so no offset of
    // it reads anything, and each masked directory an empty tmpfs.
    std::string script;
    std::vector<std::string> files, dirs;
    for (const auto &path : defaultSpec().linux.maskedPaths) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0)
            continue;
        (S_ISDIR(st.st_mode) ? dirs : files).push_back(path);
        script += S_ISDIR(st.st_mode)
                      ? "echo " + path + " $(ls -A " + path + " | wc -l) $(stat -f -c %T " +
                            path + "); "
                      : "echo " + path + " $(stat -c '%F/%t:%T' " + path + ") $(dd if=" + path +
                            " bs=4096 skip=16 count=1 2>/dev/null | wc -c); ";
    }
    ASSERT_FALSE(files.empty() && dirs.empty()) << "the host has none of the masked paths";
    const std::string mountsBefore = hostMountTable();
    const ContainerState end = runToEnd(shellSpec(script));
    std::string seen;
    for (const auto &line : logLines(end.id))
        seen += line + "\n";
    std::string wanted;
    for (const auto &path : defaultSpec().linux.maskedPaths) {
        if (std::find(files.begin(), files.end(), path) != files.end())
            wanted += path + " character special file/1:3 0\n";
        else if (std::find(dirs.begin(), dirs.end(), path) != dirs.end())
            wanted += path + " 0 tmpfs\n";
    }
    EXPECT_EQ(seen, wanted);
    for (const auto &file : files) {
        struct stat st {};
        EXPECT_EQ(::stat(file.c_str(), &st), 0) << file;
        EXPECT_TRUE(S_ISREG(st.st_mode)) << "the host's " << file << " got masked";
    }
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

TEST_F(EscapeHostTest, GlobalSysctlsAreReadOnlyAndTheHostsValuesUnchanged)
{
    // kernel.panic, core_pattern and vm.drop_caches belong to no namespace: a write would
    // change the host (a core_pattern pipe runs a program as host root).
    RestoreHostFile panic("/proc/sys/kernel/panic");
    const auto before = snapshot({"/proc/sys/kernel/core_pattern", "/proc/sys/kernel/panic"});
    const int changed = std::stoi(panic.value()) + 17;
    const ContainerState end = runToEnd(probeSpec(
        "/hako-probe open_wronly=/proc/sys/kernel/core_pattern "
        "open_wronly=/proc/sys/vm/drop_caches open_wronly=/proc/sys/kernel/panic; "
        "{ echo " + std::to_string(changed) + " > /proc/sys/kernel/panic; } 2>&1; echo end"));
    const std::string out = output(end.id);
    const auto results = probeResults(out);
    for (const char *file : {"kernel/core_pattern", "vm/drop_caches", "kernel/panic"})
        EXPECT_EQ(resultOf(results, std::string("open_wronly=/proc/sys/") + file), "EROFS")
            << file << "\n" << out;
    EXPECT_NE(out.find("can't create /proc/sys/kernel/panic: Read-only file system"),
              std::string::npos)
        << out;
    EXPECT_EQ(snapshot({"/proc/sys/kernel/core_pattern", "/proc/sys/kernel/panic"}), before);
}

TEST_F(EscapeHostTest, SysFilesAreReadOnlyAndTheHostsValuesUnchanged)
{
    // Files of /sys that act on the whole host (a fresh sysfs shows the same kernel objects).
    const std::vector<std::string> files = {"/sys/kernel/mm/transparent_hugepage/enabled",
                                            "/sys/kernel/profiling", "/sys/kernel/uevent_helper",
                                            "/sys/power/state"};
    std::string script = "/hako-probe";
    std::vector<std::string> present;
    for (const auto &file : files) {
        if (pathExists(file)) {
            script += " open_wronly=" + file;
            present.push_back(file);
        }
    }
    ASSERT_FALSE(present.empty()) << "this host has none of the files";
    const auto before = snapshot(present);
    const ContainerState end = runToEnd(probeSpec(script));
    const std::string out = output(end.id);
    const auto results = probeResults(out);
    for (const auto &file : present)
        EXPECT_EQ(resultOf(results, "open_wronly=" + file), "EROFS") << out;
    EXPECT_EQ(snapshot(present), before);
}

TEST_F(EscapeHostTest, CgroupReleaseFilesAreReadOnlyAndTheHostsUnchanged)
{
    // The release_agent escape: set a cgroup's notify_on_release, point the hierarchy's
    // release_agent at a program of ours, empty the cgroup, and the kernel runs the program
    // as host root. Under a cgroup namespace only the container's own cgroup shows, where
    // there is no release_agent; both kinds of file found are tried.
    const auto agentsBefore = snapshot(hostReleaseAgents());
    const std::string id = run(probeSpec(
        "files=$(find /sys/fs/cgroup -name release_agent -o -name notify_on_release); "
        "for f in $files; do /hako-probe open_wronly=$f; done; "
        "{ echo 1 > /sys/fs/cgroup/memory/notify_on_release; } 2>&1; "
        "for f in $(find /sys/fs/cgroup -name release_agent); do "
        "{ echo /x > $f; } 2>&1; done; "
        "grep -c ' /sys/fs/cgroup/[^ ]* ro,' /proc/self/mountinfo; echo tried; sleep 1000"));
    const std::string out = waitForText([&] { return output(id); }, "tried");
    // While it runs, its cgroup is there to compare with what the container saw.
    const auto notifyFiles = containerNotifyFiles(id);
    ASSERT_FALSE(notifyFiles.empty()) << "no v1 cgroup of the container found";
    for (const auto &file : notifyFiles)
        EXPECT_EQ(readFile(file), "0\n") << file;
    EXPECT_EQ(snapshot(hostReleaseAgents()), agentsBefore);

    const auto results = probeResults(out);
    int tried = 0;
    for (const auto &[name, result] : results) {
        if (!name.starts_with("open_wronly="))
            continue;
        ++tried;
        EXPECT_EQ(result, "EROFS") << name << "\n" << out;
    }
    EXPECT_GE(tried, static_cast<int>(notifyFiles.size())) << out;
    EXPECT_NE(out.find("can't create /sys/fs/cgroup/memory/notify_on_release: Read-only file "
                       "system"),
              std::string::npos)
        << out;
    // Every cgroup hierarchy inside is mounted read-only.
    const auto lines = logLines(id);
    const auto count = std::find(lines.begin(), lines.end(), "tried");
    ASSERT_NE(count, lines.begin()) << out;
    EXPECT_GE(std::stoi(*(count - 1)), static_cast<int>(notifyFiles.size())) << out;
}

TEST_F(EscapeHostTest, FreshCgroupHierarchyCannotBeMounted)
{
    // The other half of the release_agent escape: a hierarchy of one's own, whose root
    // cgroup has a writable release_agent. rdma (which a kernel may lack) and net_cls, a
    // controller this host has but has not mounted, which the kernel would accept.
    const std::string mountsBefore = hostMountTable();
    const ContainerState end = runToEnd(probeSpec(
        "mkdir -p /mnt; /hako-probe mount_cgroup=rdma mount_cgroup=net_cls; "
        "mount -t cgroup -o net_cls cgroup /mnt 2>&1; ls /mnt | wc -l"));
    const std::string out = output(end.id);
    const auto results = probeResults(out);
    EXPECT_EQ(resultOf(results, "mount_cgroup=rdma"), "EPERM") << out;
    EXPECT_EQ(resultOf(results, "mount_cgroup=net_cls"), "EPERM") << out;
    EXPECT_NE(out.find("mount: permission denied"), std::string::npos) << out;
    EXPECT_TRUE(out.ends_with("\n0")) << "something got mounted on /mnt: " << out;
    EXPECT_EQ(hostMountTable(), mountsBefore);
}
