// Layer unpacking against hostile layers (each built here) and good ones: nothing may land
// outside the layer directory, and what a good layer says about its files is kept.
#include "error.h"
#include "fs.h"
#include "layer_tar_builder.h"
#include "layer_tree.h"
#include "layer_unpack.h"
#include "sha256.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace hako::test {
namespace {

class LayerUnpackTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (::geteuid() != 0)
            GTEST_SKIP() << "needs root (owners, device nodes, trusted.* xattrs)";
        char base[] = "/tmp/hako-layer-XXXXXX";
        ASSERT_NE(::mkdtemp(base), nullptr);
        base_ = base;
        layer_ = base_ + "/layer";
        makeDirs(layer_);
        writeFileAtomic(base_ + "/canary", "untouched");
    }

    void TearDown() override
    {
        if (base_.empty())
            return;
        // The host unchanged: beside the layer only the canary, as it was.
        EXPECT_EQ(listNames(base_), (std::vector<std::string>{"canary", "layer"}));
        EXPECT_EQ(readFile(base_ + "/canary"), "untouched");
        removeTree(base_);
    }

    UnpackResult unpack(const std::string &tar, const UnpackOptions &options = {}, const std::string &dir = {})
    {
        const std::string path = base_ + "/input.tar";
        writeFileAtomic(path, tar, 0600, Durability::FileOnly);
        UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        ::unlink(path.c_str());
        return unpackLayer(fd.get(), dir.empty() ? layer_ : dir, options);
    }

    // The error's message, or "" when the layer was unpacked.
    std::string refusal(const std::string &tar, const UnpackOptions &options = {})
    {
        try {
            unpack(tar, options);
        } catch (const BadContentError &e) {
            return e.what();
        }
        return {};
    }

    // A second layer directory for tests that unpack more than once (inside layer_, so the
    // host check in TearDown still holds).
    std::string makeLayer(const std::string &name)
    {
        const std::string dir = layer_ + "/" + name;
        makeDirs(dir);
        return dir;
    }

    std::string base_;
    std::string layer_;
};

TEST_F(LayerUnpackTest, DotDotIsRefusedNamingTheEntry)
{
    const std::string tar = TarBuilder().file("ok", "1").file("../escaped", "x").finish();
    EXPECT_EQ(refusal(tar), "layer entry \"../escaped\": path leaves the layer");
    EXPECT_FALSE(pathExists(base_ + "/escaped"));
    const std::string deep = TarBuilder().file("a/b/../../../escaped", "x").finish();
    EXPECT_NE(refusal(deep).find("path leaves the layer"), std::string::npos);
}

TEST_F(LayerUnpackTest, AbsolutePathsLandInside)
{
    const std::string marker = "/etc/hako-layer-test-absolute";
    unpack(TarBuilder().file(marker, "inside").file("./rel/./x", "y").finish());
    EXPECT_EQ(readFile(layer_ + marker), "inside");
    EXPECT_EQ(readFile(layer_ + "/rel/x"), "y");
    EXPECT_FALSE(pathExists(marker));
}

TEST_F(LayerUnpackTest, SymlinkToRootIsNeverFollowed)
{
    const std::string tar = TarBuilder()
                                .symlink("evil", "/")
                                .file("evil" + base_ + "/canary", "overwritten")
                                .finish();
    const std::string message = refusal(tar);
    EXPECT_NE(message.find("layer entry \"evil" + base_ + "/canary\""), std::string::npos) << message;
    EXPECT_NE(message.find("symlink"), std::string::npos) << message;
    char target[16] = {};
    ASSERT_EQ(::readlink((layer_ + "/evil").c_str(), target, sizeof target - 1), 1);
    EXPECT_STREQ(target, "/");
    // A relative one climbing out is no different.
    const std::string up = TarBuilder().symlink("up", "../..").file("up/escaped", "x").finish();
    const std::string upMessage = refusal(up);
    EXPECT_NE(upMessage.find("symlink"), std::string::npos) << upMessage;
    EXPECT_FALSE(pathExists(base_ + "/escaped"));
}

TEST_F(LayerUnpackTest, HardlinksOutsideAreRefused)
{
    struct stat before {};
    ASSERT_EQ(::stat("/etc/passwd", &before), 0);
    EXPECT_EQ(refusal(TarBuilder().hardlink("shadow", "/etc/shadow").finish()),
              "layer entry \"shadow\": hardlink target \"/etc/shadow\": not in the layer");
    EXPECT_EQ(refusal(TarBuilder().hardlink("passwd", "../../etc/passwd").finish()),
              "layer entry \"passwd\": hardlink target \"../../etc/passwd\": path leaves the layer");
    // Nor to a directory of the layer, nor through one of its symlinks.
    EXPECT_NE(refusal(TarBuilder().dir("d").hardlink("dlink", "d").finish()).find("not a regular file"),
              std::string::npos);
    EXPECT_NE(refusal(TarBuilder().symlink("etc", "/etc").hardlink("p", "etc/passwd").finish()).find("not in the layer"),
              std::string::npos);
    struct stat after {};
    ASSERT_EQ(::stat("/etc/passwd", &after), 0);
    EXPECT_EQ(after.st_nlink, before.st_nlink);
}

TEST_F(LayerUnpackTest, SymlinkLoopIsStoredNotFollowed)
{
    const std::string tar = TarBuilder().symlink("a", "b").symlink("b", "a").file("a/x", "x").finish();
    EXPECT_NE(refusal(tar).find("layer entry \"a/x\""), std::string::npos);
    struct stat st {};
    ASSERT_EQ(::lstat((layer_ + "/a").c_str(), &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST_F(LayerUnpackTest, TenGiBSparseClaimIsStoredSparse)
{
    constexpr int64_t kTenGiB = int64_t(10) << 30;
    // GNU tar writes the sparse map (PAX, GNU.sparse 1.0) of a file that is one hole but for
    // a page at each end.
    const std::string source = makeLayer("source");
    {
        UniqueFd fd(::open((source + "/big").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
        const std::string page(4096, 'S');
        ASSERT_EQ(::pwrite(fd.get(), page.data(), page.size(), 0), 4096);
        ASSERT_EQ(::pwrite(fd.get(), page.data(), page.size(), kTenGiB - 4096), 4096);
    }
    const std::string tarPath = source + "/big.tar";
    ASSERT_EQ(std::system(("tar --sparse --format=posix -C " + source + " -cf " + tarPath + " big").c_str()), 0);
    const std::string tar = readFile(tarPath);
    removeTree(source);
    EXPECT_LT(tar.size(), 64u << 10);
    const UnpackResult result = unpack(tar);
    struct stat st {};
    ASSERT_EQ(::stat((layer_ + "/big").c_str(), &st), 0);
    EXPECT_EQ(st.st_size, kTenGiB);
    EXPECT_LT(int64_t(st.st_blocks) * 512, int64_t(1) << 20) << "the holes were written out";
    EXPECT_EQ(result.unpackedBytes, 8192u);
}

TEST_F(LayerUnpackTest, ClaimsBeyondTheBudgetOrTheDiskAreRefused)
{
    constexpr int64_t kTenGiB = int64_t(10) << 30;
    UnpackOptions options;
    options.maxBytes = 1 << 20;
    const std::string overBudget = refusal(TarBuilder().claimOnly("big", kTenGiB).finish(), options);
    EXPECT_NE(overBudget.find("layer entry \"big\": the layer's files claim more than 1048576 bytes"), std::string::npos)
        << overBudget;
    // More than any disk here: refused before a byte is written, whatever the budget.
    options.maxBytes = UINT64_MAX;
    const std::string overDisk = refusal(TarBuilder().claimOnly("huge", int64_t(1) << 60).finish(), options);
    EXPECT_NE(overDisk.find("free in " + layer_), std::string::npos) << overDisk;
}

TEST_F(LayerUnpackTest, DevicesOnlyWhenAllowed)
{
    UnpackOptions options;
    options.allowDevices = false;
    const std::string tar = TarBuilder().node("fifo", AE_IFIFO).node("dev/mem2", AE_IFCHR, 1, 1).finish();
    EXPECT_EQ(refusal(tar, options), "layer entry \"dev/mem2\": device nodes are not allowed in this layer");
    struct stat st {};
    ASSERT_EQ(::lstat((layer_ + "/fifo").c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
    EXPECT_FALSE(pathExists(layer_ + "/dev/mem2"));
}

TEST_F(LayerUnpackTest, TruncatedAndCorruptStreamsAreBadContent)
{
    const std::string big(300000, 'z');
    const std::string plain = TarBuilder().file("f", big).finish();
    EXPECT_NE(refusal(plain.substr(0, 100000)).find("layer entry \"f\""), std::string::npos);
    const std::string gzip = TarBuilder(Compression::Gzip).file("f", big).finish();
    EXPECT_FALSE(refusal(gzip.substr(0, gzip.size() / 2)).empty());
    std::string corrupt = gzip;
    corrupt[20] = char(corrupt[20] ^ 0x55);
    EXPECT_FALSE(refusal(corrupt).empty());
    EXPECT_NE(refusal(std::string(4096, '\x07')).find("layer"), std::string::npos);
}

TEST_F(LayerUnpackTest, WhiteoutsBecomeOverlayWhiteouts)
{
    unpack(TarBuilder().dir("d").file("d/keep", "k").file(".wh.gone", "").file("d/.wh..wh..opq", "").finish());
    struct stat st {};
    ASSERT_EQ(::lstat((layer_ + "/gone").c_str(), &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
    EXPECT_EQ(st.st_rdev, makedev(0, 0));
    EXPECT_FALSE(pathExists(layer_ + "/.wh.gone"));
    char value[4] = {};
    EXPECT_EQ(::lgetxattr((layer_ + "/d").c_str(), "trusted.overlay.opaque", value, sizeof value), 1);
    EXPECT_EQ(value[0], 'y');
    EXPECT_FALSE(pathExists(layer_ + "/d/.wh..wh..opq"));
}

TEST_F(LayerUnpackTest, ForgedOverlayXattrsAreDropped)
{
    TarBuilder::Meta meta{.mode = 0755, .xattrs = {{"trusted.overlay.opaque", "y"}, {"user.kept", "1"}}};
    unpack(TarBuilder().dir("d", meta).finish());
    char value[4] = {};
    EXPECT_LT(::lgetxattr((layer_ + "/d").c_str(), "trusted.overlay.opaque", value, sizeof value), 0);
    EXPECT_EQ(::lgetxattr((layer_ + "/d").c_str(), "user.kept", value, sizeof value), 1);
}

TEST_F(LayerUnpackTest, OwnersModesTimesAndXattrsAreKept)
{
    TarBuilder::Meta setuid{.mode = 04755, .uid = 1234, .gid = 5678, .mtime = 1000000000,
                            .xattrs = {{"user.note", "hello"}}};
    TarBuilder::Meta sticky{.mode = 01777, .uid = 42, .gid = 43, .mtime = 1100000000};
    unpack(TarBuilder().dir("tmp", sticky).file("tmp/su", "#!", setuid).file("tmp/later", "x").finish());
    struct stat st {};
    ASSERT_EQ(::stat((layer_ + "/tmp/su").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 04755u);
    EXPECT_EQ(st.st_uid, 1234u);
    EXPECT_EQ(st.st_gid, 5678u);
    EXPECT_EQ(st.st_mtim.tv_sec, 1000000000);
    char value[16] = {};
    EXPECT_EQ(::getxattr((layer_ + "/tmp/su").c_str(), "user.note", value, sizeof value), 5);
    EXPECT_STREQ(value, "hello");
    ASSERT_EQ(::stat((layer_ + "/tmp").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 01777u);
    EXPECT_EQ(st.st_uid, 42u);
    // Set after its children were created, so still the tar's.
    EXPECT_EQ(st.st_mtim.tv_sec, 1100000000);
}

TEST_F(LayerUnpackTest, LaterEntriesReplaceEarlierOnes)
{
    unpack(TarBuilder()
               .file("x", "file first")
               .dir("x")
               .file("x/inner", "1")
               .file("x", "a file again")
               .symlink("l", "a")
               .symlink("l", "b")
               .file("f", "one")
               .hardlink("h", "f")
               .finish());
    EXPECT_EQ(readFile(layer_ + "/x"), "a file again");
    char target[8] = {};
    ASSERT_EQ(::readlink((layer_ + "/l").c_str(), target, sizeof target), 1);
    EXPECT_EQ(target[0], 'b');
    struct stat f {}, h {};
    ASSERT_EQ(::stat((layer_ + "/f").c_str(), &f), 0);
    ASSERT_EQ(::stat((layer_ + "/h").c_str(), &h), 0);
    EXPECT_EQ(f.st_ino, h.st_ino);
}

TEST_F(LayerUnpackTest, DiffIdIsTheUncompressedDigestWhateverTheCompression)
{
    const auto build = [](Compression c) {
        return TarBuilder(c).dir("etc").file("etc/hostname", "box\n").file("bin/big", std::string(200000, 'b')).finish();
    };
    const std::string plain = build(Compression::None);
    const UnpackResult fromPlain = unpack(plain, {}, makeLayer("plain"));
    const UnpackResult fromGzip = unpack(build(Compression::Gzip), {}, makeLayer("gzip"));
    const UnpackResult fromZstd = unpack(build(Compression::Zstd), {}, makeLayer("zstd"));
    EXPECT_EQ(fromGzip.diffId, fromPlain.diffId);
    EXPECT_EQ(fromZstd.diffId, fromPlain.diffId);
    EXPECT_EQ(fromPlain.tarBytes, plain.size());
    EXPECT_EQ(fromPlain.unpackedBytes, 200004u);
    // As sha256sum says of the uncompressed file.
    const std::string path = layer_ + "-plain.tar";
    writeFileAtomic(path, plain, 0600, Durability::FileOnly);
    FILE *pipe = ::popen(("sha256sum " + path).c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char line[128] = {};
    ASSERT_NE(std::fgets(line, sizeof line, pipe), nullptr);
    ::pclose(pipe);
    ::unlink(path.c_str());
    EXPECT_EQ(fromPlain.diffId, "sha256:" + std::string(line, 64));
}

TEST_F(LayerUnpackTest, RoundTripThroughWriteLayerTar)
{
    TarBuilder::Meta owned{.mode = 02750, .uid = 7, .gid = 8, .mtime = 1200000000, .xattrs = {{"user.a", "b"}}};
    const std::string original = TarBuilder()
                                     .dir("d", owned)
                                     .file("d/f", "content", owned)
                                     .hardlink("d/g", "d/f")
                                     .symlink("d/s", "../nowhere")
                                     .node("d/fifo", AE_IFIFO)
                                     .node("d/null", AE_IFCHR, 1, 3)
                                     .dir("opaque")
                                     .file("opaque/.wh..wh..opq", "")
                                     .file("opaque/new", "n")
                                     .file(".wh.deleted", "")
                                     .dir("proc")
                                     .file("proc/skipped", "x")
                                     .finish();
    const std::string first = makeLayer("first");
    unpack(original, {}, first);
    const std::string tarPath = base_ + "/layer/out.tar";
    UniqueFd out(::open(tarPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    LayerTarOptions options;
    options.ociWhiteouts = true;
    options.emptyDirs = {"proc"};
    const LayerTarResult written = writeLayerTar(first, out.get(), options);
    out.reset();
    const std::string tar = readFile(tarPath);
    ::unlink(tarPath.c_str());
    EXPECT_EQ(written.diffId, "sha256:" + sha256Hex(tar));
    EXPECT_EQ(written.tarBytes, tar.size());
    const std::string second = makeLayer("second");
    const UnpackResult again = unpack(tar, {}, second);
    EXPECT_EQ(again.diffId, written.diffId);
    std::vector<std::string> expected = describeTree(first);
    std::erase_if(expected, [](const std::string &line) { return line.starts_with("proc/skipped "); });
    const std::vector<std::string> got = describeTree(second);
    EXPECT_EQ(got, expected);
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [](const std::string &line) {
        return line.starts_with("opaque ") && line.find("trusted.overlay.opaque=y") != std::string::npos;
    }));
}

TEST_F(LayerUnpackTest, CancelStopsWithCancelledError)
{
    std::atomic<bool> cancel{true};
    UnpackOptions options;
    options.cancel = &cancel;
    EXPECT_THROW(unpack(TarBuilder().file("f", "x").finish(), options), CancelledError);
    EXPECT_FALSE(pathExists(layer_ + "/f"));
}

} // namespace
} // namespace hako::test
