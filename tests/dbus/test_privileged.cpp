// A container sharing a host namespace needs org.hako.containers1.privileged: root has it,
// a user granted every other action by a rule does not.
#include "bus_fixture.h"

#include "spec.h"

#include <unistd.h>

#include <fstream>
#include <thread>

namespace hako::dbustest {
namespace {

using namespace std::chrono_literals;
using hako::Spec;
using hako::defaultSpec;
using hako::NamespaceType;
using hako::toJsonText;

// GVariant text for a string.
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

// CreateContainer through gdbus as the test user.
Result createAsUser(const std::string &name, const std::string &spec)
{
    return runAsUser({"gdbus", "call", "--system", "--dest", kService, "--object-path",
                      kManagerPath, "--method", std::string(kManagerInterface) + ".CreateContainer",
                      gvariantString(name), "'busybox'", gvariantString(spec), "@a{sv} {}"});
}

using PrivilegedTest = DBusTest;

TEST_F(PrivilegedTest, RootMayShareTheHostNetwork)
{
    const auto reply = env().call("CreateContainer",
                                  {"hostnet", "busybox", QString::fromStdString(specJson({"true"}, true)),
                                   QVariantMap{}});
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage)
        << reply.errorName().toStdString() << ": " << reply.errorMessage().toStdString();
    const auto info = env().call("GetContainer", {"hostnet"});
    ASSERT_EQ(info.type(), QDBusMessage::ReplyMessage) << info.errorMessage().toStdString();
    const auto spec = qdbus_cast<QVariantMap>(info.arguments().at(0)).value("Spec").toString();
    EXPECT_FALSE(spec.contains("\"network\"")) << "the stored spec keeps the host network";
}

TEST_F(PrivilegedTest, GrantedUserStillNeedsThePrivilegedAction)
{
    grantAllButPrivileged();

    Result plain;
    EXPECT_TRUE(eventually([&] {
        plain = createAsUser("isolated", specJson({"true"}));
        return plain.exit == 0;
    }, 5s)) << "the grant works for an isolated container: " << plain.describe();

    // A named volume is Hako's own directory, not a host path: no privileged action.
    Spec withVolume = defaultSpec();
    withVolume.process.args = {"true"};
    withVolume.mounts.push_back({"/data", "volume", "granted-vol", {"rw"}});
    const auto volume = createAsUser("withvolume", toJsonText(withVolume));
    EXPECT_EQ(volume.exit, 0) << volume.describe();

    const auto before = listIds();
    const auto shared = createAsUser("hostnet", specJson({"true"}, true));
    EXPECT_NE(shared.exit, 0) << shared.describe();
    EXPECT_NE(shared.err.find("org.freedesktop.DBus.Error.AccessDenied"), std::string::npos)
        << shared.describe();
    EXPECT_NE(shared.err.find("org.hako.containers1.privileged"), std::string::npos)
        << shared.describe();
    EXPECT_EQ(listIds(), before);

    // Other ways to reach the host need it too: a file system that is not a pseudo or memory
    // one (an overlay over the host's /), a namespace joined by path, an unmasked /proc/kcore.
    Spec overlay = defaultSpec();
    overlay.process.args = {"true"};
    overlay.mounts.push_back({"/host", "overlay", "overlay",
                              {"lowerdir=/", "upperdir=/tmp/u", "workdir=/tmp/w"}});
    Spec joined = defaultSpec();
    joined.process.args = {"true"};
    for (auto &ns : joined.linux.namespaces)
        if (ns.type == NamespaceType::Network)
            ns.path = "/proc/" + std::to_string(::getpid()) + "/ns/net";
    Spec unmasked = defaultSpec();
    unmasked.process.args = {"true"};
    std::erase(unmasked.linux.maskedPaths, "/proc/kcore");
    Spec hostBind = defaultSpec();
    hostBind.process.args = {"true"};
    hostBind.mounts.push_back({"/data", "bind", "/etc", {"rbind", "rw"}});
    for (const auto &[name, spec] : {std::pair{"overlay", overlay}, {"joined", joined},
                                     {"unmasked", unmasked}, {"hostbind", hostBind}}) {
        const auto refused = createAsUser(name, toJsonText(spec));
        EXPECT_NE(refused.err.find("org.hako.containers1.privileged"), std::string::npos)
            << name << ": " << refused.describe();
    }
    EXPECT_EQ(listIds(), before);
}

} // namespace
} // namespace hako::dbustest
