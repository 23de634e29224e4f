// Docker's seccomp profile format read into the spec's linux.seccomp. Strict where Docker's
// Go decoder is lenient: an unknown key or a value of the wrong type is an error naming its
// JSON path, since a misspelt "excludes" would otherwise silently widen what is allowed.
// No libseccomp here (the fuzzer builds this file alone); applySeccomp resolves the names.
#include "seccomp_profile.h"

#include <nlohmann/json.hpp>

#include <sys/utsname.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>
#include <stdexcept>

namespace hako {

namespace {

using json = nlohmann::json;

// This machine's architecture in libseccomp's words and in Go's (Docker's includes/excludes
// "arches" use GOARCH names: "amd64", "arm64", …).
struct HostArch {
    std::string_view scmp;
    std::string_view go;
};
#if defined(__x86_64__)
constexpr HostArch kHost{"SCMP_ARCH_X86_64", "amd64"};
#elif defined(__aarch64__)
constexpr HostArch kHost{"SCMP_ARCH_AARCH64", "arm64"};
#elif defined(__i386__)
constexpr HostArch kHost{"SCMP_ARCH_X86", "386"};
#else
#error "seccomp profiles: add this architecture's SCMP_ARCH and GOARCH names"
#endif

constexpr std::array<std::string_view, 23> kArchitectures{
    "SCMP_ARCH_X86",         "SCMP_ARCH_X86_64",  "SCMP_ARCH_X32",       "SCMP_ARCH_ARM",
    "SCMP_ARCH_AARCH64",     "SCMP_ARCH_MIPS",    "SCMP_ARCH_MIPS64",    "SCMP_ARCH_MIPS64N32",
    "SCMP_ARCH_MIPSEL",      "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC",
    "SCMP_ARCH_PPC64",       "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390",      "SCMP_ARCH_S390X",
    "SCMP_ARCH_PARISC",      "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64",  "SCMP_ARCH_LOONGARCH64",
    "SCMP_ARCH_M68K",        "SCMP_ARCH_SH",      "SCMP_ARCH_SHEB",
};

constexpr std::array<std::string_view, 3> kFlags{
    "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"};

constexpr uint32_t kMaxArgIndex = 5; // the kernel passes six syscall arguments

template <size_t N>
bool isOneOf(const std::array<std::string_view, N> &names, std::string_view name)
{
    return std::ranges::find(names, name) != names.end();
}

bool contains(const std::vector<std::string> &list, std::string_view item)
{
    return std::ranges::find(list, item) != list.end();
}

std::string jsonQuoted(std::string_view text)
{
    return json(std::string(text)).dump();
}

std::string at(const std::string &path, size_t index)
{
    return path + "[" + std::to_string(index) + "]";
}

std::string member(const std::string &path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// "6.1.0-13-amd64" → {6, 1}; what includes.minKernel ("4.8") is compared with.
std::pair<int, int> versionOf(std::string_view text)
{
    int major = 0, minor = 0;
    const char *end = text.data() + text.size();
    auto [next, ec] = std::from_chars(text.data(), end, major);
    if (ec == std::errc() && next != end && *next == '.')
        std::from_chars(next + 1, end, minor);
    return {major, minor};
}

std::pair<int, int> runningKernel()
{
    utsname name{};
    if (::uname(&name) != 0)
        return {0, 0};
    return versionOf(name.release);
}

// The conditions of one syscalls[] entry, as read from includes/excludes.
struct Conditions {
    std::vector<std::string> caps;
    std::vector<std::string> arches;
    std::optional<std::pair<int, int>> minKernel;
};

class ProfileReader {
public:
    explicit ProfileReader(const std::vector<std::string> &capabilities)
        : capabilities_(capabilities) {}

    Seccomp read(const json &root);
    std::vector<SpecIssue> errors;

private:
    void error(const std::string &path, const std::string &message)
    {
        errors.push_back({path, message});
    }
    bool checkKeys(const json &object, const std::string &path,
                   std::initializer_list<std::string_view> known);
    std::optional<std::string> readString(const json &value, const std::string &path);
    std::vector<std::string> readStrings(const json &value, const std::string &path);
    std::optional<uint32_t> readUint32(const json &value, const std::string &path);
    std::optional<uint64_t> readUint64(const json &value, const std::string &path);
    std::string readAction(const json &value, const std::string &path);
    void checkErrnoRet(const std::optional<uint32_t> &errnoRet, const std::string &action,
                       const std::string &path);
    std::vector<std::string> readArchitectures(const json &root);
    std::vector<std::string> readArchMap(const json &value, const std::string &path);
    std::vector<std::string> readArchitectureNames(const json &value, const std::string &path);
    std::vector<std::string> readFlags(const json &value, const std::string &path);
    std::optional<SeccompSyscall> readSyscall(const json &value, const std::string &path);
    std::vector<std::string> readNames(const json &value, const std::string &path);
    std::vector<SeccompArg> readArgs(const json &value, const std::string &path);
    Conditions readConditions(const json &value, const std::string &path);
    bool applies(const Conditions &includes, const Conditions &excludes) const;

    const std::vector<std::string> &capabilities_;
    const std::pair<int, int> kernel_ = runningKernel();
};

bool ProfileReader::checkKeys(const json &object, const std::string &path,
                              std::initializer_list<std::string_view> known)
{
    if (!object.is_object()) {
        error(path.empty() ? "(profile)" : path, "must be an object");
        return false;
    }
    for (const auto &item : object.items())
        if (std::ranges::find(known, item.key()) == known.end())
            error(member(path, item.key()), "unknown property");
    return true;
}

std::optional<std::string> ProfileReader::readString(const json &value, const std::string &path)
{
    if (!value.is_string()) {
        error(path, "must be a string");
        return std::nullopt;
    }
    return value.get<std::string>();
}

std::vector<std::string> ProfileReader::readStrings(const json &value, const std::string &path)
{
    std::vector<std::string> out;
    if (value.is_null())
        return out; // Go writes empty lists as null
    if (!value.is_array()) {
        error(path, "must be an array of strings");
        return out;
    }
    for (size_t i = 0; i < value.size(); ++i)
        if (auto s = readString(value[i], at(path, i)))
            out.push_back(std::move(*s));
    return out;
}

std::optional<uint64_t> ProfileReader::readUint64(const json &value, const std::string &path)
{
    if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<int64_t>() >= 0)) {
        error(path, "must be a non-negative integer");
        return std::nullopt;
    }
    return value.get<uint64_t>();
}

std::optional<uint32_t> ProfileReader::readUint32(const json &value, const std::string &path)
{
    const auto number = readUint64(value, path);
    if (number && *number > UINT32_MAX) {
        error(path, std::to_string(*number) + " is out of range (0..4294967295)");
        return std::nullopt;
    }
    return number;
}

std::string ProfileReader::readAction(const json &value, const std::string &path)
{
    const auto action = readString(value, path);
    if (!action)
        return {};
    if (!isSeccompAction(*action)) {
        error(path, "unknown action " + jsonQuoted(*action));
        return {};
    }
    // A notify filter needs a supervisor listening on a socket (Docker's listenerPath),
    // which Hako does not run: the syscalls would block forever.
    if (*action == "SCMP_ACT_NOTIFY") {
        error(path, "SCMP_ACT_NOTIFY needs a seccomp listener, which Hako does not provide");
        return {};
    }
    return *action;
}

// Only ERRNO and TRACE carry a number; anywhere else it would be silently dropped.
void ProfileReader::checkErrnoRet(const std::optional<uint32_t> &errnoRet,
                                  const std::string &action, const std::string &path)
{
    if (errnoRet && !action.empty() && action != "SCMP_ACT_ERRNO" && action != "SCMP_ACT_TRACE")
        error(path, "only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an errno, not " + action);
}

std::vector<std::string> ProfileReader::readArchitectureNames(const json &value,
                                                              const std::string &path)
{
    std::vector<std::string> names = readStrings(value, path);
    for (size_t i = 0; i < names.size(); ++i)
        if (!isOneOf(kArchitectures, names[i]))
            error(at(path, i), "unknown architecture " + jsonQuoted(names[i]));
    return names;
}

// archMap lists each native architecture with the ABIs it also runs (x86_64: i386 and
// x32); only this machine's entry counts.
std::vector<std::string> ProfileReader::readArchMap(const json &value, const std::string &path)
{
    std::vector<std::string> arches;
    if (!value.is_array()) {
        error(path, "must be an array");
        return arches;
    }
    for (size_t i = 0; i < value.size(); ++i) {
        const std::string entryPath = at(path, i);
        if (!checkKeys(value[i], entryPath, {"architecture", "subArchitectures"}))
            continue;
        std::optional<std::string> native;
        if (value[i].contains("architecture")) {
            native = readString(value[i]["architecture"], entryPath + ".architecture");
            if (native && !isOneOf(kArchitectures, *native))
                error(entryPath + ".architecture", "unknown architecture " + jsonQuoted(*native));
        } else {
            error(entryPath + ".architecture", "required");
        }
        std::vector<std::string> subs;
        if (value[i].contains("subArchitectures"))
            subs = readArchitectureNames(value[i]["subArchitectures"],
                                         entryPath + ".subArchitectures");
        if (native != kHost.scmp)
            continue;
        arches.push_back(*native);
        for (auto &sub : subs)
            if (!contains(arches, sub))
                arches.push_back(std::move(sub));
    }
    return arches;
}

std::vector<std::string> ProfileReader::readArchitectures(const json &root)
{
    const bool list = root.contains("architectures"), map = root.contains("archMap");
    if (list && map) {
        error("archMap", "give either architectures or archMap, not both");
        return {};
    }
    if (list)
        return readArchitectureNames(root["architectures"], "architectures");
    if (map)
        return readArchMap(root["archMap"], "archMap");
    return {}; // the native architecture only
}

std::vector<std::string> ProfileReader::readFlags(const json &value, const std::string &path)
{
    std::vector<std::string> flags = readStrings(value, path);
    for (size_t i = 0; i < flags.size(); ++i)
        if (!isOneOf(kFlags, flags[i]))
            error(at(path, i), "unknown flag " + jsonQuoted(flags[i]));
    return flags;
}

std::vector<std::string> ProfileReader::readNames(const json &value, const std::string &path)
{
    const bool one = value.contains("name"), many = value.contains("names");
    if (one && many) {
        error(path + ".name", "give either name or names, not both");
        return {};
    }
    std::vector<std::string> names;
    if (one) {
        if (auto name = readString(value["name"], path + ".name"))
            names.push_back(std::move(*name));
    } else if (many) {
        names = readStrings(value["names"], path + ".names");
        // (null is Go's empty list; a non-array already has its error)
        if (names.empty() && (value["names"].is_array() || value["names"].is_null()))
            error(path + ".names", "must not be empty");
    } else {
        error(path + ".names", "required");
    }
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i].empty())
            error(one ? path + ".name" : at(path + ".names", i), "must not be empty");
    return names;
}

std::vector<SeccompArg> ProfileReader::readArgs(const json &value, const std::string &path)
{
    std::vector<SeccompArg> args;
    if (value.is_null())
        return args;
    if (!value.is_array()) {
        error(path, "must be an array");
        return args;
    }
    for (size_t i = 0; i < value.size(); ++i) {
        const std::string argPath = at(path, i);
        if (!checkKeys(value[i], argPath, {"index", "value", "valueTwo", "op"}))
            continue;
        const json &arg = value[i];
        SeccompArg out;
        if (!arg.contains("index"))
            error(argPath + ".index", "required");
        else if (auto index = readUint32(arg["index"], argPath + ".index")) {
            if (*index > kMaxArgIndex)
                error(argPath + ".index", std::to_string(*index) + " is out of range (0..5)");
            out.index = *index;
        }
        if (arg.contains("value"))
            out.value = readUint64(arg["value"], argPath + ".value").value_or(0);
        if (arg.contains("valueTwo"))
            out.valueTwo = readUint64(arg["valueTwo"], argPath + ".valueTwo").value_or(0);
        if (!arg.contains("op"))
            error(argPath + ".op", "required");
        else if (auto op = readString(arg["op"], argPath + ".op")) {
            if (!isSeccompOperator(*op))
                error(argPath + ".op", "unknown operator " + jsonQuoted(*op));
            out.op = std::move(*op);
        }
        args.push_back(std::move(out));
    }
    return args;
}

Conditions ProfileReader::readConditions(const json &value, const std::string &path)
{
    Conditions out;
    if (!checkKeys(value, path, {"caps", "arches", "minKernel"}))
        return out;
    if (value.contains("caps")) {
        out.caps = readStrings(value["caps"], path + ".caps");
        const auto &known = capabilityNames();
        for (size_t i = 0; i < out.caps.size(); ++i)
            if (!contains(known, out.caps[i]))
                error(at(path + ".caps", i), "unknown capability " + jsonQuoted(out.caps[i]));
    }
    // Other machines' architectures are legitimate here; they just never match.
    if (value.contains("arches"))
        out.arches = readStrings(value["arches"], path + ".arches");
    if (value.contains("minKernel") && !value["minKernel"].is_null()) {
        const auto text = readString(value["minKernel"], path + ".minKernel");
        const auto version = text ? versionOf(*text) : std::pair{0, 0};
        if (text && (version.first <= 0 ||
                     text->find_first_not_of("0123456789.") != std::string::npos))
            error(path + ".minKernel", jsonQuoted(*text) + " is not a kernel version like \"5.8\"");
        else if (text)
            out.minKernel = version;
    }
    return out;
}

bool ProfileReader::applies(const Conditions &includes, const Conditions &excludes) const
{
    // Included only when every listed capability is in the set (as Docker does), …
    for (const auto &cap : includes.caps)
        if (!contains(capabilities_, cap))
            return false;
    if (!includes.arches.empty() && !contains(includes.arches, kHost.go))
        return false;
    if (includes.minKernel && kernel_ < *includes.minKernel)
        return false;
    // … and excluded as soon as any one is.
    for (const auto &cap : excludes.caps)
        if (contains(capabilities_, cap))
            return false;
    if (contains(excludes.arches, kHost.go))
        return false;
    return !(excludes.minKernel && kernel_ >= *excludes.minKernel);
}

std::optional<SeccompSyscall> ProfileReader::readSyscall(const json &value, const std::string &path)
{
    if (!checkKeys(value, path,
                   {"name", "names", "action", "errnoRet", "args", "includes", "excludes",
                    "comment"}))
        return std::nullopt;
    SeccompSyscall out;
    out.names = readNames(value, path);
    if (value.contains("action"))
        out.action = readAction(value["action"], path + ".action");
    else
        error(path + ".action", "required");
    if (value.contains("errnoRet"))
        out.errnoRet = readUint32(value["errnoRet"], path + ".errnoRet");
    checkErrnoRet(out.errnoRet, out.action, path + ".errnoRet");
    if (value.contains("args"))
        out.args = readArgs(value["args"], path + ".args");
    if (value.contains("comment") && !value["comment"].is_string())
        error(path + ".comment", "must be a string");
    Conditions includes, excludes;
    if (value.contains("includes"))
        includes = readConditions(value["includes"], path + ".includes");
    if (value.contains("excludes"))
        excludes = readConditions(value["excludes"], path + ".excludes");
    if (!applies(includes, excludes))
        return std::nullopt;
    return out;
}

Seccomp ProfileReader::read(const json &root)
{
    Seccomp out;
    if (!checkKeys(root, "",
                   {"defaultAction", "defaultErrnoRet", "architectures", "archMap", "syscalls",
                    "flags", "listenerPath", "listenerMetadata"}))
        return out;
    if (root.contains("defaultAction"))
        out.defaultAction = readAction(root["defaultAction"], "defaultAction");
    else
        error("defaultAction", "required");
    if (root.contains("defaultErrnoRet"))
        out.defaultErrnoRet = readUint32(root["defaultErrnoRet"], "defaultErrnoRet");
    checkErrnoRet(out.defaultErrnoRet, out.defaultAction, "defaultErrnoRet");
    out.architectures = readArchitectures(root);
    if (root.contains("flags"))
        out.flags = readFlags(root["flags"], "flags");
    for (std::string_view key : {"listenerPath", "listenerMetadata"})
        if (root.contains(key) && !(root[key].is_string() && root[key].get<std::string>().empty()))
            error(std::string(key), "a seccomp listener is not supported by Hako");
    if (!root.contains("syscalls") || root["syscalls"].is_null())
        return out;
    const json &syscalls = root["syscalls"];
    if (!syscalls.is_array()) {
        error("syscalls", "must be an array");
        return out;
    }
    for (size_t i = 0; i < syscalls.size(); ++i)
        if (auto syscall = readSyscall(syscalls[i], at("syscalls", i)))
            out.syscalls.push_back(std::move(*syscall));
    return out;
}

} // namespace

std::string SeccompProfileResult::errorText() const
{
    return issuesText(errors);
}

SeccompProfileResult seccompFromProfile(std::string_view text,
                                        const std::vector<std::string> &capabilities)
{
    SeccompProfileResult result;
    const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) {
        result.errors.push_back({"", "not valid JSON"});
        return result;
    }
    ProfileReader reader(capabilities);
    Seccomp seccomp = reader.read(root);
    result.errors = std::move(reader.errors);
    if (result.errors.empty())
        result.seccomp = std::move(seccomp);
    return result;
}

Seccomp defaultSeccomp(const std::vector<std::string> &capabilities)
{
    SeccompProfileResult result = seccompFromProfile(defaultSeccompProfileJson(), capabilities);
    // The default profile is ours and covered by the unit tests: an error is a bug in it.
    if (!result.seccomp)
        throw std::logic_error("Hako's default seccomp profile: " + result.errorText());
    return std::move(*result.seccomp);
}

} // namespace hako
