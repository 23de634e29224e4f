// Networks over D-Bus: create, list, inspect and remove; who may do what; arguments checked
// before anything is made; names taken; a network in use kept. network_fixture.h has the
// fixture (the generated proxy, NetworksChanged counted).
#include "network_fixture.h"

#include <QDBusPendingReply>

#include <filesystem>
#include <fstream>
#include <thread>

namespace hako::dbustest
{
namespace
{

using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_F(NetworksTest, CreateListInspectRemove)
{
    const int before = changes_.count;
    const QVariantMap made = create("hknet", "10.89.1.0/24", {{"purpose", "test"}});
    ASSERT_FALSE(made.isEmpty());
    EXPECT_TRUE(changedSince(before)) << "NetworksChanged after CreateNetwork";
    const QString id = made.value("Id").toString();
    EXPECT_EQ(id.size(), 64) << id.toStdString();
    EXPECT_EQ(made.value("Name").toString(), "hknet");
    EXPECT_EQ(made.value("Driver").toString(), "bridge");
    EXPECT_EQ(made.value("Subnet").toString(), "10.89.1.0/24");
    EXPECT_EQ(made.value("Gateway").toString(), "10.89.1.1");
    EXPECT_TRUE(made.value("Icc").toBool());
    EXPECT_FALSE(made.value("Internal").toBool());
    EXPECT_TRUE(listOf(made.value("Endpoints")).isEmpty());
    const std::string bridge = made.value("Bridge").toString().toStdString();
    ASSERT_FALSE(bridge.empty());
    const Result link = runCommand({"ip", "-4", "addr", "show", "dev", bridge});
    EXPECT_EQ(link.exit, 0) << link.describe();
    EXPECT_TRUE(containsText(link.out, "10.89.1.1/24")) << link.describe();

    const QVariantMap entry = listed("hknet");
    ASSERT_FALSE(entry.isEmpty());
    EXPECT_EQ(entry.value("Id").toString(), id);
    EXPECT_EQ(qdbus_cast<StringMap>(entry.value("Labels")).value("purpose"), "test");
    EXPECT_TRUE(entry.value("Containers").toStringList().isEmpty());
    // Docker's pseudo networks, always listed (the default network only once it is made).
    EXPECT_EQ(listed("host").value("Driver").toString(), "host");
    EXPECT_EQ(listed("none").value("Driver").toString(), "null");

    for (const QString &ref : {QString("hknet"), id, id.left(12)}) {
        auto inspected = proxy_->GetNetwork(ref);
        inspected.waitForFinished();
        ASSERT_FALSE(inspected.isError())
            << ref.toStdString() << ": " << inspected.error().message().toStdString();
        EXPECT_EQ(inspected.value().value("Id").toString(), id) << ref.toStdString();
    }
    auto host = proxy_->GetNetwork("host");
    EXPECT_EQ(errorName(host), "(no error)");

    const int beforeRemove = changes_.count;
    auto removed = proxy_->RemoveNetwork("hknet");
    EXPECT_EQ(errorName(removed), "(no error)") << removed.error().message().toStdString();
    EXPECT_TRUE(changedSince(beforeRemove)) << "NetworksChanged after RemoveNetwork";
    EXPECT_TRUE(listed("hknet").isEmpty());
    EXPECT_TRUE(eventually(
        [&] {
            return runCommand({"ip", "link", "show", "dev", bridge}).exit != 0;
        },
        5s))
        << "bridge " << bridge << " left behind";
    auto again = proxy_->GetNetwork("hknet");
    EXPECT_EQ(errorName(again), "org.hako.Containers1.Error.NoSuchNetwork");
    auto removeAgain = proxy_->RemoveNetwork("hknet");
    EXPECT_EQ(errorName(removeAgain), "org.hako.Containers1.Error.NoSuchNetwork");
    auto pseudo = proxy_->RemoveNetwork("host");
    EXPECT_EQ(errorName(pseudo), "org.hako.Containers1.Error.InvalidState");
}

// A user granted what an active local session gets (monitor) lists networks, but changing
// them needs manage-networks, which polkit does not grant without an authentication agent.
TEST_F(NetworksTest, UnprivilegedUserListsButCannotCreate)
{
    const Args call{"gdbus",  "call",          "--system",   "--dest",
                    kService, "--object-path", kManagerPath, "--method"};
    Args list = call;
    list.push_back(std::string(kManagerInterface) + ".ListNetworks");
    Result listing;
    const std::string rule = R"(polkit.addRule(function(action, subject) {
    if (action.id == "org.hako.containers1.monitor" && subject.user == ")" +
                             std::string(kTestUser) + R"(")
        return polkit.Result.YES;
});
)";
    // The rule is written again on each try: rules.d is the machine's, and another test
    // process's tear-down may replace or remove it meanwhile.
    EXPECT_TRUE(eventually(
        [&] {
            std::ofstream(kRulesFile) << rule;
            std::this_thread::sleep_for(1500ms); // polkitd rereads rules.d by itself
            return (listing = runAsUser(list)).exit == 0;
        },
        10s))
        << listing.describe();
    EXPECT_TRUE(containsText(listing.out, "'none'") && containsText(listing.out, "'host'"))
        << listing.describe();

    Args createCall = call;
    createCall.insert(createCall.end(),
                      {std::string(kManagerInterface) + ".CreateNetwork", "hkother", "{}"});
    const Result refused = runAsUser(createCall);
    EXPECT_NE(refused.exit, 0) << refused.describe();
    EXPECT_TRUE(containsText(refused.err, "org.freedesktop.DBus.Error.AccessDenied"))
        << refused.describe();
    EXPECT_TRUE(containsText(refused.err, "org.hako.containers1.manage-networks"))
        << refused.describe();
    EXPECT_TRUE(listed("hkother").isEmpty()) << "a refused create makes nothing";
}

// GVariant text for a string (gdbus's arguments).
std::string gvariantString(const std::string &s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

// A host port below 1024 is a host service's: publishing one needs the privileged action; a
// high port is an ordinary create. The refusal names the action the helper asked polkit for.
TEST_F(NetworksTest, PublishingALowHostPortIsPrivileged)
{
    ASSERT_FALSE(create("hknet", "10.89.10.0/24").isEmpty());
    const auto createAsUser = [](const std::string &name, uint16_t hostPort) {
        return runAsUser(
            {"gdbus", "call", "--system", "--dest", kService, "--object-path", kManagerPath,
             "--method", std::string(kManagerInterface) + ".CreateContainer", gvariantString(name),
             "'busybox'", gvariantString(bridgeSpec("hknet", {tcpPort(hostPort, 80)}, {"true"})),
             "@a{sv} {}"});
    };
    const Result high = createAsUser("highport", 8080);
    EXPECT_NE(high.exit, 0) << high.describe();
    EXPECT_TRUE(containsText(high.err, "org.hako.containers1.create")) << high.describe();
    const Result low = createAsUser("lowport", 53);
    EXPECT_NE(low.exit, 0) << low.describe();
    EXPECT_TRUE(containsText(low.err, "org.hako.containers1.privileged")) << low.describe();
    auto info = proxy_->GetContainer("lowport");
    EXPECT_EQ(errorName(info), "org.hako.Containers1.Error.NoSuchContainer")
        << "a refused create makes nothing";
}

TEST_F(NetworksTest, BadSubnetsAreRefusedAndMakeNothing)
{
    for (const char *subnet : {"10.89.2.1/24", "10.89.2.0/33", "300.89.2.0/24", "10.89.2.0"}) {
        auto reply = proxy_->CreateNetwork("badnet", {{"Subnet", QString(subnet)}});
        EXPECT_EQ(errorName(reply), "org.freedesktop.DBus.Error.InvalidArgs") << subnet;
        EXPECT_TRUE(reply.error().message().contains(subnet))
            << reply.error().message().toStdString();
        EXPECT_TRUE(listed("badnet").isEmpty()) << subnet;
    }
    auto badGateway =
        proxy_->CreateNetwork("badnet", {{"Subnet", "10.89.2.0/24"}, {"Gateway", "10.89.3.1"}});
    EXPECT_EQ(errorName(badGateway), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_TRUE(badGateway.error().message().contains("10.89.3.1"))
        << badGateway.error().message().toStdString();
    auto badOption = proxy_->CreateNetwork("badnet", {{"Subnet", 24}});
    EXPECT_EQ(errorName(badOption), "org.freedesktop.DBus.Error.InvalidArgs");

    // An overlap is found only against the other networks: the store's answer, still InvalidArgs.
    ASSERT_FALSE(create("hknet", "10.89.3.0/24").isEmpty());
    auto overlap = proxy_->CreateNetwork("badnet", {{"Subnet", "10.89.3.128/25"}});
    EXPECT_EQ(errorName(overlap), "org.freedesktop.DBus.Error.InvalidArgs");
    EXPECT_TRUE(overlap.error().message().contains("10.89.3.128/25"))
        << overlap.error().message().toStdString();
    EXPECT_TRUE(listed("badnet").isEmpty());
    std::error_code ec;
    size_t records = 0;
    for ([[maybe_unused]] const auto &entry :
         fs::directory_iterator(env().stateRoot() + "/networks", ec))
        records += entry.is_directory() ? 1 : 0;
    auto all = proxy_->ListNetworks();
    all.waitForFinished();
    EXPECT_EQ(records, size_t(all.value().size() - 2))
        << "a network directory without a listed network";
}

TEST_F(NetworksTest, NamesTakenAreNetworkExists)
{
    ASSERT_FALSE(create("hknet", "10.89.4.0/24").isEmpty());
    auto twice = proxy_->CreateNetwork("hknet", {{"Subnet", "10.89.5.0/24"}});
    EXPECT_EQ(errorName(twice), "org.hako.Containers1.Error.NetworkExists");
    EXPECT_TRUE(twice.error().message().contains("hknet")) << twice.error().message().toStdString();
    for (const char *predefined : {"bridge", "host", "none"}) {
        auto reply = proxy_->CreateNetwork(predefined, {});
        EXPECT_EQ(errorName(reply), "org.hako.Containers1.Error.NetworkExists") << predefined;
    }
    auto badName = proxy_->CreateNetwork("-dash", {});
    EXPECT_EQ(errorName(badName), "org.freedesktop.DBus.Error.InvalidArgs");
}

TEST_F(NetworksTest, ANetworkInUseIsKept)
{
    ASSERT_FALSE(create("hkinuse", "10.89.6.0/24").isEmpty());
    const std::string id = runThroughApi("inuse-web", bridgeSpec("hkinuse", {}, {"sleep", "1000"}));
    ASSERT_FALSE(id.empty());
    auto refused = proxy_->RemoveNetwork("hkinuse");
    EXPECT_EQ(errorName(refused), "org.hako.Containers1.Error.InvalidState");
    EXPECT_TRUE(refused.error().message().contains("inuse-web"))
        << refused.error().message().toStdString();
    EXPECT_FALSE(listed("hkinuse").isEmpty());
    EXPECT_TRUE(listed("hkinuse").value("Containers").toStringList().contains("inuse-web"));

    ASSERT_EQ(env().call("RemoveContainer", {QString::fromStdString(id), true}).type(),
              QDBusMessage::ReplyMessage);
    auto removed = proxy_->RemoveNetwork("hkinuse");
    EXPECT_EQ(errorName(removed), "(no error)") << removed.error().message().toStdString();
}

} // namespace
} // namespace hako::dbustest
