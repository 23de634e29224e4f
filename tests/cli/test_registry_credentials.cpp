// hakoctl pull's credentials from Docker's client config, as `docker login` leaves them.
#include "registry_credentials.h"

#include "qt_print.h"

#include <gtest/gtest.h>

using namespace hako::cli;

namespace {

using Credentials = std::optional<std::pair<QString, QString>>;

Credentials pair(const char *user, const char *password)
{
    return std::pair{QString::fromUtf8(user), QString::fromUtf8(password)};
}

} // namespace

TEST(RegistryCredentials, AuthFieldIsBase64OfUserColonPassword)
{
    // base64("alice:s3:cret") — the password may hold a colon; only the first one splits.
    const QByteArray config = R"({"auths":{"127.0.0.1:5000":{"auth":"YWxpY2U6czM6Y3JldA=="}}})";
    EXPECT_EQ(credentialsFromDockerConfig(config, QStringLiteral("127.0.0.1:5000")), pair("alice", "s3:cret"));
    EXPECT_EQ(credentialsFromDockerConfig(config, QStringLiteral("127.0.0.1:5001")), Credentials());
}

TEST(RegistryCredentials, DockerHubAndSchemeKeysAndPlainFields)
{
    const QByteArray hub = R"({"auths":{"https://index.docker.io/v1/":{"auth":"Ym9iOnB3"}}})";
    EXPECT_EQ(credentialsFromDockerConfig(hub, QStringLiteral("docker.io")), pair("bob", "pw"));
    const QByteArray scheme = R"({"auths":{"https://reg.example:443":{"username":"u","password":"p"}}})";
    EXPECT_EQ(credentialsFromDockerConfig(scheme, QStringLiteral("reg.example:443")), pair("u", "p"));
}

TEST(RegistryCredentials, NothingUsableGivesNothing)
{
    EXPECT_EQ(credentialsFromDockerConfig("not json", QStringLiteral("docker.io")), Credentials());
    EXPECT_EQ(credentialsFromDockerConfig(R"({"credsStore":"desktop"})", QStringLiteral("docker.io")), Credentials());
    EXPECT_EQ(credentialsFromDockerConfig(R"({"auths":{"docker.io":{"auth":"bm9jb2xvbg=="}}})",
                                          QStringLiteral("docker.io")),
              Credentials()) << "base64 of a text without a colon";
}
