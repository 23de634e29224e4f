// The arguments of the image and volume methods, checked before polkit is asked (a malformed
// call gets InvalidArgs naming the argument and changes nothing), and turned into core's
// requests. Also the one piece of daemon configuration the helper reads: Docker's
// daemon.json "insecure-registries".
#pragma once

#include "errors.h"

#include "fd.h"
#include "image.h"
#include "registry_pull.h"

#include <QDBusUnixFileDescriptor>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace hako::helper
{

enum class FdAccess { Read, Write };

// A copy of a passed fd that is open for `access`; InvalidArgs naming `argument` otherwise
// (not passed, closed, or open the wrong way round).
std::variant<std::shared_ptr<UniqueFd>, Failure> takeFd(const QDBusUnixFileDescriptor &fd,
                                                        FdAccess access, const char *argument);

// An image reference ("busybox", "127.0.0.1:5000/app:v1"); InvalidArgs naming it and
// `argument` when it does not parse.
std::variant<ImageRef, Failure> checkImageRef(const QString &ref, const char *argument);
// A name to tag with: as checkImageRef, and without a digest.
std::optional<Failure> checkTag(const QString &tag, const char *argument);

// PullImage's options: Username, Password (s).
std::variant<std::optional<RegistryCredentials>, Failure>
parsePullOptions(const QVariantMap &options);

// ImportImage's options: Kind (s, "rootfs" | "archive"; required), Tag, Message (s), Changes
// (as; rootfs only, each instruction checked).
struct ImportRequest {
    bool rootfs = true;
    ImportOptions options;
};
std::variant<ImportRequest, Failure> parseImportOptions(const QVariantMap &options);

// CommitContainer's tag and options: Author, Message (s), Changes (as).
std::variant<CommitOptions, Failure> parseCommitOptions(const QString &tag,
                                                        const QVariantMap &options);

// CreateVolume: the name (empty: a generated one) and its options: Labels (a{ss}).
std::optional<Failure> checkVolumeName(const QString &name, bool emptyOk);
std::variant<std::map<std::string, std::string>, Failure>
parseVolumeOptions(const QVariantMap &options);

// "insecure-registries" of the daemon.json at `path` (none when the file does not exist).
// Error naming the file when it cannot be read or is not the JSON expected.
std::vector<std::string> insecureRegistries(const std::string &path);

} // namespace hako::helper
