// A container's recorded state (state.json) and the rules for which verbs it allows.
#pragma once

#include "proc.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hako {

enum class Status { Created, Running, Paused, Stopped };

std::string_view statusName(Status status); // "created", "running", ...
std::optional<Status> statusFromName(std::string_view name);

struct ContainerState {
    std::string id;
    std::string name;
    std::string image;   // the image as it was named at create ("busybox")
    std::string imageId; // "sha256:<hex>": the image whose layers are its root (empty: made before the layered store)
    Status status = Status::Created;
    ProcessId pid;     // the container's PID 1 on the host, while it runs
    ProcessId monitor; // its hako-monitor
    int64_t createdAt = 0; // unix nanoseconds; 0 = never
    int64_t startedAt = 0;
    int64_t finishedAt = 0;
    std::optional<int> exitCode;   // set when the process exited normally
    std::optional<int> exitSignal; // set when a signal ended it
    bool oomKilled = false;
    std::string error; // why the last start failed or supervision was lost
    int restartCount = 0;

    // Docker's convention for a single number: the exit code, or 128 + signal.
    std::optional<int> exitStatus() const;
    std::string describe() const; // "running", "exited (0)", "killed by SIGKILL" ...
};

// Each verb checks these first and says why it refuses.
// They return an empty string when the verb is allowed, the reason otherwise.
std::string whyCannotStart(const ContainerState &state);
std::string whyCannotStop(const ContainerState &state);
std::string whyCannotKill(const ContainerState &state);
std::string whyCannotRemove(const ContainerState &state, bool force);
std::string whyCannotExec(const ContainerState &state);
std::string whyCannotPause(const ContainerState &state);
std::string whyCannotUnpause(const ContainerState &state);

nlohmann::json toJson(const ContainerState &state);
ContainerState stateFromJson(const nlohmann::json &json);

} // namespace hako
