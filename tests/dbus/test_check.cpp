// `hakoctl check` end to end, through the real helper, its polkit check and the kernel: a
// default container passes every check for a user allowed to monitor (exit 0), one run with
// --pid=host, --cap-add SYS_ADMIN and seccomp=unconfined (root: the privileged action) shows
// those three as weakened, and what cannot be checked is hakoctl's error (exit 125).
#include "bus_fixture.h"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace hako::dbustest {
namespace {

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

const std::vector<std::string> kChecks = {"pid",  "hostname",     "network", "ipc",   "mount",
                                          "user", "capabilities", "seccomp", "limits"};

// CHECK → VERDICT from hakoctl check's table (stdout is not a terminal: no colours).
std::map<std::string, std::string> tableVerdicts(const std::string &table)
{
    std::map<std::string, std::string> verdicts;
    std::istringstream lines(table);
    std::string line;
    std::getline(lines, line); // the header
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == ' ') // evidence, indented
            continue;
        std::istringstream words(line);
        std::string check, verdict;
        words >> check >> verdict;
        verdicts[check] = verdict;
    }
    return verdicts;
}

// CHECK → VERDICT from `--format json`; empty (and a failure) if it is not a report.
std::map<std::string, std::string> jsonVerdicts(const Result &r)
{
    std::map<std::string, std::string> verdicts;
    try {
        const nlohmann::json report = nlohmann::json::parse(r.out);
        for (const auto &check : report.at("Checks"))
            verdicts[check.at("Check").get<std::string>()] = check.at("Verdict").get<std::string>();
    } catch (const std::exception &e) {
        ADD_FAILURE() << "not a report (" << e.what() << "): " << r.describe();
    }
    return verdicts;
}

std::string describe(const std::map<std::string, std::string> &verdicts)
{
    std::string out;
    for (const auto &[check, verdict] : verdicts)
        out += check + "=" + verdict + " ";
    return out;
}

using CheckTest = CtlTest;

TEST_F(CheckTest, DefaultContainerIsIsolatedForAUserWhoMayMonitor)
{
    runDetached("plain", {"sleep", "1000"});
    // `monitor` for a user without an active session: a rule for a group. polkitd rereads
    // its rules a moment after they change, and the grant is machine-wide (another test run
    // may revoke it meanwhile): granted again if refused.
    Result table;
    for (int attempt = 0; attempt < 3; ++attempt) {
        grantAllButPrivileged();
        table = hakoctlAsUser({"check", "plain"});
        if (table.exit != 125 || !contains(table.err, "not authorized"))
            break;
    }
    ASSERT_EQ(table.exit, 0) << table.describe();
    EXPECT_EQ(table.out.rfind("CHECK", 0), 0u) << table.describe();
    EXPECT_FALSE(contains(table.out, "\033[")) << "colours on a pipe: " << table.describe();
    const auto verdicts = tableVerdicts(table.out);
    ASSERT_EQ(verdicts.size(), kChecks.size()) << table.describe();
    for (const std::string &check : kChecks)
        EXPECT_EQ(verdicts.count(check), 1u) << check << " missing: " << table.describe();
    EXPECT_EQ(verdicts.at("pid"), "isolated") << table.describe();
    for (const char *check : {"hostname", "network", "ipc", "mount", "capabilities", "seccomp"})
        EXPECT_EQ(verdicts.at(check), "isolated") << check << ": " << table.describe();
    for (const auto &[check, verdict] : verdicts)
        EXPECT_NE(verdict, "failed") << check << ": " << table.describe();

    // The rest as root, for the same reason.
    const Result json = hakoctl({"check", "--format", "json", "plain"});
    ASSERT_EQ(json.exit, 0) << json.describe();
    EXPECT_EQ(jsonVerdicts(json), verdicts) << describe(jsonVerdicts(json));

    const Result verbose = hakoctl({"check", "-v", "plain"});
    ASSERT_EQ(verbose.exit, 0) << verbose.describe();
    EXPECT_TRUE(contains(verbose.out, "\n    ")) << "no evidence under -v: " << verbose.describe();

    const Result twice = hakoctl({"check", "plain", "plain"}); // a heading for each
    EXPECT_EQ(twice.exit, 0) << twice.describe();
    EXPECT_EQ(twice.out.rfind("plain (", 0), 0u) << twice.describe();
    EXPECT_TRUE(contains(twice.out, "\n\nplain (")) << twice.describe();

    const Result name = hakoctl({"check", "--format", "{{.Name}}", "plain"});
    EXPECT_EQ(name.exit, 0) << name.describe();
    EXPECT_EQ(trim(name.out), "plain") << name.describe();
}

TEST_F(CheckTest, WeakenedSettingsShowAsWeakened)
{
    const Result run = hakoctl({"run", "-d", "--name", "loose", "--pid=host", "--cap-add", "SYS_ADMIN",
                                "--security-opt", "seccomp=unconfined", "busybox", "sleep", "1000"});
    ASSERT_EQ(run.exit, 0) << run.describe();
    const Result r = hakoctl({"check", "--format", "json", "loose"});
    const auto verdicts = jsonVerdicts(r);
    ASSERT_EQ(verdicts.size(), kChecks.size()) << r.describe();
    EXPECT_EQ(verdicts.at("pid"), "weakened") << describe(verdicts);
    EXPECT_EQ(verdicts.at("capabilities"), "weakened") << describe(verdicts);
    EXPECT_EQ(verdicts.at("seccomp"), "weakened") << describe(verdicts);
    EXPECT_EQ(verdicts.at("network"), "isolated") << describe(verdicts); // not asked to share
    // Weakened is what the settings asked for, not a failure: the exit status says so.
    EXPECT_EQ(r.exit, 0) << r.describe();
}

TEST_F(CheckTest, WhatCannotBeCheckedIsHakoctlsError)
{
    ASSERT_EQ(hakoctl({"create", "--name", "idle", "busybox", "true"}).exit, 0);
    const Result stopped = hakoctl({"check", "idle"});
    EXPECT_EQ(stopped.exit, 125) << stopped.describe();
    EXPECT_FALSE(stopped.err.empty()) << stopped.describe();
    const Result missing = hakoctl({"check", "no-such-container"});
    EXPECT_EQ(missing.exit, 125) << missing.describe();
    EXPECT_TRUE(contains(missing.err, "no-such-container")) << missing.describe();
    const Result usage = hakoctl({"check"});
    EXPECT_EQ(usage.exit, 125) << usage.describe();
    const Result help = hakoctl({"check", "--help"});
    EXPECT_EQ(help.exit, 0) << help.describe();
    EXPECT_TRUE(contains(help.out, "1    at least one check failed")) << help.describe();
}

TEST_F(CheckTest, CheckIsolationOverTheApiNamesItsErrors)
{
    const QDBusMessage missing = env().call("CheckIsolation", {QStringLiteral("nothing-here")});
    EXPECT_EQ(missing.errorName().toStdString(), "org.hako.Containers1.Error.NoSuchContainer");
    ASSERT_EQ(hakoctl({"create", "--name", "made", "busybox", "true"}).exit, 0);
    const QDBusMessage created = env().call("CheckIsolation", {QStringLiteral("made")});
    EXPECT_EQ(created.errorName().toStdString(), "org.hako.Containers1.Error.InvalidState")
        << created.errorMessage().toStdString();
    const QDBusMessage empty = env().call("CheckIsolation", {QString()});
    EXPECT_EQ(empty.errorName().toStdString(), "org.freedesktop.DBus.Error.InvalidArgs");
}

} // namespace
} // namespace hako::dbustest
