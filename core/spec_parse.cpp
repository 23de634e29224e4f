// JSON → Spec.
//
// The reader never stops at the first problem: a field with the wrong type is reported and
// left at its default, an array element that is wrong keeps its place (so later elements
// keep their indices in messages), and reading carries on. Shape problems (types, ranges,
// required members) are found here; every rule about values lives in validateSpec(), which
// parseSpec() runs on the result so a programmatically built Spec gets the same checks.
#include "spec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <concepts>
#include <limits>
#include <utility>

namespace hako {

namespace {

using nlohmann::json;

struct Issues {
    std::vector<SpecIssue> errors;
    std::vector<SpecIssue> warnings;
    // JSON array index of each namespace kept in Spec: entries with an unknown type cannot be
    // represented, so they are dropped and validateSpec's indices must be mapped back.
    std::vector<size_t> namespaceJsonIndex;

    void error(std::string path, std::string message)
    {
        errors.push_back({std::move(path), std::move(message)});
    }
};

std::string memberPath(const std::string &path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string indexPath(const std::string &path, size_t index)
{
    return path + "[" + std::to_string(index) + "]";
}

// Map keys (annotations, sysctl) contain dots, so they are quoted: annotations["a.b"].
std::string keyPath(const std::string &path, const std::string &key)
{
    return path + "[" + json(key).dump(-1, ' ', false, json::error_handler_t::replace) + "]";
}

std::string typeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return "boolean";
    case json::value_t::string:
        return "string";
    case json::value_t::array:
        return "array";
    case json::value_t::object:
        return "object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return "integer";
    case json::value_t::number_float:
        return "float";
    default:
        return "unsupported value";
    }
}

void expected(Issues &issues, const json &value, const std::string &path, std::string_view what)
{
    issues.error(path, "expected " + std::string(what) + ", got " + typeName(value));
}

// Declared up front so the templates below find the overloads for nested types.
void read(Issues &, const json &, const std::string &, std::string &);
void read(Issues &, const json &, const std::string &, bool &);
void read(Issues &, const json &, const std::string &, std::map<std::string, std::string> &);
void read(Issues &, const json &, const std::string &, ConsoleSize &);
void read(Issues &, const json &, const std::string &, User &);
void read(Issues &, const json &, const std::string &, Capabilities &);
void read(Issues &, const json &, const std::string &, Rlimit &);
void read(Issues &, const json &, const std::string &, Process &);
void read(Issues &, const json &, const std::string &, Root &);
void read(Issues &, const json &, const std::string &, Mount &);
void read(Issues &, const json &, const std::string &, IdMapping &);
void read(Issues &, const json &, const std::string &, DeviceRule &);
void read(Issues &, const json &, const std::string &, MemoryResources &);
void read(Issues &, const json &, const std::string &, CpuResources &);
void read(Issues &, const json &, const std::string &, PidsResources &);
void read(Issues &, const json &, const std::string &, WeightDevice &);
void read(Issues &, const json &, const std::string &, ThrottleDevice &);
void read(Issues &, const json &, const std::string &, BlockIoResources &);
void read(Issues &, const json &, const std::string &, Resources &);
void read(Issues &, const json &, const std::string &, SeccompArg &);
void read(Issues &, const json &, const std::string &, SeccompSyscall &);
void read(Issues &, const json &, const std::string &, Seccomp &);
void read(Issues &, const json &, const std::string &, Linux &);

template <typename T>
concept Integer = std::integral<T> && !std::same_as<T, bool>;

template <Integer T>
void outOfRange(Issues &issues, const std::string &path, const std::string &number)
{
    using Limits = std::numeric_limits<T>;
    issues.error(path, number + " is out of range (" + std::to_string(Limits::min()) + ".." +
                           std::to_string(Limits::max()) + ")");
}

// A float holding a whole number that T cannot represent ("18446744073709551616", "1e30").
template <Integer T>
bool isWholeNumberOutside(const json &value)
{
    if (!value.is_number_float())
        return false;
    const double number = value.get<double>();
    if (!std::isfinite(number) || std::trunc(number) != number)
        return false;
    // max + 1 is a power of two, so exact as a double, unlike max itself for 64-bit types.
    const double limit = double(std::numeric_limits<T>::max() / 2 + 1) * 2;
    return number < double(std::numeric_limits<T>::min()) || number >= limit;
}

// JSON has one number type; nlohmann::json keeps non-negative integers as unsigned, negative
// ones as signed and everything else (fractions, exponents, integers beyond 64 bits) as float.
// A programmatically built json may also hold a non-negative value as signed.
template <Integer T>
void read(Issues &issues, const json &value, const std::string &path, T &out)
{
    if (value.is_number_unsigned()) {
        const auto number = value.get<uint64_t>();
        if (!std::in_range<T>(number))
            return outOfRange<T>(issues, path, std::to_string(number));
        out = static_cast<T>(number);
    } else if (value.is_number_integer()) {
        const auto number = value.get<int64_t>();
        if (!std::in_range<T>(number))
            return outOfRange<T>(issues, path, std::to_string(number));
        out = static_cast<T>(number);
    } else if (isWholeNumberOutside<T>(value)) {
        // An integer too large for 64 bits arrives as a float: say it is too large.
        outOfRange<T>(issues, path, value.dump());
    } else {
        expected(issues, value, path,
                 std::is_signed_v<T> ? "an integer" : "an unsigned integer");
    }
}

template <typename T>
void read(Issues &issues, const json &value, const std::string &path, std::optional<T> &out)
{
    T item{};
    read(issues, value, path, item);
    out = std::move(item);
}

// A wrong element stays as a default placeholder so the indices of the others do not move.
template <typename T>
void read(Issues &issues, const json &value, const std::string &path, std::vector<T> &out)
{
    if (!value.is_array())
        return expected(issues, value, path, "an array");
    out.assign(value.size(), T{});
    for (size_t i = 0; i < value.size(); ++i)
        read(issues, value[i], indexPath(path, i), out[i]);
}

// Reads the members of one JSON object; members nobody asked for become warnings.
class ObjectReader {
public:
    ObjectReader(Issues &issues, const json &value, std::string path)
        : issues_(issues), value_(value), path_(std::move(path)),
          errorsAtStart_(issues.errors.size())
    {
        if (!value_.is_object())
            expected(issues_, value_, path_, "an object");
    }

    template <typename T>
    void field(std::string_view key, T &out)
    {
        custom(key, [&](const json &member, const std::string &path) {
            read(issues_, member, path, out);
        });
    }

    // A member the OCI spec requires; absent and null are the same.
    template <typename T>
    void required(std::string_view key, T &out)
    {
        if (value_.is_object() && !find(key))
            issues_.error(memberPath(path_, key), "required");
        field(key, out);
    }

    template <typename Reader>
    void custom(std::string_view key, Reader reader)
    {
        known_.push_back(key);
        if (const json *member = find(key))
            reader(*member, memberPath(path_, key));
    }

    // The runtime spec says unknown properties must be ignored; say so rather than be silent.
    void finish()
    {
        if (!value_.is_object())
            return;
        for (const auto &[key, member] : value_.items()) {
            if (std::ranges::find(known_, std::string_view(key)) == known_.end())
                issues_.warnings.push_back(
                    {memberPath(path_, key), "not supported by hako, ignored"});
        }
    }

    bool clean() const { return issues_.errors.size() == errorsAtStart_; }

private:
    const json *find(std::string_view key) const
    {
        if (!value_.is_object())
            return nullptr;
        auto it = value_.find(std::string(key));
        return it == value_.end() || it->is_null() ? nullptr : &*it;
    }

    Issues &issues_;
    const json &value_;
    std::string path_;
    size_t errorsAtStart_;
    std::vector<std::string_view> known_;
};

void read(Issues &issues, const json &value, const std::string &path, std::string &out)
{
    if (value.is_string())
        out = value.get<std::string>();
    else
        expected(issues, value, path, "a string");
}

void read(Issues &issues, const json &value, const std::string &path, bool &out)
{
    if (value.is_boolean())
        out = value.get<bool>();
    else
        expected(issues, value, path, "a boolean");
}

void read(Issues &issues, const json &value, const std::string &path,
          std::map<std::string, std::string> &out)
{
    if (!value.is_object())
        return expected(issues, value, path, "an object");
    for (const auto &[key, member] : value.items())
        read(issues, member, keyPath(path, key), out[key]);
}

void read(Issues &issues, const json &value, const std::string &path, ConsoleSize &out)
{
    ObjectReader object(issues, value, path);
    object.required("height", out.height);
    object.required("width", out.width);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, User &out)
{
    ObjectReader object(issues, value, path);
    object.field("uid", out.uid);
    object.field("gid", out.gid);
    object.field("umask", out.umask);
    object.field("additionalGids", out.additionalGids);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, Capabilities &out)
{
    ObjectReader object(issues, value, path);
    object.field("bounding", out.bounding);
    object.field("effective", out.effective);
    object.field("inheritable", out.inheritable);
    object.field("permitted", out.permitted);
    object.field("ambient", out.ambient);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, Rlimit &out)
{
    ObjectReader object(issues, value, path);
    object.required("type", out.type);
    object.required("soft", out.soft);
    object.required("hard", out.hard);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, Process &out)
{
    ObjectReader object(issues, value, path);
    object.field("terminal", out.terminal);
    object.field("consoleSize", out.consoleSize);
    object.field("user", out.user);
    object.field("args", out.args);
    object.field("env", out.env);
    object.field("cwd", out.cwd);
    object.field("capabilities", out.capabilities);
    object.field("rlimits", out.rlimits);
    object.field("noNewPrivileges", out.noNewPrivileges);
    object.field("oomScoreAdj", out.oomScoreAdj);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, Root &out)
{
    ObjectReader object(issues, value, path);
    object.field("path", out.path);
    object.field("readonly", out.readonly);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, Mount &out)
{
    ObjectReader object(issues, value, path);
    object.required("destination", out.destination);
    object.field("type", out.type);
    object.field("source", out.source);
    object.field("options", out.options);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, IdMapping &out)
{
    ObjectReader object(issues, value, path);
    object.required("containerID", out.containerID);
    object.required("hostID", out.hostID);
    object.required("size", out.size);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, DeviceRule &out)
{
    ObjectReader object(issues, value, path);
    object.required("allow", out.allow);
    object.field("type", out.type);
    object.field("major", out.major);
    object.field("minor", out.minor);
    object.field("access", out.access);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, MemoryResources &out)
{
    ObjectReader object(issues, value, path);
    object.field("limit", out.limit);
    object.field("reservation", out.reservation);
    object.field("swap", out.swap);
    object.field("kernel", out.kernel);
    object.field("kernelTCP", out.kernelTCP);
    object.field("swappiness", out.swappiness);
    object.field("disableOOMKiller", out.disableOOMKiller);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, CpuResources &out)
{
    ObjectReader object(issues, value, path);
    object.field("shares", out.shares);
    object.field("quota", out.quota);
    object.field("period", out.period);
    object.field("realtimeRuntime", out.realtimeRuntime);
    object.field("realtimePeriod", out.realtimePeriod);
    object.field("cpus", out.cpus);
    object.field("mems", out.mems);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, PidsResources &out)
{
    ObjectReader object(issues, value, path);
    object.required("limit", out.limit);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, WeightDevice &out)
{
    ObjectReader object(issues, value, path);
    object.required("major", out.major);
    object.required("minor", out.minor);
    object.field("weight", out.weight);
    object.field("leafWeight", out.leafWeight);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, ThrottleDevice &out)
{
    ObjectReader object(issues, value, path);
    object.required("major", out.major);
    object.required("minor", out.minor);
    object.required("rate", out.rate);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, BlockIoResources &out)
{
    ObjectReader object(issues, value, path);
    object.field("weight", out.weight);
    object.field("leafWeight", out.leafWeight);
    object.field("weightDevice", out.weightDevice);
    object.field("throttleReadBpsDevice", out.throttleReadBpsDevice);
    object.field("throttleWriteBpsDevice", out.throttleWriteBpsDevice);
    object.field("throttleReadIOPSDevice", out.throttleReadIOPSDevice);
    object.field("throttleWriteIOPSDevice", out.throttleWriteIOPSDevice);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, Resources &out)
{
    ObjectReader object(issues, value, path);
    object.field("devices", out.devices);
    object.field("memory", out.memory);
    object.field("cpu", out.cpu);
    object.field("pids", out.pids);
    object.field("blockIO", out.blockIO);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, SeccompArg &out)
{
    ObjectReader object(issues, value, path);
    object.required("index", out.index);
    object.required("value", out.value);
    object.field("valueTwo", out.valueTwo);
    object.required("op", out.op);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, SeccompSyscall &out)
{
    ObjectReader object(issues, value, path);
    object.required("names", out.names);
    object.required("action", out.action);
    object.field("errnoRet", out.errnoRet);
    object.field("args", out.args);
    object.finish();
}

void read(Issues &issues, const json &value, const std::string &path, Seccomp &out)
{
    ObjectReader object(issues, value, path);
    object.required("defaultAction", out.defaultAction);
    object.field("defaultErrnoRet", out.defaultErrnoRet);
    object.field("architectures", out.architectures);
    object.field("flags", out.flags);
    object.field("syscalls", out.syscalls);
    object.finish();
}

// NamespaceType cannot hold an unknown name, so such entries are reported and dropped.
void readNamespaces(Issues &issues, const json &value, const std::string &path,
                    std::vector<Namespace> &out)
{
    if (!value.is_array())
        return expected(issues, value, path, "an array");
    for (size_t i = 0; i < value.size(); ++i) {
        ObjectReader object(issues, value[i], indexPath(path, i));
        std::string name;
        Namespace entry{};
        object.required("type", name);
        object.field("path", entry.path);
        object.finish();
        const auto type = namespaceFromName(name);
        if (!type) {
            if (object.clean())
                issues.error(indexPath(path, i) + ".type",
                             "unknown namespace \"" + name + "\"");
            continue;
        }
        entry.type = *type;
        out.push_back(std::move(entry));
        issues.namespaceJsonIndex.push_back(i);
    }
}

void read(Issues &issues, const json &value, const std::string &path, Linux &out)
{
    ObjectReader object(issues, value, path);
    object.custom("namespaces", [&](const json &member, const std::string &at) {
        readNamespaces(issues, member, at, out.namespaces);
    });
    object.field("uidMappings", out.uidMappings);
    object.field("gidMappings", out.gidMappings);
    object.field("resources", out.resources);
    object.field("cgroupsPath", out.cgroupsPath);
    object.field("maskedPaths", out.maskedPaths);
    object.field("readonlyPaths", out.readonlyPaths);
    object.field("seccomp", out.seccomp);
    object.field("rootfsPropagation", out.rootfsPropagation);
    object.field("sysctl", out.sysctl);
    object.finish();
}

void readSpec(Issues &issues, const json &value, ValidateMode mode, Spec &out)
{
    ObjectReader object(issues, value, "");
    // ociVersion is required by the runtime spec, but nothing depends on it: a config
    // without one gets the version hako writes.
    object.field("ociVersion", out.ociVersion);
    if (mode == ValidateMode::FromImage)
        object.field("process", out.process);
    else
        object.required("process", out.process);
    object.field("root", out.root);
    object.field("hostname", out.hostname);
    object.field("domainname", out.domainname);
    object.field("mounts", out.mounts);
    object.field("linux", out.linux);
    object.field("annotations", out.annotations);
    object.finish();
}

// validateSpec numbers namespaces by their place in Spec; turn that back into the JSON index.
std::string namespacePathInJson(const std::string &path, const std::vector<size_t> &jsonIndex)
{
    static const std::string prefix = "linux.namespaces[";
    if (!path.starts_with(prefix))
        return path;
    const char *first = path.data() + prefix.size();
    const char *last = path.data() + path.size();
    size_t kept = 0;
    auto [end, ec] = std::from_chars(first, last, kept);
    if (ec != std::errc() || kept >= jsonIndex.size())
        return path;
    return prefix + std::to_string(jsonIndex[kept]) + std::string(end, last);
}

// True when `path` is `reported` or lies inside it ("process.args" inside "process").
bool isInside(const std::string &path, const std::string &reported)
{
    if (reported.empty())
        return true;
    if (!path.starts_with(reported))
        return false;
    return path.size() == reported.size() || path[reported.size()] == '.' ||
           path[reported.size()] == '[';
}

// A field that failed to read is left at its default, which the validator may dislike too;
// one message per field is enough. Rules that compare the members of one object (soft and hard
// limits) report on the object, and say nothing when one of its members failed to read.
void mergeValidation(Issues &issues, std::vector<SpecIssue> validation)
{
    const size_t readerErrors = issues.errors.size();
    for (SpecIssue &issue : validation) {
        issue.path = namespacePathInJson(issue.path, issues.namespaceJsonIndex);
        const auto first = issues.errors.begin();
        const auto last = first + static_cast<std::ptrdiff_t>(readerErrors);
        const bool reported = std::any_of(first, last, [&](const SpecIssue &earlier) {
            return isInside(issue.path, earlier.path) || isInside(earlier.path, issue.path);
        });
        if (!reported)
            issues.errors.push_back(std::move(issue));
    }
}

ParseResult singleError(std::string message)
{
    ParseResult result;
    result.errors.push_back({"", std::move(message)});
    return result;
}

// "[json.exception.parse_error.101] parse error at ..." → "parse error at ...".
std::string withoutExceptionId(const char *what)
{
    std::string_view text(what);
    if (text.starts_with("[json.exception.")) {
        const size_t end = text.find("] ");
        if (end != std::string_view::npos)
            text.remove_prefix(end + 2);
    }
    return std::string(text);
}

} // namespace

namespace {

constexpr const char *kResourcesPath = "linux.resources";

// The rules validateSpec applies to linux.resources, run on a spec that has nothing else.
std::vector<SpecIssue> resourceIssues(const Resources &resources)
{
    Spec spec;
    spec.linux.resources = resources;
    std::vector<SpecIssue> issues;
    for (SpecIssue &issue : validateSpec(spec, ValidateMode::FromImage)) {
        if (isInside(issue.path, kResourcesPath))
            issues.push_back(std::move(issue));
    }
    return issues;
}

ResourcesParseResult readResources(const nlohmann::json &json)
{
    Issues issues;
    Resources resources;
    read(issues, json, kResourcesPath, resources);
    // In a whole spec an unknown member is ignored with a warning; an update that names a
    // field Hako does not know (a typo) must not be reported as done.
    for (SpecIssue &warning : issues.warnings)
        issues.error(std::move(warning.path), "not supported by hako");
    mergeValidation(issues, resourceIssues(resources));
    ResourcesParseResult result;
    result.errors = std::move(issues.errors);
    if (result.errors.empty())
        result.resources = std::move(resources);
    return result;
}

} // namespace

std::string ResourcesParseResult::errorText() const
{
    return issuesText(errors);
}

ResourcesParseResult parseResources(std::string_view text)
{
    ResourcesParseResult result;
    try {
        return readResources(nlohmann::json::parse(text.begin(), text.end()));
    } catch (const nlohmann::json::parse_error &e) {
        result.errors.push_back({"", "invalid JSON at byte " + std::to_string(e.byte) + ": " +
                                         withoutExceptionId(e.what())});
    } catch (const std::exception &e) {
        result.errors.push_back({"", "invalid JSON: " + withoutExceptionId(e.what())});
    }
    return result;
}

ParseResult parseSpec(const nlohmann::json &json, ValidateMode mode)
{
    try {
        Issues issues;
        Spec spec;
        readSpec(issues, json, mode, spec);
        mergeValidation(issues, validateSpec(spec, mode));
        ParseResult result;
        result.errors = std::move(issues.errors);
        result.warnings = std::move(issues.warnings);
        if (result.errors.empty())
            result.spec = std::move(spec);
        return result;
    } catch (const std::exception &e) {
        // Only running out of memory gets here; callers rely on parseSpec never throwing.
        return singleError(std::string("cannot read spec: ") + e.what());
    }
}

ParseResult parseSpec(std::string_view text, ValidateMode mode)
{
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error &e) {
        return singleError("invalid JSON at byte " + std::to_string(e.byte) + ": " +
                           withoutExceptionId(e.what()));
    } catch (const std::exception &e) {
        // out_of_range.406: a number too large even for a double ("1e400").
        return singleError("invalid JSON: " + withoutExceptionId(e.what()));
    }
    return parseSpec(json, mode);
}

ParseResult parseSpec(const std::string &text, ValidateMode mode)
{
    return parseSpec(std::string_view(text), mode);
}

ParseResult parseSpec(const char *text, ValidateMode mode)
{
    return parseSpec(std::string_view(text ? text : ""), mode);
}

} // namespace hako
