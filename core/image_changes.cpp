// `docker import/commit --change`: the Dockerfile instructions that only touch the config,
// parsed as Docker's builder parses them (JSON and shell forms, key=value pairs with quotes,
// the legacy `ENV key value` form, WORKDIR relative to the previous one).
#include "image.h"

#include "error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace hako {

namespace {

std::string trim(const std::string &text)
{
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

[[noreturn]] void refuse(const std::string &change, const std::string &why)
{
    throw SpecError("change \"" + change + "\": " + why);
}

// Words split on blanks, with "double" (backslash escapes) and 'single' quotes removed.
std::vector<std::string> shellWords(const std::string &text, const std::string &change)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t') {
            if (inWord)
                words.push_back(std::exchange(word, {}));
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
        } else if (c == '"' || c == '\'') {
            const size_t close = text.find(c, i + 1);
            if (close == std::string::npos)
                refuse(change, "unterminated quote");
            for (size_t j = i + 1; j < close; ++j)
                word += (c == '"' && text[j] == '\\' && j + 1 < close) ? text[++j] : text[j];
            i = close;
        } else {
            word += c;
        }
    }
    if (inWord)
        words.push_back(word);
    return words;
}

// The JSON form (`["a", "b"]`), or nullopt when `args` is not a JSON array of strings, in
// which case Docker takes it as the shell form.
std::optional<std::vector<std::string>> jsonForm(const std::string &args)
{
    if (!args.starts_with("["))
        return std::nullopt;
    const nlohmann::json parsed = nlohmann::json::parse(args, nullptr, false);
    if (!parsed.is_array())
        return std::nullopt;
    std::vector<std::string> out;
    for (const auto &item : parsed) {
        if (!item.is_string())
            return std::nullopt;
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::vector<std::string> commandForm(const std::string &args)
{
    if (auto list = jsonForm(args))
        return *list;
    return {"/bin/sh", "-c", args};
}

// ENV and LABEL: `k=v k2="v 2"`, or the legacy `key the rest is the value`.
std::vector<std::pair<std::string, std::string>> keyValues(const std::string &args,
                                                           const std::string &change)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    const auto words = shellWords(args, change);
    if (!words.empty() && words[0].find('=') == std::string::npos) {
        const size_t valueStart = args.find_first_of(" \t");
        if (valueStart == std::string::npos)
            refuse(change, "needs a value for " + words[0]);
        pairs.emplace_back(words[0], trim(args.substr(valueStart)));
        return pairs;
    }
    for (const auto &word : words) {
        const size_t eq = word.find('=');
        if (eq == std::string::npos || eq == 0)
            refuse(change, "\"" + word + "\" is not key=value");
        pairs.emplace_back(word.substr(0, eq), word.substr(eq + 1));
    }
    return pairs;
}

void setEnv(std::vector<std::string> &env, const std::string &key, const std::string &value)
{
    const std::string prefix = key + "=";
    const auto it = std::find_if(env.begin(), env.end(), [&](const std::string &e) {
        return e.starts_with(prefix);
    });
    if (it != env.end())
        *it = prefix + value;
    else
        env.push_back(prefix + value);
}

std::string joinWorkdir(const std::string &previous, const std::string &path)
{
    if (path.starts_with("/"))
        return path;
    std::string base = previous.empty() ? "/" : previous;
    if (!base.ends_with("/"))
        base += "/";
    return base + path;
}

// "80", "80/udp", "8000-8002/tcp" → "80/tcp" ...
void addPorts(std::vector<std::string> &ports, const std::string &spec, const std::string &change)
{
    const size_t slash = spec.find('/');
    const std::string range = spec.substr(0, slash);
    const std::string proto = slash == std::string::npos ? "tcp" : spec.substr(slash + 1);
    if (proto != "tcp" && proto != "udp" && proto != "sctp")
        refuse(change, "unknown protocol \"" + proto + "\"");
    const size_t dash = range.find('-');
    auto number = [&](const std::string &text) {
        if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), ::isdigit)
            || std::stoi(text) > 65535 || std::stoi(text) == 0)
            refuse(change, "invalid port \"" + text + "\"");
        return std::stoi(text);
    };
    const int first = number(range.substr(0, dash));
    const int last = dash == std::string::npos ? first : number(range.substr(dash + 1));
    if (last < first)
        refuse(change, "invalid port range \"" + range + "\"");
    for (int port = first; port <= last; ++port) {
        const std::string entry = std::to_string(port) + "/" + proto;
        if (std::find(ports.begin(), ports.end(), entry) == ports.end())
            ports.push_back(entry);
    }
}

struct ChangeState {
    bool cmdSet = false; // an ENTRYPOINT clears the inherited CMD unless CMD was also given
};

void applyOne(ImageConfig &config, const std::string &change, ChangeState &state)
{
    const std::string line = trim(change);
    const size_t space = line.find_first_of(" \t");
    std::string keyword = line.substr(0, space);
    std::transform(keyword.begin(), keyword.end(), keyword.begin(), ::toupper);
    const std::string args = space == std::string::npos ? "" : trim(line.substr(space));
    if (args.empty())
        refuse(change, keyword + " needs an argument");
    if (keyword == "CMD") {
        config.cmd = commandForm(args);
        state.cmdSet = true;
    } else if (keyword == "ENTRYPOINT") {
        config.entrypoint = commandForm(args);
        if (!state.cmdSet)
            config.cmd.clear();
    } else if (keyword == "ENV") {
        for (const auto &[key, value] : keyValues(args, change))
            setEnv(config.env, key, value);
    } else if (keyword == "LABEL") {
        for (const auto &[key, value] : keyValues(args, change))
            config.labels[key] = value;
    } else if (keyword == "WORKDIR") {
        config.workingDir = joinWorkdir(config.workingDir, args);
    } else if (keyword == "USER") {
        config.user = args;
    } else if (keyword == "EXPOSE") {
        for (const auto &port : shellWords(args, change))
            addPorts(config.exposedPorts, port, change);
    } else if (keyword == "VOLUME") {
        const auto paths = jsonForm(args).value_or(shellWords(args, change));
        for (const auto &path : paths)
            if (std::find(config.volumes.begin(), config.volumes.end(), path) == config.volumes.end())
                config.volumes.push_back(path);
    } else if (keyword == "STOPSIGNAL") {
        config.stopSignal = args;
    } else {
        refuse(change, "unknown or unsupported instruction " + keyword
                           + " (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR)");
    }
}

} // namespace

void applyChanges(ImageConfig &config, const std::vector<std::string> &changes)
{
    ChangeState state;
    for (const auto &change : changes)
        applyOne(config, change, state);
}

} // namespace hako
