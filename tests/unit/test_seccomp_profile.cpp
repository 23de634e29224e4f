// Docker-format seccomp profiles: strict parsing with errors at JSON paths, includes and
// excludes by capability and architecture, and Hako's default profile refusing what Docker's
// refuses.
#include "seccomp_profile.h"

#include <gtest/gtest.h>

#include <seccomp.h>

#include <algorithm>
#include <set>

using namespace hako;

namespace {

const std::vector<std::string> kDockerCaps = {
    "CAP_CHOWN",  "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
    "CAP_MKNOD",  "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
    "CAP_SETFCAP", "CAP_SETPCAP",     "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
    "CAP_KILL",   "CAP_AUDIT_WRITE",
};

std::vector<std::string> with(std::vector<std::string> caps, const std::string &cap)
{
    caps.push_back(cap);
    return caps;
}

// Whether some ALLOW rule lets `name` through with no condition on its arguments.
bool allowsOutright(const Seccomp &seccomp, const std::string &name)
{
    return std::ranges::any_of(seccomp.syscalls, [&](const SeccompSyscall &rule) {
        return rule.action == "SCMP_ACT_ALLOW" && rule.args.empty() &&
               std::ranges::find(rule.names, name) != rule.names.end();
    });
}

std::vector<const SeccompSyscall *> rulesFor(const Seccomp &seccomp, const std::string &name)
{
    std::vector<const SeccompSyscall *> rules;
    for (const auto &rule : seccomp.syscalls)
        if (std::ranges::find(rule.names, name) != rule.names.end())
            rules.push_back(&rule);
    return rules;
}

std::string errorsOf(std::string_view json)
{
    return seccompFromProfile(json, kDockerCaps).errorText();
}

} // namespace

TEST(SeccompProfile, ReadsDockerFieldsIntoTheSpec)
{
    const auto result = seccompFromProfile(R"({
        "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
        "architectures": ["SCMP_ARCH_X86_64"],
        "flags": ["SECCOMP_FILTER_FLAG_LOG"],
        "syscalls": [
          {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW", "comment": "io"},
          {"name": "mkdir", "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
          {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
           "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]}
        ]})",
                                           kDockerCaps);
    ASSERT_TRUE(result.seccomp) << result.errorText();
    const Seccomp &s = *result.seccomp;
    EXPECT_EQ(s.defaultAction, "SCMP_ACT_ERRNO");
    EXPECT_EQ(s.defaultErrnoRet, 1u);
    EXPECT_EQ(s.architectures, std::vector<std::string>{"SCMP_ARCH_X86_64"});
    EXPECT_EQ(s.flags, std::vector<std::string>{"SECCOMP_FILTER_FLAG_LOG"});
    ASSERT_EQ(s.syscalls.size(), 3u);
    EXPECT_EQ(s.syscalls[0].names, (std::vector<std::string>{"read", "write"}));
    EXPECT_EQ(s.syscalls[1].names, std::vector<std::string>{"mkdir"});
    EXPECT_EQ(s.syscalls[1].errnoRet, 13u);
    ASSERT_EQ(s.syscalls[2].args.size(), 1u);
    EXPECT_EQ(s.syscalls[2].args[0], (SeccompArg{0, 2114060288, 0, "SCMP_CMP_MASKED_EQ"}));
}

TEST(SeccompProfile, ErrorsNameTheirJsonPath)
{
    const std::string text = errorsOf(R"({
        "defaultAction": "SCMP_ACT_NOPE",
        "syscalls": [
          {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
          {"names": [], "action": "SCMP_ACT_ALLOW", "exclude": {}},
          {"names": ["x"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1,
           "args": [{"index": 6, "value": -1, "op": "SCMP_CMP_ALMOST"}],
           "includes": {"caps": ["CAP_SYS_ADMN"], "minKernel": "four"}}
        ]})");
    for (const char *expected : {
             "defaultAction: unknown action \"SCMP_ACT_NOPE\"",
             "syscalls[1].names: must not be empty",
             "syscalls[1].exclude: unknown property",
             "syscalls[2].errnoRet: only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno",
             "syscalls[2].args[0].index: 6 is out of range (0..5)",
             "syscalls[2].args[0].value: must be a non-negative integer",
             "syscalls[2].args[0].op: unknown operator \"SCMP_CMP_ALMOST\"",
             "syscalls[2].includes.caps[0]: unknown capability \"CAP_SYS_ADMN\"",
             "syscalls[2].includes.minKernel: \"four\" is not a kernel version",
         })
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\nin:\n" << text;
}

TEST(SeccompProfile, RejectsWhatItCannotHonour)
{
    EXPECT_EQ(errorsOf("{"), "not valid JSON");
    EXPECT_EQ(errorsOf("[]"), "(profile): must be an object");
    EXPECT_EQ(errorsOf("{}"), "defaultAction: required");
    EXPECT_EQ(errorsOf(R"({"defaultAction": "SCMP_ACT_NOTIFY", "listenerPath": "/run/x.sock"})"),
              "defaultAction: SCMP_ACT_NOTIFY needs a seccomp listener, which Hako does not "
              "provide\nlistenerPath: a seccomp listener is not supported by Hako");
    EXPECT_EQ(errorsOf(R"({"defaultAction": "SCMP_ACT_ALLOW", "architectures": [],
                           "archMap": []})"),
              "archMap: give either architectures or archMap, not both");
    EXPECT_EQ(errorsOf(R"({"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_Z80"]})"),
              "architectures[0]: unknown architecture \"SCMP_ARCH_Z80\"");
    EXPECT_EQ(errorsOf(R"({"defaultAction": "SCMP_ACT_ALLOW",
                           "syscalls": [{"name": "a", "names": ["b"], "action": "SCMP_ACT_LOG"}]})"),
              "syscalls[0].name: give either name or names, not both");
    EXPECT_EQ(errorsOf(R"({"defaultAction": "SCMP_ACT_ALLOW",
                           "syscalls": [{"names": null, "action": "SCMP_ACT_LOG"}]})"),
              "syscalls[0].names: must not be empty");
    EXPECT_EQ(errorsOf(R"({"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 4294967296})"),
              "defaultErrnoRet: 4294967296 is out of range (0..4294967295)");
}

TEST(SeccompProfile, ArchMapTakesThisMachinesEntryWithItsSubArchitectures)
{
    const auto result = seccompFromProfile(R"({"defaultAction": "SCMP_ACT_ALLOW", "archMap": [
        {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]},
        {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}
      ]})",
                                           kDockerCaps);
    ASSERT_TRUE(result.seccomp) << result.errorText();
#if defined(__x86_64__)
    EXPECT_EQ(result.seccomp->architectures,
              (std::vector<std::string>{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
#elif defined(__aarch64__)
    EXPECT_EQ(result.seccomp->architectures,
              (std::vector<std::string>{"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"}));
#endif
}

TEST(SeccompProfile, IncludesAndExcludesByCapabilityArchitectureAndKernel)
{
    constexpr std::string_view profile = R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
        {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["both"], "action": "SCMP_ACT_ALLOW",
         "includes": {"caps": ["CAP_SYS_ADMIN", "CAP_SYS_PTRACE"]}},
        {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
         "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["here"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "arm64"]}},
        {"names": ["elsewhere"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["s390x"]}},
        {"names": ["notHere"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["amd64", "arm64"]}},
        {"names": ["old"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "3.0"}},
        {"names": ["future"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "999.0"}}
      ]})";
    auto namesFor = [&](const std::vector<std::string> &caps) {
        const auto result = seccompFromProfile(profile, caps);
        EXPECT_TRUE(result.seccomp) << result.errorText();
        std::set<std::string> names;
        for (const auto &rule : result.seccomp.value_or(Seccomp{}).syscalls)
            names.insert(rule.names.begin(), rule.names.end());
        return names;
    };
    EXPECT_EQ(namesFor(kDockerCaps), (std::set<std::string>{"clone3", "here", "old"}));
    EXPECT_EQ(namesFor(with(kDockerCaps, "CAP_SYS_ADMIN")),
              (std::set<std::string>{"mount", "here", "old"}));
    EXPECT_EQ(namesFor(with(with(kDockerCaps, "CAP_SYS_ADMIN"), "CAP_SYS_PTRACE")),
              (std::set<std::string>{"mount", "both", "here", "old"}));
}

TEST(DefaultSeccompProfile, DeniesWhatDockersDefaultDenies)
{
    const Seccomp seccomp = defaultSeccomp(kDockerCaps);
    EXPECT_EQ(seccomp.defaultAction, "SCMP_ACT_ERRNO");
    EXPECT_EQ(seccomp.defaultErrnoRet, 1u); // EPERM
    for (const char *name :
         {"mount", "umount2", "pivot_root", "unshare", "clone3", "setns", "keyctl", "add_key",
          "request_key", "bpf", "perf_event_open", "ptrace", "process_vm_readv",
          "process_vm_writev", "kexec_load", "kexec_file_load", "init_module", "finit_module",
          "delete_module", "reboot", "swapon", "swapoff", "open_by_handle_at",
          "name_to_handle_at", "userfaultfd", "acct", "settimeofday", "clock_settime",
          "clock_adjtime", "adjtimex", "personality", "syslog", "lookup_dcookie", "quotactl",
          "iopl", "ioperm", "mbind", "set_mempolicy", "move_pages", "nfsservctl", "uselib",
          "ustat", "sysfs", "_sysctl", "vm86", "vm86old", "fsopen", "fsconfig", "fsmount",
          "fspick", "move_mount", "open_tree", "clone", "io_uring_setup"})
        EXPECT_FALSE(allowsOutright(seccomp, name)) << name;
    // …while ordinary programs keep what they use.
    for (const char *name : {"read", "openat", "execve", "mmap", "socket", "futex", "chroot",
                             "setuid", "wait4", "arch_prctl", "rt_sigreturn"})
        EXPECT_TRUE(allowsOutright(seccomp, name)) << name;
}

TEST(DefaultSeccompProfile, CloneOnlyWithoutNamespaceFlagsAndClone3FallsBackToClone)
{
    const Seccomp seccomp = defaultSeccomp(kDockerCaps);
    const auto clone = rulesFor(seccomp, "clone");
    ASSERT_EQ(clone.size(), 1u);
    ASSERT_EQ(clone[0]->args.size(), 1u);
    // flags & (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET) == 0
    EXPECT_EQ(clone[0]->args[0], (SeccompArg{0, 0x7e020000, 0, "SCMP_CMP_MASKED_EQ"}));
    const auto clone3 = rulesFor(seccomp, "clone3");
    ASSERT_EQ(clone3.size(), 1u);
    EXPECT_EQ(clone3[0]->action, "SCMP_ACT_ERRNO");
    EXPECT_EQ(clone3[0]->errnoRet, 38u); // ENOSYS
}

TEST(DefaultSeccompProfile, PersonalityOnlyWithItsDefaultValues)
{
    const Seccomp seccomp = defaultSeccomp(kDockerCaps);
    std::set<uint64_t> allowed;
    for (const SeccompSyscall *rule : rulesFor(seccomp, "personality")) {
        ASSERT_EQ(rule->args.size(), 1u);
        EXPECT_EQ(rule->args[0].op, "SCMP_CMP_EQ");
        allowed.insert(rule->args[0].value);
    }
    EXPECT_EQ(allowed, (std::set<uint64_t>{0, 0x8, 0x20000, 0x20008, 0xffffffff}));
}

TEST(DefaultSeccompProfile, CapabilitiesBringBackTheCallsTheyGovern)
{
    const std::pair<const char *, std::vector<const char *>> cases[] = {
        {"CAP_SYS_ADMIN", {"mount", "umount2", "pivot_root", "unshare", "setns", "clone",
                           "clone3", "fsopen", "open_tree", "move_mount"}},
        {"CAP_SYS_PTRACE", {"ptrace", "process_vm_readv", "process_vm_writev"}},
        {"CAP_SYS_BOOT", {"reboot"}},
        {"CAP_SYS_MODULE", {"init_module", "finit_module", "delete_module"}},
        {"CAP_SYS_TIME", {"clock_settime", "settimeofday", "adjtimex", "clock_adjtime"}},
        {"CAP_SYS_PACCT", {"acct"}},
        {"CAP_SYS_RAWIO", {"iopl", "ioperm"}},
        {"CAP_DAC_READ_SEARCH", {"open_by_handle_at"}},
        {"CAP_BPF", {"bpf"}},
    };
    for (const auto &[cap, names] : cases) {
        const Seccomp seccomp = defaultSeccomp(with(kDockerCaps, cap));
        for (const char *name : names)
            EXPECT_TRUE(allowsOutright(seccomp, name)) << name << " with " << cap;
    }
    // Never, whatever the capabilities.
    const Seccomp all = defaultSeccomp(capabilityNames());
    for (const char *name : {"keyctl", "add_key", "request_key", "kexec_load", "swapon",
                             "userfaultfd", "uselib", "_sysctl", "io_uring_setup"})
        EXPECT_FALSE(allowsOutright(all, name)) << name;
}

TEST(DefaultSeccompProfile, EveryNameIsASyscallLibseccompKnows)
{
    // A misspelt name would be skipped when the filter is built, silently refusing the call.
    std::set<std::string> unknown;
    for (const auto &rule : defaultSeccomp(capabilityNames()).syscalls)
        for (const auto &name : rule.names)
            if (seccomp_syscall_resolve_name(name.c_str()) == __NR_SCMP_ERROR)
                unknown.insert(name);
    std::string names;
    for (const auto &name : unknown)
        names += name + " ";
    EXPECT_EQ(names, "");
}
