// Manager methods about images: listing and inspecting (monitor), pull and import as jobs
// (jobs.h), and rmi, tag, prune, save, export, commit, system df.
#include "manager.h"

#include "convert.h"
#include "error.h"
#include "image_requests.h"
#include "validate.h"
#include "workers.h"

#include <QJsonArray>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace hako::helper
{

namespace
{

QJsonObject imagesJson(const std::vector<Image> &images)
{
    QJsonArray list;
    for (const Image &image : images)
        list.append(
            QJsonObject{{"Id", QString::fromStdString(image.id)},
                        {"RepoTags", QJsonArray::fromStringList(toStringList(image.repoTags))}});
    return {{"Images", list}};
}

// The config as stored, byte for byte (its digest is the image id).
std::string storedConfig(const std::string &stateRoot, const Image &image)
{
    const std::string path =
        stateRoot + "/images/" + image.id.substr(image.id.find(':') + 1) + "/config.json";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("read " + path + ": cannot open it");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A regular file's size is the total an import can show; a pipe's is unknown (0).
uint64_t sizeOf(int fd)
{
    struct stat st {
    };
    return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? uint64_t(st.st_size) : 0;
}

} // namespace

QList<QVariantMap> Manager::ListImages()
{
    dispatch(begin("ListImages"), std::nullopt, "monitor", Workers::quick(), Rescan::No,
             [](Engine &engine) {
                 QList<QVariantMap> out;
                 for (const Image &image : engine.images().list())
                     out << imageEntry(image, engine.containersUsingImage(image.id));
                 return QVariantList{QVariant::fromValue(out)};
             });
    return {};
}

QVariantMap Manager::GetImage(const QString &ref)
{
    dispatch(begin("GetImage", ref), checkRef(ref), "monitor", Workers::quick(), Rescan::No,
             [ref = ref.toStdString()](Engine &engine) {
                 const Image image = engine.images().get(ref);
                 return QVariantList{imageDetails(image, engine.containersUsingImage(image.id),
                                                  storedConfig(engine.options().stateRoot, image))};
             });
    return {};
}

void Manager::startJob(const Call &call, const QString &action, Jobs::Body body)
{
    authorizeThen(call, action, [this, call, body = std::move(body)] {
        const QString id = jobs_.add(call.message.service());
        // The reply carrying the id goes out before any JobProgress of the job.
        deliver(call, Outcome{std::nullopt, {id}, std::nullopt, {}});
        jobs_.run(id, body);
    });
}

QString Manager::PullImage(const QString &ref, const QVariantMap &options)
{
    const Call call = begin("PullImage", ref);
    auto parsed = checkImageRef(ref, "ref");
    auto credentials = parsePullOptions(options);
    if (const Failure *failure = std::get_if<Failure>(&parsed)) {
        fail(call, *failure);
        return {};
    }
    if (const Failure *failure = std::get_if<Failure>(&credentials)) {
        fail(call, *failure);
        return {};
    }
    startJob(
        call, "manage-images",
        [engineOptions = options_.engine, daemonConfig = options_.daemonConfig,
         imageRef = std::get<ImageRef>(parsed),
         creds = std::get<std::optional<RegistryCredentials>>(credentials)](JobContext &context) {
            const Engine engine(engineOptions);
            PullOptions pull;
            pull.insecureRegistries = insecureRegistries(daemonConfig);
            pull.credentials = creds;
            pull.onProgress = [&context](const PullProgress &p) { context.report(p); };
            pull.cancel = context.cancelFlag();
            const PullResult result = pullImage(engine.images(), imageRef, pull);
            QJsonObject json = imagesJson({result.image});
            json.insert("ManifestDigest", QString::fromStdString(result.manifestDigest));
            json.insert("BlobsFetched", result.blobsFetched);
            json.insert("BytesFetched", double(result.bytesFetched));
            return json;
        });
    return {};
}

QString Manager::ImportImage(const QDBusUnixFileDescriptor &archive, const QVariantMap &options)
{
    const Call call = begin("ImportImage");
    auto fd = takeFd(archive, FdAccess::Read, "archive");
    auto request = parseImportOptions(options);
    for (const Failure *failure : {std::get_if<Failure>(&fd), std::get_if<Failure>(&request)})
        if (failure) {
            fail(call, *failure);
            return {};
        }
    startJob(call, "manage-images",
             [engineOptions = options_.engine, in = std::get<std::shared_ptr<UniqueFd>>(fd),
              request = std::get<ImportRequest>(request)](JobContext &context) mutable {
                 const Engine engine(engineOptions);
                 // One entry for the whole archive: its layers are known only once read.
                 const uint64_t total = sizeOf(in->get());
                 context.report({"archive", "Extracting", 0, total});
                 uint64_t bytesRead = 0;
                 UnpackOptions &unpack = request.options.unpack;
                 unpack.onProgress = [&context, &bytesRead, total](uint64_t read) {
                     bytesRead = read;
                     context.report({"archive", "Extracting", read, total});
                     // The unpacker checks between entries; this also stops it inside a big one.
                     if (context.cancelFlag()->load())
                         throw CancelledError("import cancelled after " + std::to_string(read) +
                                              " bytes");
                 };
                 unpack.cancel = context.cancelFlag();
                 const std::vector<Image> images =
                     request.rootfs ? std::vector<Image>{engine.images().importRootfs(
                                          in->get(), request.options)}
                                    : engine.images().load(in->get(), unpack);
                 context.report({"archive", "Pull complete", std::max(bytesRead, total), total});
                 return imagesJson(images);
             });
    return {};
}

void Manager::CancelJob(const QString &job)
{
    const Call call = begin("CancelJob", job);
    // Only the job's own caller gets this far, and it was authorised when it started it.
    deliver(call, Outcome{jobs_.cancel(job, call.message.service()), {}, std::nullopt, {}});
}

QVariantMap Manager::RemoveImage(const QString &ref, bool force)
{
    dispatch(begin("RemoveImage", ref), checkRef(ref), "manage-images", Workers::quick(),
             Rescan::No, [ref = ref.toStdString(), force](Engine &engine) {
                 const RemovedImage removed = engine.removeImage(ref, force);
                 return QVariantList{QVariantMap{{"Untagged", toStringList(removed.untagged)},
                                                 {"Deleted", toStringList(removed.deleted)}}};
             });
    return {};
}

void Manager::TagImage(const QString &ref, const QString &tag)
{
    std::optional<Failure> invalid = checkRef(ref);
    if (!invalid)
        invalid = checkTag(tag, "tag");
    dispatch(begin("TagImage", ref), invalid, "manage-images", Workers::quick(), Rescan::No,
             [ref = ref.toStdString(), tag = tag.toStdString()](Engine &engine) {
                 engine.images().tag(ref, tag);
                 return QVariantList{};
             });
}

QVariantMap Manager::PruneImages(bool all)
{
    dispatch(begin("PruneImages"), std::nullopt, "manage-images", Workers::blocking(), Rescan::No,
             [all](Engine &engine) {
                 const PruneReport report = engine.pruneImages(all);
                 return QVariantList{
                     QVariantMap{{"Deleted", toStringList(report.deleted)},
                                 {"ReclaimedBytes", qulonglong(report.reclaimedBytes)}}};
             });
    return {};
}

void Manager::SaveImages(const QStringList &refs, const QDBusUnixFileDescriptor &out)
{
    const Call call = begin("SaveImages", refs.join(' '));
    std::optional<Failure> invalid =
        refs.isEmpty()
            ? std::optional<Failure>(Failure{errors::InvalidArgs, "refs: name at least one image"})
            : checkRefs(refs);
    auto fd = takeFd(out, FdAccess::Write, "out");
    if (const Failure *failure = std::get_if<Failure>(&fd); failure && !invalid)
        invalid = *failure;
    std::vector<std::string> names;
    for (const QString &ref : refs)
        names.push_back(ref.toStdString());
    // The blocking pool: writing waits for the reader at the other end of a pipe.
    dispatch(
        call, invalid, "manage-images", Workers::blocking(), Rescan::No,
        [names, fd = invalid ? nullptr : std::get<std::shared_ptr<UniqueFd>>(fd)](Engine &engine) {
            engine.images().save(names, fd->get());
            return QVariantList{};
        });
}

void Manager::ExportContainer(const QString &ref, const QDBusUnixFileDescriptor &out)
{
    const Call call = begin("ExportContainer", ref);
    std::optional<Failure> invalid = checkRef(ref);
    auto fd = takeFd(out, FdAccess::Write, "out");
    if (const Failure *failure = std::get_if<Failure>(&fd); failure && !invalid)
        invalid = *failure;
    // Action exec: the tar holds everything inside the container, as a shell in it could read.
    dispatch(call, invalid, "exec", Workers::blocking(), Rescan::No,
             [ref = ref.toStdString(),
              fd = invalid ? nullptr : std::get<std::shared_ptr<UniqueFd>>(fd)](Engine &engine) {
                 engine.exportFilesystem(ref, fd->get());
                 return QVariantList{};
             });
}

QString Manager::CommitContainer(const QString &ref, const QString &tag, const QVariantMap &options)
{
    const Call call = begin("CommitContainer", ref);
    auto parsed = parseCommitOptions(tag, options);
    std::optional<Failure> invalid = checkRef(ref);
    if (const Failure *failure = std::get_if<Failure>(&parsed); failure && !invalid)
        invalid = *failure;
    // A running container is paused meanwhile: rescan, so the state signals precede the reply.
    dispatch(
        call, invalid, "manage-images", Workers::blocking(), Rescan::Yes,
        [ref = ref.toStdString(),
         commit = invalid ? CommitOptions{} : std::get<CommitOptions>(parsed)](Engine &engine) {
            return QVariantList{QString::fromStdString(engine.commit(ref, commit).id)};
        });
    return {};
}

QVariantMap Manager::GetDiskUsage()
{
    dispatch(begin("GetDiskUsage"), std::nullopt, "monitor", Workers::blocking(), Rescan::No,
             [](Engine &engine) { return QVariantList{diskUsageMap(engine.diskUsage())}; });
    return {};
}

} // namespace hako::helper
