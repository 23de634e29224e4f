#include "state.h"

#include "error.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstring>
#include <signal.h>

namespace hako {

namespace {
constexpr std::array<std::pair<Status, std::string_view>, 4> kStatusNames{{
    {Status::Created, "created"},
    {Status::Running, "running"},
    {Status::Paused, "paused"},
    {Status::Stopped, "stopped"},
}};

std::string signalName(int sig)
{
    const char *abbrev = ::sigabbrev_np(sig);
    return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

nlohmann::json processJson(const ProcessId &id)
{
    return {{"pid", id.pid}, {"startTime", id.startTime}};
}

ProcessId processFromJson(const nlohmann::json &json)
{
    if (!json.is_object())
        return {};
    return {json.value("pid", 0), json.value("startTime", uint64_t{0})};
}
} // namespace

std::string_view statusName(Status status)
{
    for (const auto &[value, name] : kStatusNames)
        if (value == status)
            return name;
    return "unknown";
}

std::optional<Status> statusFromName(std::string_view name)
{
    for (const auto &[value, text] : kStatusNames)
        if (text == name)
            return value;
    return std::nullopt;
}

std::optional<int> ContainerState::exitStatus() const
{
    if (exitCode)
        return *exitCode;
    if (exitSignal)
        return 128 + *exitSignal;
    return std::nullopt;
}

std::string ContainerState::describe() const
{
    if (status != Status::Stopped)
        return std::string(statusName(status));
    if (oomKilled)
        return "stopped (OOM killed)";
    if (exitSignal)
        return "stopped (killed by " + signalName(*exitSignal) + ")";
    if (exitCode)
        return "stopped (exit code " + std::to_string(*exitCode) + ")";
    return error.empty() ? "stopped" : "stopped (" + error + ")";
}

std::string whyCannotStart(const ContainerState &s)
{
    if (s.status == Status::Running || s.status == Status::Paused)
        return "container " + s.name + " is already " + std::string(statusName(s.status));
    return {};
}

std::string whyCannotStop(const ContainerState &s)
{
    if (s.status == Status::Created || s.status == Status::Stopped)
        return "container " + s.name + " is not running (" + s.describe() + ")";
    return {};
}

std::string whyCannotKill(const ContainerState &s)
{
    return whyCannotStop(s);
}

std::string whyCannotRemove(const ContainerState &s, bool force)
{
    if (!force && (s.status == Status::Running || s.status == Status::Paused))
        return "container " + s.name + " is " + std::string(statusName(s.status)) +
               ": stop it first or force the removal";
    return {};
}

std::string whyCannotExec(const ContainerState &s)
{
    if (s.status == Status::Paused)
        return "container " + s.name + " is paused: unpause it first";
    if (s.status != Status::Running)
        return "container " + s.name + " is not running (" + s.describe() + ")";
    return {};
}

std::string whyCannotPause(const ContainerState &s)
{
    if (s.status == Status::Paused)
        return "container " + s.name + " is already paused";
    if (s.status != Status::Running)
        return "container " + s.name + " is not running (" + s.describe() + ")";
    return {};
}

std::string whyCannotUnpause(const ContainerState &s)
{
    if (s.status != Status::Paused)
        return "container " + s.name + " is not paused (" + s.describe() + ")";
    return {};
}

nlohmann::json toJson(const ContainerState &s)
{
    nlohmann::json j = {
        {"id", s.id},
        {"name", s.name},
        {"image", s.image},
        {"imageId", s.imageId},
        {"status", statusName(s.status)},
        {"pid", processJson(s.pid)},
        {"monitor", processJson(s.monitor)},
        {"createdAt", s.createdAt},
        {"startedAt", s.startedAt},
        {"finishedAt", s.finishedAt},
        {"oomKilled", s.oomKilled},
        {"restartCount", s.restartCount},
    };
    if (s.exitCode)
        j["exitCode"] = *s.exitCode;
    if (s.exitSignal)
        j["exitSignal"] = *s.exitSignal;
    if (!s.error.empty())
        j["error"] = s.error;
    return j;
}

ContainerState stateFromJson(const nlohmann::json &j)
{
    ContainerState s;
    s.id = j.at("id").get<std::string>();
    s.name = j.at("name").get<std::string>();
    s.image = j.value("image", "");
    s.imageId = j.value("imageId", "");
    const auto status = statusFromName(j.at("status").get<std::string>());
    if (!status)
        throw Error("state.json: unknown status " + j.at("status").dump());
    s.status = *status;
    s.pid = processFromJson(j.value("pid", nlohmann::json()));
    s.monitor = processFromJson(j.value("monitor", nlohmann::json()));
    s.createdAt = j.value("createdAt", int64_t{0});
    s.startedAt = j.value("startedAt", int64_t{0});
    s.finishedAt = j.value("finishedAt", int64_t{0});
    s.oomKilled = j.value("oomKilled", false);
    s.restartCount = j.value("restartCount", 0);
    if (j.contains("exitCode"))
        s.exitCode = j["exitCode"].get<int>();
    if (j.contains("exitSignal"))
        s.exitSignal = j["exitSignal"].get<int>();
    s.error = j.value("error", "");
    return s;
}

} // namespace hako
