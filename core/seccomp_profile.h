// Seccomp profiles in Docker's format (what `--security-opt seccomp=PROFILE.json` takes):
// defaultAction, defaultErrnoRet, architectures / archMap, syscalls with names, action,
// errnoRet, args {index, value, valueTwo, op} and includes / excludes by capabilities and
// architectures. They become the spec's linux.seccomp for one container: the rules that apply
// to its capability set and to this machine's architecture (x86_64 with its i386 and x32
// ABIs). Hako's default profile is written in the same format and answers EPERM to what
// Docker's default denies.
#pragma once

#include "spec.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hako {

struct SeccompProfileResult {
    std::optional<Seccomp> seccomp;  // set when there are no errors
    std::vector<SpecIssue> errors;   // JSON paths inside the profile: "syscalls[3].action"
    std::string errorText() const;
};

// `capabilities`: the container's bounding set ("CAP_SYS_ADMIN", …), which decides the
// includes/excludes by caps.
SeccompProfileResult seccompFromProfile(std::string_view json,
                                        const std::vector<std::string> &capabilities);

// Hako's default profile for a container with `capabilities`.
Seccomp defaultSeccomp(const std::vector<std::string> &capabilities);

// The default profile's text, in Docker's format (hakoctl can print it; tests read it).
std::string_view defaultSeccompProfileJson();

} // namespace hako
