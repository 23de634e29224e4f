// hako-probe: what a process inside a container can see and do, as one JSON object on
// stdout. The engine runs it through exec from a sealed memfd (core/isolation_check.h) and
// judges the report against the spec and the host. It never crashes on a missing file or a
// refused call: each item that fails is recorded as {"error": "what: ERRNO (text)"}.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace hako::probe
{

// One item failed; its message ends up in the report instead of a value.
class ProbeError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

// "open /proc/net/dev: ENOENT (No such file or directory)" from errno.
[[noreturn]] void fail(const std::string &what, int err = errno);
std::string errnoText(int err); // "EPERM (Operation not permitted)"
std::string errnoName(int err); // "EPERM"

std::string readText(const std::string &path);
std::vector<std::string> lines(const std::string &text);

// Runs `item` and returns its value, or {"error": why} when it threw.
template <typename Item> nlohmann::json attempt(Item item)
{
    try {
        return item();
    } catch (const std::exception &e) {
        return nlohmann::json{{"error", e.what()}};
    }
}

// The report's sections (probe_views.cpp, probe_experiments.cpp).
nlohmann::json processView();   // pid, processes, init_cmdline
nlohmann::json namespaceView(); // kind → inode
nlohmann::json hostnameView();
nlohmann::json networkView(); // interface names
nlohmann::json ipcView();     // shm, msg, sem counts
nlohmann::json mountView();   // count, root, bind-like mounts
nlohmann::json statusView();  // CapEff…, Seccomp, NoNewPrivs, Uid, Gid from /proc/self/status
nlohmann::json idMapView();   // uid_map, gid_map
nlohmann::json cgroupView();  // membership and the limits visible inside
nlohmann::json seccompExperiments();
nlohmann::json executableView(); // /proc/self/exe: where it points, whether it can be written

} // namespace hako::probe
