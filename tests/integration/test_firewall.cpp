// Table `ip hako` in the kernel, in the test's own network namespace: applied, replaced whole,
// removed, kept intact by a bad plan; and a published port that really reaches a server in
// another namespace, from the host's addresses and from 127.0.0.1.
#include "error.h"
#include "fd.h"
#include "firewall.h"
#include "fs.h"
#include "network_fixture.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace hako::test
{
namespace
{

const std::string kIdA = std::string(64, 'a');
const std::string kIdB = std::string(64, 'b');
const char *const kLink = "hk-fwtest"; // the "bridge": the host end of a veth

NetworkConfig testNetwork(const std::string &bridge = kLink, bool internal = false)
{
    NetworkConfig network;
    network.id = std::string(64, 'f');
    network.name = "fwtest";
    network.bridge = bridge;
    network.subnet = *parseSubnet("10.89.0.0/24", nullptr);
    network.gateway = *parseIpv4("10.89.0.1");
    network.internal = internal;
    return network;
}

PublishedPort published(const std::string &spec, const std::string &id = kIdA)
{
    return {*parsePortMapping(spec, nullptr), *parseIpv4("10.89.0.2"), kLink, id};
}

size_t count(const std::string &text, const std::string &what)
{
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

class FirewallTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        requireRoot();
        if (IsSkipped())
            return;
        // Never the machine's own rules: ctest runs this through tests/in-netns.sh.
        if (!inOwnNetworkNamespace())
            GTEST_SKIP() << "run through tests/in-netns.sh: this test changes nftables";
    }
    void TearDown() override
    {
        if (!IsSkipped())
            removeFirewall();
    }
};

// A server in a network namespace of its own, joined to ours by a veth pair: 10.89.0.1 on
// our end (kLink), 10.89.0.2 on its eth0. Killing it takes its namespace and the veth along.
class PeerNamespace
{
  public:
    explicit PeerNamespace(const std::string &webRoot)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) < 0)
            throw std::runtime_error("pipe");
        UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
        pid_ = ::fork();
        if (pid_ == 0) {
            if (::unshare(CLONE_NEWNET) < 0)
                ::_exit(126);
            char byte = 1;
            if (::write(writeEnd.get(), &byte, 1) != 1)
                ::_exit(126);
            ::execl("/bin/busybox", "busybox", "httpd", "-f", "-p", "80", "-h", webRoot.c_str(),
                    static_cast<char *>(nullptr));
            ::_exit(127);
        }
        writeEnd.reset();
        if (pid_ < 0)
            throw std::runtime_error("fork");
        try {
            char byte = 0;
            if (::read(readEnd.get(), &byte, 1) != 1)
                throw std::runtime_error("the peer namespace did not start");
            connect();
        } catch (...) {
            stop();
            throw;
        }
    }
    ~PeerNamespace() { stop(); }
    PeerNamespace(const PeerNamespace &) = delete;
    PeerNamespace &operator=(const PeerNamespace &) = delete;

  private:
    void connect() const
    {
        const std::string pid = std::to_string(pid_);
        const std::string in = "nsenter -t " + pid + " -n ";
        run("ip link add " + std::string(kLink) + " type veth peer name eth0 netns " + pid);
        run("ip addr add 10.89.0.1/24 dev " + std::string(kLink));
        run("ip link set " + std::string(kLink) + " up");
        run(in + "ip addr add 10.89.0.2/24 dev eth0");
        run(in + "ip link set eth0 up");
    }
    void stop()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }
    static void run(const std::string &command)
    {
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error("failed: " + command);
    }
    pid_t pid_ = -1;
};

} // namespace

TEST_F(FirewallTest, AppliedTableHoldsThePlansRules)
{
    applyFirewall(
        {{testNetwork()}, {published("8080:80"), published("127.0.0.1:5353:53/udp", kIdB)}});
    const std::string table = nftTable();
    EXPECT_NE(table.find("ip saddr 10.89.0.0/24 oifname != \"hk-fwtest\" masquerade"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("tcp dport 8080 dnat to 10.89.0.2:80 comment \"container " + kIdA + "\""),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("ip daddr 127.0.0.1 udp dport 5353 dnat to 10.89.0.2:53"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("fib daddr type local jump published"), std::string::npos) << table;
    EXPECT_NE(table.find("ct status dnat accept"), std::string::npos) << table;
}

TEST_F(FirewallTest, ReapplyingReplacesTheWholeTable)
{
    applyFirewall({{testNetwork()}, {published("8080:80")}});
    applyFirewall({{testNetwork()}, {published("8080:80")}});
    EXPECT_EQ(count(nftTable(), "dnat to"), 1u) << nftTable();
    EXPECT_EQ(count(nftTable(), "chain postrouting"), 1u) << nftTable();

    applyFirewall({{testNetwork()}, {published("9090:90")}});
    const std::string table = nftTable();
    EXPECT_EQ(count(table, "dnat to"), 1u) << table;
    EXPECT_NE(table.find("tcp dport 9090"), std::string::npos) << table;
    EXPECT_EQ(table.find("tcp dport 8080"), std::string::npos) << table;
}

TEST_F(FirewallTest, AnUnchangedPlanIsNotAppliedAgain)
{
    const FirewallPlan plan{{testNetwork()}, {published("8080:80")}};
    applyFirewall(plan);
    const std::string first = nftTable(true);
    ASSERT_NE(first.find("comment \"hako ruleset "), std::string::npos) << first;
    applyFirewall(plan);
    EXPECT_EQ(nftTable(true), first) << "the same plan remade the table";

    // Deleted behind Hako's back: the next apply notices and makes it again.
    ASSERT_EQ(std::system("nft delete table ip hako"), 0);
    applyFirewall(plan);
    EXPECT_NE(nftTable().find("tcp dport 8080"), std::string::npos) << nftTable();
}

TEST_F(FirewallTest, RemoveLeavesNoTableAndToleratesNone)
{
    applyFirewall({{testNetwork()}, {}});
    ASSERT_FALSE(nftTable().empty());
    removeFirewall();
    EXPECT_EQ(nftTable(), "");
    EXPECT_NO_THROW(removeFirewall());
}

TEST_F(FirewallTest, ABadPlanLeavesThePreviousTable)
{
    applyFirewall({{testNetwork()}, {published("8080:80")}});
    const std::string before = nftTable();
    EXPECT_THROW(applyFirewall({{testNetwork("bad\"name")}, {}}), SpecError);
    EXPECT_EQ(nftTable(), before);

    // The script itself is one transaction: a chain the kernel refuses (nat has no forward
    // hook: EOPNOTSUPP, after the delete and the new rules were sent) keeps the old table.
    const std::string script =
        firewallRuleset({{testNetwork()}, {published("9090:90")}}) +
        "table ip hako {\n  chain bad {\n    type nat hook forward priority 0;\n  }\n}\n";
    char path[] = "/tmp/hako-fw-XXXXXX";
    const int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ::close(fd);
    writeFileAtomic(path, script);
    EXPECT_NE(std::system(("nft -f " + std::string(path) + " 2>/dev/null").c_str()), 0);
    ::unlink(path);
    EXPECT_EQ(nftTable(), before);
}

TEST_F(FirewallTest, NftsOwnMessageIsTheError)
{
    // A child in a user namespace of its own has no CAP_NET_ADMIN over our network namespace:
    // the kernel refuses the batch, and the error says so in nft's words.
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        std::string message = "no error";
        if (::unshare(CLONE_NEWUSER) < 0)
            message = "unshare failed";
        else
            try {
                applyFirewall({{testNetwork()}, {}});
            } catch (const Error &e) {
                message = e.what();
            }
        const bool written = ::write(writeEnd.get(), message.data(), message.size()) ==
                             static_cast<ssize_t>(message.size());
        ::_exit(written ? 0 : 1);
    }
    writeEnd.reset();
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    std::string message(4096, '\0');
    const ssize_t n = ::read(readEnd.get(), message.data(), message.size());
    message.resize(n > 0 ? static_cast<size_t>(n) : 0);
    EXPECT_TRUE(message.starts_with("apply nftables table ip hako: ")) << message;
    EXPECT_NE(message.find("Operation not permitted"), std::string::npos) << message;
    EXPECT_EQ(nftTable(), ""); // nothing was applied
}

TEST_F(FirewallTest, PublishedPortReachesTheServer)
{
    char dir[] = "/tmp/hako-fw-web-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    writeFileAtomic(std::string(dir) + "/index.html", "hello-through-dnat\n");
    {
        PeerNamespace peer(dir);
        // 127.0.0.1 DNATed out of a non-loopback link needs route_localnet there (the engine
        // sets it on its bridges).
        writeFile("/proc/sys/net/ipv4/conf/" + std::string(kLink) + "/route_localnet", "1");
        ASSERT_TRUE(eventually([] { return httpGet("10.89.0.2", 80).has_value(); }))
            << "the peer's httpd never answered";
        EXPECT_FALSE(httpGet("127.0.0.1", 8080)); // nothing published yet

        applyFirewall({{testNetwork()}, {published("8080:80"), published("10.89.0.1:8081:80")}});
        EXPECT_EQ(httpGet("127.0.0.1", 8080), "hello-through-dnat\n");
        EXPECT_EQ(httpGet("10.89.0.1", 8080), "hello-through-dnat\n");
        EXPECT_EQ(httpGet("10.89.0.1", 8081), "hello-through-dnat\n");
        EXPECT_FALSE(httpGet("127.0.0.1", 8081)); // published on 10.89.0.1 only

        applyFirewall({{testNetwork()}, {}});
        EXPECT_FALSE(httpGet("127.0.0.1", 8080)); // unpublished
    }
    removeTree(dir);
}

} // namespace hako::test
