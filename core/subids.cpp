#include "subids.h"

#include "error.h"
#include "fs.h"
#include "store.h"

#include <pwd.h>
#include <sys/stat.h>

#include <charconv>
#include <optional>
#include <sstream>

namespace hako {

namespace {

constexpr uint32_t kAllocatedCount = 65536;
constexpr uint64_t kAllocationFloor = 100000; // where shadow's useradd and Docker start
constexpr size_t kMaxMapLines = 340;          // the kernel's limit for uid_map / gid_map

std::optional<uint32_t> parseId(std::string_view text)
{
    uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

std::string trimmed(const std::string &line)
{
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

SubIdRange parseLine(const std::string &line, const std::string &where)
{
    const size_t first = line.find(':');
    const size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos || line.find(':', second + 1) != std::string::npos)
        throw SpecError(where + ": \"" + line + "\" is not NAME:START:COUNT");
    SubIdRange range;
    range.owner = line.substr(0, first);
    const auto start = parseId(std::string_view(line).substr(first + 1, second - first - 1));
    const auto count = parseId(std::string_view(line).substr(second + 1));
    if (range.owner.empty())
        throw SpecError(where + ": the name is empty");
    if (!start)
        throw SpecError(where + ": the start id of " + range.owner + " is not a number below 2^32");
    if (!count || *count == 0)
        throw SpecError(where + ": the count of " + range.owner + " is not a positive number");
    range.start = *start;
    range.count = *count;
    if (range.end() > uint64_t(UINT32_MAX) + 1)
        throw SpecError(where + ": the range of " + range.owner + " goes past id 4294967295");
    return range;
}

std::optional<uid_t> passwdUid(const std::string &name)
{
    passwd entry{};
    passwd *found = nullptr;
    char buf[4096];
    if (::getpwnam_r(name.c_str(), &entry, buf, sizeof buf, &found) != 0 || !found)
        return std::nullopt;
    return found->pw_uid;
}

bool overlapsAny(uint64_t start, uint64_t end, const std::vector<SubIdRange> &ranges)
{
    for (const SubIdRange &r : ranges)
        if (start < r.end() && r.start < end)
            return true;
    return false;
}

uint32_t firstFreeBlock(const std::vector<SubIdRange> &a, const std::vector<SubIdRange> &b,
                        const std::string &files)
{
    const uint64_t aligned = (kAllocationFloor + kAllocatedCount - 1) / kAllocatedCount * kAllocatedCount;
    for (uint64_t start = aligned; start + kAllocatedCount <= uint64_t(UINT32_MAX) + 1;
         start += kAllocatedCount)
        if (!overlapsAny(start, start + kAllocatedCount, a) &&
            !overlapsAny(start, start + kAllocatedCount, b))
            return static_cast<uint32_t>(start);
    throw SpecError("no free block of 65536 ids left in " + files);
}

void appendRange(const std::string &path, const SubIdRange &range)
{
    std::string text = pathExists(path) ? readFile(path) : std::string();
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    text += range.owner + ":" + std::to_string(range.start) + ":" + std::to_string(range.count) + "\n";
    writeFileAtomic(path, text, 0644);
}

std::string bothFiles(const SubIdFiles &files)
{
    return files.subuid + " and " + files.subgid;
}

std::vector<IdMapping> mappingsOf(const std::vector<SubIdRange> &all, const std::string &user,
                                  const std::string &path, const SubIdFiles &files)
{
    const std::vector<SubIdRange> mine = rangesOf(all, user);
    if (mine.empty())
        throw SpecError("--userns=remap:" + user + ": user \"" + user + "\" has no subordinate ids in " +
                        path + " (add a line \"" + user + ":START:65536\" to " + bothFiles(files) + ")");
    for (const SubIdRange &r : mine)
        if (r.start == 0)
            throw SpecError(path + ": the range of " + user +
                            " contains host id 0; mapping it would make the container's root the host's");
    return mappingsFor(mine);
}

} // namespace

std::vector<SubIdRange> parseSubIds(const std::string &text, const std::string &path)
{
    std::vector<SubIdRange> ranges;
    std::istringstream in(text);
    std::string line;
    for (size_t number = 1; std::getline(in, line); ++number) {
        line = trimmed(line);
        if (line.empty() || line.front() == '#')
            continue;
        ranges.push_back(parseLine(line, path + ":" + std::to_string(number)));
    }
    return ranges;
}

std::vector<SubIdRange> readSubIds(const std::string &path)
{
    if (!pathExists(path))
        return {};
    return parseSubIds(readFile(path), path);
}

std::vector<SubIdRange> rangesOf(const std::vector<SubIdRange> &ranges, const std::string &user)
{
    const std::optional<uid_t> uid = passwdUid(user);
    std::vector<SubIdRange> mine;
    for (const SubIdRange &r : ranges)
        if (r.owner == user || (uid && r.owner == std::to_string(*uid)))
            mine.push_back(r);
    return mine;
}

std::vector<IdMapping> mappingsFor(const std::vector<SubIdRange> &ranges)
{
    std::vector<IdMapping> mappings;
    uint64_t next = 0;
    for (const SubIdRange &r : ranges) {
        if (mappings.size() == kMaxMapLines || next > UINT32_MAX)
            break;
        const uint64_t size = std::min<uint64_t>(r.count, uint64_t(UINT32_MAX) + 1 - next);
        mappings.push_back({static_cast<uint32_t>(next), r.start, static_cast<uint32_t>(size)});
        next += size;
    }
    return mappings;
}

void allocateDefaultRange(const std::string &user, const SubIdFiles &files)
{
    // Only the id mapping needs the range; no passwd entry is created for the user (Docker
    // adds a "dockremap" account, but nothing here ever runs as it or looks it up).
    const FileLock lock(files.subuid + ".hako-lock");
    const std::vector<SubIdRange> uids = readSubIds(files.subuid);
    const std::vector<SubIdRange> gids = readSubIds(files.subgid);
    const bool needUid = rangesOf(uids, user).empty();
    const bool needGid = rangesOf(gids, user).empty();
    if (!needUid && !needGid)
        return;
    const SubIdRange range{user, firstFreeBlock(uids, gids, bothFiles(files)), kAllocatedCount};
    if (needUid)
        appendRange(files.subuid, range);
    if (needGid)
        appendRange(files.subgid, range);
}

RemapMappings remapMappings(const std::string &user, const SubIdFiles &files)
{
    std::vector<SubIdRange> uids = readSubIds(files.subuid);
    std::vector<SubIdRange> gids = readSubIds(files.subgid);
    // Checked before locking: once allocated, a create neither waits for nor leaves a lock.
    if (user == kDefaultRemapUser && (rangesOf(uids, user).empty() || rangesOf(gids, user).empty())) {
        allocateDefaultRange(user, files);
        uids = readSubIds(files.subuid);
        gids = readSubIds(files.subgid);
    }
    RemapMappings out;
    out.uidMappings = mappingsOf(uids, user, files.subuid, files);
    out.gidMappings = mappingsOf(gids, user, files.subgid, files);
    return out;
}

} // namespace hako
