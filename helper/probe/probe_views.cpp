// The passive half of the probe: what the container's /proc, /sys and uname show.
#include "probe.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cctype>
#include <optional>
#include <sstream>

namespace hako::probe
{

namespace
{

bool isNumber(const char *name)
{
    if (!*name)
        return false;
    for (; *name; ++name)
        if (!std::isdigit(static_cast<unsigned char>(*name)))
            return false;
    return true;
}

int64_t countProcesses()
{
    DIR *dir = ::opendir("/proc");
    if (!dir)
        fail("opendir /proc");
    int64_t count = 0;
    while (const dirent *entry = ::readdir(dir))
        count += isNumber(entry->d_name);
    ::closedir(dir);
    return count;
}

std::vector<std::string> commandLine(const std::string &path)
{
    const std::string text = readText(path);
    std::vector<std::string> args;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\0', start);
        args.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return args;
}

// How many entries a /proc/sysvipc table lists (its first line is the header).
int64_t ipcEntries(const std::string &path)
{
    const auto all = lines(readText(path));
    return all.empty() ? 0 : static_cast<int64_t>(all.size()) - 1;
}

std::vector<std::string> fields(const std::string &line)
{
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string word; in >> word;)
        out.push_back(word);
    return out;
}

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescapeOctal(const std::string &text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size()) {
            const std::string digits = text.substr(i + 1, 3);
            if (digits.size() == 3 && digits.find_first_not_of("01234567") == std::string::npos) {
                out += static_cast<char>(std::stoi(digits, nullptr, 8));
                i += 3;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

struct MountLine {
    std::string device, root, mountPoint, fsType, source;
};

std::optional<MountLine> parseMountLine(const std::string &line)
{
    const auto f = fields(line);
    size_t dash = 6;
    while (dash < f.size() && f[dash] != "-")
        ++dash;
    if (f.size() < 5 || dash + 2 >= f.size())
        return std::nullopt;
    return MountLine{f[2], unescapeOctal(f[3]), unescapeOctal(f[4]), f[dash + 1],
                     unescapeOctal(f[dash + 2])};
}

nlohmann::json mountJson(const MountLine &m)
{
    return {{"mountpoint", m.mountPoint},
            {"root", m.root},
            {"fstype", m.fsType},
            {"source", m.source},
            {"device", m.device}};
}

} // namespace

nlohmann::json processView()
{
    return {
        {"pid", attempt([] { return nlohmann::json(::getpid()); })},
        {"processes", attempt([] { return nlohmann::json(countProcesses()); })},
        {"init_cmdline", attempt([] { return nlohmann::json(commandLine("/proc/1/cmdline")); })}};
}

nlohmann::json namespaceView()
{
    nlohmann::json out = nlohmann::json::object();
    for (const char *kind : {"pid", "net", "ipc", "uts", "mnt", "user", "cgroup"}) {
        out[kind] = attempt([&] {
            const std::string path = std::string("/proc/self/ns/") + kind;
            struct stat st {
            };
            if (::stat(path.c_str(), &st) < 0)
                fail("stat " + path);
            return nlohmann::json(static_cast<uint64_t>(st.st_ino));
        });
    }
    return out;
}

nlohmann::json hostnameView()
{
    return attempt([] {
        utsname name{};
        if (::uname(&name) < 0)
            fail("uname");
        return nlohmann::json(name.nodename);
    });
}

nlohmann::json networkView()
{
    return attempt([] {
        std::vector<std::string> names;
        for (const std::string &line : lines(readText("/proc/net/dev"))) {
            const size_t colon = line.find(':');
            if (colon == std::string::npos)
                continue; // the two header lines
            const auto words = fields(line.substr(0, colon));
            if (!words.empty())
                names.push_back(words[0]);
        }
        return nlohmann::json(names);
    });
}

nlohmann::json ipcView()
{
    nlohmann::json out = nlohmann::json::object();
    for (const char *kind : {"shm", "msg", "sem"})
        out[kind] = attempt(
            [&] { return nlohmann::json(ipcEntries(std::string("/proc/sysvipc/") + kind)); });
    return out;
}

nlohmann::json mountView()
{
    return attempt([] {
        nlohmann::json out = {{"count", 0}, {"subtrees", nlohmann::json::array()}};
        int count = 0;
        for (const std::string &line : lines(readText("/proc/self/mountinfo"))) {
            const auto mount = parseMountLine(line);
            if (!mount)
                continue;
            ++count;
            if (mount->mountPoint == "/")
                out["root"] = mountJson(*mount); // the last one stacked on / is the one in use
            else if (mount->root != "/")
                out["subtrees"].push_back(mountJson(*mount)); // a bind mount of part of some fs
        }
        out["count"] = count;
        return out;
    });
}

nlohmann::json statusView()
{
    return attempt([] {
        nlohmann::json out = nlohmann::json::object();
        for (const std::string &line : lines(readText("/proc/self/status"))) {
            const size_t colon = line.find(':');
            if (colon == std::string::npos)
                continue;
            const std::string key = line.substr(0, colon);
            for (const char *wanted : {"CapEff", "CapPrm", "CapBnd", "CapInh", "CapAmb", "Seccomp",
                                       "Seccomp_filters", "NoNewPrivs", "Uid", "Gid"})
                if (key == wanted) {
                    const auto words = fields(line.substr(colon + 1));
                    out[key] = words.size() == 1 ? nlohmann::json(words[0]) : nlohmann::json(words);
                }
        }
        return out;
    });
}

nlohmann::json idMapView()
{
    nlohmann::json out = nlohmann::json::object();
    for (const char *kind : {"uid_map", "gid_map"})
        out[kind] = attempt([&] {
            nlohmann::json rows = nlohmann::json::array();
            for (const std::string &line : lines(readText(std::string("/proc/self/") + kind)))
                if (const auto f = fields(line); f.size() == 3)
                    rows.push_back(f);
            return rows;
        });
    return out;
}

} // namespace hako::probe
