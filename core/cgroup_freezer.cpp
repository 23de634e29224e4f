// The freezer: docker pause and unpause. v1 writes freezer.state and the kernel passes
// through FREEZING while every task reaches a point where it can stop; v2 writes
// cgroup.freeze and reports the result as "frozen 0|1" in cgroup.events.
#include "cgroup_controllers.h"

#include "error.h"

#include <chrono>
#include <thread>

namespace hako::cgroup_detail {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A task in uninterruptible sleep (D state: NFS, a stuck device) delays freezing; a few
// seconds is what runc allows too before it gives up and thaws.
constexpr auto kFreezeBudget = 5s;

// Polls `reached` with a short, growing sleep until it holds or the budget is spent.
template <typename Reached, typename Retry> bool waitFor(Reached reached, Retry retry)
{
    const Clock::time_point deadline = Clock::now() + kFreezeBudget;
    auto pause = 1ms;
    for (;;) {
        if (reached())
            return true;
        if (Clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
        retry();
    }
}

std::string v1State(const Dir &dir)
{
    return trimmed(readCgroupFileOnce(dir.file("freezer.state")).value_or("<gone>"));
}

bool v2Frozen(const Dir &leaf)
{
    const std::optional<std::string> events = readCgroupFileOnce(leaf.file("cgroup.events"));
    return events && keyedValue(*events, "frozen").value_or(0) == 1;
}

} // namespace

void FreezerController::freezeV1(const Dir &dir, bool frozen)
{
    const char *wanted = frozen ? "FROZEN" : "THAWED";
    writeCgroupFile(dir, "freezer.state", wanted);
    // A freeze can stall in FREEZING when a task forks at the wrong moment; writing FROZEN
    // again makes the kernel retry the stragglers.
    const bool reached = waitFor([&] { return v1State(dir) == wanted; },
                                 [&] {
                                     if (frozen)
                                         writeCgroupFile(dir, "freezer.state", wanted);
                                 });
    if (reached)
        return;
    const std::string state = v1State(dir);
    if (frozen) {
        // Half frozen is worse than not frozen: put it back as it was.
        try {
            writeCgroupFile(dir, "freezer.state", "THAWED");
        } catch (const Error &) {
        }
    }
    throw Error(std::string(frozen ? "freeze " : "thaw ") + dir.path + ": " +
                dir.file("freezer.state") + " still says " + state + " after " +
                std::to_string(kFreezeBudget.count()) + " s");
}

void FreezerController::freezeV2(const Dir &leaf, bool frozen)
{
    writeCgroupFile(leaf, "cgroup.freeze", frozen ? "1" : "0");
    if (leaf.fixture)
        return; // plain files: nobody reports back
    if (waitFor([&] { return v2Frozen(leaf) == frozen; }, [] {}))
        return;
    if (frozen) {
        try {
            writeCgroupFile(leaf, "cgroup.freeze", "0");
        } catch (const Error &) {
        }
    }
    throw Error(std::string(frozen ? "freeze " : "thaw ") + leaf.path + ": " +
                leaf.file("cgroup.events") + " does not report frozen " + (frozen ? "1" : "0") +
                " after " + std::to_string(kFreezeBudget.count()) + " s");
}

void FreezerController::statsV1(const Dir &dir, StatsFiles &files, CgroupStats &out)
{
    const std::optional<std::string> state = files.read(dir, "freezer.state");
    out.frozen = state && trimmed(*state) == "FROZEN";
}

void FreezerController::statsV2(const Dir &leaf, StatsFiles &files, CgroupStats &out)
{
    // What the kernel has done, not what was asked (cgroup.freeze).
    const std::optional<std::string> events = files.read(leaf, "cgroup.events");
    out.frozen = events && keyedValue(*events, "frozen").value_or(0) == 1;
}

} // namespace hako::cgroup_detail
