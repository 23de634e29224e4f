// hakoctl's networking end to end, through the real helper: network create/ls/inspect/rm in
// docker's formats, run on a user network (its address in the subnet, as inspect shows it),
// a published port reachable from here and shown by `port`, bridge as run's default, network
// connect/disconnect, docker's words for a bad -p (exit 125, nothing created), and a network
// in use kept, naming its container.
//
// Everything happens in the test's own network namespace (ctest runs each test process in
// one): subnets 10.89.4x.0/24 there, never the machine's.
#include "bus_fixture.h"

#include "fd.h"
#include "network.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>

namespace hako::dbustest
{
namespace
{

using namespace std::chrono_literals;

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

// One HTTP/1.0 GET of "/" from address:port: the response, or "" when nothing answered.
std::string httpGet(const std::string &address, uint16_t port)
{
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in peer{};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(port);
    if (!fd || ::inet_pton(AF_INET, address.c_str(), &peer.sin_addr) != 1 ||
        ::connect(fd.get(), reinterpret_cast<const sockaddr *>(&peer), sizeof peer) != 0)
        return {};
    const timeval timeout{5, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    const std::string request = "GET / HTTP/1.0\r\n\r\n";
    if (::write(fd.get(), request.data(), request.size()) != ssize_t(request.size()))
        return {};
    std::string response;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd.get(), buffer, sizeof buffer)) > 0;)
        response.append(buffer, size_t(n));
    return response;
}

// busybox httpd serving "hello from web" on 8080.
const Args kWebServer = {
    "busybox", "sh", "-c",
    "mkdir -p /www && echo hello from web > /www/index.html && exec httpd -f -p 8080 -h /www"};

class HakoctlNetwork : public CtlTest
{
  protected:
    void TearDown() override
    {
        CtlTest::TearDown(); // the containers first: a network in use is kept
        for (const std::string &name : created_)
            hakoctl({"network", "rm", name});
    }
    std::string createNetwork(const std::string &name, const Args &flags)
    {
        Args args{"network", "create"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back(name);
        const auto r = hakoctl(args);
        EXPECT_EQ(r.exit, 0) << r.describe();
        created_.push_back(name);
        return trim(r.out);
    }
    Result runOn(const Args &flags, const Args &command)
    {
        Args args{"run", "-d"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.insert(args.end(), command.begin(), command.end());
        return hakoctl(args, 60s);
    }

    std::vector<std::string> created_;
};

TEST_F(HakoctlNetwork, CreateListInspectRemove)
{
    const std::string id = createNetwork(
        "hkctl-one", {"--subnet", "10.89.40.0/24", "--gateway", "10.89.40.1", "--label", "env=test",
                      "-o", "com.docker.network.bridge.enable_icc=false"});
    ASSERT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{64}"))) << id;

    const auto table = hakoctl({"network", "ls"});
    ASSERT_EQ(table.exit, 0) << table.describe();
    EXPECT_TRUE(table.out.starts_with("NETWORK ID     NAME        DRIVER    SCOPE\n")) << table.out;
    EXPECT_TRUE(contains(table.out, "\n" + id.substr(0, 12) + "   hkctl-one   bridge    local\n"))
        << table.out;
    EXPECT_TRUE(contains(hakoctl({"network", "ls", "-q"}).out, id.substr(0, 12) + "\n"));
    EXPECT_TRUE(contains(hakoctl({"network", "ls", "--format", "{{.Name}}/{{.Driver}}"}).out,
                         "hkctl-one/bridge\n"));

    const auto inspect = hakoctl({"network", "inspect", "hkctl-one"});
    ASSERT_EQ(inspect.exit, 0) << inspect.describe();
    EXPECT_TRUE(contains(inspect.out, "\"Subnet\": \"10.89.40.0/24\"")) << inspect.out;
    EXPECT_TRUE(contains(inspect.out, "\"Gateway\": \"10.89.40.1\"")) << inspect.out;
    EXPECT_TRUE(contains(inspect.out, "\"com.docker.network.bridge.enable_icc\": \"false\""))
        << inspect.out;
    EXPECT_TRUE(contains(inspect.out, "\"env\": \"test\"")) << inspect.out;
    EXPECT_EQ(hakoctl({"network", "inspect", "-f", "{{.Id}} {{.Driver}} {{.Scope}} {{.Internal}}",
                       "hkctl-one"})
                  .out,
              id + " bridge local false\n");
    const auto missing = hakoctl({"network", "inspect", "hkctl-none"});
    EXPECT_EQ(missing.exit, 125);
    EXPECT_TRUE(contains(missing.err, "hkctl-none")) << missing.err;

    const auto removed = hakoctl({"network", "rm", "hkctl-one"});
    ASSERT_EQ(removed.exit, 0) << removed.describe();
    EXPECT_EQ(removed.out, "hkctl-one\n");
    EXPECT_FALSE(contains(hakoctl({"network", "ls"}).out, "hkctl-one"));
    EXPECT_EQ(hakoctl({"network", "rm", "-f", "hkctl-one"}).exit, 0)
        << "-f: a missing network is no error";
}

TEST_F(HakoctlNetwork, RunOnANetworkWithAPublishedPort)
{
    createNetwork("hkctl-web", {"--subnet", "10.89.41.0/24"});
    const auto started = runOn(
        {"--network", "hkctl-web", "--name", "web", "-p", "127.0.0.1:18081:8080"}, kWebServer);
    ASSERT_EQ(started.exit, 0) << started.describe();

    const std::string ip = inspectField("web", "{{.NetworkSettings.IPAddress}}");
    const auto address = parseIpv4(ip);
    ASSERT_TRUE(address) << "IPAddress: \"" << ip << "\"";
    EXPECT_TRUE((Ipv4Subnet{*parseIpv4("10.89.41.0"), 24}.contains(*address))) << ip;
    EXPECT_EQ(
        inspectField("web", "{{index .NetworkSettings.Networks \"hkctl-web\" \"IPAddress\"}}"), ip);
    EXPECT_EQ(inspectField("web", "{{.NetworkSettings.Gateway}}"), "10.89.41.1");
    EXPECT_EQ(inspectField("web", "{{.HostConfig.NetworkMode}}"), "hkctl-web");
    EXPECT_EQ(inspectField("web", "{{json .NetworkSettings.Ports}}"),
              R"({"8080/tcp":[{"HostIp":"127.0.0.1","HostPort":"18081"}]})");

    EXPECT_EQ(hakoctl({"port", "web"}).out, "8080/tcp -> 127.0.0.1:18081\n");
    EXPECT_EQ(hakoctl({"port", "web", "8080/tcp"}).out, "127.0.0.1:18081\n");
    const auto unpublished = hakoctl({"port", "web", "80"});
    EXPECT_EQ(unpublished.exit, 125);
    EXPECT_TRUE(contains(unpublished.err, "No public port '80/tcp' published for web"))
        << unpublished.err;

    std::string viaPort, direct;
    EXPECT_TRUE(eventually(
        [&] { return contains(viaPort = httpGet("127.0.0.1", 18081), "hello from web"); }, 15s))
        << "127.0.0.1:18081 answered: \"" << viaPort << "\"";
    EXPECT_TRUE(contains(direct = httpGet(ip, 8080), "hello from web"))
        << ip << ":8080 answered: \"" << direct << "\"";

    const auto members = hakoctl({"network", "inspect", "hkctl-web"});
    EXPECT_TRUE(contains(members.out, "\"Name\": \"web\"")) << members.out;
    EXPECT_TRUE(contains(members.out, "\"IPv4Address\": \"" + ip + "/24\"")) << members.out;
    const auto inUse = hakoctl({"network", "rm", "hkctl-web"});
    EXPECT_EQ(inUse.exit, 125) << inUse.describe();
    EXPECT_TRUE(contains(inUse.err, "web")) << "names the container: " << inUse.err;
    EXPECT_TRUE(contains(hakoctl({"network", "ls"}).out, "hkctl-web"));
}

TEST_F(HakoctlNetwork, BridgeIsRunsDefault)
{
    const auto started = runOn({"--name", "plain"}, {"busybox", "sleep", "1000"});
    ASSERT_EQ(started.exit, 0) << started.describe();
    EXPECT_EQ(inspectField("plain", "{{.HostConfig.NetworkMode}}"), "bridge");
    EXPECT_TRUE(parseIpv4(inspectField("plain", "{{.NetworkSettings.IPAddress}}")))
        << inspectField("plain", "{{json .NetworkSettings}}");
    EXPECT_TRUE(contains(hakoctl({"network", "ls", "--format", "{{.Name}} {{.Driver}}"}).out,
                         "bridge bridge\n"));
    const auto none =
        hakoctl({"run", "--rm", "--network", "none", "busybox", "cat", "/proc/net/dev"}, 60s);
    ASSERT_EQ(none.exit, 0) << none.describe();
    EXPECT_FALSE(contains(none.out, "eth0")) << none.out;
}

TEST_F(HakoctlNetwork, ConnectAndDisconnect)
{
    createNetwork("hkctl-side", {"--subnet", "10.89.42.0/24"});
    const auto started = runOn({"--name", "joiner"}, {"busybox", "sleep", "1000"});
    ASSERT_EQ(started.exit, 0) << started.describe();
    const auto connected =
        hakoctl({"network", "connect", "--ip", "10.89.42.9", "hkctl-side", "joiner"});
    ASSERT_EQ(connected.exit, 0) << connected.describe();
    EXPECT_TRUE(eventually(
        [&] {
            return inspectField(
                       "joiner",
                       "{{index .NetworkSettings.Networks \"hkctl-side\" \"IPAddress\"}}") ==
                   "10.89.42.9";
        },
        10s))
        << inspectField("joiner", "{{json .NetworkSettings.Networks}}");
    const auto disconnected = hakoctl({"network", "disconnect", "hkctl-side", "joiner"});
    ASSERT_EQ(disconnected.exit, 0) << disconnected.describe();
    EXPECT_FALSE(
        contains(inspectField("joiner", "{{json .NetworkSettings.Networks}}"), "hkctl-side"));
}

TEST_F(HakoctlNetwork, BadFlagsFailWithDockersWords)
{
    const auto before = listIds();
    const auto badPort = hakoctl({"run", "--rm", "-p", "80:x", "busybox", "true"});
    EXPECT_EQ(badPort.exit, 125);
    EXPECT_TRUE(
        badPort.err.starts_with("hakoctl: invalid argument \"80:x\" for \"-p, --publish\" flag: "))
        << badPort.err;
    const auto noBridge = hakoctl({"create", "--network", "none", "-p", "8080:80", "busybox"});
    EXPECT_EQ(noBridge.exit, 125);
    EXPECT_EQ(noBridge.err,
              "hakoctl: --publish: published ports need a bridge network (--network none)\n");
    const auto badSubnet = hakoctl({"network", "create", "--subnet", "10.89.43.1/24", "hkctl-bad"});
    EXPECT_EQ(badSubnet.exit, 125);
    EXPECT_TRUE(contains(badSubnet.err, "\"10.89.43.1/24\" for \"--subnet\"")) << badSubnet.err;
    EXPECT_EQ(listIds(), before) << "nothing was created";
    const auto unknown =
        hakoctl({"run", "--rm", "--network", "hkctl-nowhere", "busybox", "true"}, 60s);
    EXPECT_EQ(unknown.exit, 125) << unknown.describe();
    EXPECT_TRUE(contains(unknown.err, "hkctl-nowhere")) << unknown.err;
}

} // namespace
} // namespace hako::dbustest
