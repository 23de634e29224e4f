// hako-monitor's part of a bridge-mode start (docs/networking.md): the container's
// interfaces, planned by the engine into <container dir>/network.json, made in the network
// namespace its PID 1 was cloned into, while it builds its root (LaunchPlan::connectNetwork).
#pragma once

#include "spec.h"

#include <sys/types.h>

#include <functional>
#include <string>

namespace hako {

// Empty when there is nothing to make: no endpoints (network mode none, host or container:X),
// or a spec without a network namespace of its own (a plan must never plug interfaces into
// the host's or another container's namespace, whatever network.json says).
std::function<void(pid_t)> networkConnector(const Spec &spec, const std::string &endpointsPath);

} // namespace hako
