// Fixture trees for the cgroup unit tests: plain directories and files laid out the way the
// kernel lays out a v1 (hybrid) and a v2 host, so no privileges or cgroupfs are needed.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace hako::test {

namespace fs = std::filesystem;

class TempTree {
  public:
    TempTree()
    {
        std::string pattern = (fs::temp_directory_path() / "hako-cgroup-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        root_ = pattern;
    }
    ~TempTree()
    {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    TempTree(const TempTree &) = delete;
    TempTree &operator=(const TempTree &) = delete;

    const std::string &root() const { return root_; }
    std::string path(const std::string &relative) const { return root_ + "/" + relative; }

    void put(const std::string &relative, const std::string &content = "") const
    {
        const fs::path file = path(relative);
        fs::create_directories(file.parent_path());
        std::ofstream(file) << content;
    }
    void dir(const std::string &relative) const { fs::create_directories(path(relative)); }

    std::string read(const std::string &relative) const
    {
        std::ifstream in(path(relative));
        if (!in)
            return "<missing " + relative + ">";
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
    bool exists(const std::string &relative) const { return fs::exists(path(relative)); }

  private:
    std::string root_;
};

// A hybrid v1 host: cpu and cpuacct co-mounted (with the usual symlinks), a named systemd
// hierarchy, swap accounting, and cgroup2 at unified/ without controllers.
inline void buildV1Tree(const TempTree &tree, bool swapAccounting = true)
{
    for (const char *dir :
         {"cpu,cpuacct", "memory", "pids", "blkio", "devices", "freezer", "systemd"})
        tree.dir(dir);
    fs::create_directory_symlink("cpu,cpuacct", tree.path("cpu"));
    fs::create_directory_symlink("cpu,cpuacct", tree.path("cpuacct"));
    tree.put("cpuset/cpuset.cpus", "0-1\n");
    tree.put("cpuset/cpuset.mems", "0\n");
    tree.put("memory/memory.limit_in_bytes", "9223372036854771712\n");
    if (swapAccounting)
        tree.put("memory/memory.memsw.limit_in_bytes", "9223372036854771712\n");
    tree.put("unified/cgroup.controllers", "");
}

inline void buildV2Tree(const TempTree &tree,
                        const std::string &controllers = "cpu io memory pids cpuset")
{
    tree.put("cgroup.controllers", controllers + "\n");
    tree.put("cgroup.subtree_control", "");
    tree.put("cpuset.cpus.effective", "0-1\n");
}

} // namespace hako::test
