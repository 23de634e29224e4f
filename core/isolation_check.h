// The isolation check: the experiments people run by hand to see that a container is
// isolated (ps inside, hostname, ip link, ipcs, the mount table, uid_map, CapEff, a call the
// seccomp filter denies, the cgroup's limits), run against a running container and judged
// against its spec and the host. Each verdict carries its evidence: what was read or run,
// inside and on the host, and what it answered.
//
// Inside: Hako's static probe (hako-probe) is copied into a sealed memfd and executed in the
// container through exec, so it runs with the container's own namespaces, user,
// capabilities, no_new_privs and seccomp filter, and needs nothing from the image. Its
// report is untrusted input (the container could tamper with the process) and is read with
// limits; host-side facts (/proc/<pid>/ns, /proc/<pid>/status, the cgroup files) come from
// outside, where the container cannot reach.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace hako {

enum class Verdict {
    Isolated, // the container has its own / the confinement is in force
    Weakened, // less isolated than it could be, because its settings ask for that
              // (--pid=host, --cap-add, seccomp=unconfined, no user namespace, no limits)
    Failed,   // what the kernel shows differs from what the settings ask for
    Unknown,  // could not be checked (the probe failed, a file was unreadable); says why
};
std::string_view verdictName(Verdict verdict); // "isolated", "weakened", "failed", "unknown"

struct IsolationCheck {
    // One of: "pid", "hostname", "network", "ipc", "mount", "user", "capabilities",
    // "seccomp", "limits" — in that order in a report.
    std::string key;
    Verdict verdict = Verdict::Unknown;
    std::string summary;               // one line: "own PID namespace: PID 1 is `sleep 30`, 2 processes"
    std::vector<std::string> evidence; // what was read or run and its answer, one per line
};

struct IsolationReport {
    std::string id, name;
    std::vector<IsolationCheck> checks;
};

// {"Id", "Name", "Checks": [{"Check": key, "Verdict": verdictName, "Summary", "Evidence": [..]}]}
nlohmann::json toJson(const IsolationReport &report);

} // namespace hako
