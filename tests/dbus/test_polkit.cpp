// An unprivileged user: what polkit lets it do by default, and with a rule of the test's that
// grants Hako's actions (all but privileged) to a group it is then put in.
#include "bus_fixture.h"

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;

// <allow_any> of `action` in the installed policy ("" if the action or the file is missing).
std::string allowAny(const std::string &action)
{
    std::ifstream in("/usr/share/polkit-1/actions/org.hako.containers1.policy");
    std::stringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    const auto begin = text.find("id=\"" + action + "\"");
    if (begin == std::string::npos)
        return {};
    const std::string block = text.substr(begin, text.find("</action>", begin) - begin);
    std::smatch m;
    return std::regex_search(block, m, std::regex(R"(<allow_any>\s*([^<\s]+)\s*</allow_any>)"))
               ? m[1].str() : std::string();
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

// The refusal hakoctl owes an unauthorised user: exit 125, the polkit action named.
void expectRefused(const Result &r, const std::string &action)
{
    EXPECT_EQ(r.exit, 125) << r.describe();
    EXPECT_TRUE(contains(r.err, "org.hako.containers1." + action)) << r.describe();
}

using PolkitTest = CtlTest;

TEST_F(PolkitTest, UnprivilegedUserMayMonitor)
{
    runDetached("mon", {"sleep", "1000"});
    const auto ps = hakoctlAsUser({"ps"});
    const auto inspect = hakoctlAsUser({"inspect", "mon"});
    const std::string allow = allowAny("org.hako.containers1.monitor");
    RecordProperty("monitor_allow_any", allow);
    if (allow == "yes") {
        EXPECT_EQ(ps.exit, 0) << ps.describe();
        EXPECT_TRUE(contains(ps.out, "mon")) << ps.describe();
        EXPECT_EQ(inspect.exit, 0) << inspect.describe();
        EXPECT_TRUE(contains(inspect.out, "\"Id\"")) << inspect.describe();
    } else {
        // allow_active only: a setpriv'd process has no active session, so polkit refuses.
        std::cerr << "NOTE: monitor's allow_any is '" << allow << "': a sessionless user is "
                  << "refused ps/inspect\n";
        expectRefused(ps, "monitor");
        expectRefused(inspect, "monitor");
    }
}

TEST_F(PolkitTest, UnprivilegedUserIsRefusedUntilARuleGrantsIt)
{
    runDetached("target", {"sleep", "1000"});
    const auto before = listIds();
    expectRefused(hakoctlAsUser({"create", "--name", "mine", "busybox", "true"}), "create");
    expectRefused(hakoctlAsUser({"stop", "-t", "1", "target"}), "lifecycle");
    expectRefused(hakoctlAsUser({"rm", "-f", "target"}), "remove");
    EXPECT_EQ(listIds(), before) << "a refused call changes nothing";
    EXPECT_EQ(inspectField("target", "{{.State.Running}}"), "true");

    grantAllButPrivileged();
    Result create;
    EXPECT_TRUE(eventually([&] {
        create = hakoctlAsUser({"create", "--name", "mine", "busybox", "true"});
        return create.exit == 0;
    }, 5s)) << "granted create: " << create.describe();
    const auto stop = hakoctlAsUser({"stop", "-t", "1", "target"});
    EXPECT_EQ(stop.exit, 0) << stop.describe();
    const auto rm = hakoctlAsUser({"rm", "target"});
    EXPECT_EQ(rm.exit, 0) << rm.describe();
    const auto rmMine = hakoctlAsUser({"rm", "mine"});
    EXPECT_EQ(rmMine.exit, 0) << rmMine.describe();
    EXPECT_TRUE(listIds().empty());

    revokeGrant();
    std::this_thread::sleep_for(1500ms);
    expectRefused(hakoctlAsUser({"create", "--name", "again", "busybox", "true"}), "create");
}

// Root is authorised without a polkit round trip (polkitd would say yes to uid 0 anyway);
// everyone else is still asked: with polkitd gone, root's calls work and the test user's
// fail with the helper unable to ask.
TEST_F(PolkitTest, RootSkipsTheRoundTripOthersAreStillAsked)
{
    env().stopPolkit();
    const auto run = hakoctl({"run", "--rm", "--name", "nopolkit", "busybox", "echo", "root ok"});
    const auto ps = hakoctlAsUser({"ps"});
    std::string why;
    ASSERT_TRUE(env().restartPolkit(&why)) << why;
    EXPECT_EQ(run.exit, 0) << run.describe();
    EXPECT_TRUE(contains(run.out, "root ok")) << run.describe();
    EXPECT_EQ(ps.exit, 125) << ps.describe();
    EXPECT_TRUE(contains(ps.err, "cannot check authorization with polkit")) << ps.describe();
}

} // namespace
} // namespace hako::dbustest
