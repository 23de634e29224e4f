// The container spec: the OCI runtime-spec config.json, modelled as plain structs.
//
// parseSpec() turns JSON into a Spec and reports every problem with the JSON path of the
// offending field ("linux.namespaces[2].type: unknown namespace \"foo\""); validateSpec()
// checks the rules that span fields; toJson() writes it back, so parse → serialize
// round-trips. Properties Hako does not model are ignored as the runtime spec requires, but
// each one is reported as a warning so nothing is dropped silently.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace hako {

struct User {
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::optional<uint32_t> umask;
    std::vector<uint32_t> additionalGids;

    friend bool operator==(const User &, const User &) = default;
};

struct Rlimit {
    std::string type; // "RLIMIT_NOFILE"
    uint64_t soft = 0;
    uint64_t hard = 0;

    friend bool operator==(const Rlimit &, const Rlimit &) = default;
};

struct Capabilities {
    std::vector<std::string> bounding, effective, inheritable, permitted, ambient;

    friend bool operator==(const Capabilities &, const Capabilities &) = default;
};

struct ConsoleSize {
    uint32_t height = 0;
    uint32_t width = 0;

    friend bool operator==(const ConsoleSize &, const ConsoleSize &) = default;
};

struct Process {
    bool terminal = false;
    std::optional<ConsoleSize> consoleSize;
    User user;
    std::vector<std::string> args;
    std::vector<std::string> env; // "KEY=value"
    std::string cwd = "/";
    std::optional<Capabilities> capabilities;
    std::vector<Rlimit> rlimits;
    bool noNewPrivileges = false;
    std::optional<int> oomScoreAdj;

    friend bool operator==(const Process &, const Process &) = default;
};

struct Root {
    std::string path;
    bool readonly = false;

    friend bool operator==(const Root &, const Root &) = default;
};

struct Mount {
    std::string destination;
    std::string type;
    std::string source;
    std::vector<std::string> options;

    friend bool operator==(const Mount &, const Mount &) = default;
};

enum class NamespaceType { Pid, Network, Mount, Ipc, Uts, User, Cgroup };

struct Namespace {
    NamespaceType type;
    std::string path; // empty: a new namespace; otherwise join the one at this path

    friend bool operator==(const Namespace &, const Namespace &) = default;
};

struct IdMapping {
    uint32_t containerID = 0;
    uint32_t hostID = 0;
    uint32_t size = 0;

    friend bool operator==(const IdMapping &, const IdMapping &) = default;
};

struct DeviceRule {
    bool allow = false;
    std::string type; // "a", "c", "b"
    std::optional<int64_t> major, minor;
    std::string access; // "rwm"

    friend bool operator==(const DeviceRule &, const DeviceRule &) = default;
};

struct MemoryResources {
    std::optional<int64_t> limit, reservation, swap, kernel, kernelTCP;
    std::optional<uint64_t> swappiness;
    std::optional<bool> disableOOMKiller;

    friend bool operator==(const MemoryResources &, const MemoryResources &) = default;
};

struct CpuResources {
    std::optional<uint64_t> shares;
    std::optional<int64_t> quota;
    std::optional<uint64_t> period;
    std::optional<int64_t> realtimeRuntime;
    std::optional<uint64_t> realtimePeriod;
    std::string cpus, mems;

    friend bool operator==(const CpuResources &, const CpuResources &) = default;
};

struct PidsResources {
    int64_t limit = 0;

    friend bool operator==(const PidsResources &, const PidsResources &) = default;
};

struct WeightDevice {
    int64_t major = 0, minor = 0;
    std::optional<uint16_t> weight, leafWeight;

    friend bool operator==(const WeightDevice &, const WeightDevice &) = default;
};

struct ThrottleDevice {
    int64_t major = 0, minor = 0;
    uint64_t rate = 0;

    friend bool operator==(const ThrottleDevice &, const ThrottleDevice &) = default;
};

struct BlockIoResources {
    std::optional<uint16_t> weight, leafWeight;
    std::vector<WeightDevice> weightDevice;
    std::vector<ThrottleDevice> throttleReadBpsDevice, throttleWriteBpsDevice,
        throttleReadIOPSDevice, throttleWriteIOPSDevice;

    friend bool operator==(const BlockIoResources &, const BlockIoResources &) = default;
};

struct Resources {
    std::vector<DeviceRule> devices;
    std::optional<MemoryResources> memory;
    std::optional<CpuResources> cpu;
    std::optional<PidsResources> pids;
    std::optional<BlockIoResources> blockIO;

    friend bool operator==(const Resources &, const Resources &) = default;
};

struct SeccompArg {
    uint32_t index = 0;
    uint64_t value = 0;
    uint64_t valueTwo = 0;
    std::string op; // "SCMP_CMP_EQ", ...

    friend bool operator==(const SeccompArg &, const SeccompArg &) = default;
};

struct SeccompSyscall {
    std::vector<std::string> names;
    std::string action; // "SCMP_ACT_ERRNO", ...
    std::optional<uint32_t> errnoRet;
    std::vector<SeccompArg> args;

    friend bool operator==(const SeccompSyscall &, const SeccompSyscall &) = default;
};

struct Seccomp {
    std::string defaultAction;
    std::optional<uint32_t> defaultErrnoRet;
    std::vector<std::string> architectures; // "SCMP_ARCH_X86_64", ...
    std::vector<std::string> flags;
    std::vector<SeccompSyscall> syscalls;

    friend bool operator==(const Seccomp &, const Seccomp &) = default;
};

struct Linux {
    std::vector<Namespace> namespaces;
    std::vector<IdMapping> uidMappings, gidMappings;
    std::optional<Resources> resources;
    std::string cgroupsPath;
    std::vector<std::string> maskedPaths, readonlyPaths;
    std::optional<Seccomp> seccomp;
    std::string rootfsPropagation; // "", "private", "rprivate", "slave", "rslave", ...
    std::map<std::string, std::string> sysctl;

    friend bool operator==(const Linux &, const Linux &) = default;
};

struct Spec {
    std::string ociVersion = "1.0.2";
    Process process;
    Root root;
    std::string hostname;
    std::string domainname;
    std::vector<Mount> mounts;
    Linux linux;
    std::map<std::string, std::string> annotations;

    bool hasNamespace(NamespaceType type) const;
    const Namespace *findNamespace(NamespaceType type) const;

    friend bool operator==(const Spec &, const Spec &) = default;
};

// One problem with a spec: the JSON path of the field and what is wrong with it.
struct SpecIssue {
    std::string path;    // "linux.namespaces[2].type"
    std::string message; // "unknown namespace \"foo\""
    std::string text() const { return path.empty() ? message : path + ": " + message; }
};

struct ParseResult {
    std::optional<Spec> spec;        // set when there are no errors
    std::vector<SpecIssue> errors;   // every error found, not just the first
    std::vector<SpecIssue> warnings; // ignored properties
    bool ok() const { return spec.has_value(); }
    std::string errorText() const;   // all errors, one per line
};

// How complete a spec must be. The rules that differ between modes are about what the engine
// fills in later:
//   FromImage  a template for "create from image" (defaultSpec(), `hakoctl run --spec`): the
//              engine takes root.path and, when args are empty, the command from the image.
//              So "process" may be absent, process.args may be empty and root.path may be
//              empty (when set it must be absolute).
//   Bundle     an OCI bundle's config.json (`crun spec` output): "process" is required with
//              non-empty args, root.path is required and may be relative to the bundle
//              directory ("rootfs").
//   Final      the spec the engine runs: like Bundle, but root.path must be absolute.
// Every other rule applies in all modes.
enum class ValidateMode { FromImage, Bundle, Final };

// Never throws. Runs validateSpec(spec, mode) too and merges its errors after the reader's,
// leaving out any that touch a field the reader already reported (the same path, one inside
// it, or the object around it). Malformed JSON gives one error with an empty path whose
// message names the byte offset. A missing ociVersion keeps Spec's default; JSON null is
// treated as absent.
ParseResult parseSpec(std::string_view json, ValidateMode mode = ValidateMode::Bundle);
ParseResult parseSpec(const nlohmann::json &json, ValidateMode mode = ValidateMode::Bundle);
// Exact matches for string arguments: without them a std::string or a literal converts to
// both std::string_view and nlohmann::json and the call is ambiguous.
ParseResult parseSpec(const std::string &json, ValidateMode mode = ValidateMode::Bundle);
ParseResult parseSpec(const char *json, ValidateMode mode = ValidateMode::Bundle);

// Every rule the JSON shape cannot express (known names, absolute paths, mappings when a
// user namespace is asked for, ...), with the same paths parseSpec uses. The default is the
// strictest mode, the one for the spec the engine is about to run.
std::vector<SpecIssue> validateSpec(const Spec &spec, ValidateMode mode = ValidateMode::Final);

// Every capability the spec accepts ("CAP_CHOWN" … "CAP_CHECKPOINT_RESTORE"), in the kernel's
// order: what --cap-add checks names against and what --privileged grants.
const std::vector<std::string> &capabilityNames();
// The seccomp actions ("SCMP_ACT_ERRNO" …) and argument operators ("SCMP_CMP_EQ" …) the spec
// accepts; Docker-format profiles are read against the same tables.
bool isSeccompAction(std::string_view name);
bool isSeccompOperator(std::string_view name);
// Issues one per line, as each errorText() gives them.
std::string issuesText(const std::vector<SpecIssue> &issues);

nlohmann::json toJson(const Spec &spec);
std::string toJsonText(const Spec &spec); // pretty (2-space indent), sorted keys, final newline

// docker update's payload: a linux.resources object alone (OCI, v1 units), read with the
// same rules as inside a spec, except that an unknown member is an error (an update must
// not report a misspelt field as done); errors name their paths from "linux.resources".
struct ResourcesParseResult {
    std::optional<Resources> resources; // set when there are no errors
    std::vector<SpecIssue> errors;
    std::string errorText() const;
};
ResourcesParseResult parseResources(std::string_view json);
std::string toJsonText(const Resources &resources); // compact
// `patch`'s set fields over `base` (device weight and throttle lists replace per device;
// a patch's device access rules replace the whole list).
Resources mergeResources(Resources base, const Resources &patch);

// What `hakoctl run IMAGE CMD` starts from: every namespace but user, the standard mounts,
// Docker's masked and read-only paths. root.path and hostname are empty (the engine sets them
// from the image and the short id), so it validates in ValidateMode::FromImage only.
Spec defaultSpec();

// Joining another container's namespace: the spec keeps that namespace's entry (path empty)
// and names the container in annotations["org.hako.namespace.<type>"] = "container:<full id>".
// The engine resolves it at every start to the container's PID 1 of the moment, so the join
// survives the target restarting (a /proc/<pid>/ns path fixed at create time would not).
// Mount and user namespaces cannot be joined this way (the root and the id mappings are the
// container's own).
inline constexpr std::string_view kJoinAnnotationPrefix = "org.hako.namespace.";
inline constexpr std::string_view kJoinContainerPrefix = "container:";
std::string joinAnnotationKey(NamespaceType type); // "org.hako.namespace.network"
bool canJoinFromContainer(NamespaceType type);
// The id of the container whose namespace of `type` the spec joins (the annotation's value
// without "container:"), or nullopt.
std::optional<std::string> joinedContainer(const Spec &spec, NamespaceType type);

// --userns=remap: the spec asks for a user namespace (an entry without a path) and sets
// annotations[kUsernsRemapAnnotation] to the host user whose subordinate ranges in
// /etc/subuid and /etc/subgid map the container's ids ("hako" by default, Docker's
// userns-remap with its "dockremap"). The engine fills linux.uidMappings/gidMappings from
// them at create, when the spec gives none.
inline constexpr std::string_view kUsernsRemapAnnotation = "org.hako.userns-remap";
inline constexpr std::string_view kDefaultRemapUser = "hako";

std::string_view namespaceName(NamespaceType type); // "pid", "network", ...
std::optional<NamespaceType> namespaceFromName(std::string_view name);
std::string_view procNsName(NamespaceType type); // name under /proc/<pid>/ns: "pid", "net", ...

} // namespace hako
