// hako-helper's command line.
#pragma once

#include "engine.h"

#include <optional>
#include <string>

namespace hako::helper {

struct HelperOptions {
    EngineOptions engine;
    int idleExitSeconds = 0; // 0: never exit when idle
};

// Parses argv; on a bad command line prints the reason and returns nullopt.
std::optional<HelperOptions> parseCommandLine(int argc, char **argv);

} // namespace hako::helper
