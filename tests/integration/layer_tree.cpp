#include "layer_tree.h"

#include "fs.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>

namespace hako::test {

namespace {

std::string xattrsOf(const std::string &path)
{
    char names[4096];
    const ssize_t n = ::llistxattr(path.c_str(), names, sizeof names);
    std::vector<std::string> list;
    for (ssize_t pos = 0; n > 0 && pos < n;) {
        const std::string name(names + pos);
        pos += ssize_t(name.size()) + 1;
        char value[256];
        const ssize_t size = ::lgetxattr(path.c_str(), name.c_str(), value, sizeof value);
        list.push_back(name + "=" + std::string(value, size > 0 ? size_t(size) : 0));
    }
    std::sort(list.begin(), list.end());
    std::string out;
    for (const std::string &item : list)
        out += " " + item;
    return out;
}

void describe(const std::string &root, const std::string &rel, std::vector<std::string> &out)
{
    for (const std::string &name : listNames(root + "/" + rel)) {
        const std::string path = rel.empty() ? name : rel + "/" + name;
        const std::string full = root + "/" + path;
        struct stat st {};
        if (::lstat(full.c_str(), &st) < 0)
            continue;
        std::string line = path + " mode=" + std::to_string(st.st_mode) + " owner=" + std::to_string(st.st_uid) +
                           ":" + std::to_string(st.st_gid) + " links=" + std::to_string(st.st_nlink);
        const bool whiteout = S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0);
        if (S_ISREG(st.st_mode))
            line += " content=" + readFile(full);
        if (S_ISLNK(st.st_mode)) {
            char target[4096];
            const ssize_t n = ::readlink(full.c_str(), target, sizeof target);
            line += " target=" + std::string(target, n > 0 ? size_t(n) : 0);
        }
        if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
            line += " rdev=" + std::to_string(major(st.st_rdev)) + "," + std::to_string(minor(st.st_rdev));
        if (!whiteout) // made when unpacked: its time is the unpacking's
            line += " mtime=" + std::to_string(st.st_mtim.tv_sec);
        out.push_back(line + xattrsOf(full));
        if (S_ISDIR(st.st_mode))
            describe(root, path, out);
    }
}

} // namespace

std::vector<std::string> listNames(const std::string &dir)
{
    std::vector<std::string> names;
    DirHandle stream(::opendir(dir.c_str()));
    while (stream) {
        const dirent *entry = ::readdir(stream.get());
        if (!entry)
            break;
        const std::string name = entry->d_name;
        if (name != "." && name != "..")
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> describeTree(const std::string &root)
{
    std::vector<std::string> out;
    describe(root, "", out);
    return out;
}

} // namespace hako::test
