// hakoctl's --network/--ipc/--pid container:NAME end to end: the name is resolved to the
// container's id, the joiner shares the target's namespaces through every restart, joining is
// an ordinary `create` while sharing the host's namespace stays `privileged`, and refusals
// read in plain words.
#include "bus_fixture.h"
#include "fd.h"

#include <fcntl.h>

#include <fstream>
#include <thread>

namespace hako::dbustest
{
namespace
{

using namespace std::chrono_literals;
using hako::UniqueFd;

class NamespaceJoinTest : public CtlTest
{
  protected:
    // GetContainer's Namespaces entry for `kind` ("net"); 0 when not running.
    qulonglong inode(const std::string &ref, const char *kind)
    {
        const auto reply = env().call("GetContainer", {QString::fromStdString(ref)});
        if (reply.type() != QDBusMessage::ReplyMessage)
            return 0;
        const auto info = qdbus_cast<QVariantMap>(reply.arguments().at(0));
        return qdbus_cast<QVariantMap>(info.value("Namespaces")).value(kind).toULongLong();
    }
};

TEST_F(NamespaceJoinTest, JoinByNameSharesTheNamespacesAcrossRestarts)
{
    runDetached("target", {"sleep", "1000"});
    const auto joined = hakoctl({"run", "-d", "--name", "joiner", "--network", "container:target",
                                 "--ipc", "container:target", "busybox", "sleep", "1000"});
    ASSERT_EQ(joined.exit, 0) << joined.describe();
    for (const char *kind : {"net", "ipc"}) {
        EXPECT_NE(inode("target", kind), 0u) << kind;
        EXPECT_EQ(inode("joiner", kind), inode("target", kind)) << kind;
    }
    EXPECT_NE(inode("joiner", "uts"), inode("target", "uts"));
    // The spec names the target by its full id, not by a name that could change hands.
    const std::string targetId = inspectField("target", "{{.Id}}");
    ASSERT_EQ(targetId.size(), 64u);
    EXPECT_EQ(
        inspectField("joiner",
                     "{{.HostConfig.NetworkMode}}|{{.HostConfig.IpcMode}}|{{.HostConfig.PidMode}}"),
        "container:" + targetId + "|container:" + targetId + "|");

    const qulonglong before = inode("target", "net");
    // Held open so that its inode number is not handed to the next network namespace.
    const auto pid =
        qdbus_cast<QVariantMap>(env().call("GetContainer", {"target"}).arguments().at(0))
            .value("Pid")
            .toUInt();
    const std::string beforePath = "/proc/" + std::to_string(pid) + "/ns/net";
    const UniqueFd held(::open(beforePath.c_str(), O_RDONLY | O_CLOEXEC));
    ASSERT_TRUE(held) << beforePath;
    ASSERT_EQ(hakoctl({"restart", "-t", "1", "target"}).exit, 0);
    ASSERT_EQ(hakoctl({"restart", "-t", "1", "joiner"}).exit, 0);
    EXPECT_NE(inode("target", "net"), before);
    EXPECT_EQ(inode("joiner", "net"), inode("target", "net"));

    ASSERT_EQ(hakoctl({"stop", "-t", "1", "joiner", "target"}).exit, 0);
    const auto refused = hakoctl({"start", "joiner"});
    EXPECT_EQ(refused.exit, 125) << refused.describe();
    EXPECT_NE(refused.err.find(
                  "cannot join the network namespace of container target: it is not running"),
              std::string::npos)
        << refused.describe();
}

TEST_F(NamespaceJoinTest, RefusalsInPlainWords)
{
    auto r = hakoctl({"run", "-d", "--network", "container:nosuch", "busybox", "true"});
    EXPECT_EQ(r.exit, 125);
    EXPECT_NE(r.err.find("--network container:nosuch:"), std::string::npos) << r.describe();
    r = hakoctl({"run", "-d", "--network", "bad/name", "busybox", "true"});
    EXPECT_EQ(r.exit, 125);
    EXPECT_NE(r.err.find("--network: invalid value \"bad/name\""), std::string::npos)
        << r.describe();
    r = hakoctl({"create", "--uts", "host", "--hostname", "box", "busybox"});
    EXPECT_EQ(r.exit, 125);
    EXPECT_NE(r.err.find("hostname: requires a new uts namespace"), std::string::npos)
        << r.describe();
    EXPECT_EQ(listIds(), std::vector<std::string>{});
}

// Joining another container is an ordinary create; the host's namespace stays privileged.
TEST_F(NamespaceJoinTest, JoiningNeedsOnlyCreate)
{
    runDetached("target", {"sleep", "1000"});
    grantAllButPrivileged();
    Result joined;
    EXPECT_TRUE(eventually(
        [&] {
            joined = hakoctlAsUser({"create", "--network", "container:target", "--pid",
                                    "container:target", "busybox"});
            return joined.exit == 0;
        },
        5s))
        << joined.describe();
    const auto host = hakoctlAsUser({"create", "--network", "host", "busybox"});
    EXPECT_NE(host.exit, 0);
    EXPECT_NE(host.err.find("org.hako.containers1.privileged"), std::string::npos)
        << host.describe();

    // A container that root created with privileges (here: the host's network) cannot be
    // joined with `create` alone, directly or through an ordinary container that joined it.
    const auto privileged = hakoctl({"run", "-d", "--name", "priv", "--network", "host", "busybox",
                                     "sleep", "1000"});
    ASSERT_EQ(privileged.exit, 0) << privileged.describe();
    const auto direct = hakoctlAsUser({"create", "--ipc", "container:priv", "busybox"});
    EXPECT_NE(direct.exit, 0) << direct.describe();
    EXPECT_NE(direct.err.find("org.hako.containers1.privileged"), std::string::npos)
        << direct.describe();
    const auto middle = hakoctl({"run", "-d", "--name", "middle", "--pid", "container:priv",
                                 "busybox", "sleep", "1000"});
    ASSERT_EQ(middle.exit, 0) << middle.describe();
    const auto chained = hakoctlAsUser({"create", "--pid", "container:middle", "busybox"});
    EXPECT_NE(chained.exit, 0) << chained.describe();
    EXPECT_NE(chained.err.find("org.hako.containers1.privileged"), std::string::npos)
        << chained.describe();
}

} // namespace
} // namespace hako::dbustest
