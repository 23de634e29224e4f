#include "image_config.h"

#include "error.h"
#include "fs.h"

#include <sys/utsname.h>

#include <cctype>
#include <cstdio>
#include <ctime>

namespace hako {

namespace {

using nlohmann::json;

std::vector<std::string> stringList(const json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    if (!it->is_array())
        throw BadContentError(where + "." + key + ": not an array");
    std::vector<std::string> out;
    for (const json &item : *it) {
        if (!item.is_string())
            throw BadContentError(where + "." + key + ": not an array of strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::string stringField(const json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    if (!it->is_string())
        throw BadContentError(where + "." + key + ": not a string");
    return it->get<std::string>();
}

// {"80/tcp": {}, ...} → its keys.
std::vector<std::string> setKeys(const json &object, const char *key)
{
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it != object.end() && it->is_object())
        for (const auto &[name, value] : it->items())
            out.push_back(name);
    return out;
}

json keySet(const std::vector<std::string> &keys)
{
    json out = json::object();
    for (const auto &key : keys)
        out[key] = json::object();
    return out;
}

void setOrErase(json &object, const char *key, json value, bool empty)
{
    if (empty)
        object.erase(key);
    else
        object[key] = std::move(value);
}

std::vector<HistoryEntry> parseHistory(const json &config)
{
    std::vector<HistoryEntry> history;
    const auto it = config.find("history");
    if (it == config.end() || !it->is_array())
        return history;
    for (const json &item : *it) {
        if (!item.is_object())
            throw BadContentError("image config: history: an entry is not an object");
        HistoryEntry entry;
        entry.created = parseTimestamp(stringField(item, "created", "history"));
        entry.createdBy = stringField(item, "created_by", "history");
        entry.comment = stringField(item, "comment", "history");
        entry.emptyLayer = item.value("empty_layer", false);
        history.push_back(std::move(entry));
    }
    return history;
}

} // namespace

ImageConfig parseContainerConfig(const json &c)
{
    const std::string where = "image config: config";
    ImageConfig config;
    if (!c.is_object())
        return config;
    config.env = stringList(c, "Env", where);
    config.entrypoint = stringList(c, "Entrypoint", where);
    config.cmd = stringList(c, "Cmd", where);
    config.workingDir = stringField(c, "WorkingDir", where);
    config.user = stringField(c, "User", where);
    config.exposedPorts = setKeys(c, "ExposedPorts");
    config.volumes = setKeys(c, "Volumes");
    config.stopSignal = stringField(c, "StopSignal", where);
    if (const auto it = c.find("Labels"); it != c.end() && it->is_object())
        for (const auto &[key, value] : it->items())
            if (value.is_string())
                config.labels[key] = value.get<std::string>();
    return config;
}

void readImageConfig(const json &configJson, Image &image)
{
    if (!configJson.is_object())
        throw BadContentError("image config: not a JSON object");
    image.config = parseContainerConfig(configJson.value("config", json::object()));
    image.history = parseHistory(configJson);
    image.architecture = stringField(configJson, "architecture", "image config");
    image.os = stringField(configJson, "os", "image config");
    image.author = stringField(configJson, "author", "image config");
    image.createdAt = parseTimestamp(stringField(configJson, "created", "image config"));
    const auto rootfs = configJson.find("rootfs");
    if (rootfs == configJson.end() || !rootfs->is_object())
        throw BadContentError("image config: no rootfs");
    image.diffIds = stringList(*rootfs, "diff_ids", "image config: rootfs");
}

void writeContainerConfig(const ImageConfig &config, json &c)
{
    if (!c.is_object())
        c = json::object();
    setOrErase(c, "Env", config.env, config.env.empty());
    setOrErase(c, "Entrypoint", config.entrypoint, config.entrypoint.empty());
    setOrErase(c, "Cmd", config.cmd, config.cmd.empty());
    setOrErase(c, "WorkingDir", config.workingDir, config.workingDir.empty());
    setOrErase(c, "User", config.user, config.user.empty());
    setOrErase(c, "ExposedPorts", keySet(config.exposedPorts), config.exposedPorts.empty());
    setOrErase(c, "Volumes", keySet(config.volumes), config.volumes.empty());
    setOrErase(c, "Labels", config.labels, config.labels.empty());
    setOrErase(c, "StopSignal", config.stopSignal, config.stopSignal.empty());
}

json historyEntryJson(const HistoryEntry &entry)
{
    json out = {{"created", formatTimestamp(entry.created)}};
    if (!entry.createdBy.empty())
        out["created_by"] = entry.createdBy;
    if (!entry.comment.empty())
        out["comment"] = entry.comment;
    if (entry.emptyLayer)
        out["empty_layer"] = true;
    return out;
}

int64_t parseTimestamp(const std::string &text)
{
    std::tm tm{};
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    int64_t nanos = 0;
    size_t pos = size_t(consumed);
    if (pos < text.size() && text[pos] == '.') {
        int64_t scale = 100000000;
        for (++pos; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
            nanos += (text[pos] - '0') * scale;
            scale /= 10;
        }
    }
    int64_t offsetSeconds = 0;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int hours = 0, minutes = 0;
        if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d", &hours, &minutes) == 2)
            offsetSeconds = (text[pos] == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
    }
    const int64_t seconds = int64_t(::timegm(&tm)) - offsetSeconds;
    return seconds * 1000000000 + nanos;
}

std::string configBytes(const json &config)
{
    return config.dump(); // nlohmann's objects are sorted maps: the bytes are deterministic
}

std::string hostArchitecture()
{
    utsname names{};
    ::uname(&names);
    const std::string machine = names.machine;
    if (machine == "x86_64")
        return "amd64";
    if (machine == "aarch64")
        return "arm64";
    if (machine == "i686" || machine == "i386")
        return "386";
    if (machine.starts_with("armv7"))
        return "arm";
    return machine; // ppc64le, s390x, riscv64 are spelled the same
}

} // namespace hako
