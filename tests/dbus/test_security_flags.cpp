// hakoctl's security flags end to end, through the real helper and kernel: what a process
// inside sees in /proc/1/status (CapEff, NoNewPrivs, Seccomp), what it may do (add a network
// link, write the root or a tmpfs), and that anything weakening isolation needs the
// `privileged` polkit action while root may do it.
#include "bus_fixture.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace hako::dbustest
{
namespace
{

using namespace std::chrono_literals;

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

// A field of a /proc/<pid>/status text ("CapEff" → "00000000a80425fb"), or "".
std::string statusValue(const std::string &status, const std::string &field)
{
    std::istringstream lines(status);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(field + ":", 0) == 0)
            return trim(line.substr(field.size() + 1));
    return {};
}

// GVariant text for a string, for gdbus.
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

// Docker's 14 default capabilities as /proc/<pid>/status prints them.
constexpr const char *kDockerCapEff = "00000000a80425fb";
constexpr const char *kNoCaps = "0000000000000000";

class SecurityFlags : public CtlTest
{
  protected:
    // `hakoctl run --rm FLAGS busybox CMD...`
    static Result run(const Args &flags, const Args &cmd)
    {
        Args args{"run", "--rm"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back("busybox");
        args.insert(args.end(), cmd.begin(), cmd.end());
        return hakoctl(args);
    }

    // A field of the container's /proc/1/status, read by PID 1 itself; "" (and a failure)
    // if the run fails.
    static std::string statusField(const Args &flags, const std::string &field)
    {
        const Result r = run(flags, {"cat", "/proc/1/status"});
        EXPECT_EQ(r.exit, 0) << r.describe();
        const std::string value = statusValue(r.out, field);
        EXPECT_FALSE(value.empty()) << "no " << field << " in /proc/1/status: " << r.describe();
        return value;
    }

    // hakoctl's words for the helper's AccessDenied on the `privileged` action.
    static void expectRefused(const Result &r, const std::string &what)
    {
        EXPECT_EQ(r.exit, 125) << what << ": " << r.describe();
        EXPECT_TRUE(contains(r.err, "not authorized: org.hako.containers1.privileged"))
            << what << ": " << r.describe();
    }
};

TEST_F(SecurityFlags, CapDropAllLeavesNoEffectiveCapabilities)
{
    EXPECT_EQ(statusField({}, "CapEff"), kDockerCapEff);
    EXPECT_EQ(statusField({"--cap-drop", "ALL"}, "CapEff"), kNoCaps);
    EXPECT_EQ(statusField({"--cap-drop", "all"}, "CapBnd"), kNoCaps);
    // Drop, then add: only the added one is left (CAP_NET_BIND_SERVICE is bit 10).
    EXPECT_EQ(statusField({"--cap-add", "net_bind_service", "--cap-drop", "ALL"}, "CapEff"),
              "0000000000000400");
}

// This kernel has no dummy link type built in, so the link added is a bridge: creating one
// needs CAP_NET_ADMIN just the same.
TEST_F(SecurityFlags, NetAdminLetsALinkBeAdded)
{
    const Args addLink = {"ip", "link", "add", "d0", "type", "bridge"};
    const Result with = run({"--cap-add", "NET_ADMIN"}, addLink);
    EXPECT_EQ(with.exit, 0) << with.describe();
    const Result without = run({}, addLink);
    EXPECT_NE(without.exit, 0) << without.describe();
    EXPECT_TRUE(contains(without.err + without.out, "Operation not permitted"))
        << without.describe();
}

TEST_F(SecurityFlags, ReadOnlyRootKeepsTmpfsWritable)
{
    const Result r =
        run({"--read-only", "--tmpfs", "/tmp"},
            {"sh", "-c",
             "touch /x; echo root=$?; touch /tmp/y; echo tmp=$?; grep ' /tmp ' /proc/mounts"});
    EXPECT_EQ(r.exit, 0) << r.describe();
    EXPECT_TRUE(contains(r.out, "root=1")) << r.describe();
    EXPECT_TRUE(contains(r.err + r.out, "Read-only file system")) << r.describe();
    EXPECT_TRUE(contains(r.out, "tmp=0")) << r.describe();
    // Docker's default options for a --tmpfs.
    EXPECT_TRUE(contains(r.out, "tmpfs /tmp tmpfs rw,nosuid,nodev,noexec")) << r.describe();

    const Result writable = run({}, {"sh", "-c", "touch /x && echo wrote"});
    EXPECT_TRUE(contains(writable.out, "wrote")) << writable.describe();
}

TEST_F(SecurityFlags, NoNewPrivileges)
{
    EXPECT_EQ(statusField({}, "NoNewPrivs"), "0");
    EXPECT_EQ(statusField({"--security-opt", "no-new-privileges"}, "NoNewPrivs"), "1");
    EXPECT_EQ(statusField({"--security-opt", "no-new-privileges=false"}, "NoNewPrivs"), "0");
}

// Needs the default profile in the default spec (helper S's part of issue 6).
TEST_F(SecurityFlags, SeccompByDefaultAndUnconfined)
{
    EXPECT_EQ(statusField({}, "Seccomp"), "2");
    EXPECT_EQ(statusField({"--cap-add", "SYS_PTRACE"}, "Seccomp"), "2");
    EXPECT_EQ(statusField({"--security-opt", "seccomp=unconfined"}, "Seccomp"), "0");
}

// Everything --privileged gives: every capability the host has (this test's own bounding
// set: a sandboxed host may lack some), no filter, /sys writable, /proc/kcore not masked.
TEST_F(SecurityFlags, PrivilegedOpensEverything)
{
    std::stringstream own;
    own << std::ifstream("/proc/self/status").rdbuf();
    const std::string hostCaps = statusValue(own.str(), "CapBnd");
    const Result r =
        run({"--privileged"}, {"sh", "-c",
                               "grep -E '^(CapEff|CapBnd|Seccomp):' /proc/1/status; "
                               "grep ' /sys ' /proc/mounts; grep -c kcore /proc/mounts"});
    EXPECT_EQ(r.exit, 1) << "grep -c finds no mount over /proc/kcore: " << r.describe();
    EXPECT_EQ(statusValue(r.out, "CapEff"), hostCaps) << r.describe();
    EXPECT_EQ(statusValue(r.out, "CapBnd"), hostCaps) << r.describe();
    EXPECT_TRUE(contains(r.out, "Seccomp:\t0")) << r.describe();
    EXPECT_TRUE(contains(r.out, "sysfs /sys sysfs rw,")) << r.describe();
}

// The test user, granted every action but `privileged`, may narrow a container but not
// widen it; root may do both.
TEST_F(SecurityFlags, WeakeningNeedsThePrivilegedAction)
{
    grantAllButPrivileged();
    Result narrowed;
    EXPECT_TRUE(eventually(
        [&] {
            narrowed = hakoctlAsUser({"create", "--cap-drop", "ALL", "--read-only", "--tmpfs",
                                      "/tmp", "--security-opt", "no-new-privileges", "busybox"});
            return narrowed.exit == 0;
        },
        5s))
        << narrowed.describe();

    // A deny-list profile (everything unlisted allowed) is as open as none to the next
    // syscall nobody listed.
    const std::string denyList = "/tmp/hako-test-denylist-profile.json";
    {
        std::ofstream(denyList) << R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [)"
                                   R"({"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]})";
    }
    ::chmod(denyList.c_str(), 0644);
    const std::vector<Args> widening = {
        {"--cap-add", "SYS_ADMIN"},
        {"--privileged"},
        {"--security-opt", "seccomp=unconfined"}, // needs the default profile in the default spec
        {"--security-opt", "seccomp=" + denyList},
    };
    for (const Args &flags : widening) {
        Args create{"create"};
        create.insert(create.end(), flags.begin(), flags.end());
        create.push_back("busybox");
        const std::string what = flags.front() + (flags.size() > 1 ? " " + flags.back() : "");
        const auto before = listIds();
        expectRefused(hakoctlAsUser(create), what);
        EXPECT_EQ(listIds(), before) << what;
        const Result asRoot = hakoctl(create);
        EXPECT_EQ(asRoot.exit, 0) << what << " as root: " << asRoot.describe();
    }
}

// A writable sysfs reaches the host's kernel settings: asked for directly through the API,
// it needs `privileged` too (the helper's AccessDenied, by name).
TEST_F(SecurityFlags, WritableSysfsNeedsThePrivilegedAction)
{
    grantAllButPrivileged();
    Spec spec = defaultSpec();
    spec.process.args = {"true"};
    for (Mount &mount : spec.mounts)
        if (mount.type == "sysfs")
            std::erase(mount.options, "ro");
    const auto create = [&](const std::string &name, const std::string &json) {
        return runAsUser({"gdbus", "call", "--system", "--dest", kService, "--object-path",
                          kManagerPath, "--method",
                          std::string(kManagerInterface) + ".CreateContainer", gvariantString(name),
                          "'busybox'", gvariantString(json), "@a{sv} {}"});
    };
    Result plain;
    EXPECT_TRUE(
        eventually([&] { return (plain = create("plain", specJson({"true"}))).exit == 0; }, 5s))
        << plain.describe();
    const Result refused = create("sysrw", toJsonText(spec));
    EXPECT_NE(refused.exit, 0) << refused.describe();
    EXPECT_TRUE(contains(refused.err, "org.freedesktop.DBus.Error.AccessDenied"))
        << refused.describe();
    EXPECT_TRUE(contains(refused.err, "org.hako.containers1.privileged")) << refused.describe();
}

// The first "hako:START:COUNT" line of /etc/subuid, as "START COUNT" ("" if none).
std::string defaultRemapRange()
{
    std::ifstream in("/etc/subuid");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("hako:", 0) == 0) {
            const std::string rest = line.substr(5);
            const size_t colon = rest.find(':');
            return rest.substr(0, colon) + " " + rest.substr(colon + 1);
        }
    return {};
}

// --userns=remap maps the container into the default user's subordinate ids (allocated in
// the host's /etc/subuid and /etc/subgid on first use, as Docker does for "dockremap"): it
// narrows the container, so the test user needs no `privileged` action for it.
TEST_F(SecurityFlags, UsernsRemapNeedsNoPrivilegeAndMapsIntoTheSubordinateRange)
{
    grantAllButPrivileged();
    Result r;
    EXPECT_TRUE(eventually(
        [&] {
            r = hakoctlAsUser({"run", "--rm", "--userns=remap", "busybox", "sh", "-c",
                               "id -u; cat /proc/self/uid_map; echo x >> /etc/passwd && echo wrote"});
            return r.exit == 0;
        },
        5s))
        << r.describe();
    const std::string range = defaultRemapRange();
    ASSERT_FALSE(range.empty()) << "no hako line in /etc/subuid after the run";
    std::istringstream words(r.out);
    std::string uid, inside, start, count, wrote;
    words >> uid >> inside >> start >> count >> wrote;
    EXPECT_EQ(uid, "0") << r.describe();
    EXPECT_EQ(inside, "0") << r.describe();
    EXPECT_EQ(start + " " + count, range) << r.describe();
    EXPECT_NE(start, "0");
    EXPECT_EQ(wrote, "wrote") << r.describe(); // root inside owns the image's files

    const Result created = hakoctlAsUser({"create", "--userns=remap", "busybox"});
    ASSERT_EQ(created.exit, 0) << created.describe();
    EXPECT_EQ(inspectField(trim(created.out), "{{.HostConfig.UsernsMode}}"), "remap");
    const Result bad = hakoctlAsUser({"create", "--userns=private", "busybox"});
    EXPECT_EQ(bad.exit, 125) << bad.describe();
    EXPECT_TRUE(contains(bad.err, "\"--userns\"")) << bad.describe();
    // Another host user's subordinate ids are theirs (their own containers use them).
    const auto before = listIds();
    expectRefused(hakoctlAsUser({"create", "--userns=remap:nobody", "busybox"}),
                  "--userns=remap:nobody");
    EXPECT_EQ(listIds(), before);
}

} // namespace
} // namespace hako::dbustest
