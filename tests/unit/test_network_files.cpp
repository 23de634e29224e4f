// A container's resolv.conf, hosts and hostname: the host's resolver filtered as Docker does,
// the hosts file's lines, in-place rewrites that keep the inode, and the bind mounts.
#include "error.h"
#include "network_files.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace hako;

namespace
{

const char *const kHostResolvConf = "# managed by resolvconf\n"
                                    "nameserver 127.0.0.53\n"
                                    "nameserver 10.1.0.1 ; the office\n"
                                    "nameserver ::1\n"
                                    "nameserver fd00::1\n"
                                    "nameserver 127.1.2.3\n"
                                    "nameserver 192.168.1.1\n"
                                    "domain old.example\n"
                                    "search corp.example lab.example\n"
                                    "options edns0\n"
                                    "options trust-ad ndots:1\n"
                                    "sortlist 130.155.160.0/255.255.240.0\n";

std::vector<std::string> linesOf(const std::string &text)
{
    std::vector<std::string> lines;
    std::istringstream input(text);
    for (std::string line; std::getline(input, line);)
        lines.push_back(line);
    return lines;
}

// The file without its leading comment line.
std::vector<std::string> body(const std::string &text)
{
    std::vector<std::string> lines = linesOf(text);
    EXPECT_FALSE(lines.empty());
    EXPECT_TRUE(!lines.empty() && lines.front().starts_with("# ")) << text;
    if (!lines.empty())
        lines.erase(lines.begin());
    return lines;
}

using Lines = std::vector<std::string>;

TEST(ResolvConf, DropsWhatTheContainerCannotReach)
{
    EXPECT_EQ(body(containerResolvConf(kHostResolvConf, {})),
              (Lines{"nameserver 10.1.0.1", "nameserver 192.168.1.1",
                     "search corp.example lab.example", "options edns0 trust-ad ndots:1"}));
}

TEST(ResolvConf, FallsBackToDockersNameservers)
{
    EXPECT_EQ(body(containerResolvConf("nameserver 127.0.0.53\nsearch home\n", {})),
              (Lines{"nameserver 8.8.8.8", "nameserver 8.8.4.4", "search home"}));
    EXPECT_EQ(body(containerResolvConf("", {})),
              (Lines{"nameserver 8.8.8.8", "nameserver 8.8.4.4"}));
}

TEST(ResolvConf, SettingsReplaceTheHosts)
{
    NetworkSettings settings;
    settings.dns = {"10.89.0.1"};
    settings.dnsSearch = {"example.org"};
    settings.dnsOptions = {"ndots:3", "rotate"};
    EXPECT_EQ(body(containerResolvConf(kHostResolvConf, settings)),
              (Lines{"nameserver 10.89.0.1", "search example.org", "options ndots:3 rotate"}));

    NetworkSettings searchOnly;
    searchOnly.dnsSearch = {"."};
    EXPECT_EQ(
        body(containerResolvConf(kHostResolvConf, searchOnly)),
        (Lines{"nameserver 10.1.0.1", "nameserver 192.168.1.1", "options edns0 trust-ad ndots:1"}));
}

TEST(ResolvConf, LastSearchOrDomainLineWins)
{
    EXPECT_EQ(body(containerResolvConf("nameserver 10.0.0.1\nsearch a b\ndomain c\n", {})),
              (Lines{"nameserver 10.0.0.1", "search c"}));
}

Endpoint endpointAt(const char *address)
{
    Endpoint endpoint;
    endpoint.address = *parseIpv4(address);
    endpoint.prefix = 24;
    return endpoint;
}

TEST(HostsFile, HasLocalhostOwnPeersAndExtraHosts)
{
    const std::string hosts = containerHosts(
        "web", {endpointAt("10.89.0.2"), endpointAt("10.89.1.2")},
        {{*parseIpv4("10.89.1.3"), {"db", "3f2a9c1b7d4e"}}, {*parseIpv4("10.89.1.4"), {}}},
        {{"gateway.test", *parseIpv4("10.0.0.1")}});
    EXPECT_TRUE(hosts.starts_with("# Written by Hako")) << hosts;
    EXPECT_EQ(body(hosts), (Lines{
                               "127.0.0.1\tlocalhost",
                               "::1\tlocalhost ip6-localhost ip6-loopback",
                               "fe00::0\tip6-localnet",
                               "ff00::0\tip6-mcastprefix",
                               "ff02::1\tip6-allnodes",
                               "ff02::2\tip6-allrouters",
                               "10.89.0.2\tweb",
                               "10.89.1.2\tweb",
                               "10.89.1.3\tdb 3f2a9c1b7d4e",
                               "10.0.0.1\tgateway.test",
                           }));
}

TEST(HostsFile, NoNetworkMeansLocalhostOnly)
{
    EXPECT_EQ(body(containerHosts("web", {}, {}, {})).size(), 6u);
}

class NetworkFiles : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "hako-nf-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    static std::string contentOf(const std::string &path)
    {
        std::ifstream input(path);
        return {std::istreambuf_iterator<char>(input), {}};
    }
    static ino_t inodeOf(const std::string &path)
    {
        struct stat st {
        };
        EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
        return st.st_ino;
    }

    std::string dir_;
};

TEST_F(NetworkFiles, PathsAreInTheContainerDirectory)
{
    const NetworkFilePaths paths = networkFilePaths(dir_);
    EXPECT_EQ(paths.resolvConf, dir_ + "/resolv.conf");
    EXPECT_EQ(paths.hosts, dir_ + "/hosts");
    EXPECT_EQ(paths.hostname, dir_ + "/hostname");
}

TEST_F(NetworkFiles, RewriteInPlaceKeepsTheInode)
{
    const std::string path = networkFilePaths(dir_).hosts;
    rewriteInPlace(path, "first, a longer content\n");
    EXPECT_EQ(contentOf(path), "first, a longer content\n");
    struct stat st {
    };
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(
        st.st_mode & 07777, 0644u & ~[] {
            const mode_t mask = ::umask(0);
            ::umask(mask);
            return mask;
        }());
    const ino_t inode = inodeOf(path);
    // A hard link stands in for the bind mount: it sees the same inode.
    const std::string link = dir_ + "/mounted";
    ASSERT_EQ(::link(path.c_str(), link.c_str()), 0);
    rewriteInPlace(path, "short\n");
    EXPECT_EQ(inodeOf(path), inode);
    EXPECT_EQ(contentOf(link), "short\n");
}

TEST_F(NetworkFiles, RewriteInPlaceRefusesASymlink)
{
    const std::string target = dir_ + "/target";
    const std::string path = dir_ + "/hosts";
    std::ofstream(target) << "keep\n";
    std::filesystem::create_symlink(target, path);
    try {
        rewriteInPlace(path, "evil\n");
        FAIL() << "followed a symlink";
    } catch (const SysError &e) {
        EXPECT_EQ(e.code(), ELOOP);
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    EXPECT_EQ(contentOf(target), "keep\n");
}

TEST_F(NetworkFiles, MountsBindTheThreeFiles)
{
    const NetworkFilePaths paths = networkFilePaths(dir_);
    const std::vector<Mount> mounts = networkFileMounts(paths);
    const std::vector<std::string> options{"rbind", "rprivate"};
    EXPECT_EQ(mounts, (std::vector<Mount>{{"/etc/resolv.conf", "bind", paths.resolvConf, options},
                                          {"/etc/hosts", "bind", paths.hosts, options},
                                          {"/etc/hostname", "bind", paths.hostname, options}}));
}

} // namespace
