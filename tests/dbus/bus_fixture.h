// The end-to-end set-up of issue 3: a private system-like bus (dbus-daemon with Debian's
// system.conf made private, plus the project's bus policy), a real polkitd on it, hako-helper
// owning org.hako.Containers1 with a temporary state root, an unprivileged user `hakotest`,
// and helpers to run hakoctl (as root or as that user) and to call the API directly.
//
// BusEnvironment starts everything once per test process (ctest runs each test in its own);
// DBusTest is the per-test fixture: it skips with the reason when the set-up cannot run and
// removes every container a test leaves.
#pragma once

#include "process.h"
#include "spec.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QVariant>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace hako::dbustest {

inline constexpr const char *kService = "org.hako.Containers1";
inline constexpr const char *kManagerPath = "/org/hako/Containers1";
inline constexpr const char *kManagerInterface = "org.hako.Containers1.Manager";
inline constexpr const char *kTestUser = "hakotest";
inline constexpr const char *kAdminGroup = "hakoadmins";
inline constexpr const char *kRulesFile = "/etc/polkit-1/rules.d/50-hako-test.rules";

class BusEnvironment : public ::testing::Environment {
public:
    static BusEnvironment &instance(); // the one registered by main()

    void SetUp() override;
    void TearDown() override;

    // Empty when bus, polkitd and helper are up; otherwise why not (tests skip with it).
    const std::string &skipReason() const { return skipReason_; }
    // Non-empty when the helper is built but did not come up (tests fail with it).
    const std::string &failure() const { return failure_; }
    const std::string &address() const { return address_; } // unix:path=…
    const std::string &stateRoot() const { return stateRoot_; }
    Env clientEnv() const { return {"DBUS_SYSTEM_BUS_ADDRESS=" + address_}; }

    // hako-helper: start (waits until it owns the name), SIGKILL, liveness, its output.
    // `extraArgs` are added to its command line (e.g. {"--idle-exit", "2"}).
    bool startHelper(std::string *why = nullptr, const Args &extraArgs = {});
    void killHelper();
    bool helperRunning() { return helper_.running(); }
    std::string diagnostics() const; // the logs of dbus-daemon, polkitd and the helper

    // polkitd: stopped and started again (the bus does not activate it: it has no service dirs).
    void stopPolkit() { polkit_.stop(); }
    bool restartPolkit(std::string *why = nullptr);

    bool nameHasOwner(const std::string &name);
    bool waitForName(const std::string &name, std::chrono::milliseconds timeout);

    // The API as root, over our own connection to the private bus.
    QDBusMessage call(const QString &method, const QVariantList &args = {},
                      int timeoutMs = 30000);

    // Every container of the state root removed (through the helper, else the engine).
    void removeAllContainers();

private:
    bool startBus(std::string &why);
    bool startPolkit(std::string &why);
    void writeBusConfig();
    void installPolicy();
    void ensureTestUser();

    std::string skipReason_, failure_;
    std::string dir_, address_, stateRoot_;
    Daemon bus_, polkit_, helper_;
    std::unique_ptr<QDBusConnection> connection_;
};

// A connection of its own to the private bus (as root): its unique name leaves the bus with
// disconnect(), which is how tests play a client that goes away mid-call.
class BusClient {
public:
    BusClient(const std::string &address, const QString &connectionName);
    ~BusClient() { disconnect(); }
    BusClient(const BusClient &) = delete;
    BusClient &operator=(const BusClient &) = delete;
    bool connected() const { return connection_ && connection_->isConnected(); }
    QDBusMessage call(const QString &method, const QVariantList &args = {}, int timeoutMs = 10000);
    QDBusPendingCall callAsync(const QString &method, const QVariantList &args = {});
    void disconnect(); // the socket closes with the last reference to the connection

private:
    QString name_;
    std::optional<QDBusConnection> connection_;
};

// hakoctl from this build as root / as `hakotest` (setpriv, with the bus address).
Result hakoctl(const Args &args, std::chrono::milliseconds timeout = std::chrono::seconds(30));
Result hakoctlAsUser(const Args &args,
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));
Result runAsUser(const Args &argv, std::chrono::milliseconds timeout = std::chrono::seconds(30));
// The hakoctl command line (path and env) for tests that spawn it themselves (pty).
std::string hakoctlPath();
// hako-dbus-script-client (script_client.cpp): one connection, calls driven on stdin.
std::string scriptClientPath();

// An OCI config.json for busybox running `args`; without a network namespace if hostNetwork;
// with `resources` as its linux.resources.
std::string specJson(const std::vector<std::string> &args, bool hostNetwork = false,
                     const std::optional<Resources> &resources = std::nullopt);

// What a leak looks like from the host: mounts under the state root, Hako's cgroup dirs,
// hako-monitor processes of this state root, container directories.
struct HostSnapshot {
    std::set<std::string> mounts, cgroups, containerDirs;
    std::set<int> monitors;
    static HostSnapshot take(const std::string &stateRoot);
    // Everything in *this but not in `before`, one per line ("" if nothing).
    std::string leaksSince(const HostSnapshot &before) const;
};

class DBusTest : public ::testing::Test {
protected:
    void SetUp() override;    // skips unless root and the environment is up
    void TearDown() override; // helper restarted if a test killed it; containers removed

    BusEnvironment &env() { return BusEnvironment::instance(); }
    // Runs the busybox container `name` detached with `cmd`; fails the test if it cannot.
    void runDetached(const std::string &name, const Args &cmd);
    // Grants the test user every Hako action but `privileged`: a polkit rule of the test's for
    // the group hakoadmins, and the user put in it. Revoked by revokeGrant() and by TearDown.
    void grantAllButPrivileged();
    void revokeGrant();
    // CreateContainer + StartContainer through the API as root; the id ("" and a failure
    // recorded if either is refused).
    std::string runThroughApi(const std::string &name, const std::string &spec);
    // `hakoctl inspect -f FORMAT ref`, trimmed.
    std::string inspectField(const std::string &ref, const std::string &format);
    // The ids ListContainers reports, sorted (empty if the call fails).
    std::vector<std::string> listIds();
};

// For tests that drive hakoctl: also skips when hakoctl is not built.
class CtlTest : public DBusTest {
protected:
    void SetUp() override;
};

std::string trim(const std::string &s);
// Polls `cond` every 50 ms until it holds or `timeout` passes.
bool eventually(const std::function<bool()> &cond, std::chrono::milliseconds timeout);

} // namespace hako::dbustest
