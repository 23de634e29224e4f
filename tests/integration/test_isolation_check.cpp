// The isolation check against real containers: hako-probe exec'd from a sealed memfd, its
// report judged against the spec and the host's view of the container.
#include "fixture.h"

#include "error.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace hako;
using namespace hako::test;

namespace
{

std::map<std::string, IsolationCheck> byKey(const IsolationReport &report)
{
    std::map<std::string, IsolationCheck> out;
    for (const IsolationCheck &c : report.checks)
        out[c.key] = c;
    return out;
}

std::string dump(const IsolationReport &report)
{
    return toJson(report).dump(2);
}

void expectVerdict(const std::map<std::string, IsolationCheck> &checks, const std::string &key,
                   Verdict verdict, const IsolationReport &report)
{
    ASSERT_TRUE(checks.contains(key)) << dump(report);
    EXPECT_EQ(verdictName(checks.at(key).verdict), verdictName(verdict))
        << key << ": " << checks.at(key).summary << "\n"
        << dump(report);
}

bool hasEvidence(const IsolationCheck &check, const std::string &text)
{
    return std::ranges::any_of(check.evidence, [&](const std::string &line) {
        return line.find(text) != std::string::npos;
    });
}

class IsolationCheckTest : public EngineTest
{
};

TEST_F(IsolationCheckTest, DefaultContainerIsIsolatedButUserAndLimitsAreWeakened)
{
    const std::string id = run(shellSpec("sleep 30"), "check-default");
    const IsolationReport report = engine_->checkIsolation(id);
    EXPECT_EQ(report.id, id);
    EXPECT_EQ(report.name, "check-default");
    std::vector<std::string> keys;
    for (const IsolationCheck &c : report.checks)
        keys.push_back(c.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"pid", "hostname", "network", "ipc", "mount", "user",
                                              "capabilities", "seccomp", "limits"}));
    const auto checks = byKey(report);
    for (const char *key :
         {"pid", "hostname", "network", "ipc", "mount", "capabilities", "seccomp"})
        expectVerdict(checks, key, Verdict::Isolated, report);
    expectVerdict(checks, "user", Verdict::Weakened, report);
    expectVerdict(checks, "limits", Verdict::Weakened, report);
    EXPECT_TRUE(hasEvidence(checks.at("seccomp"),
                            "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) → EPERM"))
        << dump(report);
    EXPECT_TRUE(hasEvidence(checks.at("network"), "inside: cat /proc/net/dev → lo"))
        << dump(report);
    const auto json = toJson(report);
    EXPECT_EQ(json["Checks"][0]["Check"], "pid");
    EXPECT_EQ(json["Checks"][0]["Verdict"], "isolated");
}

TEST_F(IsolationCheckTest, ProbeCannotWriteItsOwnExecutable)
{
    const std::string id = run(shellSpec("sleep 30"));
    const IsolationReport report = engine_->checkIsolation(id);
    const IsolationCheck mount = byKey(report).at("mount");
    // The probe runs from a memfd: no host path to see, and no way to write it.
    EXPECT_TRUE(hasEvidence(mount, "readlink /proc/self/exe → /memfd:hako-probe")) << dump(report);
    // The memfd was close-on-exec: the probe holds nothing but its stdio.
    EXPECT_TRUE(hasEvidence(mount, "inside: ls /proc/self/fd → 0 1 2")) << dump(report);
    const auto open = std::ranges::find_if(mount.evidence, [](const std::string &line) {
        return line.find("open /proc/self/exe O_WRONLY → ") != std::string::npos;
    });
    ASSERT_NE(open, mount.evidence.end()) << dump(report);
    if (open->ends_with("→ ok")) // the kernel let it open: the seal must refuse the write
        EXPECT_TRUE(hasEvidence(mount, "write 1 byte to /proc/self/exe → EPERM")) << dump(report);
    else
        EXPECT_FALSE(open->ends_with("→ ok")) << *open;
}

TEST_F(IsolationCheckTest, HostPidExtraCapabilityAndNoSeccompAreWeakened)
{
    Spec spec = shellSpec("sleep 30");
    std::erase_if(spec.linux.namespaces,
                  [](const Namespace &ns) { return ns.type == NamespaceType::Pid; });
    Capabilities &caps = *spec.process.capabilities;
    for (auto *set : {&caps.bounding, &caps.effective, &caps.permitted})
        set->push_back("CAP_SYS_ADMIN");
    spec.linux.seccomp.reset();
    const std::string id = run(spec);
    const IsolationReport report = engine_->checkIsolation(id);
    const auto checks = byKey(report);
    expectVerdict(checks, "pid", Verdict::Weakened, report);
    expectVerdict(checks, "capabilities", Verdict::Weakened, report);
    expectVerdict(checks, "seccomp", Verdict::Weakened, report);
    EXPECT_NE(checks.at("capabilities").summary.find("CAP_SYS_ADMIN"), std::string::npos)
        << dump(report);
    for (const char *key : {"hostname", "network", "ipc", "mount"})
        expectVerdict(checks, key, Verdict::Isolated, report);
}

TEST_F(IsolationCheckTest, MemoryPidsAndCpuLimitsAreIsolated)
{
    Spec spec = shellSpec("sleep 30");
    spec.linux.resources->memory = MemoryResources{};
    spec.linux.resources->memory->limit = 64 << 20;
    spec.linux.resources->pids = PidsResources{100};
    spec.linux.resources->cpu = CpuResources{};
    spec.linux.resources->cpu->quota = 50000;
    spec.linux.resources->cpu->period = 100000;
    const std::string id = run(spec);
    const IsolationReport report = engine_->checkIsolation(id);
    const auto checks = byKey(report);
    expectVerdict(checks, "limits", Verdict::Isolated, report);
    EXPECT_TRUE(hasEvidence(checks.at("limits"), "memory.limit_in_bytes → 67108864"))
        << dump(report);
    EXPECT_TRUE(hasEvidence(checks.at("limits"), "pids.max → 100")) << dump(report);
}

TEST_F(IsolationCheckTest, ProbeThatCannotRunGivesUnknownVerdictsThatSayWhy)
{
    Spec spec = shellSpec("sleep 30");
    // A filter that refuses execveat: the probe cannot start in this container.
    for (SeccompSyscall &rule : spec.linux.seccomp->syscalls)
        std::erase(rule.names, "execveat");
    const std::string id = run(spec);
    const IsolationReport report = engine_->checkIsolation(id);
    ASSERT_EQ(report.checks.size(), 9u) << dump(report);
    for (const IsolationCheck &check : report.checks) {
        EXPECT_EQ(check.verdict, Verdict::Unknown) << dump(report);
        EXPECT_NE(check.summary.find("execveat"), std::string::npos) << dump(report);
    }
}

TEST_F(IsolationCheckTest, SomethingElseThanTheProbeGivesUnknownVerdicts)
{
    const std::string id = run(shellSpec("sleep 30"));
    // busybox is static too, but prints no report: "hako-probe: applet not found", exit 127.
    EngineOptions options = engine_->options();
    options.probePath = "/bin/busybox";
    const IsolationReport report = Engine(options).checkIsolation(id);
    ASSERT_EQ(report.checks.size(), 9u);
    for (const IsolationCheck &check : report.checks) {
        EXPECT_EQ(check.verdict, Verdict::Unknown) << dump(report);
        EXPECT_EQ(check.summary,
                  "the probe did not report: the probe exited with status 127 and printed nothing")
            << dump(report);
    }
}

TEST_F(IsolationCheckTest, RefusesContainersThatAreNotRunning)
{
    const std::string id = run(shellSpec("sleep 30"));
    engine_->pause(id);
    try {
        engine_->checkIsolation(id);
        ADD_FAILURE() << "a paused container was checked";
    } catch (const StateError &e) {
        EXPECT_NE(std::string(e.what()).find("paused: unpause to check"), std::string::npos)
            << e.what();
    }
    engine_->unpause(id);
    engine_->kill(id, SIGKILL);
    engine_->wait(id);
    EXPECT_THROW(engine_->checkIsolation(id), StateError);
}

} // namespace
