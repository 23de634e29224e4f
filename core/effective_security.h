// What the kernel says a container's process may do, read from the host's /proc: the
// capability sets, the seccomp mode and filter count, no_new_privs and the id mappings.
// The details pane shows it beside what the spec asked for; the isolation check uses it as
// evidence. Read from outside, so nothing the container does can fake it.
#pragma once

#include "proc.h"
#include "spec.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace hako {

struct EffectiveSecurity {
    // Bit masks as /proc/<pid>/status prints them (CapEff, CapPrm, CapBnd, CapInh, CapAmb).
    uint64_t effective = 0, permitted = 0, bounding = 0, inheritable = 0, ambient = 0;
    int seccompMode = 0;    // Seccomp: 0 none, 1 strict, 2 filter
    int seccompFilters = 0; // Seccomp_filters: filters stacked on the process
    bool noNewPrivileges = false;
    // Uid:/Gid: real, effective, saved, filesystem — as the host sees them.
    std::vector<uint32_t> hostUids, hostGids;
    // uid_map/gid_map as seen from the host's user namespace: a process in the host's own
    // namespace shows the identity map {0, 0, 4294967295}.
    std::vector<IdMapping> uidMap, gidMap;

    friend bool operator==(const EffectiveSecurity &, const EffectiveSecurity &) = default;
};

// "CAP_CHOWN", … for each set bit, in the kernel's order; a bit this build has no name for
// reads "CAP_<bit>".
std::vector<std::string> capabilityNamesIn(uint64_t mask);
// The mask of the named capabilities (names as capabilityNames(); unknown ones ignored).
uint64_t capabilityMask(const std::vector<std::string> &names);

// From the texts of /proc/<pid>/status, uid_map and gid_map. Fields missing from `status`
// keep their defaults; never throws.
EffectiveSecurity parseEffectiveSecurity(std::string_view status, std::string_view uidMap,
                                         std::string_view gidMap);
// Reads the process's files; throws NotFoundError when `process` (pid + start time) is gone,
// so a reused pid is never reported as the container.
EffectiveSecurity readEffectiveSecurity(const ProcessId &process);

// {"CapEff": ["CAP_CHOWN", …], "CapPrm", "CapBnd", "CapInh", "CapAmb", "Seccomp": 2,
//  "SeccompFilters": 1, "NoNewPrivs": true, "Uid": [..4], "Gid": [..4],
//  "UidMap": [{"containerID","hostID","size"}], "GidMap": [...]}
nlohmann::json toJson(const EffectiveSecurity &security);

// What `spec` asks for, in terms to set beside toJson(EffectiveSecurity) (requested_security.cpp):
// {"Capabilities": {"Bounding", "Effective", "Permitted", "Inheritable", "Ambient": [names]},
//  "Seccomp": {"Profile": "default"|"custom"|"unconfined", "Rules": n, "Syscalls": n,
//              "DefaultAction": s}, "NoNewPrivileges": b,
//  "User": {"UID", "GID", "HostUID", "HostGID" (null when the mappings leave it unmapped)},
//  "UserNamespace": b, "UidMappings": [...], "GidMappings": [...] (as toJson's "UidMap"),
//  "ReadonlyRootfs": b, "MaskedPaths": n, "ReadonlyPaths": n}
// "default" means the filter equals defaultSeccomp() for the spec's bounding set.
nlohmann::json requestedSecurityJson(const Spec &spec);

} // namespace hako
