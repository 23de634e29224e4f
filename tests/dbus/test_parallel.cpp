// 20 clients at once, each 10 create/start/stop/remove cycles; nothing leaks.
#include "bus_fixture.h"

#include <mutex>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

constexpr int kClients = 20;
constexpr int kCycles = 10;

// One cycle for client `c`; "" on success, else what failed.
std::string cycle(int c, int i)
{
    const std::string name = "p" + std::to_string(c) + "-" + std::to_string(i);
    const std::vector<Args> steps = {
        {"create", "--name", name, "busybox", "sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"},
        {"start", name},
        {"stop", "-t", "5", name},
        {"rm", name},
    };
    for (const auto &step : steps) {
        const auto r = hakoctl(step, 60s);
        if (r.exit != 0)
            return "hakoctl " + step[0] + " " + name + ": " + r.describe();
    }
    return {};
}

TEST_F(CtlTest, TwentyClientsInParallel)
{
    ASSERT_EQ(hakoctl({"run", "--rm", "busybox", "true"}).exit, 0); // the image exists now
    const auto before = HostSnapshot::take(env().stateRoot());
    std::mutex mutex;
    std::vector<std::string> failures;
    std::vector<std::thread> clients;
    const auto begin = std::chrono::steady_clock::now();
    for (int c = 0; c < kClients; ++c)
        clients.emplace_back([&, c] {
            for (int i = 0; i < kCycles; ++i)
                if (auto failure = cycle(c, i); !failure.empty()) {
                    std::lock_guard lock(mutex);
                    failures.push_back(std::move(failure));
                }
        });
    for (auto &t : clients)
        t.join();
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin);
    RecordProperty("seconds", std::to_string(seconds.count()));
    std::cerr << "[parallel] " << kClients * kCycles << " cycles in " << seconds.count() << " s\n";

    EXPECT_TRUE(failures.empty()) << failures.size() << " failed; first: " << failures.front();
    EXPECT_TRUE(listIds().empty());
    std::string leaks;
    eventually([&] { return (leaks = HostSnapshot::take(env().stateRoot()).leaksSince(before)).empty(); }, 5s);
    EXPECT_EQ(leaks, "");
}

} // namespace
} // namespace hako::dbustest
