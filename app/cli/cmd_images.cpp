// The image commands that answer at once: images, rmi, tag, history, image prune, image
// inspect (and inspect's fallback from a container to an image, as docker's).
#include "dbus_values.h"
#include "gotemplate.h"
#include "humanize.h"
#include "image_views.h"
#include "session.h"
#include "views.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>

namespace hako::cli {

namespace {

// REPOSITORY[:TAG] as `docker images` filters by it.
bool matchesFilter(const QJsonObject &row, const QString &filter)
{
    if (filter.isEmpty())
        return true;
    const auto [repository, tag] = splitRepoTag(filter);
    const bool tagGiven = filter.indexOf(QLatin1Char(':'), filter.lastIndexOf(QLatin1Char('/'))) >= 0;
    return row.value(QStringLiteral("Repository")).toString() == repository
           && (!tagGiven || row.value(QStringLiteral("Tag")).toString() == tag);
}

std::optional<QVariantMap> getImage(Session &session, const QString &ref)
{
    QDBusPendingReply<QVariantMap> reply = session.manager().GetImage(ref);
    if (!finished(reply))
        return std::nullopt;
    return plainMap(reply.value());
}

bool confirm(const QString &warning)
{
    printOut(warning + QStringLiteral("\nAre you sure you want to continue? [y/N] "));
    char answer[16] = {};
    if (!std::fgets(answer, sizeof answer, stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

} // namespace

int cmdImages(const ParsedArgs &args, Session &session)
{
    QDBusPendingReply<QList<QVariantMap>> reply = session.manager().ListImages();
    if (!finished(reply))
        return kExitHakoError;
    QList<QVariantMap> images = plainMaps(reply.value());
    std::sort(images.begin(), images.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("CreatedUsec")).toULongLong() > b.value(QStringLiteral("CreatedUsec")).toULongLong();
    });
    const bool quiet = args.boolean(QStringLiteral("quiet"));
    const QString filter = args.positional.value(0);
    const uint64_t now = nowUsec();
    QList<QJsonObject> rows;
    QStringList quietIds;
    for (const QVariantMap &image : images) {
        for (const QJsonObject &row : imageRows(image, args.boolean(QStringLiteral("no-trunc")), now)) {
            if (!matchesFilter(row, filter))
                continue;
            // -q names each image once, however many tags it has.
            const QString id = row.value(QStringLiteral("ID")).toString();
            if (quiet && quietIds.contains(id))
                continue;
            quietIds.append(id);
            rows.append(row);
        }
    }
    QString format = args.value(QStringLiteral("format"));
    if (quiet)
        format = QStringLiteral("{{.ID}}");
    else if (format.isEmpty() || format == QLatin1String("table"))
        format = defaultImagesFormat();
    QString error;
    const auto text = renderRows(format, imageHeaders(), rows, &error);
    if (!text)
        return fail(error);
    printOut(*text);
    return 0;
}

int cmdRmi(const ParsedArgs &args, Session &session)
{
    int status = 0;
    for (const QString &ref : args.positional) {
        QDBusPendingReply<QVariantMap> reply = session.manager().RemoveImage(ref, args.boolean(QStringLiteral("force")));
        if (!finished(reply)) {
            status = kExitHakoError;
            continue;
        }
        const QVariantMap result = plainMap(reply.value());
        for (const QString &tag : result.value(QStringLiteral("Untagged")).toStringList())
            printOut(QStringLiteral("Untagged: %1\n").arg(tag));
        for (const QString &id : result.value(QStringLiteral("Deleted")).toStringList())
            printOut(QStringLiteral("Deleted: %1\n").arg(imageIdText(id, true)));
    }
    return status;
}

int cmdTag(const ParsedArgs &args, Session &session)
{
    QDBusPendingReply<> reply = session.manager().TagImage(args.positional[0], args.positional[1]);
    return finished(reply) ? 0 : kExitHakoError;
}

int cmdHistory(const ParsedArgs &args, Session &session)
{
    const auto image = getImage(session, args.positional[0]);
    if (!image)
        return kExitHakoError;
    printOut(historyTable(*image, args.boolean(QStringLiteral("no-trunc")), args.boolean(QStringLiteral("quiet")),
                          nowUsec()));
    return 0;
}

int cmdImagePrune(const ParsedArgs &args, Session &session)
{
    const bool all = args.boolean(QStringLiteral("all"));
    if (!args.boolean(QStringLiteral("force"))
        && !confirm(all ? QStringLiteral("WARNING! This will remove all images without at least one container associated to them.")
                        : QStringLiteral("WARNING! This will remove all dangling images.")))
        return 0;
    QDBusPendingReply<QVariantMap> reply = session.manager().PruneImages(all);
    if (!finished(reply))
        return kExitHakoError;
    const QVariantMap result = plainMap(reply.value());
    const QStringList deleted = result.value(QStringLiteral("Deleted")).toStringList();
    if (!deleted.isEmpty()) {
        printOut(QStringLiteral("Deleted Images:\n"));
        for (const QString &id : deleted)
            printOut(QStringLiteral("deleted: %1\n").arg(imageIdText(id, true)));
        printOut(QStringLiteral("\n"));
    }
    printOut(QStringLiteral("Total reclaimed space: %1\n")
                 .arg(humanSize(result.value(QStringLiteral("ReclaimedBytes")).toULongLong())));
    return 0;
}

int cmdImageInspect(const ParsedArgs &args, Session &session)
{
    int status = 0;
    QJsonArray objects;
    for (const QString &ref : args.positional) {
        const auto image = getImage(session, ref);
        if (!image) {
            status = kExitHakoError;
            continue;
        }
        objects.append(imageInspectObject(*image));
    }
    const int printed = printInspected(objects, args.value(QStringLiteral("format")));
    return printed != 0 ? printed : status;
}

std::optional<QJsonObject> inspectImageFallback(Session &session, const QString &ref, const QDBusError &containerError)
{
    // docker inspect tries a container first, then an image; only a missing container falls
    // through, so "permission denied" on a container is not hidden by the image lookup.
    if (client::hakoErrorName(containerError) != QLatin1String("NoSuchContainer")) {
        failDbus(containerError);
        return std::nullopt;
    }
    QDBusPendingReply<QVariantMap> reply = session.manager().GetImage(ref);
    reply.waitForFinished();
    if (reply.isError()) {
        if (client::hakoErrorName(reply.error()) == QLatin1String("NoSuchImage"))
            fail(QStringLiteral("Error: No such object: %1").arg(ref));
        else
            failDbus(reply.error());
        return std::nullopt;
    }
    return imageInspectObject(plainMap(reply.value()));
}

} // namespace hako::cli
