// The layered image store under real containers: layers shared (same inodes) by every
// container of an image, commit and export of a container's changes, rmi/prune leaving
// nothing behind, and named volumes (data kept across containers, read-only, anonymous,
// first-use copy from the image, names that could leave the store refused).
#include "fixture.h"

#include "error.h"
#include "fs.h"

#include <archive.h>
#include <archive_entry.h>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

using namespace hako;
using namespace hako::test;
using namespace std::chrono_literals;

namespace {

struct TarEntry {
    mode_t type = 0;
    std::string content; // regular files only
};

// Every entry of the tar in `fd` by its path ("etc/passwd": no "./", no trailing "/").
std::map<std::string, TarEntry> readTar(int fd)
{
    std::map<std::string, TarEntry> entries;
    ::lseek(fd, 0, SEEK_SET);
    archive *a = archive_read_new();
    archive_read_support_format_all(a);
    if (archive_read_open_fd(a, fd, 64 * 1024) != ARCHIVE_OK)
        throw std::runtime_error(std::string("open tar: ") + archive_error_string(a));
    archive_entry *entry = nullptr;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
        std::string path = archive_entry_pathname(entry);
        if (path.starts_with("./"))
            path.erase(0, 2);
        while (path.size() > 1 && path.ends_with("/"))
            path.pop_back();
        TarEntry &out = entries[path];
        out.type = archive_entry_filetype(entry);
        if (out.type == AE_IFREG) {
            char buf[4096];
            la_ssize_t n;
            while ((n = archive_read_data(a, buf, sizeof buf)) > 0)
                out.content.append(buf, static_cast<size_t>(n));
        }
    }
    archive_read_free(a);
    return entries;
}

// Relative paths of everything under `dir`, symlinks not followed.
std::set<std::string> treePaths(const std::string &dir)
{
    std::set<std::string> paths;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(dir))
        paths.insert(std::filesystem::relative(entry.path(), dir).string());
    return paths;
}

// Entries of a store directory, its lock and staging files (".lock", ".new-…") left out.
std::vector<std::string> visibleEntries(const std::string &dir)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec))
        if (!entry.path().filename().string().starts_with("."))
            names.push_back(entry.path().filename().string());
    return names;
}

ino_t inodeOf(const std::string &path)
{
    struct stat st {};
    if (::lstat(path.c_str(), &st) < 0)
        throw std::runtime_error("stat " + path + ": " + std::strerror(errno));
    return st.st_ino;
}

Mount volumeMount(const std::string &name, const std::string &destination, const std::string &mode = "rw")
{
    return Mount{destination, "volume", name, {mode}};
}

class ImageEngineTest : public EngineTest {
protected:
    std::string pidRoot(const std::string &id) const
    {
        return "/proc/" + std::to_string(engine_->state(id).pid.pid) + "/root";
    }

    // Runs `script` in a new container of `image` to its end; returns its id.
    std::string runIn(const std::string &image, const std::string &script, std::vector<Mount> mounts = {},
                      const std::string &name = {})
    {
        Spec spec = shellSpec(script);
        spec.mounts.insert(spec.mounts.end(), mounts.begin(), mounts.end());
        const std::string id = engine_->create({name, image, spec});
        engine_->start(id);
        const auto end = engine_->wait(id, 30s);
        if (!end)
            throw std::runtime_error("container did not end within 30 s");
        return id;
    }
};

TEST_F(ImageEngineTest, ContainersShareTheImageLayersAndKeepTheirOwnWrites)
{
    const Image image = engine_->images().ensureBusybox();
    ASSERT_EQ(image.layerDirs.size(), 1u);
    const std::string a = run(shellSpec("echo a > /only-a; sleep 30"), "share-a");
    const std::string b = run(shellSpec("echo b > /only-b; sleep 30"), "share-b");
    ASSERT_TRUE(eventually([&] { return pathExists(pidRoot(a) + "/only-a") && pathExists(pidRoot(b) + "/only-b"); }));

    EXPECT_EQ(engine_->state(a).imageId, image.id);
    EXPECT_EQ(engine_->state(a).image, "busybox");
    // overlayfs shows a lower file with its own inode number when all layers share one file
    // system: both containers read the very same file of the one layer dir.
    const ino_t layerInode = inodeOf(image.rootfs + "/etc/passwd");
    EXPECT_EQ(inodeOf(pidRoot(a) + "/etc/passwd"), layerInode);
    EXPECT_EQ(inodeOf(pidRoot(b) + "/etc/passwd"), layerInode);
    EXPECT_FALSE(pathExists(pidRoot(a) + "/only-b"));
    EXPECT_FALSE(pathExists(pidRoot(b) + "/only-a"));
    EXPECT_FALSE(pathExists(image.rootfs + "/only-a")) << "a container wrote into the shared layer";
    EXPECT_EQ(engine_->containersUsingImage(image.id), (std::vector<std::string>{"share-a", "share-b"}));

    // docker export works on a running container too (its upper dir read as a lower one).
    UniqueFd tar(::open(root_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    ASSERT_TRUE(tar);
    engine_->exportFilesystem(a, tar.get());
    const auto entries = readTar(tar.get());
    ASSERT_TRUE(entries.contains("only-a"));
    EXPECT_EQ(entries.at("only-a").content, "a\n");
    EXPECT_FALSE(entries.contains("only-b"));
    EXPECT_EQ(hostMountTable().find(root_ + "/containers/" + a + "/.view-"), std::string::npos);
}

TEST_F(ImageEngineTest, CommitExportRemoveAndPruneLeaveNothingBehind)
{
    const Image busybox = engine_->images().ensureBusybox();
    ASSERT_TRUE(pathExists(busybox.rootfs + "/etc/hostname"));
    const std::string changed = runIn("busybox", "echo hello > /added && rm /etc/hostname", {}, "changed");

    // commit: the change as a second layer; a deleted file stays deleted (whiteout).
    const Image snap = engine_->commit(changed, {"snap:v1", "tester", "a test commit", {}});
    ASSERT_EQ(snap.layerDirs.size(), 2u);
    EXPECT_EQ(snap.layerDirs.back(), busybox.rootfs);
    const std::string child = runIn("snap:v1", "read l < /added; echo $l; test -e /etc/hostname && echo present || echo gone");
    EXPECT_EQ(output(child), "hello\ngone");
    EXPECT_EQ(engine_->state(child).imageId, snap.id);

    // export: the merged view, changes included, no whiteouts.
    UniqueFd tar(::open(root_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    ASSERT_TRUE(tar);
    engine_->exportFilesystem(changed, tar.get());
    const auto entries = readTar(tar.get());
    ASSERT_TRUE(entries.contains("added"));
    EXPECT_EQ(entries.at("added").content, "hello\n");
    EXPECT_FALSE(entries.contains("etc/hostname"));
    for (const auto &path : treePaths(busybox.rootfs)) {
        if (path != "etc/hostname") {
            EXPECT_TRUE(entries.contains(path)) << path << " missing from the export";
        }
    }
    const std::set<std::string> upper = treePaths(root_ + "/containers/" + changed + "/upper");
    for (const auto &[path, entry] : entries) {
        EXPECT_EQ(std::filesystem::path(path).filename().string().find(".wh."), std::string::npos) << path;
        EXPECT_NE(entry.type, static_cast<mode_t>(AE_IFCHR)) << path << ": a whiteout device";
        EXPECT_TRUE(pathExists(busybox.rootfs + "/" + path) || upper.contains(path))
            << path << " is in neither the image nor the container";
    }
    EXPECT_EQ(hostMountTable().find(root_), std::string::npos) << "the export's view stays mounted";

    // rmi: refused while a container (even a stopped one) uses the image; forced, it is untagged.
    EXPECT_THROW(engine_->removeImage("snap:v1", false), StateError);
    const RemovedImage removed = engine_->removeImage("snap:v1", true);
    EXPECT_EQ(removed.untagged, std::vector<std::string>{"snap:v1"});
    EXPECT_TRUE(engine_->images().find(snap.id).has_value()) << "deleted while a container uses it";

    // Once the containers are gone, prune takes the image and its own layer; prune -a the rest.
    for (const auto &state : engine_->list())
        engine_->remove(state.id, true);
    const PruneReport pruned = engine_->pruneImages(false);
    EXPECT_NE(std::find(pruned.deleted.begin(), pruned.deleted.end(), snap.id), pruned.deleted.end());
    EXPECT_FALSE(pathExists(snap.layerDirs.front()));
    EXPECT_TRUE(pathExists(busybox.rootfs)) << "prune without -a took a tagged image's layer";
    engine_->pruneImages(true);
    EXPECT_TRUE(visibleEntries(root_ + "/layers").empty());
    for (const auto &name : visibleEntries(root_ + "/images"))
        EXPECT_FALSE(std::filesystem::is_directory(root_ + "/images/" + name)) << name << " left behind";
    EXPECT_TRUE(visibleEntries(root_ + "/containers").empty());
    EXPECT_EQ(hostMountTable().find(root_), std::string::npos);
}

TEST_F(ImageEngineTest, NamedVolumeKeepsDataAcrossContainersAndHonoursReadOnly)
{
    const std::string writer = runIn("busybox", "echo kept > /v/file", {volumeMount("data1", "/v")});
    EXPECT_EQ(engine_->state(writer).exitCode, 0) << output(writer);
    const Volume volume = engine_->volumes().get("data1");
    EXPECT_EQ(readFile(volume.mountpoint + "/file"), "kept\n");
    EXPECT_FALSE(volume.anonymous);

    const std::string reader = runIn("busybox", "cat /v/file; echo more > /v/file", {volumeMount("data1", "/v", "ro")});
    EXPECT_NE(engine_->state(reader).exitCode, 0);
    EXPECT_NE(output(reader).find("kept"), std::string::npos) << output(reader);
    EXPECT_NE(output(reader).find("Read-only file system"), std::string::npos) << output(reader);
    EXPECT_EQ(readFile(volume.mountpoint + "/file"), "kept\n");

    EXPECT_EQ(engine_->containersUsingVolume("data1").size(), 2u);
    EXPECT_THROW(engine_->removeVolume("data1", false), StateError);
    // Forced or not, as Docker: a volume a container has mounted is the container's to change.
    EXPECT_THROW(engine_->removeVolume("data1", true), StateError);
    EXPECT_NO_THROW(engine_->removeVolume("no-such-volume", true)) << "-f: a missing volume is no error";
    // What a container leaves in its volume (a setuid binary, say) is out of every host
    // user's reach: the volume's own directory is root's alone.
    struct stat st {};
    ASSERT_EQ(::stat(volume.mountpoint.substr(0, volume.mountpoint.rfind('/')).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0700u);
    EXPECT_EQ(st.st_uid, 0u);
    const DiskUsage usage = engine_->diskUsage();
    ASSERT_EQ(usage.volumes.size(), 1u);
    EXPECT_EQ(usage.volumes[0].links, 2);
    EXPECT_EQ(usage.volumes[0].bytes, 5u);
    EXPECT_GT(usage.layersBytes, 0u);
    engine_->remove(writer);
    engine_->remove(reader);
    engine_->removeVolume("data1", false);
    EXPECT_FALSE(pathExists(volume.mountpoint));
    EXPECT_FALSE(engine_->volumes().find("data1").has_value());
}

TEST_F(ImageEngineTest, AnonymousVolumeIsMadeAndRemovedWithItsContainer)
{
    const std::string id = runIn("busybox", "echo x > /scratch/f", {volumeMount("", "/scratch")});
    const ContainerInfo info = engine_->inspect(id);
    const auto mount = std::find_if(info.spec.mounts.begin(), info.spec.mounts.end(),
                                    [](const Mount &m) { return m.destination == "/scratch"; });
    ASSERT_NE(mount, info.spec.mounts.end());
    ASSERT_EQ(mount->source.size(), 64u) << "the generated name is written into the spec";
    const Volume volume = engine_->volumes().get(mount->source);
    EXPECT_TRUE(volume.anonymous);
    EXPECT_EQ(readFile(volume.mountpoint + "/f"), "x\n");
    engine_->removeWithAnonymousVolumes(id, false);
    EXPECT_FALSE(engine_->volumes().find(volume.name).has_value());
}

TEST_F(ImageEngineTest, NewVolumeIsFilledFromTheImageOnce)
{
    const std::string first = runIn("busybox", "cat /etc/passwd; rm /etc/passwd", {volumeMount("etc", "/etc")});
    EXPECT_NE(output(first).find("root:x:0:0"), std::string::npos) << output(first);
    const std::string again = runIn("busybox", "test -e /etc/passwd && echo copied-again || echo still-gone; cat /etc/group",
                                    {volumeMount("etc", "/etc")});
    EXPECT_NE(output(again).find("still-gone"), std::string::npos) << output(again);
    EXPECT_NE(output(again).find("root:x:0:"), std::string::npos) << output(again);
    EXPECT_EQ(hostMountTable().find(root_), std::string::npos);
}

TEST_F(ImageEngineTest, VolumeNamesThatCouldLeaveTheStoreAreRefused)
{
    for (const std::string name : {"../x", "/etc", "a/b", ".", "x"}) {
        Spec spec = shellSpec("true");
        spec.mounts.push_back(volumeMount(name, "/v"));
        EXPECT_THROW(engine_->create({"", "busybox", spec}), SpecError) << name;
    }
    EXPECT_TRUE(engine_->list().empty());
    EXPECT_TRUE(engine_->volumes().list().empty());
    EXPECT_FALSE(pathExists(root_ + "/x"));
}

} // namespace

namespace {

constexpr uint32_t kRemapStart = 300000;

// A user namespace over a two-layer image: every layer shown owned by the container's root
// (idmapped per layer, or copied per layer), and a new volume writable by that root.
class LayeredUsernsTest : public ImageEngineTest, public ::testing::WithParamInterface<UserNamespaceLayers> {
protected:
    void SetUp() override
    {
        ImageEngineTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        ASSERT_EQ(::chmod(root_.c_str(), 0711), 0); // the mapped root must reach its container
        EngineOptions options = engine_->options();
        options.subIds = {root_ + "/subuid", root_ + "/subgid"};
        options.userNamespaceLayers = GetParam();
        writeFileAtomic(options.subIds.subuid, "remapper:" + std::to_string(kRemapStart) + ":65536\n");
        writeFileAtomic(options.subIds.subgid, "remapper:" + std::to_string(kRemapStart) + ":65536\n");
        engine_ = std::make_unique<Engine>(options);
    }
};

} // namespace

TEST_P(LayeredUsernsTest, EveryLayerAndANewVolumeBelongToTheContainersRoot)
{
    const std::string base = runIn("busybox", "echo upper > /layer2");
    const Image image = engine_->commit(base, {"layered:v1", "", "", {}});
    ASSERT_EQ(image.layerDirs.size(), 2u);

    Spec spec = shellSpec("ls -ln /layer2 /etc/passwd; echo w > /v/f && echo wrote");
    spec.annotations[std::string(kUsernsRemapAnnotation)] = "remapper";
    spec.mounts.push_back(volumeMount("uservol", "/v"));
    const std::string id = engine_->create({"", "layered:v1", spec});
    engine_->start(id);
    ASSERT_TRUE(engine_->wait(id, 30s));
    const std::string out = output(id);
    const auto words = splitWords(out);
    ASSERT_GE(words.size(), 18u) << out;
    for (size_t line : {0u, 9u}) { // ls -ln: mode, links, uid, gid, ...
        EXPECT_EQ(words[line + 2], "0") << out;
        EXPECT_EQ(words[line + 3], "0") << out;
    }
    EXPECT_NE(out.find("wrote"), std::string::npos) << out;
    struct stat st {};
    ASSERT_EQ(::stat((engine_->volumes().get("uservol").mountpoint + "/f").c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, kRemapStart);
    // The host's layers are as they were.
    ASSERT_EQ(::stat((image.layerDirs.front() + "/layer2").c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 0u);
}

INSTANTIATE_TEST_SUITE_P(Layers, LayeredUsernsTest,
                         ::testing::Values(UserNamespaceLayers::Idmapped, UserNamespaceLayers::Copy),
                         [](const auto &info) { return std::string(userNamespaceLayersName(info.param)); });
