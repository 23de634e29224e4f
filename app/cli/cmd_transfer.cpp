// The commands that move images and filesystems in and out: pull (a job with per-layer
// progress), import and load (jobs reading a file or stdin), save and export (a tar written
// to a file or stdout), commit. Files are opened here, with the caller's own permissions,
// and handed to the helper as fds: the helper (root) never opens a path on a user's behalf.
#include "image_views.h"
#include "job.h"
#include "session.h"

#include <QDBusUnixFileDescriptor>
#include <QJsonArray>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hako::cli {

namespace {

// An fd this command opened. An output file is written under a temporary name beside its
// destination and renamed over it by commit(), as docker save does: a failed save leaves the
// file that was there untouched, and no half-written one.
class FileHandle {
public:
    explicit FileHandle(int fd, QString temporary = {}, QString destination = {})
        : fd_(fd), temporary_(std::move(temporary)), destination_(std::move(destination))
    {
    }
    FileHandle(const FileHandle &) = delete;
    FileHandle &operator=(const FileHandle &) = delete;
    ~FileHandle()
    {
        if (fd_ > STDERR_FILENO)
            ::close(fd_);
        if (!temporary_.isEmpty())
            ::unlink(temporary_.toLocal8Bit().constData());
    }
    int fd() const { return fd_; }
    bool commit()
    {
        if (temporary_.isEmpty())
            return true;
        // mkstemp made it 0600; the saved file gets the usual mode for a new file.
        const mode_t mask = ::umask(0);
        ::umask(mask);
        if (::fchmod(fd_, 0666 & ~mask) != 0
            || ::rename(temporary_.toLocal8Bit().constData(), destination_.toLocal8Bit().constData()) != 0)
            return false;
        temporary_.clear();
        return true;
    }

private:
    int fd_ = -1;
    QString temporary_, destination_;
};

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

std::optional<int> openInput(const QString &path)
{
    if (path.isEmpty() || path == QLatin1String("-"))
        return STDIN_FILENO;
    const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(QStringLiteral("open %1: %2").arg(path, errnoText()));
        return std::nullopt;
    }
    return fd;
}

// -o FILE, or stdout unless it is a terminal (docker will not write a tar to one).
std::unique_ptr<FileHandle> openOutput(const QString &path)
{
    if (path.isEmpty()) {
        if (::isatty(STDOUT_FILENO)) {
            fail(QStringLiteral("cowardly refusing to save to a terminal. Use the -o flag or redirect"));
            return nullptr;
        }
        return std::make_unique<FileHandle>(STDOUT_FILENO);
    }
    QByteArray pattern = (path + QStringLiteral(".hako-save-XXXXXX")).toLocal8Bit();
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
        fail(QStringLiteral("failed to save to %1: %2").arg(path, errnoText()));
        return nullptr;
    }
    return std::make_unique<FileHandle>(fd, QString::fromLocal8Bit(pattern), path);
}

// The output written: renamed into place (-o), with the error said if that fails.
int committed(FileHandle &out, const QString &path)
{
    if (out.commit())
        return 0;
    return fail(QStringLiteral("failed to save to %1: %2").arg(path, errnoText()));
}

// What a job's failure returns: 130 after Ctrl-C, 125 otherwise, the message printed.
int jobFailed(const JobOutcome &outcome)
{
    if (outcome.interrupted)
        return kExitInterrupted;
    return fail(jobError(outcome.result));
}

QStringList finishedImageIds(const QJsonObject &result)
{
    QStringList ids;
    for (const QJsonValue &image : result.value(QStringLiteral("Images")).toArray())
        ids.append(image.toObject().value(QStringLiteral("Id")).toString());
    return ids;
}

int importArchive(Session &session, int fd, const QVariantMap &options, const std::function<void(const QJsonObject &)> &done)
{
    const QDBusUnixFileDescriptor archive(fd);
    const auto outcome = runJob(session, [&] { return session.manager().ImportImage(archive, options); }, {});
    if (!outcome)
        return kExitHakoError;
    if (!outcome->ok)
        return jobFailed(*outcome);
    done(outcome->result);
    return 0;
}

} // namespace

int cmdImport(const ParsedArgs &args, Session &session)
{
    const auto fd = openInput(args.positional[0]);
    if (!fd)
        return kExitHakoError;
    const FileHandle input(*fd);
    QVariantMap options{{QStringLiteral("Kind"), QStringLiteral("rootfs")}};
    if (args.positional.size() > 1)
        options.insert(QStringLiteral("Tag"), args.positional[1]);
    if (args.isSet(QStringLiteral("change")))
        options.insert(QStringLiteral("Changes"), args.values(QStringLiteral("change")));
    if (args.isSet(QStringLiteral("message")))
        options.insert(QStringLiteral("Message"), args.value(QStringLiteral("message")));
    return importArchive(session, input.fd(), options, [](const QJsonObject &result) {
        for (const QString &id : finishedImageIds(result))
            printOut(imageIdText(id, true) + QLatin1Char('\n'));
    });
}

int cmdLoad(const ParsedArgs &args, Session &session)
{
    const QString path = args.value(QStringLiteral("input"));
    if (path.isEmpty() && ::isatty(STDIN_FILENO))
        return fail(QStringLiteral("requested load from stdin, but stdin is empty"));
    const auto fd = openInput(path);
    if (!fd)
        return kExitHakoError;
    const FileHandle input(*fd);
    const QVariantMap options{{QStringLiteral("Kind"), QStringLiteral("archive")}};
    return importArchive(session, input.fd(), options, [](const QJsonObject &result) {
        for (const QJsonValue &value : result.value(QStringLiteral("Images")).toArray()) {
            const QJsonObject image = value.toObject();
            const QJsonArray tags = image.value(QStringLiteral("RepoTags")).toArray();
            if (tags.isEmpty())
                printOut(QStringLiteral("Loaded image ID: %1\n").arg(imageIdText(image.value(QStringLiteral("Id")).toString(), true)));
            for (const QJsonValue &tag : tags)
                printOut(QStringLiteral("Loaded image: %1\n").arg(tag.toString()));
        }
    });
}

int cmdSave(const ParsedArgs &args, Session &session)
{
    const auto out = openOutput(args.value(QStringLiteral("output")));
    if (!out)
        return kExitHakoError;
    QDBusPendingReply<> reply = session.manager().SaveImages(args.positional, QDBusUnixFileDescriptor(out->fd()));
    if (!finished(reply))
        return kExitHakoError;
    return committed(*out, args.value(QStringLiteral("output")));
}

int cmdExport(const ParsedArgs &args, Session &session)
{
    const auto out = openOutput(args.value(QStringLiteral("output")));
    if (!out)
        return kExitHakoError;
    QDBusPendingReply<> reply = session.manager().ExportContainer(args.positional[0], QDBusUnixFileDescriptor(out->fd()));
    if (!finished(reply))
        return kExitHakoError;
    return committed(*out, args.value(QStringLiteral("output")));
}

int cmdCommit(const ParsedArgs &args, Session &session)
{
    QVariantMap options;
    if (args.isSet(QStringLiteral("author")))
        options.insert(QStringLiteral("Author"), args.value(QStringLiteral("author")));
    if (args.isSet(QStringLiteral("message")))
        options.insert(QStringLiteral("Message"), args.value(QStringLiteral("message")));
    if (args.isSet(QStringLiteral("change")))
        options.insert(QStringLiteral("Changes"), args.values(QStringLiteral("change")));
    QDBusPendingReply<QString> reply =
        session.manager().CommitContainer(args.positional[0], args.positional.value(1), options);
    if (!finished(reply))
        return kExitHakoError;
    printOut(imageIdText(reply.value(), true) + QLatin1Char('\n'));
    return 0;
}

} // namespace hako::cli
