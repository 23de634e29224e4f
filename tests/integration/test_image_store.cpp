// The image store against the real file system, as root (layers keep owners, whiteouts are
// device nodes, opaque dirs trusted.* xattrs): busybox, import, load, save, commit, rmi, prune.
#include "fixture.h"
#include "image_archives.h"

#include "error.h"
#include "fs.h"
#include "image.h"

#include <nlohmann/json.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include <algorithm>

namespace hako::test {
namespace {

class ImageStoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        requireRoot();
        if (IsSkipped())
            return;
        root_ = makeTemp();
        store_ = std::make_unique<ImageStore>(root_);
    }
    void TearDown() override
    {
        for (const auto &dir : temps_)
            removeTree(dir);
    }

    std::string makeTemp()
    {
        char tmpl[] = "/tmp/hako-image-test-XXXXXX";
        EXPECT_NE(::mkdtemp(tmpl), nullptr);
        temps_.emplace_back(tmpl);
        return tmpl;
    }

    // Entries of a store directory, "." ones (but .new-/.old- leftovers) left out.
    std::vector<std::string> entries(const std::string &sub) const
    {
        std::vector<std::string> names;
        DirHandle dir(::opendir((root_ + "/" + sub).c_str()));
        while (const dirent *e = dir ? ::readdir(dir.get()) : nullptr) {
            const std::string name = e->d_name;
            if (name != "." && name != ".." && name != ".lock" && name != "repositories.json")
                names.push_back(name);
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    std::vector<Image> loadDir(const std::string &dir)
    {
        UniqueFd fd(::open(dir.c_str(), O_DIRECTORY | O_RDONLY | O_CLOEXEC));
        return store_->load(fd.get());
    }

    std::vector<Image> loadFile(const std::string &path)
    {
        UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        return store_->load(fd.get());
    }

    std::string root_;
    std::unique_ptr<ImageStore> store_;
    std::vector<std::string> temps_;
};

std::string baseTar()
{
    return makeTar({{TarEntry::Dir, "etc", "", 0755},
                    {TarEntry::File, "etc/os-release", "ID=test\n"},
                    {TarEntry::Dir, "data", "", 0755},
                    {TarEntry::File, "data/old", "old\n"},
                    {TarEntry::File, "data/keep", "keep\n"},
                    {TarEntry::Symlink, "etc/link", "os-release"}});
}

std::string secondTar()
{
    return makeTar({{TarEntry::Dir, "data", "", 0755},
                    {TarEntry::File, "data/.wh.old", ""},
                    {TarEntry::File, "data/new", "new\n"}});
}

std::string thirdTar()
{
    return makeTar({{TarEntry::Dir, "data", "", 0755},
                    {TarEntry::File, "data/.wh..wh..opq", ""},
                    {TarEntry::File, "data/only", "only\n"}});
}

bool isWhiteout(const std::string &path)
{
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0);
}

std::string opaqueXattr(const std::string &path)
{
    char value[8] = {};
    const ssize_t n = ::lgetxattr(path.c_str(), "trusted.overlay.opaque", value, sizeof value);
    return n > 0 ? std::string(value, size_t(n)) : "";
}

TEST_F(ImageStoreTest, BusyboxIsOneLayerBuiltOnceWithADeterministicId)
{
    const Image first = store_->ensureBusybox();
    EXPECT_EQ(first.repoTags, std::vector<std::string>{"busybox:latest"});
    ASSERT_EQ(first.diffIds.size(), 1u);
    EXPECT_EQ(first.rootfs, first.layerDirs.front());
    EXPECT_TRUE(pathExists(first.rootfs + "/bin/busybox"));
    EXPECT_EQ(first.config.cmd, std::vector<std::string>{"sh"});
    ASSERT_EQ(first.history.size(), 1u);
    EXPECT_EQ(first.history[0].createdBy, "hako: embedded busybox from /bin/busybox");
    EXPECT_GT(first.size, 0u);
    struct stat before {}, after {};
    ::stat(first.rootfs.c_str(), &before);
    EXPECT_EQ(store_->get("busybox").id, first.id);
    EXPECT_EQ(store_->get("docker.io/library/busybox:latest").id, first.id);
    EXPECT_EQ(store_->get(first.id.substr(7, 8)).id, first.id);
    ::stat(first.rootfs.c_str(), &after);
    EXPECT_EQ(before.st_ino, after.st_ino) << "built once, not again";
    EXPECT_EQ(store_->list().size(), 1u);

    ImageStore other(makeTemp());
    EXPECT_EQ(other.ensureBusybox().id, first.id) << "the same binary gives the same image";
}

TEST_F(ImageStoreTest, ImportRootfsMakesOneLayerImageWithChanges)
{
    ImportOptions options;
    options.tag = "myroot:1";
    options.message = "from a test";
    options.changes = {R"(CMD ["/bin/app", "-v"])", R"(ENV A=1 B="two words")", "WORKDIR /srv",
                       "WORKDIR sub", "EXPOSE 80 53/udp", "LABEL k=v", "USER nobody", "STOPSIGNAL SIGINT",
                       "VOLUME /data"};
    UniqueFd tar = memoryFd(makeTar({{TarEntry::File, "hello", "hi\n"}}, Compression::Gzip));
    const Image image = store_->importRootfs(tar.get(), options);
    EXPECT_EQ(image.repoTags, std::vector<std::string>{"myroot:1"});
    ASSERT_EQ(image.diffIds.size(), 1u);
    EXPECT_EQ(readFile(image.rootfs + "/hello"), "hi\n");
    EXPECT_EQ(image.config.cmd, (std::vector<std::string>{"/bin/app", "-v"}));
    EXPECT_EQ(image.config.env, (std::vector<std::string>{"A=1", "B=two words"}));
    EXPECT_EQ(image.config.workingDir, "/srv/sub");
    EXPECT_EQ(image.config.exposedPorts, (std::vector<std::string>{"53/udp", "80/tcp"}));
    EXPECT_EQ(image.config.labels.at("k"), "v");
    EXPECT_EQ(image.config.user, "nobody");
    EXPECT_EQ(image.config.stopSignal, "SIGINT");
    EXPECT_EQ(image.config.volumes, std::vector<std::string>{"/data"});
    ASSERT_EQ(image.history.size(), 1u);
    EXPECT_EQ(image.history[0].comment, "from a test");
    EXPECT_EQ(store_->get("myroot:1").id, image.id);
    EXPECT_EQ(store_->get("docker.io/library/myroot:1").id, image.id);
}

TEST_F(ImageStoreTest, ChangesFollowDockersRules)
{
    ImageConfig config;
    config.cmd = {"inherited"};
    applyChanges(config, {"ENTRYPOINT /bin/run now"});
    EXPECT_EQ(config.entrypoint, (std::vector<std::string>{"/bin/sh", "-c", "/bin/run now"}));
    EXPECT_TRUE(config.cmd.empty()) << "ENTRYPOINT drops the inherited CMD";
    applyChanges(config, {"ENV legacy form value", "EXPOSE 8000-8002"});
    EXPECT_EQ(config.env, std::vector<std::string>{"legacy=form value"});
    EXPECT_EQ(config.exposedPorts.size(), 3u);
    EXPECT_THROW(applyChanges(config, {"RUN rm -rf /"}), SpecError);
    EXPECT_THROW(applyChanges(config, {"EXPOSE 70000"}), SpecError);
}

TEST_F(ImageStoreTest, LoadsOciLayoutDirectoryAndTarballWithGzipAndZstdLayers)
{
    const std::string layout = makeTemp();
    const BuiltImage built = addToOciLayout(layout, {{baseTar(), Compression::None},
                                                     {secondTar(), Compression::Gzip},
                                                     {thirdTar(), Compression::Zstd}},
                                            "example.test/app:v1");
    const auto images = loadDir(layout);
    ASSERT_EQ(images.size(), 1u);
    const Image &image = images[0];
    EXPECT_EQ(image.id, built.configDigest);
    EXPECT_EQ(image.diffIds, built.diffIds);
    EXPECT_EQ(image.repoTags, std::vector<std::string>{"example.test/app:v1"});
    ASSERT_EQ(image.layerDirs.size(), 3u);
    const std::string &bottom = image.layerDirs[2], &middle = image.layerDirs[1], &top = image.layerDirs[0];
    EXPECT_EQ(readFile(bottom + "/etc/os-release"), "ID=test\n");
    EXPECT_TRUE(isWhiteout(middle + "/data/old"));
    EXPECT_EQ(readFile(middle + "/data/new"), "new\n");
    EXPECT_EQ(opaqueXattr(top + "/data"), "y");
    EXPECT_EQ(image.config.cmd, std::vector<std::string>{"sh"});

    ImageStore other(makeTemp());
    const std::string tarball = makeTemp() + "/layout.tar";
    tarDirectory(layout, tarball);
    UniqueFd fd(::open(tarball.c_str(), O_RDONLY | O_CLOEXEC));
    const auto again = other.load(fd.get());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].id, built.configDigest);
}

TEST_F(ImageStoreTest, LoadsDockerSaveArchive)
{
    const std::string dir = makeTemp();
    const BuiltImage built = makeDockerSaveDir(dir, {baseTar(), secondTar()}, {"saved:v2", "other/saved:latest"});
    const std::string tarball = makeTemp() + "/saved.tar";
    tarDirectory(dir, tarball);
    const auto images = loadFile(tarball);
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0].id, built.configDigest);
    EXPECT_EQ(images[0].repoTags, (std::vector<std::string>{"other/saved:latest", "saved:v2"}));
    EXPECT_TRUE(isWhiteout(images[0].layerDirs[0] + "/data/old"));
}

TEST_F(ImageStoreTest, SaveThenLoadGivesTheSameImage)
{
    const Image busybox = store_->ensureBusybox();
    const std::string archive = makeTemp() + "/busybox.tar";
    {
        UniqueFd out(::open(archive.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        store_->save({"busybox"}, out.get());
    }
    const auto names = tarNames(readFile(archive));
    for (const char *name : {"oci-layout", "index.json", "manifest.json", "repositories"})
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    ImageStore other(makeTemp());
    UniqueFd in(::open(archive.c_str(), O_RDONLY | O_CLOEXEC));
    const auto loaded = other.load(in.get());
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].id, busybox.id);
    EXPECT_EQ(loaded[0].repoTags, std::vector<std::string>{"busybox:latest"});
}

// Layers made by another tar writer (here libarchive, with its own header layout, gzip and
// zstd) are saved as the very tars they came as: the image keeps its id.
TEST_F(ImageStoreTest, SaveWritesForeignLayersBackByteForByte)
{
    const std::string layout = makeTemp();
    const std::string longName = "deep/" + std::string(120, 'n') + "/file"; // a PAX path record
    const std::string longTar = makeTar({{TarEntry::Dir, "deep", "", 0755},
                                         {TarEntry::Dir, longName.substr(0, longName.size() - 5), "", 0755},
                                         {TarEntry::File, longName, std::string(70000, 'x')}});
    const BuiltImage built = addToOciLayout(layout, {{baseTar(), Compression::Gzip},
                                                     {secondTar(), Compression::None},
                                                     {thirdTar(), Compression::Zstd},
                                                     {longTar, Compression::Gzip}},
                                            "example.test/foreign:v1");
    loadDir(layout);
    const std::string archive = makeTemp() + "/foreign.tar";
    {
        UniqueFd out(::open(archive.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
        store_->save({"example.test/foreign:v1"}, out.get());
    }
    ImageStore other(makeTemp());
    UniqueFd in(::open(archive.c_str(), O_RDONLY | O_CLOEXEC));
    const Image loaded = other.load(in.get()).at(0);
    EXPECT_EQ(loaded.id, built.configDigest);
    EXPECT_EQ(loaded.diffIds, built.diffIds);
    EXPECT_EQ(loaded.repoTags, std::vector<std::string>{"example.test/foreign:v1"});
}

// Other tools read what save writes, and write what load reads: skopeo recompresses the
// layers as zstd into an OCI directory, and writes a docker-archive (legacy <id>/layer.tar
// symlinks to the blobs).
TEST_F(ImageStoreTest, SkopeoCopiesOfASavedImageLoadBackAsTheSameImage)
{
    if (std::system("skopeo --version > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "skopeo is not installed";
    const Image busybox = store_->ensureBusybox();
    const std::string work = makeTemp();
    {
        UniqueFd out(::open((work + "/saved.tar").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
        store_->save({"busybox:latest"}, out.get());
    }
    const std::string copy = "skopeo copy -q oci-archive:" + work + "/saved.tar:latest ";
    ASSERT_EQ(std::system((copy + "--dest-compress --dest-compress-format zstd oci:" + work + "/zstd:v1").c_str()), 0);
    ASSERT_EQ(std::system((copy + "docker-archive:" + work + "/docker.tar:copied/busybox:v1").c_str()), 0);

    ImageStore fromZstd(makeTemp());
    UniqueFd zstdDir(::open((work + "/zstd").c_str(), O_DIRECTORY | O_RDONLY | O_CLOEXEC));
    EXPECT_EQ(fromZstd.load(zstdDir.get()).at(0).id, busybox.id);
    ImageStore fromDocker(makeTemp());
    UniqueFd dockerTar(::open((work + "/docker.tar").c_str(), O_RDONLY | O_CLOEXEC));
    const Image loaded = fromDocker.load(dockerTar.get()).at(0);
    EXPECT_EQ(loaded.id, busybox.id);
    EXPECT_EQ(loaded.repoTags, std::vector<std::string>{"copied/busybox:v1"});
}

TEST_F(ImageStoreTest, ImagesShareTheirCommonLayer)
{
    const std::string layout = makeTemp();
    addToOciLayout(layout, {{baseTar(), Compression::None}, {secondTar(), Compression::Gzip}}, "first:1");
    addToOciLayout(layout, {{baseTar(), Compression::None}, {thirdTar(), Compression::Zstd}}, "second:1", "ls");
    const auto images = loadDir(layout);
    ASSERT_EQ(images.size(), 2u);
    EXPECT_EQ(images[0].layerDirs.back(), images[1].layerDirs.back());
    EXPECT_EQ(entries("layers").size(), 3u) << "the base layer is stored once";
    // Loading the same again adds nothing.
    EXPECT_EQ(loadDir(layout).size(), 2u);
    EXPECT_EQ(entries("layers").size(), 3u);
}

TEST_F(ImageStoreTest, CorruptBlobIsRefusedAndLeavesNothing)
{
    const std::string layout = makeTemp();
    const BuiltImage built = addToOciLayout(layout, {{baseTar(), Compression::None},
                                                     {secondTar(), Compression::Gzip}}, "bad:1");
    const std::string blob = layout + "/blobs/sha256/" + built.blobDigests[1].substr(7);
    std::string bytes = readFile(blob);
    bytes[bytes.size() / 2] ^= 0x40;
    writeFileAtomic(blob, bytes);
    try {
        loadDir(layout);
        FAIL() << "a corrupt blob was accepted";
    } catch (const BadContentError &e) {
        EXPECT_NE(std::string(e.what()).find(built.blobDigests[1]), std::string::npos) << e.what();
    }
    EXPECT_TRUE(entries("layers").empty()) << "the good first layer is taken back too";
    EXPECT_TRUE(entries("images").empty());
    EXPECT_FALSE(store_->find("bad:1"));
}

TEST_F(ImageStoreTest, DiffIdMismatchIsRefusedAndLeavesNothing)
{
    const std::string dir = makeTemp();
    const BuiltImage built = makeDockerSaveDir(dir, {baseTar(), secondTar()}, {"liar:1"});
    writeFileAtomic(dir + "/layer1/layer.tar", thirdTar()); // not what the config's diff_ids say
    const std::string tarball = makeTemp() + "/liar.tar";
    tarDirectory(dir, tarball);
    EXPECT_THROW(loadFile(tarball), BadContentError);
    EXPECT_TRUE(entries("layers").empty());
    EXPECT_TRUE(entries("images").empty());
}

TEST_F(ImageStoreTest, ArchiveEntriesCannotReachOutsideTheArchive)
{
    UniqueFd escaping = memoryFd(makeTar({{TarEntry::File, "../escaped-from-archive", "x"}}));
    EXPECT_THROW(store_->load(escaping.get()), BadContentError);
    EXPECT_FALSE(pathExists(root_ + "/images/escaped-from-archive"));
    EXPECT_TRUE(entries("images").empty());

    // A layer path that is a symlink to a host file resolves inside the archive: not found.
    const std::string dir = makeTemp();
    makeDockerSaveDir(dir, {baseTar()}, {"sneaky:1"});
    ::unlink((dir + "/layer0/layer.tar").c_str());
    ASSERT_EQ(::symlink("/etc/passwd", (dir + "/layer0/layer.tar").c_str()), 0);
    const std::string tarball = makeTemp() + "/sneaky.tar";
    tarDirectory(dir, tarball);
    EXPECT_THROW(loadFile(tarball), BadContentError);
    EXPECT_TRUE(entries("layers").empty());
    EXPECT_TRUE(entries("images").empty());
}

TEST_F(ImageStoreTest, RemoveUntagsThenDeletesAndPruneLeavesNoLayer)
{
    const std::string layout = makeTemp();
    addToOciLayout(layout, {{baseTar(), Compression::None}, {secondTar(), Compression::None}}, "app:1");
    const Image image = loadDir(layout)[0];
    store_->tag("app:1", "app:2");
    auto used = [&](const std::string &id) { return id == image.id; };
    auto unused = [](const std::string &) { return false; };

    RemovedImage removed = store_->remove("app:1", false, used);
    EXPECT_EQ(removed.untagged, std::vector<std::string>{"app:1"});
    EXPECT_TRUE(removed.deleted.empty());
    EXPECT_THROW(store_->remove("app:2", false, used), StateError);
    removed = store_->remove("app:2", true, used);
    EXPECT_EQ(removed.untagged, std::vector<std::string>{"app:2"});
    EXPECT_TRUE(removed.deleted.empty()) << "a container's image stays, untagged";
    EXPECT_EQ(store_->get(image.id).repoTags.size(), 0u);

    EXPECT_TRUE(store_->prune(false, used).deleted.empty());
    const PruneReport report = store_->prune(false, unused);
    EXPECT_EQ(report.deleted.size(), 3u); // the image and its two layers
    EXPECT_GT(report.reclaimedBytes, 0u);
    EXPECT_TRUE(entries("layers").empty());
    EXPECT_TRUE(entries("images").empty());

    const Image again = loadDir(layout)[0];
    removed = store_->remove(again.id.substr(7, 12), false, unused);
    EXPECT_EQ(removed.untagged, std::vector<std::string>{"app:1"});
    EXPECT_EQ(removed.deleted.size(), 3u);
    EXPECT_TRUE(entries("layers").empty());
}

TEST_F(ImageStoreTest, CommitTurnsOverlayWhiteoutsIntoOciOnes)
{
    const Image parent = store_->ensureBusybox();
    const std::string upper = makeTemp();
    makeDirs(upper + "/etc");
    makeDirs(upper + "/var/log");
    ASSERT_EQ(::mknod((upper + "/etc/hostname").c_str(), S_IFCHR | 0600, makedev(0, 0)), 0);
    ASSERT_EQ(::lsetxattr((upper + "/var/log").c_str(), "trusted.overlay.opaque", "y", 1, 0), 0);
    writeFileAtomic(upper + "/var/log/fresh", "fresh\n");
    writeFileAtomic(upper + "/new.txt", "committed\n");
    CommitOptions options;
    options.tag = "committed:1";
    options.author = "tester";
    options.message = "a change";
    options.changes = {R"(CMD ["cat", "/new.txt"])"};
    const Image image = store_->commit(upper, parent, options);
    ASSERT_EQ(image.diffIds.size(), 2u);
    EXPECT_EQ(image.diffIds[0], parent.diffIds[0]);
    EXPECT_EQ(image.layerDirs[1], parent.rootfs);
    EXPECT_EQ(image.config.cmd, (std::vector<std::string>{"cat", "/new.txt"}));
    EXPECT_EQ(image.config.env, parent.config.env);
    EXPECT_EQ(image.author, "tester");
    ASSERT_EQ(image.history.size(), 2u);
    EXPECT_EQ(image.history[1].comment, "a change");
    EXPECT_TRUE(isWhiteout(image.rootfs + "/etc/hostname"));
    EXPECT_EQ(opaqueXattr(image.rootfs + "/var/log"), "y");

    // The layer's tar, as save writes it, carries OCI whiteouts.
    const std::string archive = makeTemp() + "/committed.tar";
    {
        UniqueFd out(::open(archive.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
        store_->save({"committed:1"}, out.get());
    }
    const std::string extracted = makeTemp();
    ASSERT_EQ(std::system(("tar -C '" + extracted + "' -xf '" + archive + "'").c_str()), 0);
    const std::string layerTar = readFile(extracted + "/blobs/sha256/" + image.diffIds[1].substr(7));
    const auto names = tarNames(layerTar);
    auto has = [&](const std::string &suffix) {
        return std::any_of(names.begin(), names.end(), [&](const std::string &n) { return n.ends_with(suffix); });
    };
    EXPECT_TRUE(has("etc/.wh.hostname"));
    EXPECT_TRUE(has("var/log/.wh..wh..opq"));
    EXPECT_TRUE(has("new.txt"));
    ImageStore other(makeTemp());
    UniqueFd in(::open(archive.c_str(), O_RDONLY | O_CLOEXEC));
    EXPECT_EQ(other.load(in.get())[0].id, image.id) << "a committed image round-trips with its id";
}

} // namespace
} // namespace hako::test
