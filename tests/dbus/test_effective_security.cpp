// GetEffectiveSecurity end to end: the test user, granted only the monitor action, reads a
// running container's security from the helper — what the spec asked for beside what the
// kernel applies — and a stopped or unknown container is refused with the named errors.
#include "bus_fixture.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

std::string monitorRule()
{
    return std::string(R"(polkit.addRule(function(action, subject) {
    if (action.id == "org.hako.containers1.monitor" && subject.user == ")") +
           kTestUser + R"(")
        return polkit.Result.YES;
});
)";
}

// Writes the rule unless it is there already; true if it was written.
bool writeMonitorRule()
{
    std::ifstream in(kRulesFile);
    const std::string current((std::istreambuf_iterator<char>(in)), {});
    if (current == monitorRule())
        return false;
    std::ofstream(kRulesFile) << monitorRule();
    return true;
}

void grantMonitorOnly()
{
    writeMonitorRule();
    std::this_thread::sleep_for(1500ms); // polkitd rereads rules.d by itself
}

Result getAsUser(const std::string &ref)
{
    return runAsUser({"gdbus", "call", "--system", "--dest", kService, "--object-path", kManagerPath,
                      "--method", std::string(kManagerInterface) + ".GetEffectiveSecurity", ref});
}

// As getAsUser, once polkitd has picked the rule up (it rereads rules.d by itself, in its time).
Result getAsGrantedUser(const std::string &ref)
{
    Result reply;
    eventually([&] {
        reply = getAsUser(ref);
        // Test processes running at the same time share the rules file: put it back if it went.
        if (writeMonitorRule())
            std::this_thread::sleep_for(1500ms);
        return reply.err.find("AccessDenied") == std::string::npos;
    }, 15s);
    return reply;
}

// gdbus prints "('{…}',)": the JSON is the text between the outer braces.
nlohmann::json jsonIn(const std::string &gdbusOut)
{
    const size_t begin = gdbusOut.find('{'), end = gdbusOut.rfind('}');
    if (begin == std::string::npos || end == std::string::npos)
        return nullptr;
    return nlohmann::json::parse(gdbusOut.substr(begin, end - begin + 1), nullptr, false);
}

std::vector<std::string> sorted(std::vector<std::string> names)
{
    std::sort(names.begin(), names.end());
    return names;
}

TEST_F(DBusTest, TheTestUserReadsWhatTheKernelAppliesBesideTheSpec)
{
    ASSERT_FALSE(runThroughApi("guarded", specJson({"sleep", "1000"})).empty());
    grantMonitorOnly();
    const Result reply = getAsGrantedUser("guarded");
    ASSERT_EQ(reply.exit, 0) << reply.describe();
    const nlohmann::json security = jsonIn(reply.out);
    ASSERT_TRUE(security.is_object()) << reply.out;
    const nlohmann::json &asked = security["Requested"], &inForce = security["Effective"];

    const auto askedCaps = asked["Capabilities"]["Effective"].get<std::vector<std::string>>();
    EXPECT_EQ(askedCaps.size(), 14u) << asked.dump();
    EXPECT_EQ(sorted(inForce["CapEff"].get<std::vector<std::string>>()), sorted(askedCaps));
    EXPECT_EQ(sorted(inForce["CapBnd"].get<std::vector<std::string>>()),
              sorted(asked["Capabilities"]["Bounding"].get<std::vector<std::string>>()));
    EXPECT_EQ(asked["Seccomp"]["Profile"], "default");
    EXPECT_GT(asked["Seccomp"]["Rules"].get<int>(), 0);
    EXPECT_EQ(inForce["Seccomp"], 2);
    EXPECT_GE(inForce["SeccompFilters"].get<int>(), 1);
    EXPECT_EQ(asked["NoNewPrivileges"], false);
    EXPECT_EQ(inForce["NoNewPrivs"], false);
    EXPECT_EQ(inForce["Uid"], nlohmann::json({0, 0, 0, 0}));
    // No user namespace: the host's identity map, as the helper (root) sees it.
    EXPECT_EQ(inForce["UidMap"], nlohmann::json::parse(R"([{"containerID":0,"hostID":0,"size":4294967295}])"));
}

TEST_F(DBusTest, EffectiveSecurityNeedsTheMonitorAction)
{
    ASSERT_FALSE(runThroughApi("unwatched", specJson({"sleep", "1000"})).empty());
    const Result reply = getAsUser("unwatched"); // no rule: the test user has no session
    EXPECT_NE(reply.exit, 0) << reply.describe();
    EXPECT_NE(reply.err.find("AccessDenied"), std::string::npos) << reply.describe();
    EXPECT_NE(reply.err.find("org.hako.containers1.monitor"), std::string::npos) << reply.describe();
}

TEST_F(DBusTest, EffectiveSecurityOfAStoppedContainerIsInvalidState)
{
    const std::string id = runThroughApi("halted", specJson({"sleep", "1000"}));
    ASSERT_FALSE(id.empty());
    const auto stopped = env().call("StopContainer", {"halted", 1u});
    ASSERT_EQ(stopped.type(), QDBusMessage::ReplyMessage) << stopped.errorMessage().toStdString();
    const auto reply = env().call("GetEffectiveSecurity", {"halted"});
    ASSERT_EQ(reply.type(), QDBusMessage::ErrorMessage);
    EXPECT_EQ(reply.errorName().toStdString(), "org.hako.Containers1.Error.InvalidState");
    EXPECT_NE(reply.errorMessage().toStdString().find("is not running"), std::string::npos)
        << reply.errorMessage().toStdString();

    grantMonitorOnly();
    const Result asUser = getAsGrantedUser(id);
    EXPECT_NE(asUser.err.find("org.hako.Containers1.Error.InvalidState"), std::string::npos) << asUser.describe();

    const auto unknown = env().call("GetEffectiveSecurity", {"no-such-container"});
    EXPECT_EQ(unknown.errorName().toStdString(), "org.hako.Containers1.Error.NoSuchContainer");
}

TEST_F(DBusTest, EffectiveSecurityFollowsADroppedCapabilitySet)
{
    Spec spec = defaultSpec();
    spec.process.args = {"sleep", "1000"};
    spec.process.capabilities = Capabilities{}; // hakoctl run --cap-drop ALL
    spec.process.noNewPrivileges = true;
    ASSERT_FALSE(runThroughApi("bare", toJsonText(spec)).empty());
    const auto reply = env().call("GetEffectiveSecurity", {"bare"});
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const auto security = nlohmann::json::parse(reply.arguments().value(0).toString().toStdString());
    EXPECT_EQ(security["Effective"]["CapEff"], nlohmann::json::array());
    EXPECT_EQ(security["Effective"]["CapBnd"], nlohmann::json::array());
    EXPECT_EQ(security["Effective"]["NoNewPrivs"], true);
    EXPECT_EQ(security["Requested"]["NoNewPrivileges"], true);
    // The default filter was computed for Docker's 14: for an empty set it is another one.
    EXPECT_EQ(security["Requested"]["Seccomp"]["Profile"], "custom");
}

} // namespace
} // namespace hako::dbustest
