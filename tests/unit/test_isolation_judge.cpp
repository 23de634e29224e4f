// The isolation check's judge with constructed inputs: each rule of each key, from a
// baseline where a default container is isolated (no user namespace, no limits).
#include "isolation_judge.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>

using namespace hako;

namespace
{

constexpr uint64_t kHostNs = 4026531800, kContainerNs = 4026532500;
const char *const kKinds[] = {"pid", "net", "ipc", "uts", "mnt", "user", "cgroup"};

struct Inputs {
    Spec spec;
    ProbeReport probe;
    HostFacts host;
    EffectiveSecurity security;

    Inputs()
    {
        spec = defaultSpec();
        spec.hostname = "c0ffee";
        spec.process.args = {"sleep", "30"};
        host.containerPid = 4242;
        host.containerCommand = {"sleep", "30"};
        host.hostInitCommand = {"/sbin/init"};
        for (int i = 0; const char *kind : kKinds) {
            host.host[kind] = host.engine[kind] = kHostNs + i;
            host.container[kind] = std::string(kind) == "user" ? kHostNs + i : kContainerNs + i;
            probe.namespaces[kind] = host.container[kind];
            ++i;
        }
        host.hostname = "vm";
        host.interfaces = {"lo", "eth0"};
        host.rootMount = MountEntry{"/", "/", "ext4", "/dev/vda", "254:0"};
        host.cgroupFiles["memory.limit_in_bytes"] = {
            "/sys/fs/cgroup/memory/hako/x/memory.limit_in_bytes", "9223372036854771712"};
        host.cgroupFiles["pids.max"] = {"/sys/fs/cgroup/pids/hako/x/pids.max", "max"};
        probe.pid = 7;
        probe.processCount = 2;
        probe.initCommand = std::vector<std::string>{"sleep", "30"};
        probe.hostname = std::string("c0ffee");
        probe.interfaces = std::vector<std::string>{"lo"};
        probe.shmSegments = probe.messageQueues = probe.semaphoreSets = 0;
        probe.mountCount = 15;
        probe.rootMount = MountEntry{"/", "/", "overlay", "overlay", "0:55"};
        probe.subtreeMounts =
            std::vector<MountEntry>{{"/proc/kcore", "/null", "devtmpfs", "udev", "0:5"}};
        const uint64_t docker = capabilityMask(defaultSpec().process.capabilities->bounding);
        probe.capEff = probe.capPrm = probe.capBnd = docker;
        probe.seccompMode = 2;
        probe.seccompFilters = 1;
        probe.noNewPrivileges = false;
        probe.uids = std::vector<uint32_t>{0, 0, 0, 0};
        probe.uidMap = probe.gidMap = std::vector<IdMapping>{{0, 0, 4294967295u}};
        probe.experiments["keyctl"] =
            refused("keyctl", "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0)");
        probe.experiments["personality"] = refused("personality", "personality(ADDR_NO_RANDOMIZE)");
        probe.cgroupVersion = 1;
        probe.executableLink = std::string("/memfd:hako-probe (deleted)");
        probe.executableWrite = std::string("ETXTBSY");
        security.effective = security.permitted = security.bounding = docker;
        security.seccompMode = 2;
        security.seccompFilters = 1;
        security.hostUids = security.hostGids = {0, 0, 0, 0};
        security.uidMap = security.gidMap = {{0, 0, 4294967295u}};
    }

    static SyscallExperiment refused(const char *name, const char *call)
    {
        return {name, call, -1, "EPERM", {}};
    }

    void shareWithHost(const char *kind, NamespaceType type)
    {
        std::erase_if(spec.linux.namespaces, [&](const Namespace &ns) { return ns.type == type; });
        host.container[kind] = host.host[kind];
        probe.namespaces[kind] = host.host[kind];
    }

    IsolationCheck judge(const std::string &key) const
    {
        const auto checks = judgeIsolation(spec, probe, host, security);
        const auto it =
            std::ranges::find_if(checks, [&](const IsolationCheck &c) { return c.key == key; });
        EXPECT_NE(it, checks.end()) << key;
        return it == checks.end() ? IsolationCheck{} : *it;
    }
};

std::string describe(const IsolationCheck &c)
{
    std::string out = c.key + " " + std::string(verdictName(c.verdict)) + ": " + c.summary;
    for (const auto &line : c.evidence)
        out += "\n  " + line;
    return out;
}

#define EXPECT_VERDICT(check, expected)                                                            \
    do {                                                                                           \
        const IsolationCheck c_ = (check);                                                         \
        EXPECT_EQ(verdictName(c_.verdict), verdictName(expected)) << describe(c_);                 \
    } while (0)

TEST(IsolationJudge, BaselineGivesEveryKeyInOrder)
{
    const Inputs in;
    const auto checks = judgeIsolation(in.spec, in.probe, in.host, in.security);
    std::vector<std::string> keys;
    for (const auto &c : checks)
        keys.push_back(c.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"pid", "hostname", "network", "ipc", "mount", "user",
                                              "capabilities", "seccomp", "limits"}));
    for (const auto &c : checks) {
        const bool weakened = c.key == "user" || c.key == "limits";
        EXPECT_EQ(c.verdict, weakened ? Verdict::Weakened : Verdict::Isolated) << describe(c);
        EXPECT_FALSE(c.evidence.empty()) << c.key;
    }
}

TEST(IsolationJudge, Pid)
{
    Inputs in;
    const IsolationCheck own = in.judge("pid");
    EXPECT_VERDICT(own, Verdict::Isolated);
    EXPECT_EQ(own.summary, "own PID namespace: PID 1 is `sleep 30`, 2 processes");
    EXPECT_EQ(own.evidence[0],
              "inside: readlink /proc/self/ns/pid → pid:[4026532500]; host: pid:[4026531800]");

    Inputs shared;
    shared.shareWithHost("pid", NamespaceType::Pid);
    shared.probe.initCommand = std::vector<std::string>{"/sbin/init"};
    shared.probe.processCount = 98;
    EXPECT_VERDICT(shared.judge("pid"), Verdict::Weakened);
    EXPECT_EQ(shared.judge("pid").summary,
              "shares the host's PID namespace: PID 1 is `/sbin/init`, 98 processes");

    Inputs kernelDisagrees;
    kernelDisagrees.host.container["pid"] = kHostNs;
    kernelDisagrees.probe.namespaces["pid"] = kHostNs;
    EXPECT_VERDICT(kernelDisagrees.judge("pid"), Verdict::Failed);

    Inputs wrongInit;
    wrongInit.probe.initCommand = std::vector<std::string>{"/sbin/init"};
    EXPECT_VERDICT(wrongInit.judge("pid"), Verdict::Failed);

    Inputs elsewhere;
    elsewhere.probe.namespaces["pid"] = kContainerNs + 99;
    EXPECT_VERDICT(elsewhere.judge("pid"), Verdict::Failed);

    Inputs initUnreadable; // /proc/1/ns refused: the engine's own namespaces stand for the host's
    for (const char *kind : kKinds)
        initUnreadable.host.host[kind] = 0;
    initUnreadable.shareWithHost("pid", NamespaceType::Pid);
    initUnreadable.probe.namespaces["pid"] = initUnreadable.host.container["pid"] =
        initUnreadable.host.engine["pid"];
    EXPECT_VERDICT(initUnreadable.judge("pid"), Verdict::Weakened);
    EXPECT_EQ(initUnreadable.judge("pid").evidence[0],
              "inside: readlink /proc/self/ns/pid → pid:[4026531800]; host: pid:[4026531800]");

    Inputs missing;
    missing.probe.initCommand =
        Probed<std::vector<std::string>>::failed("open /proc/1/cmdline: EACCES");
    EXPECT_VERDICT(missing.judge("pid"), Verdict::Unknown);
    EXPECT_NE(missing.judge("pid").summary.find("EACCES"), std::string::npos);
}

TEST(IsolationJudge, Hostname)
{
    Inputs in;
    EXPECT_VERDICT(in.judge("hostname"), Verdict::Isolated);
    EXPECT_TRUE(std::ranges::count(in.judge("hostname").evidence, "inside: hostname → c0ffee"));

    Inputs shared;
    shared.shareWithHost("uts", NamespaceType::Uts);
    shared.probe.hostname = std::string("vm");
    EXPECT_VERDICT(shared.judge("hostname"), Verdict::Weakened);

    Inputs wrongName;
    wrongName.probe.hostname = std::string("vm");
    EXPECT_VERDICT(wrongName.judge("hostname"), Verdict::Failed);

    Inputs missing;
    missing.probe.hostname = Probed<std::string>();
    EXPECT_VERDICT(missing.judge("hostname"), Verdict::Unknown);
}

TEST(IsolationJudge, Network)
{
    Inputs in;
    EXPECT_VERDICT(in.judge("network"), Verdict::Isolated);

    Inputs shared;
    shared.shareWithHost("net", NamespaceType::Network);
    shared.probe.interfaces = std::vector<std::string>{"lo", "eth0"};
    EXPECT_VERDICT(shared.judge("network"), Verdict::Weakened);
    EXPECT_NE(shared.judge("network").summary.find("eth0"), std::string::npos);

    Inputs seesHost;
    seesHost.probe.interfaces = std::vector<std::string>{"lo", "eth0"};
    EXPECT_VERDICT(seesHost.judge("network"), Verdict::Failed);

    Inputs missing;
    missing.probe.interfaces =
        Probed<std::vector<std::string>>::failed("open /proc/net/dev: ENOENT");
    EXPECT_VERDICT(missing.judge("network"), Verdict::Unknown);
}

TEST(IsolationJudge, Ipc)
{
    Inputs in;
    EXPECT_VERDICT(in.judge("ipc"), Verdict::Isolated);

    Inputs shared;
    shared.shareWithHost("ipc", NamespaceType::Ipc);
    EXPECT_VERDICT(shared.judge("ipc"), Verdict::Weakened);

    Inputs kernelDisagrees; // the spec shares it, the kernel shows another
    std::erase_if(kernelDisagrees.spec.linux.namespaces,
                  [](const Namespace &ns) { return ns.type == NamespaceType::Ipc; });
    EXPECT_VERDICT(kernelDisagrees.judge("ipc"), Verdict::Failed);

    Inputs unreadable;
    unreadable.host.container["ipc"] = 0;
    EXPECT_VERDICT(unreadable.judge("ipc"), Verdict::Unknown);
}

TEST(IsolationJudge, Mount)
{
    Inputs in;
    EXPECT_VERDICT(in.judge("mount"), Verdict::Isolated);
    EXPECT_TRUE(std::ranges::count(in.judge("mount").evidence,
                                   "inside: open /proc/self/exe O_WRONLY → ETXTBSY"));

    Inputs bind;
    bind.spec.mounts.push_back({"/data", "bind", "/srv/data", {"rbind"}});
    bind.probe.subtreeMounts.value->push_back({"/data", "/srv/data", "ext4", "/dev/vda", "254:0"});
    EXPECT_VERDICT(bind.judge("mount"), Verdict::Weakened);

    Inputs unasked;
    unasked.probe.subtreeMounts.value->push_back({"/data", "/home", "ext4", "/dev/vda", "254:0"});
    EXPECT_VERDICT(unasked.judge("mount"), Verdict::Failed);

    Inputs hostRoot;
    hostRoot.probe.rootMount = *hostRoot.host.rootMount;
    EXPECT_VERDICT(hostRoot.judge("mount"), Verdict::Failed);

    Inputs writable;
    writable.probe.executableWrite = std::string("ok");
    writable.probe.executableAppend = std::string("ok");
    EXPECT_VERDICT(writable.judge("mount"), Verdict::Failed);

    Inputs sealed; // opened, but the seal refused the write
    sealed.probe.executableWrite = std::string("ok");
    sealed.probe.executableAppend = std::string("EPERM");
    EXPECT_VERDICT(sealed.judge("mount"), Verdict::Isolated);

    Inputs missing;
    missing.probe.rootMount = Probed<MountEntry>::failed("open /proc/self/mountinfo: ENOENT");
    EXPECT_VERDICT(missing.judge("mount"), Verdict::Unknown);
}

TEST(IsolationJudge, User)
{
    Inputs in;
    const IsolationCheck none = in.judge("user");
    EXPECT_VERDICT(none, Verdict::Weakened);
    EXPECT_EQ(none.summary,
              "no user namespace: root in the container is root on the host; --userns=remap maps "
              "it to an unprivileged range");

    Inputs remapped;
    remapped.spec.linux.namespaces.push_back({NamespaceType::User, ""});
    remapped.spec.linux.uidMappings = remapped.spec.linux.gidMappings = {{0, 100000, 65536}};
    remapped.host.container["user"] = kContainerNs + 5;
    remapped.probe.namespaces["user"] = kContainerNs + 5;
    remapped.security.uidMap = remapped.security.gidMap = {{0, 100000, 65536}};
    remapped.security.hostUids = {100000, 100000, 100000, 100000};
    EXPECT_VERDICT(remapped.judge("user"), Verdict::Isolated);
    EXPECT_EQ(remapped.judge("user").summary,
              "own user namespace: uid 0 in the container is uid 100000 on the host");

    Inputs otherMap = remapped;
    otherMap.security.uidMap = {{0, 200000, 65536}};
    EXPECT_VERDICT(otherMap.judge("user"), Verdict::Failed);

    Inputs mapsRoot = remapped;
    mapsRoot.spec.linux.uidMappings = mapsRoot.security.uidMap = {{0, 0, 1}, {1, 100000, 65535}};
    EXPECT_VERDICT(mapsRoot.judge("user"), Verdict::Weakened);

    Inputs unreadable;
    unreadable.host.container["user"] = 0;
    EXPECT_VERDICT(unreadable.judge("user"), Verdict::Unknown);
}

TEST(IsolationJudge, Capabilities)
{
    Inputs in;
    EXPECT_VERDICT(in.judge("capabilities"), Verdict::Isolated);
    EXPECT_EQ(in.judge("capabilities").summary, "14 capabilities, all among Docker's defaults");

    Inputs added;
    Capabilities &caps = *added.spec.process.capabilities;
    for (auto *set : {&caps.bounding, &caps.effective, &caps.permitted})
        set->push_back("CAP_SYS_ADMIN");
    added.security.effective |= capabilityMask({"CAP_SYS_ADMIN"});
    added.probe.capEff = added.security.effective;
    EXPECT_VERDICT(added.judge("capabilities"), Verdict::Weakened);
    EXPECT_EQ(added.judge("capabilities").summary,
              "15 capabilities, beyond Docker's defaults: CAP_SYS_ADMIN");

    Inputs kernelHasMore;
    kernelHasMore.security.effective |= capabilityMask({"CAP_SYS_ADMIN"});
    EXPECT_VERDICT(kernelHasMore.judge("capabilities"), Verdict::Failed);

    Inputs execDiffers;
    execDiffers.probe.capEff = capabilityMask({"CAP_CHOWN"});
    EXPECT_VERDICT(execDiffers.judge("capabilities"), Verdict::Failed);

    Inputs nonRoot; // uid 1000 without ambient capabilities: nothing effective after exec
    nonRoot.spec.process.user.uid = 1000;
    nonRoot.security.effective = 0;
    nonRoot.probe.capEff = 0;
    EXPECT_VERDICT(nonRoot.judge("capabilities"), Verdict::Isolated);
}

TEST(IsolationJudge, Seccomp)
{
    Inputs in;
    EXPECT_VERDICT(in.judge("seccomp"), Verdict::Isolated);
    EXPECT_TRUE(std::ranges::count(
        in.judge("seccomp").evidence,
        "inside: keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) → EPERM"));

    Inputs unconfined;
    unconfined.spec.linux.seccomp.reset();
    unconfined.security.seccompMode = unconfined.security.seccompFilters = 0;
    unconfined.probe.experiments["keyctl"] =
        SyscallExperiment{"keyctl", "keyctl(…)", 12345, {}, {}};
    EXPECT_VERDICT(unconfined.judge("seccomp"), Verdict::Weakened);

    Inputs notLoaded;
    notLoaded.security.seccompMode = 0;
    EXPECT_VERDICT(notLoaded.judge("seccomp"), Verdict::Failed);

    Inputs letThrough;
    letThrough.probe.experiments["keyctl"] =
        SyscallExperiment{"keyctl", "keyctl(…)", -1, "ENOKEY", {}};
    EXPECT_VERDICT(letThrough.judge("seccomp"), Verdict::Failed);

    Inputs killed; // a profile whose default action kills: the child dies of SIGSYS
    killed.spec.linux.seccomp->defaultAction = "SCMP_ACT_KILL_PROCESS";
    for (auto *name : {"keyctl", "personality"})
        killed.probe.experiments[name] = SyscallExperiment{name, "…", std::nullopt, {}, "SIGSYS"};
    EXPECT_VERDICT(killed.judge("seccomp"), Verdict::Isolated);

    Inputs missing;
    missing.probe.experiments.clear();
    EXPECT_VERDICT(missing.judge("seccomp"), Verdict::Unknown);
}

TEST(IsolationJudge, Limits)
{
    Inputs in;
    EXPECT_VERDICT(in.judge("limits"), Verdict::Weakened);
    EXPECT_EQ(in.judge("limits").summary,
              "no memory, CPU or pids limit: it can use the whole host");

    Inputs limited;
    limited.spec.linux.resources->memory = MemoryResources{};
    limited.spec.linux.resources->memory->limit = (64 << 20) + 100; // rounded down to pages
    limited.spec.linux.resources->pids = PidsResources{100};
    limited.host.cgroupFiles["memory.limit_in_bytes"].value = "67108864";
    limited.host.cgroupFiles["pids.max"].value = "100";
    limited.probe.cgroupLimits["memory"] =
        CgroupFileValue{"/sys/fs/cgroup/memory/memory.limit_in_bytes", "67108864"};
    limited.probe.cgroupLimits["pids"] = CgroupFileValue{"/sys/fs/cgroup/pids/pids.max", "100"};
    EXPECT_VERDICT(limited.judge("limits"), Verdict::Isolated);
    EXPECT_EQ(limited.judge("limits").summary,
              "limited to memory 64 MiB, pids 100 processes; no CPU limit");

    Inputs hostMismatch = limited;
    hostMismatch.host.cgroupFiles["pids.max"].value = "max";
    EXPECT_VERDICT(hostMismatch.judge("limits"), Verdict::Failed);

    Inputs insideMismatch = limited;
    insideMismatch.probe.cgroupLimits["pids"] =
        CgroupFileValue{"/sys/fs/cgroup/pids/pids.max", "max"};
    EXPECT_VERDICT(insideMismatch.judge("limits"), Verdict::Failed);

    Inputs unreadable = limited;
    unreadable.host.cgroupFiles.erase("pids.max");
    EXPECT_VERDICT(unreadable.judge("limits"), Verdict::Unknown);

    Inputs v2; // cpu.max holds "quota period"
    v2.host.cgroupFiles = {{"cpu.max", {"/sys/fs/cgroup/hako/x/cpu.max", "50000 100000"}}};
    v2.spec.linux.resources->cpu = CpuResources{};
    v2.spec.linux.resources->cpu->quota = 50000;
    EXPECT_VERDICT(v2.judge("limits"), Verdict::Isolated);
}

TEST(IsolationJudge, ProbeFailureMakesEveryCheckUnknown)
{
    Inputs in;
    in.probe = parseProbeReport("not json");
    const auto checks = judgeIsolation(in.spec, in.probe, in.host, in.security);
    ASSERT_EQ(checks.size(), 9u);
    for (const auto &c : checks)
        EXPECT_EQ(c.verdict, Verdict::Unknown) << describe(c);
    EXPECT_EQ(parseProbeReport("").failure, "the probe printed nothing");
    EXPECT_FALSE(parseProbeReport(R"({"probe": 2})").failure.empty());
}

TEST(IsolationJudge, ParsesTheProbesReportDefensively)
{
    const ProbeReport r = parseProbeReport(R"json({
        "probe": 1,
        "process": {"pid": 5, "processes": "two", "init_cmdline": ["sleep", "30"]},
        "namespaces": {"pid": 4026532500, "net": {"error": "stat /proc/self/ns/net: EACCES (Permission denied)"}},
        "hostname": "c0ffee",
        "ipc": {"error": "opendir: boom"},
        "status": {"CapEff": "00000000a80425fb", "Seccomp": "2", "NoNewPrivs": "1", "Uid": ["0", "0", "0", "0"]},
        "seccomp_experiments": [{"syscall": "keyctl", "call": "keyctl(…)", "result": -1, "errno": "EPERM"},
                                {"syscall": "personality", "call": "personality(…)", "signal": "SIGSYS"}],
        "cgroup": {"version": 1, "memory": {"file": "/sys/fs/cgroup/memory/memory.limit_in_bytes", "value": "1"}},
        "executable": {"link": "/memfd:hako-probe (deleted)", "open_for_writing": "ETXTBSY"}
    })json");
    EXPECT_TRUE(r.failure.empty());
    EXPECT_EQ(*r.pid, 5);
    EXPECT_FALSE(r.processCount.ok());
    EXPECT_NE(r.processCount.why.find("unexpected value"), std::string::npos);
    EXPECT_EQ(*r.namespaces.at("pid"), 4026532500u);
    EXPECT_EQ(r.namespaces.at("net").why, "stat /proc/self/ns/net: EACCES (Permission denied)");
    EXPECT_FALSE(r.namespaces.at("uts").ok());
    EXPECT_EQ(r.shmSegments.why, "opendir: boom");
    EXPECT_FALSE(r.interfaces.ok());
    EXPECT_EQ(*r.capEff, 0xa80425fbu);
    EXPECT_EQ(*r.seccompMode, 2);
    EXPECT_TRUE(*r.noNewPrivileges);
    EXPECT_EQ(r.experiments.at("keyctl")->errnoName, "EPERM");
    EXPECT_EQ(r.experiments.at("personality")->signal, "SIGSYS");
    EXPECT_EQ(r.cgroupLimits.at("memory")->value, "1");
    EXPECT_FALSE(r.cgroupLimits.contains("pids"));
    EXPECT_EQ(*r.executableWrite, "ETXTBSY");
}

TEST(IsolationJudge, ReportJsonShape)
{
    IsolationReport report{
        "abc123",
        "web",
        {{"pid", Verdict::Weakened, "shares the host's", {"inside: x", "host: y"}}}};
    const auto json = toJson(report);
    EXPECT_EQ(
        json.dump(),
        R"({"Checks":[{"Check":"pid","Evidence":["inside: x","host: y"],"Summary":"shares the host's","Verdict":"weakened"}],"Id":"abc123","Name":"web"})");
    EXPECT_EQ(verdictName(Verdict::Isolated), "isolated");
    EXPECT_EQ(verdictName(Verdict::Failed), "failed");
    EXPECT_EQ(verdictName(Verdict::Unknown), "unknown");
}

} // namespace
