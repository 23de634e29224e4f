// The OCI spec model: parsing, error messages, validation modes, serialization, defaults.
#include "spec.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>

using hako::ParseResult;
using hako::ValidateMode;
using nlohmann::json;

namespace {

// Every field hako models, with a value that is not the default.
const char *const kFullConfig = R"({
  "ociVersion": "1.0.2",
  "process": {
    "terminal": true,
    "consoleSize": {"height": 24, "width": 80},
    "user": {"uid": 1000, "gid": 1000, "umask": 18, "additionalGids": [5, 20]},
    "args": ["/bin/sh", "-c", "echo hi"],
    "env": ["PATH=/usr/bin:/bin", "TERM=xterm", "EMPTY="],
    "cwd": "/home/user",
    "capabilities": {"bounding": ["CAP_CHOWN", "CAP_KILL"], "effective": ["CAP_KILL"],
                     "inheritable": [], "permitted": ["CAP_CHOWN", "CAP_KILL"],
                     "ambient": ["CAP_CHECKPOINT_RESTORE"]},
    "rlimits": [
      {"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 4096},
      {"type": "RLIMIT_CORE", "soft": 0, "hard": 18446744073709551615}
    ],
    "noNewPrivileges": true,
    "oomScoreAdj": -500
  },
  "root": {"path": "/var/lib/hako/rootfs", "readonly": true},
  "hostname": "web-1",
  "domainname": "example.org",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/data", "type": "bind", "source": "/srv/data", "options": ["rbind", "ro"]}
  ],
  "linux": {
    "namespaces": [
      {"type": "pid"}, {"type": "network", "path": "/run/netns/web"}, {"type": "mount"},
      {"type": "ipc"}, {"type": "uts"}, {"type": "user"}, {"type": "cgroup"}
    ],
    "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
    "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
    "resources": {
      "devices": [
        {"allow": false, "access": "rwm"},
        {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rw"}
      ],
      "memory": {"limit": 536870912, "reservation": 268435456, "swap": -1, "kernel": 0,
                 "kernelTCP": 0, "swappiness": 60, "disableOOMKiller": false},
      "cpu": {"shares": 1024, "quota": 50000, "period": 100000, "realtimeRuntime": 0,
              "realtimePeriod": 0, "cpus": "0-1", "mems": "0"},
      "pids": {"limit": 100},
      "blockIO": {
        "weight": 500, "leafWeight": 300, "weightDevice": [{"major": 8, "minor": 0, "weight": 200}],
        "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}],
        "throttleWriteBpsDevice": [{"major": 8, "minor": 0, "rate": 524288}],
        "throttleReadIOPSDevice": [{"major": 8, "minor": 0, "rate": 100}],
        "throttleWriteIOPSDevice": [{"major": 8, "minor": 0, "rate": 50}]
      }
    },
    "cgroupsPath": "/hako/web",
    "maskedPaths": ["/proc/kcore"],
    "readonlyPaths": ["/proc/sys"],
    "seccomp": {
      "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
      "architectures": ["SCMP_ARCH_X86_64"], "flags": ["SECCOMP_FILTER_FLAG_LOG"],
      "syscalls": [
        {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
        {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
         "args": [{"index": 0, "value": 8, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]},
        {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}
      ]
    },
    "rootfsPropagation": "rslave",
    "sysctl": {"net.ipv4.ip_forward": "1"}
  },
  "annotations": {"org.example.owner": "ops"}
})";

// `crun spec` (crun 1.8.1) output: the same content, with short arrays on one line.
const char *const kCrunSpec = R"({
	"ociVersion": "1.0.0",
	"process": {
		"terminal": true,
		"user": {"uid": 0, "gid": 0},
		"args": ["sh"],
		"env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
		"cwd": "/",
		"capabilities": {
			"bounding": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
			"effective": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"], "inheritable": [],
			"permitted": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
			"ambient": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
		},
		"rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
		"noNewPrivileges": true
	},
	"root": {"path": "rootfs", "readonly": true},
	"hostname": "crun",
	"mounts": [
		{"destination": "/proc", "type": "proc", "source": "proc"},
		{"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
		 "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
		{"destination": "/dev/pts", "type": "devpts", "source": "devpts",
		 "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
		{"destination": "/dev/shm", "type": "tmpfs", "source": "shm",
		 "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
		{"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue",
		 "options": ["nosuid", "noexec", "nodev"]},
		{"destination": "/sys", "type": "sysfs", "source": "sysfs",
		 "options": ["nosuid", "noexec", "nodev", "ro"]},
		{"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
		 "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}
	],
	"linux": {
		"resources": {"devices": [{"allow": false, "access": "rwm"}]},
		"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
		               {"type": "mount"}],
		"maskedPaths": ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
		                "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
		                "/proc/sched_debug", "/sys/firmware", "/proc/scsi"],
		"readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
	}
})";

// The smallest config that is valid as a bundle; tests add the one fault they check.
json minimalConfig()
{
    return {{"ociVersion", "1.0.2"},
            {"process", {{"args", {"sh"}}}},
            {"root", {{"path", "/rootfs"}}}};
}

std::vector<std::string> texts(const std::vector<hako::SpecIssue> &issues)
{
    std::vector<std::string> out;
    for (const auto &issue : issues)
        out.push_back(issue.text());
    return out;
}

std::vector<std::string> errorsOf(const json &config, ValidateMode mode = ValidateMode::Bundle)
{
    return texts(hako::parseSpec(config, mode).errors);
}

std::vector<std::string> errorsOf(const char *text)
{
    return texts(hako::parseSpec(text).errors);
}

using Texts = std::vector<std::string>;

} // namespace

// --- Valid input ----------------------------------------------------------------------------

TEST(SpecParse, FullConfigParsesWithoutIssues)
{
    const ParseResult result = hako::parseSpec(kFullConfig);
    ASSERT_TRUE(result.ok()) << result.errorText();
    EXPECT_TRUE(result.warnings.empty());
    const hako::Spec &spec = *result.spec;
    EXPECT_EQ(spec.process.user.uid, 1000u);
    EXPECT_EQ(spec.process.user.umask, 18u);
    EXPECT_EQ(spec.process.rlimits[1].hard, UINT64_MAX);
    EXPECT_EQ(spec.process.oomScoreAdj, -500);
    EXPECT_EQ(spec.linux.namespaces[1].path, "/run/netns/web");
    EXPECT_EQ(spec.linux.resources->memory->swap, -1);
    EXPECT_EQ(spec.linux.seccomp->syscalls[2].errnoRet, 13u);
    EXPECT_EQ(spec.linux.sysctl.at("net.ipv4.ip_forward"), "1");
    EXPECT_EQ(spec.annotations.at("org.example.owner"), "ops");
}

TEST(SpecParse, FullConfigRoundTrips)
{
    const ParseResult first = hako::parseSpec(kFullConfig);
    ASSERT_TRUE(first.ok()) << first.errorText();
    const ParseResult second = hako::parseSpec(hako::toJson(*first.spec));
    ASSERT_TRUE(second.ok()) << second.errorText();
    EXPECT_EQ(*first.spec, *second.spec);
    EXPECT_EQ(hako::toJsonText(*first.spec), hako::toJsonText(*second.spec));
}

TEST(SpecParse, CrunSpecOutputParses)
{
    const ParseResult result = hako::parseSpec(kCrunSpec);
    ASSERT_TRUE(result.ok()) << result.errorText();
    EXPECT_TRUE(result.warnings.empty());
    EXPECT_EQ(result.spec->root.path, "rootfs");
    EXPECT_EQ(result.spec->linux.namespaces.size(), 5u);
}

TEST(SpecParse, MinimalConfigParses)
{
    const ParseResult result = hako::parseSpec(minimalConfig());
    ASSERT_TRUE(result.ok()) << result.errorText();
    EXPECT_EQ(result.spec->process.cwd, "/");
    EXPECT_EQ(result.spec->process.user.uid, 0u);
}

TEST(SpecParse, NullMeansAbsent)
{
    json config = minimalConfig();
    config["hostname"] = nullptr;
    config["process"]["env"] = nullptr;
    EXPECT_TRUE(hako::parseSpec(config).ok());
}

TEST(SpecParse, MissingOciVersionGetsDefault)
{
    json config = minimalConfig();
    config.erase("ociVersion");
    const ParseResult result = hako::parseSpec(config);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.spec->ociVersion, hako::Spec{}.ociVersion);
}

TEST(SpecParse, SignedJsonIntegersAreAccepted)
{
    json config = minimalConfig();
    config["process"]["user"] = {{"uid", json::number_integer_t(5)}};
    const ParseResult result = hako::parseSpec(config);
    ASSERT_TRUE(result.ok()) << result.errorText();
    EXPECT_EQ(result.spec->process.user.uid, 5u);
}

TEST(SpecParse, StringOverloadsAreUnambiguous)
{
    const std::string text = minimalConfig().dump();
    EXPECT_TRUE(hako::parseSpec(text).ok());
    EXPECT_TRUE(hako::parseSpec(std::string_view(text)).ok());
    EXPECT_TRUE(hako::parseSpec(text.c_str()).ok());
}

// --- Malformed JSON -------------------------------------------------------------------------

TEST(SpecParse, MalformedJsonNamesBytePosition)
{
    const ParseResult result = hako::parseSpec(R"({"ociVersion": )");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].path, "");
    EXPECT_NE(result.errors[0].message.find("byte 16"), std::string::npos)
        << result.errors[0].message;
    EXPECT_FALSE(result.ok());
}

TEST(SpecParse, NumberTooLargeForDoubleIsAnError)
{
    const ParseResult result = hako::parseSpec(R"({"process": {"oomScoreAdj": 1e400}})");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_NE(result.errors[0].message.find("invalid JSON"), std::string::npos);
}

TEST(SpecParse, TopLevelMustBeAnObject)
{
    EXPECT_EQ(errorsOf("[1, 2]"), Texts{"expected an object, got array"});
}

// --- Type and range errors ------------------------------------------------------------------

TEST(SpecParse, WrongTypeNamesExpectedAndActual)
{
    json config = minimalConfig();
    config["process"]["user"] = {{"uid", "root"}};
    EXPECT_EQ(errorsOf(config),
              Texts{"process.user.uid: expected an unsigned integer, got string"});
}

TEST(SpecParse, EachKindOfTypeError)
{
    json config = minimalConfig();
    config["hostname"] = 5;
    config["process"]["terminal"] = "yes";
    config["mounts"] = "none";
    config["linux"] = json::array();
    config["process"]["oomScoreAdj"] = true;
    EXPECT_EQ(errorsOf(config), (Texts{
                                    "process.terminal: expected a boolean, got string",
                                    "process.oomScoreAdj: expected an integer, got boolean",
                                    "hostname: expected a string, got integer",
                                    "mounts: expected an array, got string",
                                    "linux: expected an object, got array",
                                }));
}

TEST(SpecParse, UidAboveRange)
{
    EXPECT_EQ(errorsOf(R"({"process": {"args": ["sh"], "user": {"uid": 4294967296}},
                           "root": {"path": "/r"}})"),
              Texts{"process.user.uid: 4294967296 is out of range (0..4294967295)"});
}

TEST(SpecParse, NegativeUid)
{
    json config = minimalConfig();
    config["process"]["user"] = {{"uid", -1}};
    EXPECT_EQ(errorsOf(config), Texts{"process.user.uid: -1 is out of range (0..4294967295)"});
}

TEST(SpecParse, FractionalUid)
{
    json config = minimalConfig();
    config["process"]["user"] = {{"gid", 1.5}};
    EXPECT_EQ(errorsOf(config), Texts{"process.user.gid: expected an unsigned integer, got float"});
}

TEST(SpecParse, WholeFloatIsStillAFloat)
{
    json config = minimalConfig();
    config["process"]["user"] = {{"uid", 4294967295.0}, {"gid", 4294967296.0}};
    EXPECT_EQ(errorsOf(config),
              (Texts{"process.user.uid: expected an unsigned integer, got float",
                     "process.user.gid: 4294967296.0 is out of range (0..4294967295)"}));
}

TEST(SpecParse, IntegerBeyond64Bits)
{
    EXPECT_EQ(errorsOf(R"({"process": {"args": ["sh"], "rlimits": [
                             {"type": "RLIMIT_CORE", "soft": 0, "hard": 18446744073709551616}]},
                           "root": {"path": "/r"}})"),
              Texts{"process.rlimits[0].hard: 1.8446744073709552e+19 is out of range "
                    "(0..18446744073709551615)"});
}

TEST(SpecParse, BadArrayElementKeepsLaterIndices)
{
    json config = minimalConfig();
    config["process"]["env"] = {"A=1", 5, "B"};
    EXPECT_EQ(errorsOf(config), (Texts{"process.env[1]: expected a string, got integer",
                                       "process.env[2]: must be KEY=value"}));
}

TEST(SpecParse, ErrorInsideReportedFieldIsNotRepeated)
{
    json config = minimalConfig();
    config["process"] = "sh";
    EXPECT_EQ(errorsOf(config), Texts{"process: expected an object, got string"});
}

// --- Required members -----------------------------------------------------------------------

TEST(SpecParse, ProcessRequiredForBundle)
{
    json config = minimalConfig();
    config.erase("process");
    EXPECT_EQ(errorsOf(config), Texts{"process: required"});
}

TEST(SpecParse, RequiredMemberOfArrayElement)
{
    json config = minimalConfig();
    config["process"]["rlimits"] = {{{"type", "RLIMIT_NOFILE"}, {"soft", 1}}};
    EXPECT_EQ(errorsOf(config), Texts{"process.rlimits[0].hard: required"});
}

TEST(SpecParse, EmptyArgs)
{
    json config = minimalConfig();
    config["process"]["args"] = json::array();
    EXPECT_EQ(errorsOf(config), Texts{"process.args: must not be empty"});
}

// --- Value rules ----------------------------------------------------------------------------

TEST(SpecParse, UnknownNamespace)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "pid"}}, {{"type", "network"}}, {{"type", "foo"}}};
    EXPECT_EQ(errorsOf(config), Texts{R"(linux.namespaces[2].type: unknown namespace "foo")"});
}

TEST(SpecParse, DuplicateNamespace)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "pid"}},
                                     {{"type", "pid"}, {"path", "/proc/1/ns/pid"}}};
    EXPECT_EQ(errorsOf(config), Texts{R"(linux.namespaces[1].type: duplicate namespace "pid")"});
}

TEST(SpecParse, NamespaceIndexCountsDroppedEntries)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "foo"}}, {{"type", "ipc"}, {"path", "ns/ipc"}}};
    EXPECT_EQ(errorsOf(config), (Texts{R"(linux.namespaces[0].type: unknown namespace "foo")",
                                       "linux.namespaces[1].path: must be absolute"}));
}

TEST(SpecParse, MountDestinationMustBeAbsolute)
{
    json config = minimalConfig();
    config["mounts"] = {{{"destination", "/proc"}}, {{"destination", "data"}}};
    EXPECT_EQ(errorsOf(config), Texts{"mounts[1].destination: must be absolute"});
}

TEST(SpecParse, MountDestinationWithoutDotDot)
{
    json config = minimalConfig();
    config["mounts"] = {{{"destination", "/data/../etc"}}, {{"destination", "/a..b"}}};
    EXPECT_EQ(errorsOf(config), Texts{R"(mounts[0].destination: must not contain "..")"});
}

TEST(SpecParse, EnvNeedsEquals)
{
    json config = minimalConfig();
    config["process"]["env"] = {"A=1", "B=", "C=3", "D", "=x"};
    EXPECT_EQ(errorsOf(config), (Texts{"process.env[3]: must be KEY=value",
                                       "process.env[4]: must be KEY=value"}));
}

TEST(SpecParse, RlimitRules)
{
    json config = minimalConfig();
    config["process"]["rlimits"] = {{{"type", "RLIMIT_FOO"}, {"soft", 1}, {"hard", 1}},
                                    {{"type", "RLIMIT_NOFILE"}, {"soft", 2048}, {"hard", 1024}},
                                    {{"type", "RLIMIT_NOFILE"}, {"soft", 1}, {"hard", 1}}};
    EXPECT_EQ(errorsOf(config), (Texts{
                                    R"(process.rlimits[0].type: unknown rlimit "RLIMIT_FOO")",
                                    "process.rlimits[1]: soft limit 2048 exceeds hard limit 1024",
                                    R"(process.rlimits[2].type: duplicate rlimit "RLIMIT_NOFILE")",
                                }));
}

TEST(SpecParse, UnknownCapability)
{
    json config = minimalConfig();
    config["process"]["capabilities"] = {{"effective", {"CAP_KILL", "CAP_FOO"}},
                                         {"ambient", {"CAP_CHECKPOINT_RESTORE", "kill"}}};
    EXPECT_EQ(errorsOf(config),
              (Texts{R"(process.capabilities.effective[1]: unknown capability "CAP_FOO")",
                     R"(process.capabilities.ambient[1]: unknown capability "kill")"}));
}

TEST(SpecParse, InvalidHostname)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "uts"}}};
    config["hostname"] = "a_b";
    config["domainname"] = std::string(65, 'x');
    const std::string rule = " is not a valid hostname (at most 64 letters, digits, '-' and '.')";
    const std::string longName = "\"" + std::string(65, 'x') + "\"";
    EXPECT_EQ(errorsOf(config),
              (Texts{"hostname: \"a_b\"" + rule, "domainname: " + longName + rule}));
}

TEST(SpecParse, HostnameNeedsNewUtsNamespace)
{
    json config = minimalConfig();
    config["hostname"] = "web-1.local";
    EXPECT_EQ(errorsOf(config), Texts{"hostname: requires a new uts namespace"});
    config["linux"]["namespaces"] = {{{"type", "uts"}}};
    EXPECT_TRUE(errorsOf(config).empty());
}

TEST(SpecParse, MaskedAndReadonlyPathsMustBeAbsolute)
{
    json config = minimalConfig();
    config["linux"]["maskedPaths"] = {"/proc/kcore", "proc/keys"};
    config["linux"]["readonlyPaths"] = {"sys"};
    EXPECT_EQ(errorsOf(config), (Texts{"linux.maskedPaths[1]: must be absolute",
                                       "linux.readonlyPaths[0]: must be absolute"}));
}

TEST(SpecParse, CwdMustBeAbsolute)
{
    json config = minimalConfig();
    config["process"]["cwd"] = "home";
    EXPECT_EQ(errorsOf(config), Texts{"process.cwd: must be absolute"});
}

TEST(SpecParse, OomScoreAdjRange)
{
    json config = minimalConfig();
    config["process"]["oomScoreAdj"] = 2000;
    EXPECT_EQ(errorsOf(config), Texts{"process.oomScoreAdj: 2000 is out of range (-1000..1000)"});
}

TEST(SpecParse, NamespacePathMustBeAbsolute)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "network"}, {"path", "run/netns/x"}}};
    EXPECT_EQ(errorsOf(config), Texts{"linux.namespaces[0].path: must be absolute"});
}

TEST(SpecParse, MappingSizeMustNotBeZero)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "user"}}};
    config["linux"]["uidMappings"] = {{{"containerID", 0}, {"hostID", 1000}, {"size", 0}}};
    config["linux"]["gidMappings"] = {{{"containerID", 0}, {"hostID", 1000}, {"size", 1}}};
    EXPECT_EQ(errorsOf(config), Texts{"linux.uidMappings[0].size: must not be zero"});
}

TEST(SpecParse, UserNamespaceNeedsMappings)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "user"}}};
    EXPECT_EQ(errorsOf(config),
              (Texts{"linux.uidMappings: required when a user namespace is created",
                     "linux.gidMappings: required when a user namespace is created"}));
}

TEST(SpecParse, MappingRangeMustFitIn32Bits)
{
    json config = minimalConfig();
    config["linux"]["namespaces"] = {{{"type", "user"}}};
    config["linux"]["uidMappings"] = {{{"containerID", 0}, {"hostID", 4294967295u}, {"size", 2}}};
    config["linux"]["gidMappings"] = {{{"containerID", 0}, {"hostID", 1000}, {"size", 1}}};
    EXPECT_EQ(errorsOf(config), Texts{"linux.uidMappings[0]: range goes past id 4294967295"});
}

TEST(SpecParse, MappingsNeedUserNamespace)
{
    json config = minimalConfig();
    config["linux"]["uidMappings"] = {{{"containerID", 0}, {"hostID", 1000}, {"size", 1}}};
    EXPECT_EQ(errorsOf(config), Texts{"linux.uidMappings: requires a user namespace"});
}

TEST(SpecParse, SeccompNames)
{
    json config = minimalConfig();
    config["linux"]["seccomp"] = {
        {"defaultAction", "SCMP_ACT_DENY"},
        {"syscalls",
         {{{"names", {"ptrace"}}, {"action", "SCMP_ACT_KILL_PROCESS"}},
          {{"names", json::array()},
           {"action", "SCMP_ACT_NOTIFY"},
           {"args", {{{"index", 6}, {"value", 1}, {"op", "SCMP_CMP_IN"}}}}}}}};
    EXPECT_EQ(errorsOf(config),
              (Texts{R"(linux.seccomp.defaultAction: unknown action "SCMP_ACT_DENY")",
                     "linux.seccomp.syscalls[1].names: must not be empty",
                     "linux.seccomp.syscalls[1].args[0].index: 6 is out of range (0..5)",
                     R"(linux.seccomp.syscalls[1].args[0].op: unknown operator "SCMP_CMP_IN")"}));
}

TEST(SpecParse, RootfsPropagation)
{
    json config = minimalConfig();
    config["linux"]["rootfsPropagation"] = "recursive";
    EXPECT_EQ(errorsOf(config),
              Texts{R"(linux.rootfsPropagation: unknown propagation "recursive")"});
    config["linux"]["rootfsPropagation"] = "runbindable";
    EXPECT_TRUE(errorsOf(config).empty());
}

TEST(SpecParse, DeviceRulesAndSwappiness)
{
    json config = minimalConfig();
    config["linux"]["resources"] = {
        {"devices", {{{"allow", true}, {"type", "x"}, {"access", "rwx"}}, {{"access", "r"}}}},
        {"memory", {{"swappiness", 101}}}};
    EXPECT_EQ(errorsOf(config),
              (Texts{"linux.resources.devices[1].allow: required",
                     R"(linux.resources.devices[0].type: unknown device type "x")",
                     R"(linux.resources.devices[0].access: "rwx" is not a combination of r, w, m)",
                     "linux.resources.memory.swappiness: 101 is out of range (0..100)"}));
}

TEST(SpecParse, UnsupportedOciVersion)
{
    json config = minimalConfig();
    config["ociVersion"] = "2.0.0";
    EXPECT_EQ(errorsOf(config),
              Texts{R"(ociVersion: unsupported version "2.0.0" (hako supports 1.x))"});
}

TEST(SpecParse, AllErrorsCollectedInOnePass)
{
    json config = minimalConfig();
    config["process"]["user"] = {{"uid", "root"}};
    config["linux"]["namespaces"] = {{{"type", "pid"}}, {{"type", "foo"}}};
    config["mounts"] = {{{"destination", "tmp"}}};
    const ParseResult result = hako::parseSpec(config);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(texts(result.errors),
              (Texts{"process.user.uid: expected an unsigned integer, got string",
                     R"(linux.namespaces[1].type: unknown namespace "foo")",
                     "mounts[0].destination: must be absolute"}));
}

TEST(SpecParse, ErrorTextHasOneLinePerError)
{
    json config = minimalConfig();
    config["process"]["args"] = json::array();
    config["process"]["cwd"] = "x";
    EXPECT_EQ(hako::parseSpec(config).errorText(),
              "process.args: must not be empty\nprocess.cwd: must be absolute");
}

// --- Unknown properties ---------------------------------------------------------------------

TEST(SpecParse, UnknownPropertiesAreWarnings)
{
    json config = minimalConfig();
    config["hooks"] = {{"prestart", json::array()}};
    config["linux"]["devices"] = json::array();
    config["process"]["apparmorProfile"] = "docker-default";
    const ParseResult result = hako::parseSpec(config);
    ASSERT_TRUE(result.ok()) << result.errorText();
    EXPECT_EQ(texts(result.warnings), (Texts{
                                          "process.apparmorProfile: not supported by hako, ignored",
                                          "linux.devices: not supported by hako, ignored",
                                          "hooks: not supported by hako, ignored",
                                      }));
}

TEST(SpecParse, UnknownPropertyInArrayElement)
{
    json config = minimalConfig();
    config["mounts"] = {{{"destination", "/x"}, {"uidMappings", json::array()}}};
    EXPECT_EQ(texts(hako::parseSpec(config).warnings),
              Texts{"mounts[0].uidMappings: not supported by hako, ignored"});
}

// --- Validation modes -----------------------------------------------------------------------

TEST(SpecValidate, RootPathByMode)
{
    hako::Spec spec = hako::defaultSpec();
    EXPECT_TRUE(hako::validateSpec(spec, ValidateMode::FromImage).empty());
    EXPECT_EQ(texts(hako::validateSpec(spec, ValidateMode::Bundle)), Texts{"root.path: required"});
    spec.root.path = "rootfs";
    EXPECT_TRUE(hako::validateSpec(spec, ValidateMode::Bundle).empty());
    EXPECT_EQ(texts(hako::validateSpec(spec)), Texts{"root.path: must be absolute"});
    EXPECT_EQ(texts(hako::validateSpec(spec, ValidateMode::FromImage)),
              Texts{"root.path: must be absolute"});
    spec.root.path = "/var/lib/hako/rootfs";
    EXPECT_TRUE(hako::validateSpec(spec).empty());
}

TEST(SpecValidate, FromImageAllowsMissingProcessAndRoot)
{
    const ParseResult result =
        hako::parseSpec(R"({"ociVersion": "1.0.2"})", ValidateMode::FromImage);
    ASSERT_TRUE(result.ok()) << result.errorText();
    EXPECT_TRUE(result.spec->process.args.empty());
}

TEST(SpecValidate, ProgrammaticSpecGetsSamePaths)
{
    hako::Spec spec = hako::defaultSpec();
    spec.root.path = "/rootfs";
    spec.process.rlimits.push_back({"RLIMIT_BOGUS", 1, 1});
    spec.linux.namespaces.push_back({hako::NamespaceType::Pid, ""});
    EXPECT_EQ(texts(hako::validateSpec(spec)),
              (Texts{R"(process.rlimits[1].type: unknown rlimit "RLIMIT_BOGUS")",
                     R"(linux.namespaces[6].type: duplicate namespace "pid")"}));
}

TEST(SpecValidate, JoinedUserNamespaceTakesNoMappings)
{
    hako::Spec spec = hako::defaultSpec();
    spec.root.path = "/rootfs";
    spec.linux.namespaces.push_back({hako::NamespaceType::User, "/proc/42/ns/user"});
    spec.linux.uidMappings = {{0, 1000, 1}};
    EXPECT_EQ(texts(hako::validateSpec(spec)),
              Texts{"linux.uidMappings: must be empty when joining an existing user namespace"});
}

// --- Serialization --------------------------------------------------------------------------

TEST(SpecSerialize, TextIsPrettyAndStable)
{
    const ParseResult result = hako::parseSpec(kFullConfig);
    ASSERT_TRUE(result.ok());
    const std::string text = hako::toJsonText(*result.spec);
    EXPECT_TRUE(text.starts_with("{\n  \"annotations\": {\n    \"org.example.owner\""));
    EXPECT_EQ(text, hako::toJsonText(*hako::parseSpec(text).spec));
}

TEST(SpecSerialize, UnsetOptionalsAreOmitted)
{
    const json out = hako::toJson(*hako::parseSpec(minimalConfig()).spec);
    EXPECT_FALSE(out["process"].contains("capabilities"));
    EXPECT_FALSE(out["process"].contains("oomScoreAdj"));
    EXPECT_FALSE(out["process"].contains("consoleSize"));
    EXPECT_FALSE(out.contains("linux"));
    EXPECT_FALSE(out.contains("hostname"));
    EXPECT_EQ(out["process"]["cwd"], "/");
}

TEST(SpecSerialize, EmptySectionsStayPresent)
{
    json config = minimalConfig();
    config["process"]["capabilities"] = json::object();
    config["linux"]["resources"] = {{"memory", json::object()}};
    const ParseResult first = hako::parseSpec(config);
    ASSERT_TRUE(first.ok());
    const ParseResult second = hako::parseSpec(hako::toJson(*first.spec));
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second.spec->process.capabilities.has_value());
    EXPECT_TRUE(second.spec->linux.resources->memory.has_value());
    EXPECT_EQ(*first.spec, *second.spec);
}

TEST(SpecSerialize, CrunSpecRoundTrips)
{
    const ParseResult first = hako::parseSpec(kCrunSpec);
    ASSERT_TRUE(first.ok());
    const ParseResult second = hako::parseSpec(hako::toJsonText(*first.spec));
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*first.spec, *second.spec);
}

// --- defaultSpec ----------------------------------------------------------------------------

TEST(SpecDefault, ValidatesForCreateFromImage)
{
    EXPECT_TRUE(hako::validateSpec(hako::defaultSpec(), ValidateMode::FromImage).empty());
}

TEST(SpecDefault, ProcessMatchesDocker)
{
    const hako::Process process = hako::defaultSpec().process;
    EXPECT_EQ(process.args, Texts{"sh"});
    EXPECT_EQ(process.env,
              (Texts{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                     "TERM=xterm"}));
    EXPECT_EQ(process.cwd, "/");
    EXPECT_EQ(process.user.uid, 0u);
    EXPECT_FALSE(process.noNewPrivileges);
    ASSERT_TRUE(process.capabilities);
    EXPECT_EQ(process.capabilities->bounding.size(), 14u);
    EXPECT_EQ(process.capabilities->effective, process.capabilities->bounding);
    EXPECT_EQ(process.capabilities->permitted, process.capabilities->bounding);
    EXPECT_TRUE(process.capabilities->ambient.empty());
}

TEST(SpecDefault, NofileFollowsThisProcessCapped)
{
    rlimit current{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &current), 0);
    const auto rlimits = hako::defaultSpec().process.rlimits;
    ASSERT_EQ(rlimits.size(), 1u);
    EXPECT_EQ(rlimits[0].type, "RLIMIT_NOFILE");
    EXPECT_EQ(rlimits[0].hard, std::min<uint64_t>(current.rlim_max, 1048576));
    EXPECT_LE(rlimits[0].soft, rlimits[0].hard);
}

TEST(SpecDefault, NamespacesAndPaths)
{
    const hako::Spec spec = hako::defaultSpec();
    EXPECT_FALSE(spec.hasNamespace(hako::NamespaceType::User));
    EXPECT_TRUE(spec.hasNamespace(hako::NamespaceType::Cgroup));
    EXPECT_EQ(spec.linux.namespaces.size(), 6u);
    EXPECT_EQ(spec.mounts.size(), 7u);
    EXPECT_EQ(spec.mounts[2].destination, "/dev/pts");
    EXPECT_EQ(spec.linux.maskedPaths.size(), 11u);
    EXPECT_EQ(spec.linux.readonlyPaths.size(), 5u);
    EXPECT_TRUE(spec.hostname.empty());
    EXPECT_TRUE(spec.root.path.empty());
}

// What `docker run` puts in config.json: deny all, mknod of any node, then the standard
// nodes, the terminal devices and tun. Without these a container with CAP_MKNOD could make
// a node for the host's disk and read it.
TEST(SpecDefault, DeviceRulesMatchDocker)
{
    const json devices = hako::toJson(hako::defaultSpec())["linux"]["resources"]["devices"];
    const auto allowChar = [](int major, std::optional<int> minor) {
        json rule = {{"allow", true}, {"type", "c"}, {"major", major}, {"access", "rwm"}};
        if (minor)
            rule["minor"] = *minor;
        return rule;
    };
    const json expected = {
        {{"allow", false}, {"access", "rwm"}},
        {{"allow", true}, {"type", "c"}, {"access", "m"}},
        {{"allow", true}, {"type", "b"}, {"access", "m"}},
        allowChar(1, 3),   // null
        allowChar(1, 5),   // zero
        allowChar(1, 7),   // full
        allowChar(1, 8),   // random
        allowChar(1, 9),   // urandom
        allowChar(5, 0),   // tty
        allowChar(5, 1),   // console
        allowChar(5, 2),   // ptmx
        allowChar(136, {}), // pts/*
        allowChar(10, 200), // net/tun
    };
    EXPECT_EQ(devices, expected) << devices.dump(2);
}

TEST(SpecDefault, RoundTripsAsTemplate)
{
    const hako::Spec spec = hako::defaultSpec();
    const ParseResult result = hako::parseSpec(hako::toJsonText(spec), ValidateMode::FromImage);
    ASSERT_TRUE(result.ok()) << result.errorText();
    EXPECT_EQ(*result.spec, spec);
}

// --- Names ----------------------------------------------------------------------------------

TEST(SpecNames, NamespaceNamesRoundTrip)
{
    using hako::NamespaceType;
    for (auto type : {NamespaceType::Pid, NamespaceType::Network, NamespaceType::Mount,
                      NamespaceType::Ipc, NamespaceType::Uts, NamespaceType::User,
                      NamespaceType::Cgroup})
        EXPECT_EQ(hako::namespaceFromName(hako::namespaceName(type)), type);
    EXPECT_EQ(hako::namespaceName(NamespaceType::Network), "network");
    EXPECT_EQ(hako::procNsName(NamespaceType::Network), "net");
    EXPECT_EQ(hako::procNsName(NamespaceType::Mount), "mnt");
    EXPECT_EQ(hako::namespaceFromName("net"), std::nullopt);
}

TEST(SpecNames, FindNamespace)
{
    hako::Spec spec;
    spec.linux.namespaces = {{hako::NamespaceType::Network, "/run/netns/a"}};
    ASSERT_NE(spec.findNamespace(hako::NamespaceType::Network), nullptr);
    EXPECT_EQ(spec.findNamespace(hako::NamespaceType::Network)->path, "/run/netns/a");
    EXPECT_EQ(spec.findNamespace(hako::NamespaceType::Pid), nullptr);
}

TEST(SpecNames, IssueTextWithoutPath)
{
    EXPECT_EQ((hako::SpecIssue{"", "bad"}).text(), "bad");
    EXPECT_EQ((hako::SpecIssue{"a.b", "bad"}).text(), "a.b: bad");
}

TEST(SpecSysctl, OnlyNamespacedKeysInOwnNamespacesAreAccepted)
{
    hako::Spec spec = hako::defaultSpec();
    spec.root.path = "/rootfs";
    spec.linux.sysctl = {{"net.ipv4.ip_forward", "1"}, {"kernel.shmmax", "1000"}};
    EXPECT_TRUE(hako::validateSpec(spec).empty());
    spec.linux.sysctl = {{"kernel.core_pattern", "|/x"}};
    auto issues = hako::validateSpec(spec);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].path, "linux.sysctl[\"kernel.core_pattern\"]");
    EXPECT_NE(issues[0].message.find("would change the host"), std::string::npos);
    spec.linux.sysctl = {{"net.ipv4.ip_forward", "1"}};
    std::erase_if(spec.linux.namespaces,
                  [](const hako::Namespace &ns) { return ns.type == hako::NamespaceType::Network; });
    issues = hako::validateSpec(spec);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].message,
              "needs a network namespace of the container's own, or it would change the host's");
}
