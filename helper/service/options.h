// hako-helper's command line.
#pragma once

#include "engine.h"

#include <optional>
#include <string>

namespace hako::helper {

struct HelperOptions {
    EngineOptions engine;
    int idleExitSeconds = 0; // 0: never exit when idle
    // Docker's daemon.json, read for "insecure-registries" at every pull (a missing file:
    // none); tests point it elsewhere with --daemon-config.
    std::string daemonConfig = "/etc/hako/daemon.json";
};

// Parses argv; on a bad command line prints the reason and returns nullopt.
std::optional<HelperOptions> parseCommandLine(int argc, char **argv);

} // namespace hako::helper
