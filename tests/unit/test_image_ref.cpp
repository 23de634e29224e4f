// Image references normalised as `docker pull` does, and refused with a message that names
// the reference and what is wrong with it.
#include "error.h"
#include "image_ref.h"

#include <gtest/gtest.h>

namespace hako {
namespace {

const std::string kHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

TEST(ImageRef, ShortNameGetsDockerHubLibraryAndLatest)
{
    const auto ref = parseImageRef("busybox");
    EXPECT_EQ(ref.registry, "docker.io");
    EXPECT_EQ(ref.repository, "library/busybox");
    EXPECT_EQ(ref.tag, "latest");
    EXPECT_EQ(ref.digest, "");
    EXPECT_EQ(ref.canonical(), "docker.io/library/busybox:latest");
    EXPECT_EQ(ref.familiar(), "busybox:latest");
    EXPECT_EQ(ref.familiarName(), "busybox");
    EXPECT_EQ(ref.apiHost(), "registry-1.docker.io");
}

TEST(ImageRef, ExplicitDefaultsAreDroppedInFamiliarForm)
{
    for (const char *text : {"docker.io/library/busybox:1.36", "library/busybox:1.36",
                             "docker.io/busybox:1.36", "index.docker.io/library/busybox:1.36"}) {
        const auto ref = parseImageRef(text);
        EXPECT_EQ(ref.canonical(), "docker.io/library/busybox:1.36") << text;
        EXPECT_EQ(ref.familiar(), "busybox:1.36") << text;
    }
}

TEST(ImageRef, HubUserRepositoryKeepsItsNamespace)
{
    const auto ref = parseImageRef("team/app");
    EXPECT_EQ(ref.registry, "docker.io");
    EXPECT_EQ(ref.repository, "team/app");
    EXPECT_EQ(ref.familiar(), "team/app:latest");
    // library/ is dropped only right under the library namespace.
    EXPECT_EQ(parseImageRef("library/a/b").familiarName(), "library/a/b");
}

TEST(ImageRef, FirstComponentIsARegistryWithDotPortOrLocalhost)
{
    auto ref = parseImageRef("registry.example/team/app:v1");
    EXPECT_EQ(ref.registry, "registry.example");
    EXPECT_EQ(ref.repository, "team/app");
    EXPECT_EQ(ref.apiHost(), "registry.example");
    EXPECT_EQ(ref.familiar(), "registry.example/team/app:v1");

    ref = parseImageRef("127.0.0.1:5000/app");
    EXPECT_EQ(ref.registry, "127.0.0.1:5000");
    EXPECT_EQ(ref.repository, "app"); // no library/ outside Docker Hub
    EXPECT_EQ(ref.familiar(), "127.0.0.1:5000/app:latest");
    EXPECT_EQ(ref.familiarName(), "127.0.0.1:5000/app");

    ref = parseImageRef("localhost/app:v2");
    EXPECT_EQ(ref.registry, "localhost");
    EXPECT_EQ(ref.tag, "v2");

    ref = parseImageRef("[::1]:5000/app");
    EXPECT_EQ(ref.registry, "[::1]:5000");
}

TEST(ImageRef, DigestForms)
{
    auto ref = parseImageRef("busybox@sha256:" + kHex);
    EXPECT_EQ(ref.tag, "");
    EXPECT_EQ(ref.digest, "sha256:" + kHex);
    EXPECT_EQ(ref.familiar(), "busybox@sha256:" + kHex);
    EXPECT_EQ(ref.canonical(), "docker.io/library/busybox@sha256:" + kHex);

    ref = parseImageRef("localhost:5000/a/b:v1@sha256:" + kHex);
    EXPECT_EQ(ref.registry, "localhost:5000");
    EXPECT_EQ(ref.repository, "a/b");
    EXPECT_EQ(ref.tag, "v1");
    EXPECT_EQ(ref.digest, "sha256:" + kHex);
    EXPECT_EQ(ref.familiar(), "localhost:5000/a/b:v1@sha256:" + kHex);
}

TEST(ImageRef, SeparatorsInRepositoryComponents)
{
    EXPECT_EQ(parseImageRef("x/a.b_c__d-e--f").repository, "x/a.b_c__d-e--f");
    EXPECT_NO_THROW(parseImageRef("app:" + std::string(128, 'x')));
    EXPECT_NO_THROW(parseImageRef("app:_v1.0-rc"));
}

void expectRefused(const std::string &text, const std::string &why)
{
    try {
        parseImageRef(text);
        ADD_FAILURE() << text << " was accepted";
    } catch (const SpecError &e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("\"" + text + "\""), std::string::npos) << message;
        EXPECT_NE(message.find(why), std::string::npos) << message;
    }
}

TEST(ImageRef, BadReferencesNameTheProblem)
{
    expectRefused("", "empty reference");
    expectRefused("BusyBox", "must be lowercase");
    expectRefused("busybox:", "empty tag");
    expectRefused("busybox:-x", "must start with");
    expectRefused("busybox:a+b", "may only contain");
    expectRefused("busybox:" + std::string(129, 'x'), "longer than 128");
    expectRefused("busybox@sha256:abc", "64 lowercase hex");
    expectRefused("busybox@md5:" + kHex, "sha256:<64 hex digits>");
    expectRefused("busybox@sha256:" + kHex.substr(0, 63) + "G", "64 lowercase hex");
    expectRefused("a//b", "empty path component");
    expectRefused("a/-b", "must start and end");
    expectRefused("a/b..c", "invalid separator");
    expectRefused("a/b___c", "invalid separator");
    expectRefused("host:port/app", "not a number");
    expectRefused("bad_host.example/app", "not a valid host name");
    expectRefused(kHex, "64-digit hex");
    expectRefused("example.com/" + std::string(250, 'a'), "longer than 255");
}

TEST(ImageRef, LoopbackRegistries)
{
    EXPECT_TRUE(isLoopbackRegistry("localhost"));
    EXPECT_TRUE(isLoopbackRegistry("localhost:5000"));
    EXPECT_TRUE(isLoopbackRegistry("127.0.0.1:5000"));
    EXPECT_TRUE(isLoopbackRegistry("127.3.4.5"));
    EXPECT_TRUE(isLoopbackRegistry("[::1]:5000"));
    EXPECT_TRUE(isLoopbackRegistry("::1"));
    EXPECT_FALSE(isLoopbackRegistry("docker.io"));
    EXPECT_FALSE(isLoopbackRegistry("10.0.0.1:5000"));
    EXPECT_FALSE(isLoopbackRegistry("localhost.example:5000"));
    EXPECT_FALSE(isLoopbackRegistry("128.0.0.1"));
}

} // namespace
} // namespace hako
