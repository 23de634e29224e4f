// Whether a spec weakens the container's isolation, in which case creating it needs the
// "privileged" polkit action (auth_admin, never kept) instead of "create".
#pragma once

#include "spec.h"

#include <string>
#include <vector>

namespace hako::helper {

// Every reason the spec is privileged ("shares the host's network namespace", ...); empty
// when an ordinary container. Seccomp is not judged here yet: defaults come with a later issue.
std::vector<std::string> privilegeReasons(const Spec &spec);

} // namespace hako::helper
