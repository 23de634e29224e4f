// The registry client's parsers: WWW-Authenticate challenges, manifests and indexes, the
// platform choice, and base64 for basic auth.
#include "error.h"
#include "registry_auth.h"
#include "registry_http.h"
#include "registry_manifest.h"

#include <gtest/gtest.h>

namespace hako {
namespace {

const std::string kDigestA = "sha256:" + std::string(64, 'a');
const std::string kDigestB = "sha256:" + std::string(64, 'b');

TEST(RegistryParse, BearerChallenge)
{
    const auto c = parseAuthChallenge(
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull")");
    EXPECT_EQ(c.scheme, "bearer");
    EXPECT_EQ(c.params.at("realm"), "https://auth.docker.io/token");
    EXPECT_EQ(c.params.at("service"), "registry.docker.io");
    EXPECT_EQ(c.params.at("scope"), "repository:library/busybox:pull");
}

TEST(RegistryParse, BasicChallengeAndUnquotedValues)
{
    EXPECT_EQ(parseAuthChallenge(R"(Basic realm="my \"realm\"")").params.at("realm"), "my \"realm\"");
    const auto c = parseAuthChallenge("Bearer realm=http://x/token, service=x");
    EXPECT_EQ(c.params.at("realm"), "http://x/token");
    EXPECT_EQ(c.params.at("service"), "x");
}

TEST(RegistryParse, Base64)
{
    EXPECT_EQ(base64Encode(""), "");
    EXPECT_EQ(base64Encode("f"), "Zg==");
    EXPECT_EQ(base64Encode("fo"), "Zm8=");
    EXPECT_EQ(base64Encode("foo"), "Zm9v");
    EXPECT_EQ(base64Encode("alice:s3cret"), "YWxpY2U6czNjcmV0");
}

TEST(RegistryParse, ImageManifest)
{
    const std::string body = R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
        "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":")" + kDigestA + R"(","size":10},
        "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":")" + kDigestB + R"(","size":20}]})";
    const Manifest m = parseManifest(body, "", "u");
    EXPECT_FALSE(m.isIndex);
    EXPECT_EQ(m.config.digest, kDigestA);
    ASSERT_EQ(m.layers.size(), 1u);
    EXPECT_EQ(m.layers[0].size, 20u);
}

TEST(RegistryParse, IndexWithoutMediaTypeAndPlatformChoice)
{
    const std::string body = R"({"schemaVersion":2,"manifests":[
        {"digest":")" + kDigestA + R"(","size":1,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
        {"digest":")" + kDigestB + R"(","size":1,"platform":{"os":"linux","architecture":"amd64","variant":"v3"}}]})";
    const Manifest m = parseManifest(body, "application/vnd.oci.image.index.v1+json", "u");
    ASSERT_TRUE(m.isIndex);
    EXPECT_EQ(pickLinuxAmd64(m, "app").digest, kDigestB); // the variant does not matter
    Manifest armOnly = m;
    armOnly.manifests.pop_back();
    try {
        pickLinuxAmd64(armOnly, "app");
        FAIL();
    } catch (const NotFoundError &e) {
        EXPECT_NE(std::string(e.what()).find("linux/arm64"), std::string::npos) << e.what();
    }
}

TEST(RegistryParse, RefusedManifests)
{
    EXPECT_THROW(parseManifest("not json", "", "u"), BadContentError);
    EXPECT_THROW(parseManifest(R"({"schemaVersion":1,"fsLayers":[]})", "", "u"), BadContentError);
    EXPECT_THROW(parseManifest(R"({"schemaVersion":2,"config":{"digest":"md5:x"},"layers":[]})", "", "u"),
                 BadContentError);
    const std::string foreign = R"({"schemaVersion":2,"config":{"digest":")" + kDigestA
        + R"(","size":1},"layers":[{"digest":")" + kDigestB + R"(","size":1,"urls":["https://x"]}]})";
    EXPECT_THROW(parseManifest(foreign, "", "u"), BadContentError);
    // Without a size nothing bounds the download (a config read into memory, a layer on disk).
    const std::string sizeless = R"({"schemaVersion":2,"config":{"digest":")" + kDigestA
        + R"("},"layers":[{"digest":")" + kDigestB + R"(","size":1}]})";
    EXPECT_THROW(parseManifest(sizeless, "", "u"), BadContentError);
    const std::string zero = R"({"schemaVersion":2,"config":{"digest":")" + kDigestA
        + R"(","size":1},"layers":[{"digest":")" + kDigestB + R"(","size":0}]})";
    EXPECT_THROW(parseManifest(zero, "", "u"), BadContentError);
}

TEST(RegistryParse, ConfigDiffIds)
{
    EXPECT_EQ(configDiffIds(R"({"rootfs":{"type":"layers","diff_ids":[")" + kDigestA + R"("]}})", "c"),
              std::vector<std::string>{kDigestA});
    EXPECT_THROW(configDiffIds(R"({"rootfs":{}})", "c"), BadContentError);
    EXPECT_THROW(configDiffIds(R"({"rootfs":{"diff_ids":["sha256:12"]}})", "c"), BadContentError);
}

} // namespace
} // namespace hako
