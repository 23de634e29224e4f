// The judge's rules for the user namespace, capabilities and the seccomp filter: the
// host's /proc/<pid>/status (EffectiveSecurity) against the spec, with the probe's view and
// its refused calls as the evidence from inside.
#include "isolation_judge.h"

#include <algorithm>

#include <cstring>
#include <iomanip>
#include <set>
#include <sstream>

namespace hako::isolation_detail
{

namespace
{

uint64_t inodeOf(const std::map<std::string, uint64_t> &inodes, const std::string &kind)
{
    const auto it = inodes.find(kind);
    return it == inodes.end() ? 0 : it->second;
}

std::string mapText(const std::vector<IdMapping> &map)
{
    std::vector<std::string> rows;
    for (const IdMapping &m : map)
        rows.push_back(std::to_string(m.containerID) + " " + std::to_string(m.hostID) + " " +
                       std::to_string(m.size));
    return rows.empty() ? "(empty)" : joined(rows, "; ");
}

std::string idsText(const std::vector<uint32_t> &ids)
{
    std::vector<std::string> words;
    for (uint32_t id : ids)
        words.push_back(std::to_string(id));
    return joined(words);
}

bool mapsHostRoot(const std::vector<IdMapping> &map)
{
    return std::ranges::any_of(map, [](const IdMapping &m) { return m.hostID == 0 && m.size > 0; });
}

std::string statusPath(const HostFacts &host)
{
    return "/proc/" + std::to_string(host.containerPid) + "/status";
}

} // namespace

IsolationCheck judgeUser(const Spec &spec, const ProbeReport &probe, const HostFacts &host,
                         const EffectiveSecurity &security)
{
    IsolationCheck check{"user", Verdict::Unknown, {}, {}};
    const uint64_t container = inodeOf(host.container, "user"), hostNs = inodeOf(host.host, "user"),
                   engine = inodeOf(host.engine, "user");
    check.evidence.push_back("inside: cat /proc/self/uid_map → " +
                             (probe.uidMap.ok() ? mapText(*probe.uidMap) : probe.uidMap.why));
    check.evidence.push_back("inside: id -u → " + (probe.uids.ok() && probe.uids->size() > 1
                                                       ? std::to_string((*probe.uids)[1])
                                                       : probe.uids.why));
    check.evidence.push_back("host: grep Uid " + statusPath(host) + " → " +
                             idsText(security.hostUids));
    check.evidence.push_back("host: cat /proc/" + std::to_string(host.containerPid) +
                             "/uid_map → " + mapText(security.uidMap));
    check.evidence.push_back("host: readlink /proc/" + std::to_string(host.containerPid) +
                             "/ns/user → " + nsText("user", container) +
                             "; host: " + nsText("user", hostNs ? hostNs : engine));
    if (!container) {
        check.summary = "could not read the container's user namespace on the host";
        return check;
    }
    const bool shared = container == hostNs || container == engine;
    const bool wanted = spec.hasNamespace(NamespaceType::User);
    const uint32_t uid = spec.process.user.uid;
    const std::string hostUid =
        security.hostUids.size() > 1 ? std::to_string(security.hostUids[1]) : "?";
    if (wanted && !shared) {
        if (!spec.linux.uidMappings.empty() && security.uidMap != spec.linux.uidMappings) {
            check.verdict = Verdict::Failed;
            check.summary = "the kernel maps uids " + mapText(security.uidMap) +
                            ", the spec asks for " + mapText(spec.linux.uidMappings);
        } else if (mapsHostRoot(security.uidMap)) {
            check.verdict = Verdict::Weakened;
            check.summary =
                "own user namespace, but it maps the host's root (uid 0) into the container";
        } else {
            check.verdict = Verdict::Isolated;
            check.summary = "own user namespace: uid " + std::to_string(uid) +
                            " in the container is uid " + hostUid + " on the host";
        }
    } else if (wanted) {
        check.verdict = Verdict::Failed;
        check.summary = "the spec asks for a user namespace, but the kernel shows the host's";
    } else if (shared) {
        check.verdict = Verdict::Weakened;
        check.summary =
            uid == 0 ? std::string("no user namespace: root in the container is root on the host")
                     : "no user namespace: uid " + std::to_string(uid) +
                           " in the container is uid " + hostUid + " on the host";
        check.summary += "; --userns=remap maps it to an unprivileged range";
    } else {
        check.verdict = Verdict::Failed;
        check.summary = "the spec asks for no user namespace, but the kernel shows another";
    }
    return check;
}

namespace
{

std::string maskText(uint64_t mask)
{
    std::ostringstream hex;
    hex << std::setw(16) << std::setfill('0') << std::hex << mask;
    const auto names = capabilityNamesIn(mask);
    return hex.str() + " (" + (names.empty() ? std::string("none") : joined(names, ", ")) + ")";
}

// What the kernel gives the process after execve, from the sets the spec applies before it:
// root (no SECBIT_NOROOT) gets permitted = effective = inheritable | bounding; anyone else
// only the ambient set (the container's files carry no file capabilities we rely on).
std::optional<uint64_t> expectedEffective(const Process &process)
{
    if (!process.capabilities)
        return std::nullopt;
    const Capabilities &caps = *process.capabilities;
    if (process.user.uid == 0)
        return capabilityMask(caps.bounding) | capabilityMask(caps.inheritable);
    return capabilityMask(caps.ambient);
}

uint64_t dockerDefaultMask()
{
    static const uint64_t mask = capabilityMask(defaultSpec().process.capabilities->bounding);
    return mask;
}

} // namespace

IsolationCheck judgeCapabilities(const Spec &spec, const ProbeReport &probe, const HostFacts &host,
                                 const EffectiveSecurity &security)
{
    IsolationCheck check{"capabilities", Verdict::Unknown, {}, {}};
    const uint64_t kernel = security.effective;
    check.evidence.push_back("host: grep CapEff " + statusPath(host) + " → " + maskText(kernel));
    check.evidence.push_back("host: grep CapBnd " + statusPath(host) + " → " +
                             maskText(security.bounding));
    check.evidence.push_back("inside: grep CapEff /proc/self/status → " +
                             (probe.capEff.ok() ? maskText(*probe.capEff) : probe.capEff.why));
    const auto expected = expectedEffective(spec.process);
    if (expected)
        check.evidence.push_back("spec: process.capabilities → effective after exec " +
                                 maskText(*expected));
    const auto count = std::to_string(capabilityNamesIn(kernel).size());
    if (expected && kernel != *expected) {
        check.verdict = Verdict::Failed;
        check.summary = "the container's PID 1 has " + joined(capabilityNamesIn(kernel), ", ") +
                        "; the spec asks for " + joined(capabilityNamesIn(*expected), ", ");
        return check;
    }
    if (probe.capEff.ok() && *probe.capEff != kernel) {
        check.verdict = Verdict::Failed;
        check.summary = "a process exec'd into the container gets CapEff " +
                        maskText(*probe.capEff) + ", its PID 1 has " + maskText(kernel);
        return check;
    }
    const uint64_t extra = kernel & ~dockerDefaultMask();
    if (extra) {
        check.verdict = Verdict::Weakened;
        check.summary = count + " capabilities, beyond Docker's defaults: " +
                        joined(capabilityNamesIn(extra), ", ");
    } else {
        check.verdict = Verdict::Isolated;
        check.summary = count + " capabilities, all among Docker's defaults";
    }
    return check;
}

namespace
{

enum class Expect { Allowed, Refused, Uncertain };

struct Expectation {
    Expect kind = Expect::Uncertain;
    std::string answer; // "EPERM" or "SIGSYS" when refused
};

bool argMatches(const SeccompArg &a, const std::vector<uint64_t> &args)
{
    if (a.index >= args.size())
        return false;
    const uint64_t v = args[a.index];
    if (a.op == "SCMP_CMP_EQ")
        return v == a.value;
    if (a.op == "SCMP_CMP_NE")
        return v != a.value;
    if (a.op == "SCMP_CMP_LT")
        return v < a.value;
    if (a.op == "SCMP_CMP_LE")
        return v <= a.value;
    if (a.op == "SCMP_CMP_GT")
        return v > a.value;
    if (a.op == "SCMP_CMP_GE")
        return v >= a.value;
    if (a.op == "SCMP_CMP_MASKED_EQ")
        return (v & a.value) == a.valueTwo;
    return false;
}

std::string errnoNameOf(uint32_t err)
{
    const char *name = ::strerrorname_np(static_cast<int>(err));
    return name ? name : "errno " + std::to_string(err);
}

Expectation fromAction(const std::string &action, std::optional<uint32_t> errnoRet)
{
    if (action == "SCMP_ACT_ALLOW" || action == "SCMP_ACT_LOG")
        return {Expect::Allowed, {}};
    if (action == "SCMP_ACT_ERRNO")
        return {Expect::Refused, errnoNameOf(errnoRet.value_or(EPERM))};
    if (action == "SCMP_ACT_KILL" || action == "SCMP_ACT_KILL_PROCESS" ||
        action == "SCMP_ACT_KILL_THREAD" || action == "SCMP_ACT_TRAP")
        return {Expect::Refused, "SIGSYS"};
    return {};
}

// What the spec's filter does with this call and these arguments: the action of the rules
// that match it, else the default action.
Expectation expectationFor(const Seccomp &filter, const std::string &name,
                           const std::vector<uint64_t> &args)
{
    std::set<std::pair<std::string, uint32_t>> actions;
    for (const SeccompSyscall &rule : filter.syscalls) {
        if (std::ranges::find(rule.names, name) == rule.names.end())
            continue;
        if (std::ranges::all_of(rule.args,
                                [&](const SeccompArg &a) { return argMatches(a, args); }))
            actions.insert({rule.action, rule.errnoRet.value_or(EPERM)});
    }
    if (actions.size() > 1)
        return {};
    if (actions.empty())
        return fromAction(filter.defaultAction, filter.defaultErrnoRet);
    return fromAction(actions.begin()->first, actions.begin()->second);
}

struct ExperimentSpec {
    const char *syscall;
    std::vector<uint64_t> args; // as the filter sees the registers
};

std::string outcomeText(const SyscallExperiment &e)
{
    if (!e.signal.empty())
        return "killed by " + e.signal;
    if (e.result && *e.result < 0)
        return e.errnoName.empty() ? "-1" : e.errnoName;
    return std::to_string(e.result.value_or(0)) + " (allowed)";
}

bool refusedAs(const SyscallExperiment &e, const std::string &answer)
{
    if (answer == "SIGSYS")
        return e.signal == "SIGSYS";
    return e.result && *e.result < 0 && e.errnoName == answer;
}

} // namespace

IsolationCheck judgeSeccomp(const Spec &spec, const ProbeReport &probe, const HostFacts &host,
                            const EffectiveSecurity &security)
{
    IsolationCheck check{"seccomp", Verdict::Unknown, {}, {}};
    check.evidence.push_back("host: grep Seccomp " + statusPath(host) +
                             " → Seccomp: " + std::to_string(security.seccompMode) +
                             ", Seccomp_filters: " + std::to_string(security.seccompFilters) +
                             ", NoNewPrivs: " + (security.noNewPrivileges ? "1" : "0"));
    check.evidence.push_back(
        "inside: grep Seccomp /proc/self/status → " +
        (probe.seccompMode.ok()
             ? "Seccomp: " + std::to_string(*probe.seccompMode) +
                   (probe.seccompFilters.ok()
                        ? ", Seccomp_filters: " + std::to_string(*probe.seccompFilters)
                        : "")
             : probe.seccompMode.why));
    static const ExperimentSpec kExperiments[] = {
        {"keyctl", {0 /* KEYCTL_GET_KEYRING_ID */, static_cast<uint64_t>(-3) /* session */, 0}},
        {"personality", {0x0040000 /* ADDR_NO_RANDOMIZE */}},
    };
    for (const ExperimentSpec &x : kExperiments) {
        const auto it = probe.experiments.find(x.syscall);
        if (it == probe.experiments.end())
            check.evidence.push_back(std::string("inside: ") + x.syscall +
                                     "(…) → missing from the probe's report");
        else if (!it->second.ok())
            check.evidence.push_back(std::string("inside: ") + x.syscall + "(…) → " +
                                     it->second.why);
        else
            check.evidence.push_back("inside: " + it->second->call + " → " +
                                     outcomeText(*it->second));
    }
    if (!spec.linux.seccomp) {
        check.verdict = Verdict::Weakened;
        check.summary =
            security.seccompMode == 0
                ? "no seccomp filter: every system call reaches the kernel (seccomp=unconfined)"
                : "the spec sets no seccomp filter; one the engine itself runs under is in force";
        return check;
    }
    if (security.seccompMode != 2) {
        check.verdict = Verdict::Failed;
        check.summary = "the spec sets a seccomp filter, but the kernel shows Seccomp: " +
                        std::to_string(security.seccompMode) + " for the container's PID 1";
        return check;
    }
    if (probe.seccompMode.ok() && *probe.seccompMode != 2) {
        check.verdict = Verdict::Failed;
        check.summary = "a process exec'd into the container runs without the filter (Seccomp: " +
                        std::to_string(*probe.seccompMode) + ")";
        return check;
    }
    std::vector<std::string> refused, notRefused;
    std::string unknown;
    for (const ExperimentSpec &x : kExperiments) {
        const Expectation expect = expectationFor(*spec.linux.seccomp, x.syscall, x.args);
        if (expect.kind != Expect::Refused)
            continue;
        const auto it = probe.experiments.find(x.syscall);
        if (it == probe.experiments.end() || !it->second.ok()) {
            unknown = std::string("the probe did not report its ") + x.syscall + " experiment";
            continue;
        }
        if (refusedAs(*it->second, expect.answer))
            refused.push_back(std::string(x.syscall) + " refused with " + expect.answer);
        else
            notRefused.push_back(it->second->call + " was not refused as the spec asks (" +
                                 expect.answer + "): " + outcomeText(*it->second));
    }
    const std::string inForce = "filter in force (Seccomp: 2, " +
                                std::to_string(security.seccompFilters) +
                                (security.seccompFilters == 1 ? " filter)" : " filters)");
    if (!notRefused.empty()) {
        check.verdict = Verdict::Failed;
        check.summary = joined(notRefused, "; ");
    } else if (refused.empty() && !unknown.empty()) {
        check.summary = unknown;
    } else {
        check.verdict = Verdict::Isolated;
        check.summary =
            refused.empty()
                ? inForce + "; the spec's filter allows the test calls, so they prove nothing more"
                : inForce + ": " + joined(refused, ", ");
    }
    return check;
}

} // namespace hako::isolation_detail
