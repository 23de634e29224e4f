// Whether a spec weakens the container's isolation, in which case creating it needs the
// "privileged" polkit action (auth_admin, never kept) instead of "create".
#pragma once

#include "spec.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hako::helper {

// The spec of the container with this full id, or nullopt if there is none.
using SpecLookup = std::function<std::optional<Spec>(const std::string &id)>;

// Every reason the spec is privileged ("shares the host's network namespace", ...); empty
// when an ordinary container. A seccomp filter must be present when the default spec has
// one; what a custom filter allows is not judged.
// A namespace joined from another container counts as privileged when that container is
// (its namespaces may be the host's by path, its pid namespace may show a privileged
// container's processes and roots): otherwise a second, ordinary container would be a way
// around asking for `privileged`.
std::vector<std::string> privilegeReasons(const Spec &spec, const SpecLookup &lookup = {});

} // namespace hako::helper
