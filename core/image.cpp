#include "image.h"

#include "error.h"
#include "fd.h"
#include "fs.h"
#include "sha256.h"

#include <nlohmann/json.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <set>
#include <sstream>

namespace hako {

namespace {

constexpr const char *kBusybox = "busybox";

std::vector<std::string> busyboxApplets(const std::string &binary)
{
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) < 0)
        throwSys("pipe");
    UniqueFd readEnd(pipeFds[0]), writeEnd(pipeFds[1]);
    const pid_t pid = ::fork();
    if (pid < 0)
        throwSys("fork");
    if (pid == 0) {
        ::dup2(writeEnd.get(), 1);
        ::execl(binary.c_str(), "busybox", "--list-full", nullptr);
        ::_exit(127);
    }
    writeEnd.reset();
    const std::string out = readUntilEof(readEnd.get());
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error("busybox image: `" + binary + " --list-full` failed; is busybox-static installed?");
    std::vector<std::string> applets;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line.find("..") == std::string::npos && line[0] != '/')
            applets.push_back(line);
    return applets;
}

void copyFile(const std::string &from, const std::string &to, mode_t mode)
{
    const std::string content = readFile(from);
    UniqueFd fd(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (!fd)
        throwSys("create", to);
    if (::write(fd.get(), content.data(), content.size()) != static_cast<ssize_t>(content.size()))
        throwSys("write", to);
}

void writeNew(const std::string &path, const std::string &content)
{
    writeFileAtomic(path, content, 0644);
}

void populateBusybox(const std::string &rootfs, const std::string &binary)
{
    for (const char *dir : {"bin", "sbin", "usr/bin", "usr/sbin", "etc", "proc", "sys", "dev",
                            "tmp", "root", "home", "var/log", "var/tmp", "run", "mnt"})
        makeDirs(rootfs + "/" + dir);
    ::chmod((rootfs + "/tmp").c_str(), 01777);
    ::chmod((rootfs + "/var/tmp").c_str(), 01777);
    ::chmod((rootfs + "/root").c_str(), 0700);
    copyFile(binary, rootfs + "/bin/busybox", 0755);
    for (const auto &applet : busyboxApplets(binary)) {
        const std::string link = rootfs + "/" + applet;
        // Relative to the rootfs, so the links resolve inside the container.
        const std::string target = applet.starts_with("usr/") ? "../../bin/busybox" : "../bin/busybox";
        if (applet == "bin/busybox")
            continue;
        if (::symlink(target.c_str(), link.c_str()) < 0 && errno != EEXIST)
            throwSys("symlink", link);
    }
    writeNew(rootfs + "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"
                                     "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                                     "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
    writeNew(rootfs + "/etc/group", "root:x:0:\ndaemon:x:1:\ntty:x:5:\nnogroup:x:65534:\n");
    writeNew(rootfs + "/etc/hostname", "busybox\n");
    writeNew(rootfs + "/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    writeNew(rootfs + "/etc/resolv.conf", "");
}

nlohmann::json busyboxConfig()
{
    return {{"name", kBusybox},
            {"config",
             {{"Env", {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
              {"Cmd", {"sh"}},
              {"WorkingDir", "/"}}}};
}

ImageConfig configFromJson(const nlohmann::json &j)
{
    ImageConfig c;
    c.env = j.value("Env", std::vector<std::string>{});
    c.entrypoint = j.value("Entrypoint", std::vector<std::string>{});
    c.cmd = j.value("Cmd", std::vector<std::string>{});
    c.workingDir = j.value("WorkingDir", "");
    return c;
}

} // namespace

ImageStore::ImageStore(std::string imagesDir, std::string busyboxBinary)
    : imagesDir_(std::move(imagesDir)), busyboxBinary_(std::move(busyboxBinary))
{
}

Image ImageStore::loadImage(const std::string &name) const
{
    const std::string dir = imagesDir_ + "/" + name;
    std::string text;
    try {
        text = readFile(dir + "/image.json");
    } catch (const SysError &e) {
        if (e.code() == ENOENT)
            throw NotFoundError("no such image: " + name);
        throw;
    }
    const nlohmann::json meta = nlohmann::json::parse(text);
    struct stat st {};
    const int64_t created = ::stat((dir + "/image.json").c_str(), &st) == 0
                                ? int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec
                                : 0;
    return {name, dir + "/rootfs", configFromJson(meta.value("config", nlohmann::json::object())),
            sha256Hex(text), created};
}

uint64_t ImageStore::diskSize(const Image &image)
{
    // nftw keeps no user pointer: the walk is single-threaded per call, so a thread_local
    // carries the state.
    struct Walk {
        uint64_t bytes = 0;
        std::set<std::pair<dev_t, ino_t>> seen;
    };
    static thread_local Walk *walk = nullptr;
    Walk state;
    walk = &state;
    const int rc = ::nftw(image.rootfs.c_str(), [](const char *, const struct stat *st, int type, FTW *) {
        if ((type == FTW_F || type == FTW_SL) && walk->seen.insert({st->st_dev, st->st_ino}).second)
            walk->bytes += uint64_t(st->st_size);
        return 0;
    }, 64, FTW_PHYS | FTW_MOUNT);
    walk = nullptr;
    if (rc != 0)
        throwSys("measure image", image.rootfs);
    return state.bytes;
}

Image ImageStore::ensureBusybox() const
{
    const std::string dir = imagesDir_ + "/" + kBusybox;
    if (pathExists(dir + "/image.json"))
        return loadImage(kBusybox);
    // Built beside its final place and renamed in: a half-built image is never used.
    const std::string tmp = imagesDir_ + "/.new-" + kBusybox + "-" + std::to_string(::getpid());
    removeTree(tmp);
    makeDirs(tmp + "/rootfs");
    try {
        populateBusybox(tmp + "/rootfs", busyboxBinary_);
        writeFileAtomic(tmp + "/image.json", busyboxConfig().dump(2) + "\n");
        if (::rename(tmp.c_str(), dir.c_str()) < 0 && errno != ENOTEMPTY && errno != EEXIST)
            throwSys("rename", dir);
    } catch (...) {
        removeTree(tmp);
        throw;
    }
    removeTree(tmp); // another process won the race: its image is just as good
    return loadImage(kBusybox);
}

Image ImageStore::get(const std::string &name) const
{
    const std::string bare = name.ends_with(":latest") ? name.substr(0, name.size() - 7) : name;
    if (bare == kBusybox)
        return ensureBusybox();
    if (bare.empty() || bare.find('/') != std::string::npos || bare[0] == '.')
        throw NotFoundError("no such image: " + name);
    return loadImage(bare);
}

std::vector<Image> ImageStore::list() const
{
    std::vector<Image> images;
    DirHandle dir(::opendir(imagesDir_.c_str()));
    if (!dir)
        return images;
    while (const dirent *entry = ::readdir(dir.get())) {
        const std::string name = entry->d_name;
        if (name.starts_with("."))
            continue;
        try {
            images.push_back(loadImage(name));
        } catch (const Error &) {
        }
    }
    return images;
}

} // namespace hako
