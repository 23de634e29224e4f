#include "image_requests.h"

#include "option_checks.h"

#include "error.h"
#include "image_ref.h"

#include <QDBusArgument>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <fcntl.h>

namespace hako::helper
{

namespace
{

std::optional<Failure> stringOption(const QVariantMap &options, const QString &key,
                                    std::string &out)
{
    if (!options.contains(key))
        return std::nullopt;
    const QVariant value = options.value(key);
    if (value.metaType() != QMetaType::fromType<QString>())
        return invalidArgument("options: " + key + " must be a string (s)");
    out = value.toString().toStdString();
    return std::nullopt;
}

std::optional<Failure> stringListOption(const QVariantMap &options, const QString &key,
                                        std::vector<std::string> &out)
{
    if (!options.contains(key))
        return std::nullopt;
    const QVariant value = options.value(key);
    if (value.metaType() != QMetaType::fromType<QStringList>())
        return invalidArgument("options: " + key + " must be a list of strings (as)");
    for (const QString &item : value.toStringList())
        out.push_back(item.toStdString());
    return std::nullopt;
}

// Dockerfile instructions (docker import/commit --change), tried on a scratch config.
std::optional<Failure> checkChanges(const std::vector<std::string> &changes)
{
    try {
        ImageConfig scratch;
        applyChanges(scratch, changes);
    } catch (const std::exception &e) {
        return invalidArgument(QStringLiteral("options: Changes: ") + QString::fromStdString(e.what()));
    }
    return std::nullopt;
}

} // namespace

std::variant<std::shared_ptr<UniqueFd>, Failure> takeFd(const QDBusUnixFileDescriptor &fd,
                                                        FdAccess access, const char *argument)
{
    const QString name = QString::fromLatin1(argument);
    if (!fd.isValid())
        return invalidArgument(name + ": no file descriptor was passed");
    const int flags = ::fcntl(fd.fileDescriptor(), F_GETFL);
    if (flags < 0)
        return invalidArgument(name + ": the file descriptor passed is not open");
    // An O_PATH fd reports O_RDONLY but grants no reading: it would let a caller point the
    // root helper at a directory it may only search.
    if (flags & O_PATH)
        return invalidArgument(name + ": an O_PATH file descriptor cannot be read or written");
    const int mode = flags & O_ACCMODE;
    const bool ok = access == FdAccess::Read ? mode != O_WRONLY : mode != O_RDONLY;
    if (!ok)
        return invalidArgument(name + (access == FdAccess::Read
                                   ? ": the file descriptor passed is not open for reading"
                                   : ": the file descriptor passed is not open for writing"));
    auto copy = std::make_shared<UniqueFd>(::fcntl(fd.fileDescriptor(), F_DUPFD_CLOEXEC, 3));
    if (!*copy)
        return Failure{errors::Failed, name + ": cannot duplicate the file descriptor passed"};
    return copy;
}

std::variant<ImageRef, Failure> checkImageRef(const QString &ref, const char *argument)
{
    if (ref.isEmpty() || ref.size() > 512)
        return invalidArgument(QString::fromLatin1(argument) +
                       ": an image reference of 1 to 512 characters is needed");
    try {
        return parseImageRef(ref.toStdString());
    } catch (const std::exception &e) {
        return invalidArgument(
            QStringLiteral("%1: \"%2\" is not an image reference: %3")
                .arg(QString::fromLatin1(argument), ref, QString::fromStdString(e.what())));
    }
}

std::optional<Failure> checkTag(const QString &tag, const char *argument)
{
    auto parsed = checkImageRef(tag, argument);
    if (const Failure *failure = std::get_if<Failure>(&parsed))
        return *failure;
    if (!std::get<ImageRef>(parsed).digest.empty())
        return invalidArgument(QStringLiteral("%1: \"%2\" names a digest; a tag is name[:tag]")
                           .arg(QString::fromLatin1(argument), tag));
    return std::nullopt;
}

std::variant<std::optional<RegistryCredentials>, Failure>
parsePullOptions(const QVariantMap &options)
{
    if (auto failure = checkOptionKeys(options, {"Username", "Password"}, "PullImage"))
        return *failure;
    RegistryCredentials credentials;
    if (auto failure = stringOption(options, "Username", credentials.username))
        return *failure;
    if (auto failure = stringOption(options, "Password", credentials.password))
        return *failure;
    if (credentials.username.empty() && credentials.password.empty())
        return std::optional<RegistryCredentials>{};
    return std::optional<RegistryCredentials>{credentials};
}

std::variant<ImportRequest, Failure> parseImportOptions(const QVariantMap &options)
{
    if (auto failure = checkOptionKeys(options, {"Kind", "Tag", "Changes", "Message"}, "ImportImage"))
        return *failure;
    ImportRequest request;
    std::string kind;
    if (auto failure = stringOption(options, "Kind", kind))
        return *failure;
    if (kind != "rootfs" && kind != "archive")
        return invalidArgument(
            QStringLiteral("options: Kind must be \"rootfs\" (docker import) or \"archive\" "
                           "(docker load), not \"%1\"")
                .arg(QString::fromStdString(kind)));
    request.rootfs = kind == "rootfs";
    if (auto failure = stringOption(options, "Tag", request.options.tag))
        return *failure;
    if (auto failure = stringListOption(options, "Changes", request.options.changes))
        return *failure;
    if (auto failure = stringOption(options, "Message", request.options.message))
        return *failure;
    // An archive names its images itself: a tag or changes would be silently lost.
    if (!request.rootfs && (!request.options.tag.empty() || !request.options.changes.empty()))
        return invalidArgument("options: Tag and Changes apply to Kind \"rootfs\" only");
    if (!request.options.tag.empty())
        if (auto failure = checkTag(QString::fromStdString(request.options.tag), "options: Tag"))
            return *failure;
    if (auto failure = checkChanges(request.options.changes))
        return *failure;
    return request;
}

std::variant<CommitOptions, Failure> parseCommitOptions(const QString &tag,
                                                        const QVariantMap &options)
{
    if (auto failure = checkOptionKeys(options, {"Author", "Message", "Changes"}, "CommitContainer"))
        return *failure;
    CommitOptions commit;
    if (!tag.isEmpty()) {
        if (auto failure = checkTag(tag, "tag"))
            return *failure;
        commit.tag = tag.toStdString();
    }
    if (auto failure = stringOption(options, "Author", commit.author))
        return *failure;
    if (auto failure = stringOption(options, "Message", commit.message))
        return *failure;
    if (auto failure = stringListOption(options, "Changes", commit.changes))
        return *failure;
    if (auto failure = checkChanges(commit.changes))
        return *failure;
    return commit;
}

std::optional<Failure> checkVolumeName(const QString &name, bool emptyOk)
{
    if (name.isEmpty())
        return emptyOk ? std::nullopt
                       : std::optional<Failure>(invalidArgument("name: a volume name is needed"));
    // Docker's rule for volume names.
    static const QRegularExpression valid(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$"));
    if (name.size() > 255 || !valid.match(name).hasMatch())
        return invalidArgument(
            QStringLiteral("name: \"%1\" is not a volume name ([a-zA-Z0-9][a-zA-Z0-9_.-]+, "
                           "at most 255 characters)")
                .arg(name));
    return std::nullopt;
}

std::variant<std::map<std::string, std::string>, Failure>
parseVolumeOptions(const QVariantMap &options)
{
    if (auto failure = checkOptionKeys(options, {"Labels"}, "CreateVolume"))
        return *failure;
    std::map<std::string, std::string> labels;
    if (!options.contains("Labels"))
        return labels;
    const QVariant value = options.value("Labels");
    QMap<QString, QString> map;
    if (value.metaType() == QMetaType::fromType<QDBusArgument>() &&
        value.value<QDBusArgument>().currentSignature() == QLatin1String("a{ss}")) {
        map = qdbus_cast<QMap<QString, QString>>(value);
    } else {
        return invalidArgument("options: Labels must be a map of strings (a{ss})");
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it.key().isEmpty())
            return invalidArgument("options: Labels: a label needs a name");
        labels[it.key().toStdString()] = it.value().toStdString();
    }
    return labels;
}

std::vector<std::string> insecureRegistries(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        throw Error("read " + path + ": " + file.errorString().toStdString());
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw Error(path + ": not a JSON object (" + error.errorString().toStdString() + ")");
    const QJsonValue list = doc.object().value("insecure-registries");
    if (list.isUndefined())
        return {};
    if (!list.isArray())
        throw Error(path + ": \"insecure-registries\" must be a list of \"host:port\" strings");
    std::vector<std::string> out;
    for (const QJsonValue &item : list.toArray()) {
        if (!item.isString())
            throw Error(path + ": \"insecure-registries\" must be a list of \"host:port\" strings");
        out.push_back(item.toString().toStdString());
    }
    return out;
}

} // namespace hako::helper
