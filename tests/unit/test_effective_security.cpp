// parseEffectiveSecurity against real /proc texts and the odd ones a kernel may print, and
// the capability mask <-> names conversions the details pane and the helper rely on.
#include "effective_security.h"

#include "proc.h"
#include "seccomp_profile.h"
#include "spec.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace hako;

namespace {

// /proc/<pid>/status of a busybox sh in a default container on this machine's kernel (6.18),
// trimmed of the memory lines: Docker's 14 capabilities, one seccomp filter.
constexpr std::string_view kContainerStatus = "Name:\tsh\n"
                                              "Umask:\t0022\n"
                                              "State:\tS (sleeping)\n"
                                              "Tgid:\t4242\n"
                                              "Pid:\t4242\n"
                                              "PPid:\t4240\n"
                                              "TracerPid:\t0\n"
                                              "Uid:\t100000\t100000\t100000\t100000\n"
                                              "Gid:\t100000\t100000\t100000\t100000\n"
                                              "FDSize:\t64\n"
                                              "Groups:\t \n"
                                              "NStgid:\t4242\t1\n"
                                              "NSpid:\t4242\t1\n"
                                              "SigCgt:\t0000000000010002\n"
                                              "CapInh:\t0000000000000000\n"
                                              "CapPrm:\t00000000a80425fb\n"
                                              "CapEff:\t00000000a80425fb\n"
                                              "CapBnd:\t00000000a80425fb\n"
                                              "CapAmb:\t0000000000000000\n"
                                              "NoNewPrivs:\t1\n"
                                              "Seccomp:\t2\n"
                                              "Seccomp_filters:\t1\n"
                                              "Speculation_Store_Bypass:\tthread vulnerable\n"
                                              "Cpus_allowed_list:\t0-1\n";

const std::vector<std::string> kDockerCaps = {
    "CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FOWNER",           "CAP_FSETID",
    "CAP_KILL",   "CAP_SETGID",       "CAP_SETUID",           "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SYS_CHROOT",  "CAP_MKNOD",
    "CAP_AUDIT_WRITE", "CAP_SETFCAP",
};

} // namespace

TEST(EffectiveSecurity, ReadsAContainersStatus)
{
    const EffectiveSecurity s = parseEffectiveSecurity(kContainerStatus, "         0     100000      65536\n",
                                                       "         0     100000      65536\n");
    EXPECT_EQ(s.effective, 0xa80425fbu);
    EXPECT_EQ(s.permitted, 0xa80425fbu);
    EXPECT_EQ(s.bounding, 0xa80425fbu);
    EXPECT_EQ(s.inheritable, 0u);
    EXPECT_EQ(s.ambient, 0u);
    EXPECT_EQ(s.seccompMode, 2);
    EXPECT_EQ(s.seccompFilters, 1);
    EXPECT_TRUE(s.noNewPrivileges);
    EXPECT_EQ(s.hostUids, (std::vector<uint32_t>{100000, 100000, 100000, 100000}));
    EXPECT_EQ(s.hostGids, (std::vector<uint32_t>{100000, 100000, 100000, 100000}));
    EXPECT_EQ(s.uidMap, (std::vector<IdMapping>{{0, 100000, 65536}}));
    EXPECT_EQ(s.gidMap, (std::vector<IdMapping>{{0, 100000, 65536}}));
    EXPECT_EQ(capabilityNamesIn(s.effective), kDockerCaps);
}

TEST(EffectiveSecurity, ReadsThisProcessesOwnFiles)
{
    const EffectiveSecurity s = readEffectiveSecurity(identify(::getpid()));
    EXPECT_FALSE(s.uidMap.empty());
    EXPECT_FALSE(s.gidMap.empty());
    EXPECT_EQ(s.hostUids.size(), 4u);
    EXPECT_EQ(s.hostGids.size(), 4u);
    EXPECT_EQ(s.hostUids[0], ::getuid());
    EXPECT_NE(s.bounding, 0u) << "even an unprivileged process has a full bounding set";
}

TEST(EffectiveSecurity, MissingFieldsKeepTheirDefaults)
{
    // An old kernel prints no CapAmb, Seccomp_filters or NoNewPrivs; a truncated read may lack more.
    const EffectiveSecurity s =
        parseEffectiveSecurity("Name:\tsh\nCapEff:\t0000000000000001\nSeccomp:\t1", "", "");
    EXPECT_EQ(s.effective, 1u);
    EXPECT_EQ(s.seccompMode, 1) << "the last line has no newline";
    EXPECT_EQ(s.permitted, 0u);
    EXPECT_EQ(s.ambient, 0u);
    EXPECT_EQ(s.seccompFilters, 0);
    EXPECT_FALSE(s.noNewPrivileges);
    EXPECT_TRUE(s.hostUids.empty());
    EXPECT_TRUE(s.uidMap.empty());
    EXPECT_EQ(parseEffectiveSecurity("", "", ""), EffectiveSecurity{});
}

TEST(EffectiveSecurity, GarbageNeverThrows)
{
    EffectiveSecurity s;
    EXPECT_NO_THROW(s = parseEffectiveSecurity("CapEff:\tzz\n:\n\n\nSeccomp\nUid:\tx y\n",
                                               "0 1\nnot a map\n", "\n\n"));
    EXPECT_EQ(s.effective, 0u);
    EXPECT_EQ(s.seccompMode, 0);
    EXPECT_TRUE(s.hostUids.empty());
    EXPECT_TRUE(s.uidMap.empty());
    EXPECT_TRUE(s.gidMap.empty());
}

TEST(EffectiveSecurity, UnknownCapabilityBitsGetTheirNumber)
{
    // Bit 45 has no name in this build (the kernel may know more capabilities than we do).
    const uint64_t mask = (uint64_t{1} << 0) | (uint64_t{1} << 45) | (uint64_t{1} << 63);
    EXPECT_EQ(capabilityNamesIn(mask), (std::vector<std::string>{"CAP_CHOWN", "CAP_45", "CAP_63"}));
    const EffectiveSecurity s = parseEffectiveSecurity("CapBnd:\t0000200000000000\n", "", "");
    EXPECT_EQ(capabilityNamesIn(s.bounding), (std::vector<std::string>{"CAP_45"}));
    EXPECT_EQ(toJson(s)["CapBnd"], nlohmann::json::array({"CAP_45"}));
}

TEST(EffectiveSecurity, ReadsEveryLineOfAMap)
{
    const EffectiveSecurity s = parseEffectiveSecurity(
        "", "         0     100000       1000\n      1000       1000          1\n      1001     101001      64535\n",
        "0 100000 65536");
    EXPECT_EQ(s.uidMap, (std::vector<IdMapping>{{0, 100000, 1000}, {1000, 1000, 1}, {1001, 101001, 64535}}));
    EXPECT_EQ(s.gidMap, (std::vector<IdMapping>{{0, 100000, 65536}}));
    const nlohmann::json json = toJson(s);
    ASSERT_EQ(json["UidMap"].size(), 3u);
    EXPECT_EQ(json["UidMap"][1], (nlohmann::json{{"containerID", 1000}, {"hostID", 1000}, {"size", 1}}));
}

TEST(EffectiveSecurity, MasksAndNamesRoundTrip)
{
    EXPECT_EQ(capabilityMask(kDockerCaps), 0xa80425fbu);
    EXPECT_EQ(capabilityNamesIn(0), std::vector<std::string>{});
    // Every capability this build knows, one bit each, in the kernel's order.
    const std::vector<std::string> &all = capabilityNames();
    const uint64_t allMask = capabilityMask(all);
    EXPECT_EQ(allMask, (uint64_t{1} << all.size()) - 1);
    EXPECT_EQ(capabilityNamesIn(allMask), all);
    for (size_t bit = 0; bit < all.size(); ++bit)
        EXPECT_EQ(capabilityMask({all[bit]}), uint64_t{1} << bit) << all[bit];
    // Unknown names (and the numbered ones capabilityNamesIn makes up) are ignored.
    EXPECT_EQ(capabilityMask({"CAP_CHOWN", "CAP_NOPE", "CAP_45", "chown"}), 1u);
}

TEST(EffectiveSecurity, JsonNamesEveryField)
{
    const nlohmann::json json = toJson(parseEffectiveSecurity(kContainerStatus, "0 0 4294967295", ""));
    for (const char *key : {"CapEff", "CapPrm", "CapBnd", "CapInh", "CapAmb", "Seccomp", "SeccompFilters",
                            "NoNewPrivs", "Uid", "Gid", "UidMap", "GidMap"})
        EXPECT_TRUE(json.contains(key)) << key;
    EXPECT_EQ(json["CapEff"].size(), 14u);
    EXPECT_EQ(json["CapInh"], nlohmann::json::array());
    EXPECT_EQ(json["Seccomp"], 2);
    EXPECT_EQ(json["SeccompFilters"], 1);
    EXPECT_EQ(json["NoNewPrivs"], true);
    EXPECT_EQ(json["UidMap"][0]["size"], 4294967295u);
    EXPECT_EQ(json["GidMap"], nlohmann::json::array());
}

TEST(RequestedSecurity, DefaultSpecAsksForDockersSetAndTheDefaultProfile)
{
    const nlohmann::json asked = requestedSecurityJson(defaultSpec());
    EXPECT_EQ(asked["Capabilities"]["Effective"].size(), 14u);
    EXPECT_EQ(asked["Capabilities"]["Bounding"].size(), 14u);
    EXPECT_EQ(asked["Capabilities"]["Ambient"], nlohmann::json::array());
    EXPECT_EQ(asked["Seccomp"]["Profile"], "default");
    EXPECT_GT(asked["Seccomp"]["Rules"].get<int>(), 0);
    EXPECT_GT(asked["Seccomp"]["Syscalls"].get<int>(), asked["Seccomp"]["Rules"].get<int>());
    EXPECT_EQ(asked["NoNewPrivileges"], false);
    EXPECT_EQ(asked["UserNamespace"], false);
    EXPECT_EQ(asked["User"], (nlohmann::json{{"UID", 0}, {"GID", 0}, {"HostUID", 0}, {"HostGID", 0}}));
    EXPECT_EQ(asked["UidMappings"], nlohmann::json::array());
    EXPECT_EQ(asked["ReadonlyRootfs"], false);
    EXPECT_EQ(asked["MaskedPaths"], defaultSpec().linux.maskedPaths.size());
    EXPECT_EQ(asked["ReadonlyPaths"], defaultSpec().linux.readonlyPaths.size());
}

TEST(RequestedSecurity, TellsDefaultCustomAndUnconfinedApart)
{
    Spec spec = defaultSpec();
    spec.process.capabilities->bounding.push_back("CAP_SYS_ADMIN");
    // The default for the old set is not the default for the new one (rules depend on caps).
    EXPECT_EQ(requestedSecurityJson(spec)["Seccomp"]["Profile"], "custom");
    spec.linux.seccomp = defaultSeccomp(spec.process.capabilities->bounding);
    EXPECT_EQ(requestedSecurityJson(spec)["Seccomp"]["Profile"], "default");
    spec.linux.seccomp->syscalls.pop_back();
    EXPECT_EQ(requestedSecurityJson(spec)["Seccomp"]["Profile"], "custom");
    spec.linux.seccomp.reset();
    const nlohmann::json unconfined = requestedSecurityJson(spec)["Seccomp"];
    EXPECT_EQ(unconfined["Profile"], "unconfined");
    EXPECT_EQ(unconfined["Rules"], 0);
    spec.process.capabilities.reset();
    EXPECT_EQ(requestedSecurityJson(spec)["Capabilities"]["Bounding"], nlohmann::json::array());
}

TEST(RequestedSecurity, MapsTheUserThroughTheUserNamespace)
{
    Spec spec = defaultSpec();
    spec.process.user.uid = 1000;
    spec.process.user.gid = 1000;
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    spec.linux.uidMappings = {{0, 100000, 1000}, {1000, 5000, 1}};
    spec.linux.gidMappings = {{0, 100000, 65536}};
    const nlohmann::json asked = requestedSecurityJson(spec);
    EXPECT_EQ(asked["UserNamespace"], true);
    EXPECT_EQ(asked["User"]["HostUID"], 5000);
    EXPECT_EQ(asked["User"]["HostGID"], 101000);
    EXPECT_EQ(asked["UidMappings"].size(), 2u);
    spec.process.user.uid = 70000; // no mapping covers it
    EXPECT_TRUE(requestedSecurityJson(spec)["User"]["HostUID"].is_null());
}
