// Who table `ip hako` lets through, with real packets in the test's own network namespace (the
// "host"): a "container" namespace on a bridge-like link cannot reach the host's loopback
// services, although the link has route_localnet; a "lan" namespace that routes the container
// subnet via the host reaches a published port but not the container directly. Each side's
// link is the host end of a veth, as in test_firewall.cpp.
#include "firewall.h"
#include "fs.h"
#include "network_fixture.h"

#include <gtest/gtest.h>

#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace hako::test
{
namespace
{

const char *const kIdA = "aaaaaaaaaaaa";

void run(const std::string &command)
{
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("failed: " + command);
}

// Output of a shell command, "" when it failed.
std::string output(const std::string &command)
{
    std::string text;
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return text;
    char buffer[256];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        text.append(buffer, n);
    return ::pclose(pipe) == 0 ? text : "";
}

// A busybox httpd serving `webRoot`, in a network namespace of its own when `ownNetwork`
// (joined to ours later by join()), else in ours on `listen` (like "127.0.0.1:18090").
// The namespace dies with the process, its veth along.
class Httpd
{
  public:
    Httpd(const std::string &webRoot, bool ownNetwork, const std::string &listen = "80")
    {
        pid_ = ::fork();
        if (pid_ == 0) {
            if (ownNetwork && ::unshare(CLONE_NEWNET) < 0)
                ::_exit(126);
            ::execl("/bin/busybox", "busybox", "httpd", "-f", "-p", listen.c_str(), "-h",
                    webRoot.c_str(), static_cast<char *>(nullptr));
            ::_exit(127);
        }
        if (pid_ < 0)
            throw std::runtime_error("fork");
        // The child unshares before exec; wait until its namespace differs from ours.
        if (ownNetwork && !eventually([this] { return inOtherNamespace(); })) {
            stop();
            throw std::runtime_error("the namespace never appeared");
        }
    }
    ~Httpd() { stop(); }
    Httpd(const Httpd &) = delete;
    Httpd &operator=(const Httpd &) = delete;

    // A veth: `link` with `hostAddress` here, eth0 with `address` (same /24) there.
    void join(const std::string &link, const std::string &hostAddress,
              const std::string &address) const
    {
        run("ip link add " + link + " type veth peer name eth0 netns " + std::to_string(pid_));
        run("ip addr add " + hostAddress + "/24 dev " + link);
        run("ip link set " + link + " up");
        run(in() + "ip addr add " + address + "/24 dev eth0");
        run(in() + "ip link set eth0 up");
    }
    std::string in() const { return "nsenter -t " + std::to_string(pid_) + " -n "; }
    // The body of http://address:port/ fetched from inside this namespace, "" on failure.
    std::string fetch(const std::string &address, int port) const
    {
        return output(in() + "timeout 3 busybox wget -q -O - http://" + address + ":" +
                      std::to_string(port) + "/ 2>/dev/null");
    }

  private:
    bool inOtherNamespace() const
    {
        struct stat self {
        }, child{};
        return ::stat("/proc/self/ns/net", &self) == 0 &&
               ::stat(("/proc/" + std::to_string(pid_) + "/ns/net").c_str(), &child) == 0 &&
               self.st_ino != child.st_ino;
    }
    void stop()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }
    pid_t pid_ = -1;
};

NetworkConfig network(const std::string &bridge, const std::string &subnet)
{
    NetworkConfig config;
    config.id = std::string(64, 'f');
    config.name = "reach";
    config.bridge = bridge;
    config.subnet = *parseSubnet(subnet, nullptr);
    config.gateway = Ipv4Address{config.subnet.address.value + 1};
    return config;
}

class FirewallReachTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        requireRoot();
        if (IsSkipped())
            return;
        // in-netns.sh gives each test a namespace of its own; never the machine's rules.
        if (!inOwnNetworkNamespace())
            GTEST_SKIP() << "run through tests/in-netns.sh: this test changes nftables";
        char dir[] = "/tmp/hako-fw-reach-XXXXXX";
        ASSERT_NE(::mkdtemp(dir), nullptr);
        webRoot_ = dir;
    }
    void TearDown() override
    {
        if (IsSkipped())
            return;
        removeFirewall();
        removeTree(webRoot_);
    }
    std::string serve(const std::string &name, const std::string &body) const
    {
        const std::string root = webRoot_ + "/" + name;
        run("mkdir -p " + root);
        writeFileAtomic(root + "/index.html", body);
        return root;
    }
    std::string webRoot_;
};

} // namespace

TEST_F(FirewallReachTest, AContainerCannotReachTheHostsLoopback)
{
    // A service of the host's own on 127.0.0.1 only.
    Httpd local(serve("local", "host-loopback\n"), false, "127.0.0.1:18090");
    ASSERT_TRUE(eventually([] { return httpGet("127.0.0.1", 18090).has_value(); }));

    // The container routes 127/8 to its gateway, as a hostile one could: its own lo is down
    // (no local 127/8 route), and route_localnet on both ends lets the kernel send and take it.
    Httpd container(serve("container", "unused\n"), true);
    container.join("hk-fwguard", "10.89.1.1", "10.89.1.2");
    writeFile("/proc/sys/net/ipv4/conf/hk-fwguard/route_localnet", "1"); // as on Hako bridges
    run(container.in() + "sh -c 'echo 1 > /proc/sys/net/ipv4/conf/eth0/route_localnet'");
    run(container.in() + "ip route add 127.0.0.0/8 via 10.89.1.1 dev eth0");

    // Without Hako's table the attempt works: the test would prove nothing otherwise.
    ASSERT_EQ(container.fetch("127.0.0.1", 18090), "host-loopback\n");

    applyFirewall({{network("hk-fwguard", "10.89.1.0/24")}, {}});
    EXPECT_EQ(container.fetch("127.0.0.1", 18090), "");
    EXPECT_NE(nftTable().find("iifname \"hk-fwguard\" ip daddr 127.0.0.0/8 drop"),
              std::string::npos)
        << nftTable();
    // The host's own loopback is untouched.
    EXPECT_EQ(httpGet("127.0.0.1", 18090), "host-loopback\n");
}

TEST_F(FirewallReachTest, TheLanReachesPublishedPortsOnly)
{
    Httpd container(serve("container", "hello-container\n"), true);
    container.join("hk-fwctr", "10.89.2.1", "10.89.2.2");
    run(container.in() + "ip route add default via 10.89.2.1");
    // Another machine on the host's LAN, routing the container subnet via the host.
    Httpd lan(serve("lan", "hello-lan\n"), true);
    lan.join("hk-fwlan", "10.89.3.1", "10.89.3.2");
    run(lan.in() + "ip route add 10.89.2.0/24 via 10.89.3.1");
    writeFile("/proc/sys/net/ipv4/ip_forward", "1"); // as the engine sets it

    // Without Hako's table the routed container is open to the LAN.
    ASSERT_TRUE(eventually([&] { return lan.fetch("10.89.2.2", 80) == "hello-container\n"; }))
        << "the container's httpd never answered the lan";

    PortMapping mapping = *parsePortMapping("8080:80", nullptr);
    applyFirewall({{network("hk-fwctr", "10.89.2.0/24")},
                   {{mapping, *parseIpv4("10.89.2.2"), "hk-fwctr", kIdA}}});
    EXPECT_EQ(lan.fetch("10.89.2.2", 80), "");                    // not published as such
    EXPECT_EQ(lan.fetch("10.89.3.1", 8080), "hello-container\n"); // published on the host
    // The container's own connections out still work (and their replies come back).
    EXPECT_EQ(container.fetch("10.89.3.2", 80), "hello-lan\n");
}

} // namespace hako::test
