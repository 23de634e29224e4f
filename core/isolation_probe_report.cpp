// hako-probe's report (helper/probe) read into ProbeReport. The container could have
// tampered with the probe, so every field is checked for its type and each one that is
// missing or odd says why instead of being trusted.
#include "isolation_judge.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace hako
{

namespace
{

using nlohmann::json;

// The field at `key` of `parent`, or why it cannot be used: the probe's own error text
// ({"error": …}), absence, or the wrong type.
template <typename T, typename Convert>
Probed<T> field(const json &parent, const char *key, Convert convert)
{
    if (!parent.is_object() || !parent.contains(key))
        return Probed<T>::failed(std::string(key) + ": missing from the probe's report");
    const json &value = parent[key];
    if (value.is_object() && value.contains("error") && value["error"].is_string())
        return Probed<T>::failed(value["error"].get<std::string>());
    try {
        if (std::optional<T> converted = convert(value))
            return Probed<T>(std::move(*converted));
    } catch (const std::exception &) {
    }
    return Probed<T>::failed(std::string(key) + ": unexpected value " + value.dump().substr(0, 80));
}

std::optional<int64_t> asInteger(const json &v)
{
    if (v.is_number_integer())
        return v.get<int64_t>();
    return std::nullopt;
}

std::optional<uint64_t> asUnsigned(const json &v)
{
    if (v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0))
        return v.get<uint64_t>();
    return std::nullopt;
}

std::optional<std::string> asString(const json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    return std::nullopt;
}

std::optional<std::vector<std::string>> asStrings(const json &v)
{
    if (!v.is_array())
        return std::nullopt;
    std::vector<std::string> out;
    for (const json &item : v) {
        if (!item.is_string())
            return std::nullopt;
        out.push_back(item.get<std::string>());
    }
    return out;
}

template <typename T> std::optional<T> parseNumber(const std::string &text, int base = 10)
{
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

std::optional<uint64_t> asHexMask(const json &v)
{
    return v.is_string() ? parseNumber<uint64_t>(v.get<std::string>(), 16) : std::nullopt;
}

std::optional<int> asDecimalText(const json &v)
{
    return v.is_string() ? parseNumber<int>(v.get<std::string>()) : std::nullopt;
}

std::optional<std::vector<uint32_t>> asIdList(const json &v)
{
    const auto words = asStrings(v);
    if (!words)
        return std::nullopt;
    std::vector<uint32_t> out;
    for (const std::string &w : *words) {
        const auto id = parseNumber<uint32_t>(w);
        if (!id)
            return std::nullopt;
        out.push_back(*id);
    }
    return out;
}

std::optional<std::vector<IdMapping>> asIdMap(const json &v)
{
    if (!v.is_array())
        return std::nullopt;
    std::vector<IdMapping> out;
    for (const json &row : v) {
        const auto ids = asIdList(row);
        if (!ids || ids->size() != 3)
            return std::nullopt;
        out.push_back({(*ids)[0], (*ids)[1], (*ids)[2]});
    }
    return out;
}

std::optional<MountEntry> asMount(const json &v)
{
    if (!v.is_object())
        return std::nullopt;
    MountEntry m;
    for (auto [key, out] : {std::pair{"mountpoint", &m.mountPoint}, std::pair{"root", &m.root},
                            std::pair{"fstype", &m.fsType}, std::pair{"source", &m.source},
                            std::pair{"device", &m.device}}) {
        const auto text = v.contains(key) ? asString(v[key]) : std::nullopt;
        if (!text)
            return std::nullopt;
        *out = *text;
    }
    return m;
}

std::optional<std::vector<MountEntry>> asMounts(const json &v)
{
    if (!v.is_array())
        return std::nullopt;
    std::vector<MountEntry> out;
    for (const json &item : v) {
        auto m = asMount(item);
        if (!m)
            return std::nullopt;
        out.push_back(std::move(*m));
    }
    return out;
}

std::optional<SyscallExperiment> asExperiment(const json &v)
{
    if (!v.is_object() || !v.contains("syscall") || !v["syscall"].is_string() ||
        !v.contains("call") || !v["call"].is_string())
        return std::nullopt;
    SyscallExperiment e{v["syscall"].get<std::string>(), v["call"].get<std::string>(), {}, {}, {}};
    if (v.contains("result") && v["result"].is_number_integer())
        e.result = v["result"].get<long long>();
    if (v.contains("errno") && v["errno"].is_string())
        e.errnoName = v["errno"].get<std::string>();
    if (v.contains("signal") && v["signal"].is_string())
        e.signal = v["signal"].get<std::string>();
    if (!e.result && e.signal.empty())
        return std::nullopt;
    return e;
}

std::optional<CgroupFileValue> asCgroupFile(const json &v)
{
    const auto file = v.is_object() && v.contains("file") ? asString(v["file"]) : std::nullopt;
    const auto value = v.is_object() && v.contains("value") ? asString(v["value"]) : std::nullopt;
    if (!file || !value)
        return std::nullopt;
    return CgroupFileValue{*file, *value};
}

const json &member(const json &parent, const char *key)
{
    static const json kNull;
    return parent.is_object() && parent.contains(key) ? parent[key] : kNull;
}

// A whole section that failed ({"error": …}) makes each of its fields say so.
json section(const json &report, const char *key)
{
    const json &s = member(report, key);
    if (s.is_object() && s.contains("error") && s.size() == 1)
        return json{{"__section_error", s["error"]}};
    return s;
}

template <typename T, typename Convert>
Probed<T> sectionField(const json &sectionJson, const char *key, Convert convert)
{
    if (sectionJson.is_object() && sectionJson.contains("__section_error") &&
        sectionJson["__section_error"].is_string())
        return Probed<T>::failed(sectionJson["__section_error"].get<std::string>());
    return field<T>(sectionJson, key, convert);
}

void readProcessAndNames(const json &report, ProbeReport &out)
{
    const json process = section(report, "process");
    out.pid = sectionField<int64_t>(process, "pid", asInteger);
    out.processCount = sectionField<int64_t>(process, "processes", asInteger);
    out.initCommand = sectionField<std::vector<std::string>>(process, "init_cmdline", asStrings);
    const json namespaces = section(report, "namespaces");
    for (const char *kind : {"pid", "net", "ipc", "uts", "mnt", "user", "cgroup"})
        out.namespaces[kind] = sectionField<uint64_t>(namespaces, kind, asUnsigned);
    out.hostname = field<std::string>(report, "hostname", asString);
    out.interfaces = field<std::vector<std::string>>(report, "interfaces", asStrings);
    const json ipc = section(report, "ipc");
    out.shmSegments = sectionField<int64_t>(ipc, "shm", asInteger);
    out.messageQueues = sectionField<int64_t>(ipc, "msg", asInteger);
    out.semaphoreSets = sectionField<int64_t>(ipc, "sem", asInteger);
    const json mounts = section(report, "mounts");
    out.mountCount = sectionField<int64_t>(mounts, "count", asInteger);
    out.rootMount = sectionField<MountEntry>(mounts, "root", asMount);
    out.subtreeMounts = sectionField<std::vector<MountEntry>>(mounts, "subtrees", asMounts);
}

void readSecurity(const json &report, ProbeReport &out)
{
    const json status = section(report, "status");
    out.capEff = sectionField<uint64_t>(status, "CapEff", asHexMask);
    out.capPrm = sectionField<uint64_t>(status, "CapPrm", asHexMask);
    out.capBnd = sectionField<uint64_t>(status, "CapBnd", asHexMask);
    out.seccompMode = sectionField<int>(status, "Seccomp", asDecimalText);
    out.seccompFilters = sectionField<int>(status, "Seccomp_filters", asDecimalText);
    out.noNewPrivileges =
        sectionField<bool>(status, "NoNewPrivs", [](const json &v) -> std::optional<bool> {
            const auto n = asDecimalText(v);
            return n ? std::optional<bool>(*n != 0) : std::nullopt;
        });
    out.uids = sectionField<std::vector<uint32_t>>(status, "Uid", asIdList);
    const json maps = section(report, "id_maps");
    out.uidMap = sectionField<std::vector<IdMapping>>(maps, "uid_map", asIdMap);
    out.gidMap = sectionField<std::vector<IdMapping>>(maps, "gid_map", asIdMap);
    const json &experiments = member(report, "seccomp_experiments");
    if (!experiments.is_array())
        return;
    for (const json &item : experiments) {
        const auto name =
            item.is_object() && item.contains("syscall") ? asString(item["syscall"]) : std::nullopt;
        if (name)
            out.experiments[*name] = field<SyscallExperiment>(json{{"e", item}}, "e", asExperiment);
    }
}

void readCgroupAndExecutable(const json &report, ProbeReport &out)
{
    const json cgroup = section(report, "cgroup");
    out.cgroupVersion =
        sectionField<int>(cgroup, "version", [](const json &v) -> std::optional<int> {
            return v.is_number_integer() ? std::optional<int>(v.get<int>()) : std::nullopt;
        });
    for (const char *key : {"memory", "pids", "cpu_quota", "cpu_period", "cpu_max"})
        if (cgroup.is_object() && (cgroup.contains(key) || cgroup.contains("__section_error")))
            out.cgroupLimits[key] = sectionField<CgroupFileValue>(cgroup, key, asCgroupFile);
    const json executable = section(report, "executable");
    out.executableLink = sectionField<std::string>(executable, "link", asString);
    out.executableWrite = sectionField<std::string>(executable, "open_for_writing", asString);
    out.executableAppend = sectionField<std::string>(executable, "append", asString);
    out.openFds = sectionField<std::vector<std::string>>(executable, "open_fds", asStrings);
}

} // namespace

ProbeReport parseProbeReport(std::string_view text)
{
    ProbeReport out;
    const json report = json::parse(text, nullptr, false);
    if (report.is_discarded() || !report.is_object()) {
        out.failure =
            text.empty() ? "the probe printed nothing" : "the probe's report is not a JSON object";
        return out;
    }
    if (member(report, "probe") != json(1)) {
        out.failure = "the probe's report has an unknown format (\"probe\": " +
                      member(report, "probe").dump().substr(0, 20) + ")";
        return out;
    }
    readProcessAndNames(report, out);
    readSecurity(report, out);
    readCgroupAndExecutable(report, out);
    return out;
}

} // namespace hako
