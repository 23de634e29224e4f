// The judge's rule for resource limits: the values the spec sets (linux.resources) against
// the container's cgroup files, read on the host and, where mounted, from inside.
#include "isolation_judge.h"

#include <algorithm>

namespace hako::isolation_detail
{

namespace
{

// One limit the spec sets: the host's interface file, the probe's key, the expected text.
struct ExpectedLimit {
    std::string what;      // "memory", for the summary
    std::string hostFile;  // "memory.limit_in_bytes"
    std::string probeKey;  // "memory"
    std::string value;     // what the file should hold
    std::string described; // "64 MiB"
};

bool set(const auto &value)
{
    return value && *value > 0; // OCI tools write 0 or -1 for "not set"
}

std::string bytesText(uint64_t bytes)
{
    static const char *kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (bytes >= 1024 && bytes % 1024 == 0 && unit < 4) {
        bytes /= 1024;
        ++unit;
    }
    return std::to_string(bytes) + " " + kUnits[unit];
}

bool hostIsV2(const HostFacts &host)
{
    return !host.cgroupFiles.contains("memory.limit_in_bytes") &&
           (host.cgroupFiles.contains("memory.max") || host.cgroupFiles.contains("cpu.max"));
}

std::vector<ExpectedLimit> expectedLimits(const Spec &spec, const HostFacts &host)
{
    std::vector<ExpectedLimit> out;
    if (!spec.linux.resources)
        return out;
    const Resources &r = *spec.linux.resources;
    const bool v2 = hostIsV2(host);
    if (r.memory && set(r.memory->limit)) {
        // The kernel keeps the limit in whole pages, rounded down.
        const uint64_t page = host.pageSize ? host.pageSize : 4096;
        const uint64_t bytes = static_cast<uint64_t>(*r.memory->limit) / page * page;
        out.push_back({"memory", v2 ? "memory.max" : "memory.limit_in_bytes", "memory",
                       std::to_string(bytes), bytesText(bytes)});
    }
    if (r.pids && r.pids->limit > 0)
        out.push_back({"pids", "pids.max", "pids", std::to_string(r.pids->limit),
                       std::to_string(r.pids->limit) + " processes"});
    if (r.cpu && set(r.cpu->quota)) {
        const uint64_t period = r.cpu->period.value_or(0) ? *r.cpu->period : 100000;
        const std::string cores =
            std::to_string(static_cast<double>(*r.cpu->quota) / static_cast<double>(period));
        const std::string described = cores.substr(0, cores.find('.') + 3) + " CPUs";
        if (v2) {
            out.push_back({"CPU", "cpu.max", "cpu_max",
                           std::to_string(*r.cpu->quota) + " " + std::to_string(period),
                           described});
        } else {
            out.push_back(
                {"CPU", "cpu.cfs_quota_us", "cpu_quota", std::to_string(*r.cpu->quota), described});
            out.push_back(
                {"CPU", "cpu.cfs_period_us", "cpu_period", std::to_string(period), described});
        }
    }
    return out;
}

struct Finding {
    std::vector<std::string> failures, unknowns;
};

void compare(const ExpectedLimit &e, const ProbeReport &probe, const HostFacts &host,
             IsolationCheck &check, Finding &finding)
{
    const auto onHost = host.cgroupFiles.find(e.hostFile);
    if (onHost == host.cgroupFiles.end()) {
        finding.unknowns.push_back("the container's cgroup has no readable " + e.hostFile +
                                   (host.cgroupError.empty() ? "" : " (" + host.cgroupError + ")"));
    } else {
        check.evidence.push_back("host: cat " + onHost->second.file + " → " + onHost->second.value);
        if (onHost->second.value != e.value)
            finding.failures.push_back(e.what + ": the spec asks for " + e.value + ", " +
                                       onHost->second.file + " holds " + onHost->second.value);
    }
    const auto inside = probe.cgroupLimits.find(e.probeKey);
    if (inside == probe.cgroupLimits.end() || !inside->second.ok()) {
        check.evidence.push_back("inside: cat …/" + e.hostFile + " → " +
                                 (inside == probe.cgroupLimits.end() ? std::string("not reported")
                                                                     : inside->second.why));
        return;
    }
    check.evidence.push_back("inside: cat " + inside->second->file + " → " + inside->second->value);
    if (inside->second->value != e.value)
        finding.failures.push_back(e.what + ": the spec asks for " + e.value + ", inside " +
                                   inside->second->file + " shows " + inside->second->value);
}

} // namespace

IsolationCheck judgeLimits(const Spec &spec, const ProbeReport &probe, const HostFacts &host)
{
    IsolationCheck check{"limits", Verdict::Unknown, {}, {}};
    const std::vector<ExpectedLimit> expected = expectedLimits(spec, host);
    if (expected.empty()) {
        for (const auto &[name, file] : host.cgroupFiles)
            check.evidence.push_back("host: cat " + file.file + " → " + file.value);
        for (const auto &[key, value] : probe.cgroupLimits)
            if (value.ok())
                check.evidence.push_back("inside: cat " + value->file + " → " + value->value);
        check.verdict = Verdict::Weakened;
        check.summary = "no memory, CPU or pids limit: it can use the whole host";
        return check;
    }
    Finding finding;
    std::vector<std::string> limited;
    for (const ExpectedLimit &e : expected) {
        compare(e, probe, host, check, finding);
        const std::string text = e.what + " " + e.described;
        if (std::ranges::find(limited, text) == limited.end())
            limited.push_back(text);
    }
    if (!finding.failures.empty()) {
        check.verdict = Verdict::Failed;
        check.summary = joined(finding.failures, "; ");
    } else if (!finding.unknowns.empty()) {
        check.summary = joined(finding.unknowns, "; ");
    } else {
        check.verdict = Verdict::Isolated;
        check.summary = "limited to " + joined(limited, ", ");
        std::vector<std::string> unset;
        for (const char *what : {"memory", "pids", "CPU"})
            if (std::ranges::none_of(expected,
                                     [&](const ExpectedLimit &e) { return e.what == what; }))
                unset.push_back(what);
        if (!unset.empty())
            check.summary += "; no " + joined(unset, " or ") + " limit";
    }
    return check;
}

} // namespace hako::isolation_detail
