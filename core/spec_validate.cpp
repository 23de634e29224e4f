// The rules a JSON schema cannot express: known names, absolute paths, and the ones that
// span fields (mappings need a user namespace, a hostname needs its own UTS namespace).
// Paths in messages are the ones parseSpec uses, so both read the same to a user.
#include "spec.h"

#include "network.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

namespace hako {

namespace {

// Linux capabilities 0..40 (CAP_CHECKPOINT_RESTORE, Linux 5.9).
constexpr std::array<std::string_view, 41> kCapabilities{
    "CAP_CHOWN",              "CAP_DAC_OVERRIDE",       "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",             "CAP_FSETID",             "CAP_KILL",
    "CAP_SETGID",             "CAP_SETUID",             "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",    "CAP_NET_BIND_SERVICE",   "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",          "CAP_NET_RAW",            "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",          "CAP_SYS_MODULE",         "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",         "CAP_SYS_PTRACE",         "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",          "CAP_SYS_BOOT",           "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",       "CAP_SYS_TIME",           "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",              "CAP_LEASE",              "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",      "CAP_SETFCAP",            "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",          "CAP_SYSLOG",             "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",      "CAP_AUDIT_READ",         "CAP_PERFMON",
    "CAP_BPF",                "CAP_CHECKPOINT_RESTORE",
};

constexpr std::array<std::string_view, 16> kRlimits{
    "RLIMIT_AS",     "RLIMIT_CORE",   "RLIMIT_CPU",        "RLIMIT_DATA",
    "RLIMIT_FSIZE",  "RLIMIT_LOCKS",  "RLIMIT_MEMLOCK",    "RLIMIT_MSGQUEUE",
    "RLIMIT_NICE",   "RLIMIT_NOFILE", "RLIMIT_NPROC",      "RLIMIT_RSS",
    "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK",
};

constexpr std::array<std::string_view, 9> kSeccompActions{
    "SCMP_ACT_KILL",  "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
    "SCMP_ACT_TRAP",  "SCMP_ACT_ERRNO",        "SCMP_ACT_TRACE",
    "SCMP_ACT_ALLOW", "SCMP_ACT_LOG",          "SCMP_ACT_NOTIFY",
};

constexpr std::array<std::string_view, 7> kSeccompOperators{
    "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",        "SCMP_CMP_EQ",
    "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ",
};

constexpr std::array<std::string_view, 9> kPropagations{
    "", "private", "rprivate", "slave", "rslave", "shared", "rshared", "unbindable",
    "runbindable",
};

// The kernel checks seccomp argument indices against the six syscall arguments.
constexpr uint32_t kSeccompMaxArgs = 6;
constexpr int kOomScoreMin = -1000;
constexpr int kOomScoreMax = 1000;
constexpr uint64_t kSwappinessMax = 100;
constexpr size_t kHostnameMax = 64;

template <size_t N>
bool isOneOf(const std::array<std::string_view, N> &names, std::string_view name)
{
    return std::ranges::find(names, name) != names.end();
}

std::string quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

bool isDecimal(std::string_view digits)
{
    return !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
}

// A cpuset list: "0", "0-3", "0-3,6,8-9".
bool isCpuList(std::string_view list)
{
    for (;;) {
        const size_t comma = list.find(',');
        const std::string_view range = list.substr(0, comma);
        const size_t dash = range.find('-');
        if (!isDecimal(range.substr(0, dash)) ||
            (dash != std::string_view::npos && !isDecimal(range.substr(dash + 1))))
            return false;
        if (comma == std::string_view::npos)
            return true;
        list.remove_prefix(comma + 1);
    }
}

std::string at(const std::string &path, size_t index)
{
    return path + "[" + std::to_string(index) + "]";
}

class Checker {
public:
    Checker(const Spec &spec, ValidateMode mode) : spec_(spec), mode_(mode) {}

    std::vector<SpecIssue> run();

private:
    void error(std::string path, std::string message)
    {
        issues_.push_back({std::move(path), std::move(message)});
    }

    void checkVersion();
    void checkProcess();
    void checkEnv();
    void checkCapabilities();
    void checkCapabilityList(const std::string &path, const std::vector<std::string> &names);
    void checkRlimits();
    void checkRoot();
    void checkHostnames();
    void checkHostname(const std::string &path, const std::string &name);
    void checkMounts();
    void checkNamespaces();
    void checkJoinAnnotations();
    void checkJoinAnnotation(const std::string &key, const std::string &value);
    void checkIdMappings(const std::string &path, const std::vector<IdMapping> &mappings);
    void checkContainerPaths(const std::string &path, const std::vector<std::string> &paths);
    void checkContainerPath(const std::string &path, const std::string &value);
    void checkResources();
    void checkDevices(const std::vector<DeviceRule> &devices);
    void checkMemory(const MemoryResources &memory);
    void checkCpu(const CpuResources &cpu);
    void checkBlockIo(const BlockIoResources &io);
    void checkBytes(const std::string &path, const std::optional<int64_t> &value);
    void checkSeccomp();
    void checkSeccompSyscall(const std::string &path, const SeccompSyscall &syscall);
    void checkSeccompAction(const std::string &path, const std::string &action);
    void checkPropagation();
    void checkSysctls();

    const Spec &spec_;
    ValidateMode mode_;
    std::vector<SpecIssue> issues_;
};

std::vector<SpecIssue> Checker::run()
{
    checkVersion();
    checkProcess();
    checkRoot();
    checkHostnames();
    checkMounts();
    checkNamespaces();
    checkJoinAnnotations();
    checkIdMappings("linux.uidMappings", spec_.linux.uidMappings);
    checkIdMappings("linux.gidMappings", spec_.linux.gidMappings);
    checkContainerPaths("linux.maskedPaths", spec_.linux.maskedPaths);
    checkContainerPaths("linux.readonlyPaths", spec_.linux.readonlyPaths);
    checkResources();
    checkSeccomp();
    checkPropagation();
    checkSysctls();
    networkSettings(spec_, &issues_); // the org.hako.network* annotations (network_settings.cpp)
    return std::move(issues_);
}

void Checker::checkVersion()
{
    const std::string &version = spec_.ociVersion;
    if (version.empty())
        error("ociVersion", "required");
    else if (!version.starts_with("1."))
        error("ociVersion", "unsupported version " + quoted(version) + " (hako supports 1.x)");
}

void Checker::checkProcess()
{
    const Process &process = spec_.process;
    // From an image, empty args mean "the image's command".
    if (process.args.empty() && mode_ != ValidateMode::FromImage)
        error("process.args", "must not be empty");
    if (!process.cwd.starts_with('/'))
        error("process.cwd", "must be absolute");
    if (process.oomScoreAdj &&
        (*process.oomScoreAdj < kOomScoreMin || *process.oomScoreAdj > kOomScoreMax))
        error("process.oomScoreAdj", std::to_string(*process.oomScoreAdj) +
                                         " is out of range (" + std::to_string(kOomScoreMin) +
                                         ".." + std::to_string(kOomScoreMax) + ")");
    checkEnv();
    checkCapabilities();
    checkRlimits();
}

void Checker::checkEnv()
{
    const std::vector<std::string> &env = spec_.process.env;
    for (size_t i = 0; i < env.size(); ++i) {
        const size_t equals = env[i].find('=');
        if (equals == std::string::npos || equals == 0)
            error(at("process.env", i), "must be KEY=value");
    }
}

void Checker::checkCapabilities()
{
    if (!spec_.process.capabilities)
        return;
    const Capabilities &caps = *spec_.process.capabilities;
    checkCapabilityList("process.capabilities.bounding", caps.bounding);
    checkCapabilityList("process.capabilities.effective", caps.effective);
    checkCapabilityList("process.capabilities.inheritable", caps.inheritable);
    checkCapabilityList("process.capabilities.permitted", caps.permitted);
    checkCapabilityList("process.capabilities.ambient", caps.ambient);
}

void Checker::checkCapabilityList(const std::string &path, const std::vector<std::string> &names)
{
    for (size_t i = 0; i < names.size(); ++i) {
        if (!isOneOf(kCapabilities, names[i]))
            error(at(path, i), "unknown capability " + quoted(names[i]));
    }
}

void Checker::checkRlimits()
{
    const std::vector<Rlimit> &rlimits = spec_.process.rlimits;
    std::set<std::string_view> seen;
    for (size_t i = 0; i < rlimits.size(); ++i) {
        const Rlimit &rlimit = rlimits[i];
        const std::string path = at("process.rlimits", i);
        if (!isOneOf(kRlimits, rlimit.type))
            error(path + ".type", "unknown rlimit " + quoted(rlimit.type));
        else if (!seen.insert(rlimit.type).second)
            error(path + ".type", "duplicate rlimit " + quoted(rlimit.type));
        // Reported on the rlimit itself: the rule is about both limits.
        if (rlimit.soft > rlimit.hard)
            error(path, "soft limit " + std::to_string(rlimit.soft) + " exceeds hard limit " +
                            std::to_string(rlimit.hard));
    }
}

void Checker::checkRoot()
{
    const std::string &path = spec_.root.path;
    if (path.empty()) {
        if (mode_ != ValidateMode::FromImage)
            error("root.path", "required");
        return;
    }
    // A bundle's root may be relative to the bundle directory; anything else must not be.
    if (mode_ != ValidateMode::Bundle && !path.starts_with('/'))
        error("root.path", "must be absolute");
}

void Checker::checkHostnames()
{
    checkHostname("hostname", spec_.hostname);
    checkHostname("domainname", spec_.domainname);
}

void Checker::checkHostname(const std::string &path, const std::string &name)
{
    if (name.empty())
        return;
    const bool validChars = std::ranges::all_of(name, [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '.';
    });
    if (!validChars || name.size() > kHostnameMax)
        error(path, quoted(name) + " is not a valid hostname (at most 64 letters, digits, '-' "
                                   "and '.')");
    // Setting it in the host's (or another container's) UTS namespace would change theirs.
    const Namespace *uts = spec_.findNamespace(NamespaceType::Uts);
    if (!uts || !uts->path.empty() || joinedContainer(spec_, NamespaceType::Uts))
        error(path, "requires a new uts namespace");
}

bool hasDotDotComponent(std::string_view path)
{
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        if (path.substr(start, end - start) == "..")
            return true;
        start = end + 1;
    }
    return false;
}

void Checker::checkContainerPath(const std::string &path, const std::string &value)
{
    if (value.empty())
        error(path, "required");
    else if (!value.starts_with('/'))
        error(path, "must be absolute");
    else if (hasDotDotComponent(value))
        error(path, "must not contain \"..\"");
}

void Checker::checkContainerPaths(const std::string &path, const std::vector<std::string> &paths)
{
    for (size_t i = 0; i < paths.size(); ++i)
        checkContainerPath(at(path, i), paths[i]);
}

void Checker::checkMounts()
{
    for (size_t i = 0; i < spec_.mounts.size(); ++i)
        checkContainerPath(at("mounts", i) + ".destination", spec_.mounts[i].destination);
}

void Checker::checkNamespaces()
{
    const std::vector<Namespace> &namespaces = spec_.linux.namespaces;
    std::set<NamespaceType> seen;
    for (size_t i = 0; i < namespaces.size(); ++i) {
        const Namespace &ns = namespaces[i];
        const std::string path = at("linux.namespaces", i);
        // One entry per type: it either creates the namespace or joins the one at `path`.
        if (!seen.insert(ns.type).second)
            error(path + ".type", "duplicate namespace " + quoted(namespaceName(ns.type)));
        if (!ns.path.empty() && !ns.path.starts_with('/'))
            error(path + ".path", "must be absolute");
    }
}

bool isFullContainerId(std::string_view id)
{
    constexpr size_t kIdLength = 64;
    return id.size() == kIdLength && std::ranges::all_of(id, [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

void Checker::checkJoinAnnotations()
{
    for (const auto &[key, value] : spec_.annotations)
        if (key.starts_with(kJoinAnnotationPrefix))
            checkJoinAnnotation(key, value);
}

void Checker::checkJoinAnnotation(const std::string &key, const std::string &value)
{
    const std::string path = "annotations[" + quoted(key) + "]";
    const std::string kind = key.substr(kJoinAnnotationPrefix.size());
    const auto type = namespaceFromName(kind);
    if (!type) {
        error(path, "unknown namespace type " + quoted(kind));
        return;
    }
    if (!canJoinFromContainer(*type)) {
        error(path, "the " + kind + " namespace cannot be joined from another container");
        return;
    }
    if (!value.starts_with(kJoinContainerPrefix) ||
        !isFullContainerId(std::string_view(value).substr(kJoinContainerPrefix.size()))) {
        error(path, quoted(value) + " is not \"container:<64-hex container id>\"");
        return;
    }
    // The entry stays: the engine sets its path at each start (any path it has is replaced).
    if (!spec_.findNamespace(*type))
        error(path, "needs a " + kind + " entry in linux.namespaces");
}

void Checker::checkIdMappings(const std::string &path, const std::vector<IdMapping> &mappings)
{
    const Namespace *userns = spec_.findNamespace(NamespaceType::User);
    // --userns=remap: the engine fills them from /etc/subuid and /etc/subgid at create.
    const bool remapFills = mode_ != ValidateMode::Final &&
                            spec_.annotations.contains(std::string(kUsernsRemapAnnotation));
    if (userns && userns->path.empty() && mappings.empty() && !remapFills)
        error(path, "required when a user namespace is created");
    if (!userns && !mappings.empty())
        error(path, "requires a user namespace");
    // A joined namespace already has its mappings; they cannot be written twice.
    if (userns && !userns->path.empty() && !mappings.empty())
        error(path, "must be empty when joining an existing user namespace");
    for (size_t i = 0; i < mappings.size(); ++i) {
        const IdMapping &mapping = mappings[i];
        const uint64_t end = uint64_t(mapping.size) + std::max(mapping.containerID, mapping.hostID);
        if (mapping.size == 0)
            error(at(path, i) + ".size", "must not be zero");
        else if (end > uint64_t(UINT32_MAX) + 1)
            error(at(path, i), "range goes past id 4294967295");
    }
}

void Checker::checkResources()
{
    if (!spec_.linux.resources)
        return;
    const Resources &resources = *spec_.linux.resources;
    checkDevices(resources.devices);
    if (resources.memory)
        checkMemory(*resources.memory);
    if (resources.cpu)
        checkCpu(*resources.cpu);
    if (resources.blockIO)
        checkBlockIo(*resources.blockIO);
}

// Byte limits: -1 is "no limit", 0 "not set" (as runc reads OCI), anything else a size.
void Checker::checkBytes(const std::string &path, const std::optional<int64_t> &value)
{
    if (value && *value < -1)
        error(path, std::to_string(*value) + " is not a size (-1 means no limit)");
}

void Checker::checkMemory(const MemoryResources &memory)
{
    const std::string path = "linux.resources.memory";
    checkBytes(path + ".limit", memory.limit);
    checkBytes(path + ".reservation", memory.reservation);
    checkBytes(path + ".swap", memory.swap);
    if (memory.swappiness && *memory.swappiness > kSwappinessMax)
        error(path + ".swappiness",
              std::to_string(*memory.swappiness) + " is out of range (0..100)");
    // swap is the limit of memory + swap together (v1's memsw), so it needs a memory limit
    // at or below it.
    const int64_t limit = memory.limit.value_or(0);
    const int64_t swap = memory.swap.value_or(0);
    if (swap > 0 && limit <= 0)
        error(path + ".swap", "a memory+swap limit needs a memory limit");
    else if (swap > 0 && swap < limit)
        error(path + ".swap", "memory+swap limit " + std::to_string(swap) +
                                  " is below the memory limit " + std::to_string(limit));
}

// Ranges the kernel enforces for the CFS bandwidth controller (1 ms .. 1 s periods).
void Checker::checkCpu(const CpuResources &cpu)
{
    const std::string path = "linux.resources.cpu";
    if (cpu.period && *cpu.period != 0 && (*cpu.period < 1000 || *cpu.period > 1000000))
        error(path + ".period", std::to_string(*cpu.period) +
                                    " is out of range (1000..1000000 microseconds)");
    if (cpu.quota && *cpu.quota != 0 && *cpu.quota != -1 && *cpu.quota < 1000)
        error(path + ".quota", std::to_string(*cpu.quota) +
                                   " is below 1000 microseconds (-1 means no limit)");
    for (const auto &[name, list] : {std::pair{"cpus", &cpu.cpus}, std::pair{"mems", &cpu.mems}}) {
        if (!list->empty() && !isCpuList(*list))
            error(path + "." + name, quoted(*list) + " is not a list like \"0-3,6\"");
    }
}

void Checker::checkBlockIo(const BlockIoResources &io)
{
    const std::string path = "linux.resources.blockIO";
    const auto checkWeight = [&](const std::string &at, const std::optional<uint16_t> &weight) {
        if (weight && *weight != 0 && (*weight < 10 || *weight > 1000))
            error(at, std::to_string(*weight) + " is out of range (10..1000)");
    };
    checkWeight(path + ".weight", io.weight);
    checkWeight(path + ".leafWeight", io.leafWeight);
    for (size_t i = 0; i < io.weightDevice.size(); ++i) {
        checkWeight(at(path + ".weightDevice", i) + ".weight", io.weightDevice[i].weight);
        checkWeight(at(path + ".weightDevice", i) + ".leafWeight", io.weightDevice[i].leafWeight);
    }
}

void Checker::checkDevices(const std::vector<DeviceRule> &devices)
{
    for (size_t i = 0; i < devices.size(); ++i) {
        const DeviceRule &device = devices[i];
        const std::string path = at("linux.resources.devices", i);
        // Empty means "a", all devices.
        if (!device.type.empty() && device.type != "a" && device.type != "b" && device.type != "c")
            error(path + ".type", "unknown device type " + quoted(device.type));
        if (device.access.find_first_not_of("rwm") != std::string::npos)
            error(path + ".access", quoted(device.access) + " is not a combination of r, w, m");
    }
}

void Checker::checkSeccompAction(const std::string &path, const std::string &action)
{
    if (action.empty())
        error(path, "required");
    else if (!isOneOf(kSeccompActions, action))
        error(path, "unknown action " + quoted(action));
}

void Checker::checkSeccomp()
{
    if (!spec_.linux.seccomp)
        return;
    const Seccomp &seccomp = *spec_.linux.seccomp;
    checkSeccompAction("linux.seccomp.defaultAction", seccomp.defaultAction);
    for (size_t i = 0; i < seccomp.syscalls.size(); ++i)
        checkSeccompSyscall(at("linux.seccomp.syscalls", i), seccomp.syscalls[i]);
}

void Checker::checkSeccompSyscall(const std::string &path, const SeccompSyscall &syscall)
{
    if (syscall.names.empty())
        error(path + ".names", "must not be empty");
    checkSeccompAction(path + ".action", syscall.action);
    for (size_t i = 0; i < syscall.args.size(); ++i) {
        const SeccompArg &arg = syscall.args[i];
        const std::string argPath = at(path + ".args", i);
        if (arg.index >= kSeccompMaxArgs)
            error(argPath + ".index", std::to_string(arg.index) + " is out of range (0..5)");
        if (!isOneOf(kSeccompOperators, arg.op))
            error(argPath + ".op", "unknown operator " + quoted(arg.op));
    }
}

void Checker::checkPropagation()
{
    if (!isOneOf(kPropagations, spec_.linux.rootfsPropagation))
        error("linux.rootfsPropagation",
              "unknown propagation " + quoted(spec_.linux.rootfsPropagation));
}

// Only sysctls that belong to a namespace the container has of its own: anything else
// (kernel.core_pattern, vm.*) would change the whole host.
std::optional<NamespaceType> sysctlNamespace(const std::string &key)
{
    static constexpr std::array<std::string_view, 8> kIpcKeys{
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
        "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"};
    if (isOneOf(kIpcKeys, key) || key.starts_with("fs.mqueue."))
        return NamespaceType::Ipc;
    if (key.starts_with("net."))
        return NamespaceType::Network;
    if (key == "kernel.hostname" || key == "kernel.domainname")
        return NamespaceType::Uts;
    return std::nullopt;
}

void Checker::checkSysctls()
{
    for (const auto &[key, value] : spec_.linux.sysctl) {
        const std::string path = "linux.sysctl[" + quoted(key) + "]";
        if (key.find('/') != std::string::npos || key.find("..") != std::string::npos) {
            error(path, "not a sysctl name");
            continue;
        }
        const auto ns = sysctlNamespace(key);
        if (!ns) {
            error(path, "not namespaced: setting it would change the host (allowed: kernel.msg*, "
                        "kernel.sem, kernel.shm*, fs.mqueue.*, net.*)");
            continue;
        }
        // A namespace joined by path may still be the host's: the launch checks that.
        if (!spec_.findNamespace(*ns))
            error(path, "needs a " + std::string(namespaceName(*ns)) +
                            " namespace of the container's own, or it would change the host's");
    }
}

} // namespace

std::vector<SpecIssue> validateSpec(const Spec &spec, ValidateMode mode)
{
    return Checker(spec, mode).run();
}

const std::vector<std::string> &capabilityNames()
{
    static const std::vector<std::string> names(kCapabilities.begin(), kCapabilities.end());
    return names;
}

bool isSeccompAction(std::string_view name)
{
    return isOneOf(kSeccompActions, name);
}

bool isSeccompOperator(std::string_view name)
{
    return isOneOf(kSeccompOperators, name);
}

} // namespace hako
