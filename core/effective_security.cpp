#include "effective_security.h"

#include "error.h"
#include "fs.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <sstream>

namespace hako {

namespace {

std::string_view trimmed(std::string_view text)
{
    const size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos)
        return {};
    const size_t end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

template <typename Number>
Number numberIn(std::string_view text, int base = 10)
{
    Number value{};
    text = trimmed(text);
    std::from_chars(text.data(), text.data() + text.size(), value, base);
    return value;
}

std::vector<uint32_t> idsIn(std::string_view text)
{
    std::vector<uint32_t> ids;
    std::istringstream words{std::string(text)};
    for (uint32_t id = 0; words >> id;)
        ids.push_back(id);
    return ids;
}

// "0 100000 65536" lines; a malformed line is skipped.
std::vector<IdMapping> mappingsIn(std::string_view text)
{
    std::vector<IdMapping> mappings;
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        IdMapping m;
        if (words >> m.containerID >> m.hostID >> m.size)
            mappings.push_back(m);
    }
    return mappings;
}

void applyStatusField(EffectiveSecurity &out, std::string_view key, std::string_view value)
{
    if (key == "CapEff")
        out.effective = numberIn<uint64_t>(value, 16);
    else if (key == "CapPrm")
        out.permitted = numberIn<uint64_t>(value, 16);
    else if (key == "CapBnd")
        out.bounding = numberIn<uint64_t>(value, 16);
    else if (key == "CapInh")
        out.inheritable = numberIn<uint64_t>(value, 16);
    else if (key == "CapAmb")
        out.ambient = numberIn<uint64_t>(value, 16);
    else if (key == "Seccomp")
        out.seccompMode = numberIn<int>(value);
    else if (key == "Seccomp_filters")
        out.seccompFilters = numberIn<int>(value);
    else if (key == "NoNewPrivs")
        out.noNewPrivileges = numberIn<int>(value) != 0;
    else if (key == "Uid")
        out.hostUids = idsIn(value);
    else if (key == "Gid")
        out.hostGids = idsIn(value);
}

nlohmann::json mappingsJson(const std::vector<IdMapping> &mappings)
{
    nlohmann::json list = nlohmann::json::array();
    for (const IdMapping &m : mappings)
        list.push_back({{"containerID", m.containerID}, {"hostID", m.hostID}, {"size", m.size}});
    return list;
}

} // namespace

std::vector<std::string> capabilityNamesIn(uint64_t mask)
{
    const std::vector<std::string> &names = capabilityNames();
    std::vector<std::string> out;
    for (unsigned bit = 0; bit < 64; ++bit)
        if (mask & (uint64_t{1} << bit))
            out.push_back(bit < names.size() ? names[bit] : "CAP_" + std::to_string(bit));
    return out;
}

uint64_t capabilityMask(const std::vector<std::string> &wanted)
{
    const std::vector<std::string> &names = capabilityNames();
    uint64_t mask = 0;
    for (size_t bit = 0; bit < names.size(); ++bit)
        for (const std::string &name : wanted)
            if (name == names[bit])
                mask |= uint64_t{1} << bit;
    return mask;
}

EffectiveSecurity parseEffectiveSecurity(std::string_view status, std::string_view uidMap,
                                         std::string_view gidMap)
{
    EffectiveSecurity out;
    while (!status.empty()) {
        const size_t end = status.find('\n');
        const std::string_view line = status.substr(0, end);
        status = end == std::string_view::npos ? std::string_view{} : status.substr(end + 1);
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos)
            applyStatusField(out, line.substr(0, colon), line.substr(colon + 1));
    }
    out.uidMap = mappingsIn(uidMap);
    out.gidMap = mappingsIn(gidMap);
    return out;
}

EffectiveSecurity readEffectiveSecurity(const ProcessId &process)
{
    const std::string dir = "/proc/" + std::to_string(process.pid);
    auto gone = [&] {
        return NotFoundError("process " + std::to_string(process.pid) + " has exited");
    };
    if (!isAlive(process))
        throw gone();
    EffectiveSecurity out;
    try {
        out = parseEffectiveSecurity(readFile(dir + "/status"), readFile(dir + "/uid_map"),
                                     readFile(dir + "/gid_map"));
    } catch (const Error &) {
        if (!isAlive(process))
            throw gone();
        throw;
    }
    // Read after the files: had the pid been reused meanwhile, they were another process's.
    if (!isAlive(process))
        throw gone();
    return out;
}

nlohmann::json toJson(const EffectiveSecurity &s)
{
    return {{"CapEff", capabilityNamesIn(s.effective)},
            {"CapPrm", capabilityNamesIn(s.permitted)},
            {"CapBnd", capabilityNamesIn(s.bounding)},
            {"CapInh", capabilityNamesIn(s.inheritable)},
            {"CapAmb", capabilityNamesIn(s.ambient)},
            {"Seccomp", s.seccompMode},
            {"SeccompFilters", s.seccompFilters},
            {"NoNewPrivs", s.noNewPrivileges},
            {"Uid", s.hostUids},
            {"Gid", s.hostGids},
            {"UidMap", mappingsJson(s.uidMap)},
            {"GidMap", mappingsJson(s.gidMap)}};
}

} // namespace hako
