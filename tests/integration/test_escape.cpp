// The escape attempts of the security issue that seccomp answers: inside a default container
// each fails with EPERM and the host is unchanged after. The probe (seccomp_probe.cc) makes
// the raw calls with harmless arguments, so the tests that lift the filter show the EPERM
// came from the filter and not from something else.
#include "error.h"
#include "fixture.h"

#include "annotations.h"
#include "seccomp_profile.h"

#include <gtest/gtest.h>

#include <sys/capability.h>
#include <sys/prctl.h>

#include <sstream>

using namespace hako;
using namespace hako::test;

namespace {

const std::vector<std::string> kEscapeCalls = {
    "mount",         "umount2",           "pivot_root",        "unshare",
    "setns",         "keyctl",            "add_key",           "bpf",
    "perf_event_open", "ptrace",          "process_vm_readv",  "open_by_handle_at",
    "name_to_handle_at", "reboot",        "init_module",       "finit_module",
    "delete_module", "kexec_load",        "swapon",            "swapoff",
    "acct",          "clock_settime",     "adjtimex",          "personality",
    "userfaultfd",   "quotactl",          "fsopen",            "open_tree",
};

// The calls whose harmless arguments give an error other than EPERM once nothing filters
// them and the capabilities are there. Not among them: what the host kernel may refuse
// itself whatever the capabilities (kexec, modules and swap under lockdown; reboot and acct,
// which this test machine's kernel answers EPERM from inside a container even with every
// capability and no filter).
const std::vector<std::string> kCallsThatReachTheKernel = {
    "mount", "umount2", "pivot_root", "setns", "keyctl", "bpf", "open_by_handle_at",
    "clock_settime", "adjtimex", "personality", "fsopen", "open_tree",
};

std::string joined(const std::vector<std::string> &words)
{
    std::string out;
    for (const auto &w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

// "NAME ERRNO" per line → {NAME: ERRNO}
std::map<std::string, std::string> probeResults(const std::string &output)
{
    std::map<std::string, std::string> results;
    std::istringstream in(output);
    std::string name, result;
    while (in >> name >> result)
        results[name] = result;
    return results;
}

// Every capability this test process may hand on (a sandbox may lack some, and asking for
// them would fail the start for a reason that has nothing to do with seccomp).
std::vector<std::string> ourCapabilities()
{
    std::vector<std::string> caps;
    for (const auto &name : capabilityNames()) {
        cap_value_t value;
        if (cap_from_name(name.c_str(), &value) == 0 && ::prctl(PR_CAPBSET_READ, value) == 1)
            caps.push_back(name);
    }
    return caps;
}

class EscapeTest : public EngineTest {
protected:
    // `script` with the probe at /hako-probe.
    static Spec probeSpec(const std::string &script)
    {
        Spec spec = shellSpec(script);
        spec.mounts.push_back({"/hako-probe", "bind", HAKO_TEST_SECCOMP_PROBE, {"bind", "ro"}});
        return spec;
    }
    std::map<std::string, std::string> probe(const Spec &spec)
    {
        const std::string id = run(spec);
        const auto state = engine_->wait(id, std::chrono::seconds(30));
        EXPECT_TRUE(state && state->exitCode == 0) << output(id);
        return probeResults(output(id));
    }
    static void setCapabilities(Spec &spec, const std::vector<std::string> &caps)
    {
        auto &sets = *spec.process.capabilities;
        sets.bounding = sets.effective = sets.permitted = caps;
    }
};

} // namespace

TEST_F(EscapeTest, DefaultContainerGetsEpermForEveryEscapeCall)
{
    const std::string mountsBefore = hostMountTable();
    const auto results = probe(probeSpec("/hako-probe " + joined(kEscapeCalls)));
    for (const auto &call : kEscapeCalls)
        EXPECT_EQ(results.count(call) ? results.at(call) : "missing", "EPERM") << call;
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

TEST_F(EscapeTest, TheFilterRefusesEvenWhenCapabilitiesWouldAllow)
{
    // All capabilities (CAP_SYS_ADMIN, _BOOT, _MODULE, _TIME, …), but the filter made for the default ones: only seccomp stands
    // between the calls and the kernel.
    Spec spec = probeSpec("/hako-probe " + joined(kEscapeCalls));
    const auto defaultCaps = spec.process.capabilities->bounding;
    setCapabilities(spec, ourCapabilities());
    spec.linux.seccomp = defaultSeccomp(defaultCaps);
    const auto filtered = probe(spec);
    for (const auto &call : kEscapeCalls)
        EXPECT_EQ(filtered.count(call) ? filtered.at(call) : "missing", "EPERM") << call;

    // Without the filter the same calls reach the kernel and fail for their bad arguments,
    // so the test above can fail.
    spec.linux.seccomp.reset();
    const auto unfiltered = probe(spec);
    for (const auto &call : kCallsThatReachTheKernel)
        EXPECT_NE(unfiltered.count(call) ? unfiltered.at(call) : "EPERM", "EPERM") << call;
}

TEST_F(EscapeTest, BusyboxToolsAreRefused)
{
    const std::string mountsBefore = hostMountTable();
    const auto state = runToEnd(shellSpec(
        "mkdir -p /mnt/x; mount -t tmpfs none /mnt/x 2>&1; umount /proc 2>&1; "
        "unshare -U -m true 2>&1; nsenter -t 1 -m true 2>&1; echo done"));
    ASSERT_TRUE(state.exitCode);
    const std::string out = output(state.id);
    EXPECT_NE(out.find("mount: permission denied"), std::string::npos) << out;
    EXPECT_NE(out.find("umount: can't unmount /proc: Operation not permitted"), std::string::npos)
        << out;
    EXPECT_NE(out.find("unshare: unshare(0x10020000): Operation not permitted"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("nsenter: setns"), std::string::npos) << out;
    EXPECT_NE(out.find("done"), std::string::npos) << out;
    EXPECT_EQ(hostMountTable(), mountsBefore);
}

TEST_F(EscapeTest, CapSysAdminBringsBackMount)
{
    Spec spec = shellSpec("mkdir -p /mnt/x && mount -t tmpfs none /mnt/x && echo mounted");
    auto caps = spec.process.capabilities->bounding;
    caps.push_back("CAP_SYS_ADMIN");
    setCapabilities(spec, caps);
    spec.linux.seccomp = defaultSeccomp(caps);
    const auto state = runToEnd(spec);
    EXPECT_EQ(state.exitCode, 0);
    EXPECT_EQ(output(state.id), "mounted");
}

TEST_F(EscapeTest, CustomProfileDenyingMkdirLeavesEverythingElse)
{
    const auto profile = seccompFromProfile(R"({
        "defaultAction": "SCMP_ACT_ALLOW",
        "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO",
                      "errnoRet": 1}]})",
                                            {});
    ASSERT_TRUE(profile.seccomp) << profile.errorText();
    Spec spec = probeSpec("/hako-probe mkdir; mkdir /tmp/d 2>&1; "
                          "echo hi > /tmp/f && cat /tmp/f && ls /tmp");
    spec.linux.seccomp = profile.seccomp;
    const auto state = runToEnd(spec);
    EXPECT_EQ(state.exitCode, 0);
    EXPECT_EQ(output(state.id),
              "mkdir EPERM\nmkdir: can't create directory '/tmp/d': Operation not permitted\n"
              "hi\nf");
}

// A profile that denies a call the start itself needs fails the start with the filter
// named, not with a silent death.
TEST_F(EscapeTest, ProfileDenyingTheStartSaysSo)
{
    const auto profile = seccompFromProfile(R"({
        "defaultAction": "SCMP_ACT_ALLOW",
        "syscalls": [{"names": ["sendmsg", "execve"], "action": "SCMP_ACT_ERRNO"}]})",
                                            {});
    ASSERT_TRUE(profile.seccomp) << profile.errorText();
    Spec spec = shellSpec("true");
    spec.linux.seccomp = profile.seccomp;
    const std::string id = engine_->create({"", "busybox", spec});
    try {
        engine_->start(id);
        FAIL() << "start succeeded although the filter denies execve";
    } catch (const hako::Error &e) {
        EXPECT_NE(std::string(e.what()).find("seccomp filter"), std::string::npos) << e.what();
    }
    EXPECT_NE(engine_->state(id).status, Status::Running);
}

TEST_F(EscapeTest, FilterIsInForceInTheContainer)
{
    const auto state = runToEnd(shellSpec("grep -E '^(Seccomp|Seccomp_filters):' /proc/self/status"));
    EXPECT_EQ(state.exitCode, 0);
    EXPECT_EQ(output(state.id), "Seccomp:\t2\nSeccomp_filters:\t1");
}

TEST_F(EscapeTest, UserByNameIsResolvedBeforeTheFilterIsLoaded)
{
    // The lookup in the image's /etc/passwd uses openat2; a profile refusing it (and
    // nothing the shell needs) used to fail the start when no-new-privileges was off.
    const auto profile = seccompFromProfile(R"({
        "defaultAction": "SCMP_ACT_ALLOW",
        "syscalls": [{"names": ["openat2"], "action": "SCMP_ACT_ERRNO"}]})",
                                            {});
    ASSERT_TRUE(profile.seccomp) << profile.errorText();
    Spec spec = shellSpec("id -u");
    spec.annotations[std::string(kUserAnnotation)] = "nobody";
    spec.process.noNewPrivileges = false;
    spec.linux.seccomp = profile.seccomp;
    const auto state = runToEnd(spec);
    EXPECT_EQ(state.exitCode, 0);
    EXPECT_EQ(output(state.id), "65534");
}
