// The embedded default image: the host's static busybox as a one-layer image, made the same
// way every time (fixed modes, every mtime and "created" the binary's own mtime), so one busybox
// binary always gives the same layer diffID and the same image id.
#include "image.h"

#include "error.h"
#include "fs.h"
#include "image_config.h"
#include "image_store_internal.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>

namespace hako {

using namespace image_store;

namespace {

constexpr const char *kBusyboxTag = "busybox:latest";

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

void writeExact(const std::string &path, const std::string &content, mode_t mode)
{
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (!fd)
        throwSys("create", path);
    if (::write(fd.get(), content.data(), content.size()) != static_cast<ssize_t>(content.size()))
        throwSys("write", path);
    if (::fchmod(fd.get(), mode) < 0) // not left to the umask: the layer must be reproducible
        throwSys("chmod", path);
}

void makeDir(const std::string &path, mode_t mode)
{
    makeDirs(path, mode);
    if (::chmod(path.c_str(), mode) < 0)
        throwSys("chmod", path);
}

void populateBusybox(const std::string &rootfs, const std::string &binary)
{
    makeDir(rootfs, 0755);
    for (const char *dir : {"bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "proc", "sys", "dev",
                            "home", "var", "var/log", "run", "mnt"})
        makeDir(rootfs + "/" + dir, 0755);
    makeDir(rootfs + "/tmp", 01777);
    makeDir(rootfs + "/var/tmp", 01777);
    makeDir(rootfs + "/root", 0700);
    writeExact(rootfs + "/bin/busybox", readFile(binary), 0755);
    for (const auto &applet : busyboxApplets(binary)) {
        if (applet == "bin/busybox")
            continue;
        const std::string link = rootfs + "/" + applet;
        // Relative to the rootfs, so the links resolve inside the container.
        const std::string target = applet.starts_with("usr/") ? "../../bin/busybox" : "../bin/busybox";
        if (::symlink(target.c_str(), link.c_str()) < 0 && errno != EEXIST)
            throwSys("symlink", link);
    }
    writeExact(rootfs + "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"
                                       "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
                                       "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", 0644);
    writeExact(rootfs + "/etc/group", "root:x:0:\ndaemon:x:1:\ntty:x:5:\nnogroup:x:65534:\n", 0644);
    writeExact(rootfs + "/etc/hostname", "busybox\n", 0644);
    writeExact(rootfs + "/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", 0644);
    writeExact(rootfs + "/etc/resolv.conf", "", 0644);
}

// Every entry's owner to root and its times to `when` (links themselves, not their targets).
void normaliseTree(const std::string &rootfs, const timespec &when)
{
    static thread_local const timespec *stamp = nullptr; // nftw keeps no user pointer
    stamp = &when;
    const int rc = ::nftw(rootfs.c_str(), [](const char *path, const struct stat *, int, FTW *) {
        const timespec times[2] = {*stamp, *stamp};
        if (::lchown(path, 0, 0) < 0 && errno != EPERM)
            return -1;
        return ::utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) < 0 ? -1 : 0;
    }, 64, FTW_PHYS | FTW_DEPTH);
    stamp = nullptr;
    if (rc != 0)
        throwSys("set times under", rootfs);
}

nlohmann::json busyboxConfig(const std::string &diffId, const std::string &binary, int64_t created)
{
    HistoryEntry history;
    history.created = created;
    history.createdBy = "hako: embedded busybox from " + binary;
    return {{"architecture", hostArchitecture()},
            {"os", "linux"},
            {"created", formatTimestamp(created)},
            {"config",
             {{"Env", {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
              {"Cmd", {"sh"}}}},
            {"rootfs", {{"type", "layers"}, {"diff_ids", {diffId}}}},
            {"history", {historyEntryJson(history)}}};
}

} // namespace

Image ImageStore::ensureBusybox() const
{
    if (const auto repos = readRepositories(root_); const auto hex = resolveImage(root_, kBusyboxTag, repos))
        return readImage(root_, *hex, repos);
    const FileLock lock = lockStore(root_);
    if (const auto repos = readRepositories(root_); const auto hex = resolveImage(root_, kBusyboxTag, repos))
        return readImage(root_, *hex, repos); // built meanwhile
    struct stat st {};
    if (::stat(busyboxBinary_.c_str(), &st) < 0)
        throwSys("busybox image: stat", busyboxBinary_);
    const int64_t created = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;

    ImportRollback rollback(root_);
    std::string diffId;
    {
        StagingDir tree(imagesRoot(root_) + "/" + stagingName());
        populateBusybox(tree.path() + "/rootfs", busyboxBinary_);
        normaliseTree(tree.path() + "/rootfs", st.st_mtim);
        // Through a tar and the ordinary layer path, so its diffID is that of the tar `save`
        // writes from the unpacked layer.
        const UniqueFd tar = anonymousTempFile(layersRoot(root_));
        const LayerTarResult written = writeLayerTar(tree.path() + "/rootfs", tar.get());
        if (::lseek(tar.get(), 0, SEEK_SET) < 0)
            throwSys("seek", "busybox layer tar");
        const AddedLayer layer = addLayerTo(root_, tar.get(), written.diffId, {}, true);
        rollback.layerAdded(layer);
        diffId = layer.diffId;
    }
    const std::string config = configBytes(busyboxConfig(diffId, busyboxBinary_, created));
    const AddedImage image = addImageLocked(root_, config, {}, {});
    rollback.imageAdded(image);
    setTag(root_, kBusyboxTag, image.id, &rollback);
    rollback.commit();
    return readImage(root_, image.id.substr(7), readRepositories(root_));
}

} // namespace hako
