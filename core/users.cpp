#include "users.h"

#include "annotations.h"
#include "error.h"
#include "fs.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>
#include <vector>

namespace hako {

namespace {

// A passwd or group file larger than this is not one.
constexpr off_t kMaxDatabaseBytes = 16 * 1024 * 1024;

struct PasswdEntry {
    std::string name;
    uint32_t uid = 0, gid = 0;
    std::string home;
};

struct GroupEntry {
    std::string name;
    uint32_t gid = 0;
    std::vector<std::string> members;
};

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator))
        parts.push_back(part);
    if (!text.empty() && text.back() == separator)
        parts.emplace_back();
    return parts;
}

std::optional<uint32_t> number(const std::string &text)
{
    uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// The file's text, or nullopt when the container has none. A FIFO or device planted there
// must not hang or feed the start: only a regular file is read.
std::optional<std::string> readDatabase(int rootFd, const std::string &path)
{
    const UniqueFd fd = openat2InRoot(rootFd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (!fd) {
        if (errno == ENOENT)
            return std::nullopt;
        throwSys("open the container's", path);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) < 0)
        throwSys("stat the container's", path);
    if (!S_ISREG(st.st_mode) || st.st_size > kMaxDatabaseBytes)
        throw SpecError("the container's " + path + " is not a regular file of a sensible size");
    return readUntilEof(fd.get());
}

std::vector<PasswdEntry> parsePasswd(const std::string &text)
{
    std::vector<PasswdEntry> entries;
    for (const std::string &line : split(text, '\n')) {
        const std::vector<std::string> f = split(line, ':');
        const auto uid = f.size() >= 4 ? number(f[2]) : std::nullopt;
        const auto gid = f.size() >= 4 ? number(f[3]) : std::nullopt;
        if (!uid || !gid || f[0].empty())
            continue; // comments, blank or broken lines: skipped, as libc does
        entries.push_back({f[0], *uid, *gid, f.size() >= 6 ? f[5] : std::string()});
    }
    return entries;
}

std::vector<GroupEntry> parseGroup(const std::string &text)
{
    std::vector<GroupEntry> entries;
    for (const std::string &line : split(text, '\n')) {
        const std::vector<std::string> f = split(line, ':');
        const auto gid = f.size() >= 3 ? number(f[2]) : std::nullopt;
        if (!gid || f[0].empty())
            continue;
        GroupEntry entry{f[0], *gid, {}};
        if (f.size() >= 4)
            for (const std::string &member : split(f[3], ','))
                if (!member.empty())
                    entry.members.push_back(member);
        entries.push_back(std::move(entry));
    }
    return entries;
}

// A numeric spec is always an id (runc's rule), otherwise a name.
template <typename Entry, typename IdOf>
const Entry *find(const std::vector<Entry> &entries, const std::string &spec, IdOf idOf)
{
    const auto id = number(spec);
    for (const Entry &entry : entries)
        if (id ? idOf(entry) == *id : entry.name == spec)
            return &entry;
    return nullptr;
}

void setHome(Process &process, const std::string &home)
{
    for (const std::string &var : process.env)
        if (var.starts_with("HOME="))
            return;
    process.env.push_back("HOME=" + (home.empty() ? std::string("/") : home));
}

} // namespace

void applyUserSpec(Process &process, int rootFd, const std::string &userSpec)
{
    const size_t colon = userSpec.find(':');
    const std::string userPart = userSpec.substr(0, colon);
    const std::string groupPart = colon == std::string::npos ? std::string() : userSpec.substr(colon + 1);
    if (userPart.empty())
        throw SpecError("user \"" + userSpec + "\": no user given");

    const auto passwd = parsePasswd(readDatabase(rootFd, "/etc/passwd").value_or(""));
    const PasswdEntry *user = find(passwd, userPart, [](const PasswdEntry &e) { return e.uid; });
    User resolved;
    resolved.umask = process.user.umask;
    std::string home = "/";
    if (user) {
        resolved.uid = user->uid;
        resolved.gid = user->gid;
        home = user->home;
    } else if (const auto uid = number(userPart)) {
        resolved.uid = *uid; // a uid the image does not know: taken as it is, group 0
    } else {
        throw SpecError("unable to find user " + userPart + ": no matching entries in passwd file");
    }

    if (!groupPart.empty() || user) {
        const auto groups = parseGroup(readDatabase(rootFd, "/etc/group").value_or(""));
        if (!groupPart.empty()) {
            if (const GroupEntry *group = find(groups, groupPart, [](const GroupEntry &e) { return e.gid; }))
                resolved.gid = group->gid;
            else if (const auto gid = number(groupPart))
                resolved.gid = *gid;
            else
                throw SpecError("unable to find group " + groupPart + ": no matching entries in group file");
        } else {
            // The implicit form only: every group that lists the user is a supplementary one.
            for (const GroupEntry &group : groups)
                for (const std::string &member : group.members)
                    if (member == user->name)
                        resolved.additionalGids.push_back(group.gid);
        }
    }
    process.user = resolved;
    setHome(process, home);
}

void applyUserSpecHere(Process &process, const std::string &userSpec)
{
    const UniqueFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        throwSys("open the container's root");
    applyUserSpec(process, root.get(), userSpec);
}

Process withNamedUser(const Spec &spec)
{
    Process process = spec.process;
    if (const auto it = spec.annotations.find(std::string(kUserAnnotation)); it != spec.annotations.end())
        applyUserSpecHere(process, it->second);
    return process;
}

std::string whyInvalidUserSpec(const std::string &userSpec)
{
    constexpr size_t kMaxLength = 256;
    if (userSpec.empty() || userSpec.front() == ':')
        return "user \"" + userSpec + "\": no user given (NAME[:GROUP], names or numeric ids)";
    if (userSpec.size() > kMaxLength)
        return "user: longer than 256 characters";
    if (std::count(userSpec.begin(), userSpec.end(), ':') > 1)
        return "user \"" + userSpec + "\": expected NAME[:GROUP]";
    for (const char c : userSpec)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
            return "user \"" + userSpec + "\": contains whitespace or control characters";
    return {};
}

} // namespace hako
