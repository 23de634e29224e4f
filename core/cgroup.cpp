// Layout detection, the file helpers both back ends use, and the parts of a cgroup that do
// not depend on the version: adding and listing processes, and tearing it all down.
#include "cgroup.h"

#include "cgroup_controllers.h"
#include "error.h"
#include "fd.h"
#include "fs.h"
#include "spec.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

namespace hako {

namespace cgroup_detail {

std::optional<std::string> readCgroupFile(const std::string &path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    // ENODEV: the cgroup was removed after we found it, which for our readers means "gone".
    if (!fd && (errno == ENOENT || errno == ENODEV))
        return std::nullopt;
    if (!fd)
        throwSys("read", path);
    std::string text;
    if (readFromStart(fd.get(), text))
        return text;
    if (errno == ENODEV)
        return std::nullopt;
    throwSys("read", path);
}

void writeCgroupFile(const std::string &path, std::string_view value, bool fixture,
                     WriteMode mode)
{
    std::string text(value);
    int flags = O_WRONLY | O_CLOEXEC;
    if (fixture) {
        // Plain files stand in for the kernel's interface files: create them, and keep each
        // rule written to a rule file as its own line.
        flags |= O_CREAT | (mode == WriteMode::Command ? O_APPEND : O_TRUNC);
        if (mode == WriteMode::Command)
            text += '\n';
    }
    const std::string step = "write " + std::string(value) + " to";
    UniqueFd fd(::open(path.c_str(), flags, 0644));
    if (!fd)
        throwSys(step, path);
    // The kernel takes one value per write() call, so it must go in a single call.
    const ssize_t n = ::write(fd.get(), text.data(), text.size());
    if (n < 0)
        throwSys(step, path);
    if (static_cast<size_t>(n) != text.size())
        throwSys(step, path, EIO);
}

bool hasInterfaceFile(const Dir &dir, std::string_view name)
{
    struct stat st {};
    if (::stat(dir.file(name).c_str(), &st) == 0)
        return true;
    if (!dir.fixture)
        return false;
    const std::string atRoot = dir.hierarchy + "/" + std::string(name);
    return ::stat(atRoot.c_str(), &st) == 0;
}

std::string trimmed(std::string_view text)
{
    const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

void makeCgroupDir(const std::string &path)
{
    if (::mkdir(path.c_str(), 0755) == 0)
        return;
    const int err = errno;
    struct stat st {};
    if (err == EEXIST && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        return;
    throwSys("create cgroup", path, err);
}

std::optional<std::string> pidsMaxValue(int64_t limit)
{
    // runc's reading of the spec: 0 means "not set", any negative number means unlimited.
    if (limit == 0)
        return std::nullopt;
    return limit < 0 ? std::string("max") : std::to_string(limit);
}

std::string deviceNumber(int64_t major, int64_t minor)
{
    const auto part = [](int64_t n) { return n < 0 ? std::string("*") : std::to_string(n); };
    return part(major) + ":" + part(minor);
}

std::optional<uint64_t> parseCount(std::string_view text)
{
    const std::string value = trimmed(text);
    uint64_t number = 0;
    const char *end = value.data() + value.size();
    const auto [last, ec] = std::from_chars(value.data(), end, number);
    if (value.empty() || ec != std::errc() || last != end)
        return std::nullopt;
    return number;
}

std::optional<int64_t> parseSigned(std::string_view text)
{
    const std::string value = trimmed(text);
    int64_t number = 0;
    const char *end = value.data() + value.size();
    const auto [last, ec] = std::from_chars(value.data(), end, number);
    if (value.empty() || ec != std::errc() || last != end)
        return std::nullopt;
    return number;
}

std::optional<uint64_t> keyedValue(std::string_view text, std::string_view key)
{
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ' ')
            return parseCount(line.substr(key.size() + 1));
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<unsigned> countCpus(std::string_view list)
{
    const std::string text = trimmed(list);
    unsigned count = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view range = std::string_view(text).substr(start, end - start);
        const size_t dash = range.find('-');
        const std::optional<uint64_t> first = parseCount(range.substr(0, dash));
        const std::optional<uint64_t> last =
            dash == std::string_view::npos ? first : parseCount(range.substr(dash + 1));
        if (!first || !last || *last < *first)
            return std::nullopt;
        count += static_cast<unsigned>(*last - *first + 1);
        start = end + 1;
    }
    return count == 0 ? std::nullopt : std::optional<unsigned>(count);
}

// A cgroup interface file other than cgroup.procs and cgroup.threads is one seq_file record,
// produced whole on the first read: a read() that leaves room in the buffer has returned
// all of it, so the usual second read() for end-of-file can be saved. Only larger ones loop.
std::optional<std::string> readCgroupFileOnce(const std::string &path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd && (errno == ENOENT || errno == ENODEV))
        return std::nullopt;
    if (!fd)
        throwSys("read", path);
    char buf[16384];
    ssize_t n;
    do
        n = ::read(fd.get(), buf, sizeof buf);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == ENODEV)
        return std::nullopt;
    if (n < 0)
        throwSys("read", path);
    if (static_cast<size_t>(n) < sizeof buf)
        return std::string(buf, static_cast<size_t>(n));
    fd.reset();
    return readCgroupFile(path);
}

std::optional<std::string> StatsFiles::read(const Dir &dir, std::string_view name)
{
    std::optional<std::string> text = readIfPresent(dir.file(name));
    anyMissing_ = anyMissing_ || !text;
    return text;
}

std::optional<std::string> StatsFiles::readIfPresent(const std::string &path)
{
    auto it = open_.find(path);
    if (it == open_.end()) {
        UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd && (errno == ENOENT || errno == ENODEV))
            return std::nullopt;
        if (!fd)
            throwSys("read", path);
        it = open_.emplace(path, std::move(fd)).first;
    }
    std::string text;
    if (readFromStart(it->second.get(), text))
        return text;
    if (errno == ENODEV) { // the cgroup was removed under the open file
        open_.erase(it);
        return std::nullopt;
    }
    throwSys("read", path);
}

bool readFromStart(int fd, std::string &text)
{
    text.clear();
    char buf[16384];
    for (;;) {
        const ssize_t n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(text.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        text.append(buf, static_cast<size_t>(n));
        if (n == 0 || static_cast<size_t>(n) < sizeof buf)
            return true;
    }
}

} // namespace cgroup_detail

using namespace cgroup_detail;

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// How long destroy() waits for killed tasks to leave and for the kernel to let go of the
// directories; dying tasks keep a cgroup busy for a few milliseconds after SIGKILL.
constexpr auto kTeardownBudget = 2s;

// Controllers a v1 hierarchy can carry. Superblock options and fixture directory names are
// matched against this, so "rw", "xattr" or "name=systemd" never count as controllers.
constexpr std::string_view kV1Controllers[] = {
    "blkio",  "cpu",     "cpuacct",  "cpuset",     "devices", "freezer", "hugetlb",
    "memory", "misc",    "net_cls",  "net_prio",   "perf_event", "pids", "rdma",
};

bool isV1Controller(std::string_view name)
{
    return std::find(std::begin(kV1Controllers), std::end(kV1Controllers), name) !=
           std::end(kV1Controllers);
}

std::vector<std::string> splitNonEmpty(std::string_view text, char sep)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(sep, start);
        if (end == std::string_view::npos)
            end = text.size();
        if (end > start)
            parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool fileExists(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

struct DirEntry {
    std::string name;
    bool directory = false; // after following a symlink
    bool symlink = false;
};

// The entries of `path`, sorted by name; a missing directory has none.
std::vector<DirEntry> listDir(const std::string &path)
{
    DirHandle dir(::opendir(path.c_str()));
    if (!dir && (errno == ENOENT || errno == ENODEV))
        return {};
    if (!dir)
        throwSys("list", path);
    std::vector<DirEntry> entries;
    while (const dirent *ent = ::readdir(dir.get())) {
        const std::string_view name = ent->d_name;
        if (name == "." || name == "..")
            continue;
        DirEntry entry{std::string(name)};
        // d_type saves two stat calls per entry: a cgroup directory holds dozens of files,
        // and teardown walks every hierarchy.
        const bool known = ent->d_type != DT_UNKNOWN;
        entry.symlink = known && ent->d_type == DT_LNK;
        entry.directory = known && ent->d_type == DT_DIR;
        if (!known || entry.symlink) {
            const std::string full = path + "/" + entry.name;
            struct stat st {};
            entry.symlink = ::lstat(full.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
            entry.directory = ::stat(full.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        }
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(),
              [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
    return entries;
}

// ---- Layout detection ----------------------------------------------------------------

struct CgroupMount {
    std::string point;
    std::string type; // "cgroup" or "cgroup2"
    std::vector<std::string> superOptions;
};

// mountinfo writes space, tab, newline and backslash in paths as \ooo.
std::string unescapeMountField(std::string_view field)
{
    std::string out;
    for (size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            int value = 0;
            const auto *first = field.data() + i + 1;
            if (std::from_chars(first, first + 3, value, 8).ptr == first + 3) {
                out += static_cast<char>(value);
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return out;
}

bool isUnder(const std::string &path, const std::string &root)
{
    if (path == root)
        return true;
    const std::string prefix = root == "/" ? root : root + "/";
    return path.compare(0, prefix.size(), prefix) == 0;
}

// One mountinfo line: "id parent maj:min root point options [optional…] - type source super".
std::optional<CgroupMount> parseMountLine(const std::string &line)
{
    const std::vector<std::string> fields = splitNonEmpty(line, ' ');
    const auto dash = std::find(fields.begin(), fields.end(), "-");
    if (fields.size() < 5 || dash == fields.end() || fields.end() - dash < 4)
        return std::nullopt;
    CgroupMount mount;
    mount.point = unescapeMountField(fields[4]);
    mount.type = *(dash + 1);
    mount.superOptions = splitNonEmpty(*(dash + 3), ',');
    return mount;
}

bool hasMagic(const std::string &path, long magic)
{
    struct statfs fs {};
    return ::statfs(path.c_str(), &fs) == 0 && static_cast<long>(fs.f_type) == magic;
}

// The cgroup mounts at or under `root`. A later mount on the same point hides the earlier
// one, and statfs confirms each, so a stale or covered entry does not count.
std::vector<CgroupMount> cgroupMountsUnder(const std::string &root)
{
    std::ifstream in("/proc/self/mountinfo");
    if (!in)
        throwSys("read", "/proc/self/mountinfo");
    std::map<std::string, CgroupMount> byPoint;
    std::string line;
    while (std::getline(in, line)) {
        std::optional<CgroupMount> mount = parseMountLine(line);
        if (!mount || !isUnder(mount->point, root))
            continue;
        if (mount->type == "cgroup" || mount->type == "cgroup2")
            byPoint[mount->point] = std::move(*mount);
        else
            byPoint.erase(mount->point);
    }
    std::vector<CgroupMount> mounts;
    for (auto &[point, mount] : byPoint) {
        const long magic = mount.type == "cgroup2" ? CGROUP2_SUPER_MAGIC : CGROUP_SUPER_MAGIC;
        if (hasMagic(point, magic))
            mounts.push_back(std::move(mount));
    }
    return mounts;
}

bool hasController(const CgroupLayout &layout, std::string_view name)
{
    return std::any_of(layout.v1Controllers.begin(), layout.v1Controllers.end(),
                       [&](const auto &entry) { return entry.first == name; });
}

// Pure v2 when root itself is cgroup2; v1 when controllers have hierarchies of their own.
CgroupLayout finishLayout(CgroupLayout layout)
{
    std::sort(layout.v1Controllers.begin(), layout.v1Controllers.end());
    if (layout.v1Controllers.empty() && layout.unifiedDir.empty())
        throw Error("no cgroup hierarchy found under " + layout.root);
    const bool pureV2 = layout.unifiedDir == layout.root || layout.v1Controllers.empty();
    layout.version = pureV2 ? CgroupVersion::V2 : CgroupVersion::V1;
    if (pureV2)
        layout.v1Controllers.clear();
    return layout;
}

CgroupLayout layoutFromMounts(const std::string &root, const std::vector<CgroupMount> &mounts)
{
    CgroupLayout layout;
    layout.root = root;
    for (const CgroupMount &mount : mounts) {
        if (mount.type == "cgroup2") {
            if (layout.unifiedDir.empty() || mount.point == root)
                layout.unifiedDir = mount.point;
            continue;
        }
        for (const std::string &option : mount.superOptions) {
            if (isV1Controller(option) && !hasController(layout, option))
                layout.v1Controllers.emplace_back(option, mount.point);
        }
    }
    return finishLayout(std::move(layout));
}

// Plain directories: v2 has cgroup.controllers at the root; v1 has one directory per
// hierarchy, named after its controllers ("cpu,cpuacct"). Symlinks such as "cpu" →
// "cpu,cpuacct" only fill in names no real directory claimed.
CgroupLayout layoutFromFixture(const std::string &root)
{
    CgroupLayout layout;
    layout.root = root;
    if (fileExists(root + "/cgroup.controllers")) {
        layout.unifiedDir = root;
        return finishLayout(std::move(layout));
    }
    const std::vector<DirEntry> entries = listDir(root);
    for (const bool symlinks : {false, true}) {
        for (const DirEntry &entry : entries) {
            if (!entry.directory || entry.symlink != symlinks)
                continue;
            for (const std::string &name : splitNonEmpty(entry.name, ',')) {
                if (isV1Controller(name) && !hasController(layout, name))
                    layout.v1Controllers.emplace_back(name, root + "/" + entry.name);
            }
        }
    }
    if (fileExists(root + "/unified/cgroup.controllers"))
        layout.unifiedDir = root + "/unified";
    return finishLayout(std::move(layout));
}

// ---- Teardown ------------------------------------------------------------------------

std::vector<pid_t> parsePids(std::string_view text)
{
    std::vector<pid_t> pids;
    for (const std::string &line : splitNonEmpty(text, '\n')) {
        pid_t pid = 0;
        const std::string value = trimmed(line);
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), pid);
        if (ec == std::errc() && end == value.data() + value.size() && pid > 0)
            pids.push_back(pid);
    }
    return pids;
}

// Tasks in `path` and every cgroup below it: a container may have made cgroups of its own.
void collectProcs(const std::string &path, std::vector<pid_t> &out)
{
    if (const auto text = readCgroupFile(path + "/cgroup.procs")) {
        const std::vector<pid_t> pids = parsePids(*text);
        out.insert(out.end(), pids.begin(), pids.end());
    }
    for (const DirEntry &entry : listDir(path)) {
        if (entry.directory && !entry.symlink)
            collectProcs(path + "/" + entry.name, out);
    }
}

void removeDirRetrying(const std::string &path, Clock::time_point deadline)
{
    for (;;) {
        if (::rmdir(path.c_str()) == 0 || errno == ENOENT)
            return;
        const int err = errno;
        if (err != EBUSY || Clock::now() >= deadline)
            throwSys("remove cgroup", path, err);
        std::this_thread::sleep_for(20ms);
    }
}

// Depth first. A cgroupfs directory holds only interface files, which go with rmdir; a
// fixture's plain files have to be unlinked first.
void removeTree(const std::string &path, bool fixture, Clock::time_point deadline)
{
    for (const DirEntry &entry : listDir(path)) {
        const std::string child = path + "/" + entry.name;
        if (entry.directory && !entry.symlink)
            removeTree(child, fixture, deadline);
        else if (fixture && ::unlink(child.c_str()) != 0 && errno != ENOENT)
            throwSys("remove", child);
    }
    removeDirRetrying(path, deadline);
}

// ---- The cgroup ----------------------------------------------------------------------

class CgroupImpl final : public Cgroup {
public:
    CgroupImpl(CgroupVersion version, std::vector<Dir> dirs, std::vector<std::string> components)
        : version_(version), dirs_(std::move(dirs)), components_(std::move(components))
    {
    }

    void create() override
    {
        if (version_ == CgroupVersion::V1)
            createV1(dirs_, components_);
        else
            createV2(dirs_.front(), components_);
    }

    void addProcess(pid_t pid) override
    {
        for (const Dir &dir : dirs_)
            writeCgroupFile(dir, "cgroup.procs", std::to_string(pid));
    }

    void apply(const Resources &resources) override
    {
        if (version_ == CgroupVersion::V1)
            applyV1(dirs_, resources);
        else
            applyV2(dirs_.front(), resources);
    }

    std::vector<pid_t> processes() const override;
    void destroy() override;

    bool exists() const override
    {
        struct stat st {};
        return std::any_of(dirs_.begin(), dirs_.end(), [&](const Dir &dir) {
            return ::stat(dir.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        });
    }

    std::vector<std::string> directories() const override
    {
        std::vector<std::string> paths;
        for (const Dir &dir : dirs_)
            paths.push_back(dir.path);
        return paths;
    }

    CgroupStats stats() const override
    {
        CgroupStats stats = version_ == CgroupVersion::V1 ? statsV1(dirs_, statsFiles_)
                                                          : statsV2(dirs_.front(), statsFiles_);
        // A missing file is a controller this host does not have, unless the cgroup is gone.
        if (statsFiles_.anyMissing() && !exists())
            throw NotFoundError("cgroup " + dirs_.front().path + " does not exist");
        return stats;
    }

    void freeze(bool frozen) override
    {
        if (version_ == CgroupVersion::V1)
            freezeV1(dirs_, frozen);
        else
            FreezerController::freezeV2(dirs_.front(), frozen);
    }

    uint64_t oomKills() const override
    {
        return version_ == CgroupVersion::V1 ? oomKillsV1(dirs_)
                                             : MemoryController::oomKillsV2(dirs_.front());
    }

    CpuLimit cpuLimit() const override
    {
        return version_ == CgroupVersion::V1 ? cpuLimitV1(dirs_, statsFiles_)
                                             : cpuLimitV2(dirs_.front(), statsFiles_);
    }

private:
    std::vector<pid_t> remainingTasks() const;
    bool killThroughKernel() const;
    void thawV1() const;
    void killRemaining(Clock::time_point deadline) const;

    CgroupVersion version_;
    std::vector<Dir> dirs_;
    std::vector<std::string> components_;
    mutable StatsFiles statsFiles_; // stats() and cpuLimit() are reads, but keep files open
};

std::vector<pid_t> CgroupImpl::processes() const
{
    std::vector<pid_t> pids;
    for (const Dir &dir : dirs_) {
        if (const auto text = readCgroupFile(dir.file("cgroup.procs"))) {
            const std::vector<pid_t> found = parsePids(*text);
            pids.insert(pids.end(), found.begin(), found.end());
        }
    }
    std::sort(pids.begin(), pids.end());
    pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
    return pids;
}

// Only a real cgroupfs names real tasks: the numbers in a fixture's cgroup.procs are made
// up, and signalling them could hit an unrelated process.
std::vector<pid_t> CgroupImpl::remainingTasks() const
{
    std::vector<pid_t> pids;
    for (const Dir &dir : dirs_) {
        if (!dir.fixture)
            collectProcs(dir.path, pids);
    }
    std::sort(pids.begin(), pids.end());
    pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
    return pids;
}

// Signals until the cgroup is empty: a task may fork between our read and our kill, so one
// pass is not enough. v2's cgroup.kill does it in the kernel, without that race.
void CgroupImpl::killRemaining(Clock::time_point deadline) const
{
    for (;;) {
        const std::vector<pid_t> pids = remainingTasks();
        if (pids.empty())
            return;
        if (!killThroughKernel()) {
            for (const pid_t pid : pids)
                ::kill(pid, SIGKILL); // ESRCH: it went by itself
        }
        if (Clock::now() >= deadline)
            return; // rmdir reports what is still there
        std::this_thread::sleep_for(10ms);
    }
}

bool CgroupImpl::killThroughKernel() const
{
    const Dir &leaf = dirs_.front();
    if (version_ != CgroupVersion::V2 || !hasInterfaceFile(leaf, "cgroup.kill"))
        return false;
    try {
        writeCgroupFile(leaf, "cgroup.kill", "1");
        return true;
    } catch (const SysError &) {
        return false; // signal them one by one instead
    }
}

// A v1 freezer holds SIGKILL until the cgroup thaws (v2 lets fatal signals through), so a
// paused container has to be thawed before it can be killed.
void CgroupImpl::thawV1() const
{
    for (const Dir &dir : dirs_) {
        const bool freezer = std::find(dir.controllers.begin(), dir.controllers.end(),
                                       "freezer") != dir.controllers.end();
        if (!freezer || dir.fixture)
            continue;
        const std::optional<std::string> state = readCgroupFile(dir.file("freezer.state"));
        if (state && trimmed(*state) != "THAWED")
            writeCgroupFile(dir, "freezer.state", "THAWED");
    }
}

void CgroupImpl::destroy()
{
    // The common case: the container has ended and its cgroups are empty leaves. One rmdir
    // each settles it without reading a single directory.
    bool allGone = true;
    for (const Dir &dir : dirs_)
        allGone = !dir.fixture && (::rmdir(dir.path.c_str()) == 0 || errno == ENOENT) && allGone;
    if (allGone)
        return;
    if (version_ == CgroupVersion::V1)
        thawV1();
    killRemaining(Clock::now() + kTeardownBudget);
    // Only our own directories (and anything below them) go: the "hako" parent is shared.
    const Clock::time_point deadline = Clock::now() + kTeardownBudget;
    for (const Dir &dir : dirs_)
        removeTree(dir.path, dir.fixture, deadline);
}

std::vector<std::string> checkedComponents(std::string_view relativePath)
{
    const std::string shown = "cgroup path \"" + std::string(relativePath) + "\"";
    if (relativePath.empty() || relativePath.front() == '/')
        throw Error(shown + ": must be relative to the cgroup root");
    std::vector<std::string> components = splitNonEmpty(relativePath, '/');
    for (const std::string &part : components) {
        if (part == "." || part == "..")
            throw Error(shown + ": must not contain \".\" or \"..\"");
    }
    if (components.empty())
        throw Error(shown + ": names no cgroup");
    return components;
}

std::string joined(const std::vector<std::string> &parts, std::string_view sep)
{
    std::string out;
    for (const std::string &part : parts)
        out += (out.empty() ? "" : std::string(sep)) + part;
    return out;
}

// One directory per v1 hierarchy (co-mounted controllers share one), plus the unified
// hierarchy on hybrid hosts so the container has a v2 path too, as systemd gives it.
std::vector<Dir> v1Dirs(const CgroupLayout &layout, const std::string &relative)
{
    std::map<std::string, std::vector<std::string>> byHierarchy;
    for (const auto &[controller, dir] : layout.v1Controllers)
        byHierarchy[dir].push_back(controller);
    std::vector<Dir> dirs;
    for (auto &[hierarchy, controllers] : byHierarchy)
        dirs.push_back(Dir{hierarchy, hierarchy + "/" + relative, std::move(controllers),
                           !isCgroupFs(hierarchy)});
    if (!layout.unifiedDir.empty())
        dirs.push_back(Dir{layout.unifiedDir, layout.unifiedDir + "/" + relative, {},
                           !isCgroupFs(layout.unifiedDir)});
    return dirs;
}

} // namespace

CgroupLayout CgroupLayout::detect(const std::string &root)
{
    std::string clean = root;
    while (clean.size() > 1 && clean.back() == '/')
        clean.pop_back();
    struct statfs fs {};
    if (::statfs(clean.c_str(), &fs) != 0)
        throwSys("detect cgroups: examine", clean);
    if (static_cast<long>(fs.f_type) == CGROUP2_SUPER_MAGIC) {
        CgroupLayout layout;
        layout.root = clean;
        layout.unifiedDir = clean;
        return finishLayout(std::move(layout));
    }
    const std::vector<CgroupMount> mounts = cgroupMountsUnder(clean);
    return mounts.empty() ? layoutFromFixture(clean) : layoutFromMounts(clean, mounts);
}

std::string CgroupLayout::describe() const
{
    if (version == CgroupVersion::V2)
        return "v2 (unified at " + unifiedDir + ")";
    std::vector<std::string> names;
    for (const auto &entry : v1Controllers)
        names.push_back(entry.first);
    if (unifiedDir.empty())
        return "v1 (legacy: " + joined(names, ", ") + ")";
    return "v1 (hybrid: " + joined(names, ", ") + "; unified at " + unifiedDir + ")";
}

bool isCgroupFs(const std::string &path)
{
    return hasMagic(path, CGROUP_SUPER_MAGIC) || hasMagic(path, CGROUP2_SUPER_MAGIC);
}

uint64_t cpuSharesToWeight(uint64_t shares)
{
    if (shares == 0)
        return 0; // not set
    // The kernel clamps shares to 2..262144; mapping that range linearly onto 1..10000 is
    // what runc and crun do, so containers weigh the same under either runtime.
    shares = std::clamp<uint64_t>(shares, 2, 262144);
    return 1 + ((shares - 2) * 9999) / 262142;
}

uint64_t blkioWeightToIoWeight(uint64_t weight)
{
    if (weight == 0)
        return 0; // not set
    weight = std::clamp<uint64_t>(weight, 10, 1000);
    return 1 + ((weight - 10) * 9999) / 990;
}

std::optional<int64_t> swapLimitToV2(std::optional<int64_t> swap, std::optional<int64_t> limit)
{
    const int64_t mem = limit.value_or(0);
    const int64_t total = swap.value_or(0); // OCI tools write 0 for "not set"
    // v1 lifted the memory+swap limit along with an unlimited memory limit; keep that.
    if (total == 0)
        return mem == -1 ? std::optional<int64_t>(-1) : std::nullopt;
    if (total == -1)
        return -1;
    const std::string field = "linux.resources.memory.swap: ";
    if (mem == 0 || mem == -1)
        throw Error(field + "a swap limit needs a memory limit");
    if (mem < 0 || total < 0)
        throw Error(field + "invalid value " + std::to_string(total) + " with memory limit " +
                    std::to_string(mem));
    if (total < mem)
        throw Error(field + "memory+swap limit " + std::to_string(total) +
                    " is below the memory limit " + std::to_string(mem));
    return total - mem;
}

std::unique_ptr<Cgroup> makeCgroup(const CgroupLayout &layout, std::string_view relativePath)
{
    std::vector<std::string> components = checkedComponents(relativePath);
    const std::string relative = joined(components, "/");
    if (layout.version == CgroupVersion::V1) {
        std::vector<Dir> dirs = v1Dirs(layout, relative);
        if (dirs.empty())
            throw Error("cgroup v1 layout under " + layout.root + " has no hierarchies");
        return std::make_unique<CgroupImpl>(layout.version, std::move(dirs),
                                            std::move(components));
    }
    if (layout.unifiedDir.empty())
        throw Error("cgroup v2 layout under " + layout.root + " has no unified directory");
    Dir leaf{layout.unifiedDir, layout.unifiedDir + "/" + relative, {},
             !isCgroupFs(layout.unifiedDir)};
    return std::make_unique<CgroupImpl>(layout.version, std::vector<Dir>{std::move(leaf)},
                                        std::move(components));
}

} // namespace hako

namespace hako {

namespace {

// Our own cgroup.procs in the first hierarchy that has one (v2 or the unified mount first:
// it has no controllers to charge, so a same-cgroup move is the cheapest there).
std::string ownProcsFile(const CgroupLayout &layout)
{
    std::ifstream in("/proc/self/cgroup");
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find(':'), second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos)
            continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        const std::string path = line.substr(second + 1);
        if (controllers.empty() && !layout.unifiedDir.empty())
            return layout.unifiedDir + path + "/cgroup.procs";
        if (controllers.empty() && layout.version == CgroupVersion::V2)
            return layout.root + path + "/cgroup.procs";
    }
    return {};
}

} // namespace

CgroupMigrationWarmup::CgroupMigrationWarmup(const CgroupLayout &layout)
{
    std::string procs = ownProcsFile(layout);
    if (procs.empty() || !isCgroupFs(procs.substr(0, procs.rfind('/'))))
        return;
    thread_ = std::thread([procs = std::move(procs)] {
        // "0" means the writing process; it is already there, so nothing moves.
        const int fd = ::open(procs.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            [[maybe_unused]] const ssize_t n = ::write(fd, "0", 1);
            ::close(fd);
        }
    });
}

CgroupMigrationWarmup::~CgroupMigrationWarmup()
{
    wait();
}

void CgroupMigrationWarmup::wait()
{
    if (thread_.joinable())
        thread_.join();
}

} // namespace hako
