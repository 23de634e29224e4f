// Shared set-up for the integration tests: a private state root per test, the hako-monitor
// from this build, and small helpers to run a container to its end.
#pragma once

#include "engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace hako::test {

// Skips the test (with the reason) unless we are root on a kernel that can run containers.
void requireRoot();

class EngineTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override; // removes every container the test left, then the state root

    // A spec from defaultSpec() running `sh -c script`.
    static Spec shellSpec(const std::string &script);
    // create + start; returns the id.
    std::string run(const Spec &spec, const std::string &name = {});
    // create + start + wait; returns the final state.
    ContainerState runToEnd(const Spec &spec, const std::string &name = {});
    // Every log line's text, in order.
    std::vector<std::string> logLines(const std::string &id);
    std::string output(const std::string &id); // the lines joined with '\n'

    std::string root_;
    std::unique_ptr<Engine> engine_;
};

// Polls until `done` holds, for at most `limit`.
template <typename Pred>
bool eventually(Pred done, std::chrono::milliseconds limit = std::chrono::seconds(5))
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// The whitespace-separated words of `text`.
std::vector<std::string> splitWords(const std::string &text);
// The value of a "Key:\tvalue" line of /proc/<pid>/status ("<no Key>" when absent).
std::string statusField(pid_t pid, const std::string &key);

// What a leak looks like from the host: mount table, Hako's cgroup dirs, monitor processes.
std::string hostMountTable();
std::vector<std::string> hakoCgroupDirs();
std::vector<int> monitorPids();

} // namespace hako::test
