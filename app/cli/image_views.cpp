#include "image_views.h"

#include "humanize.h"
#include "views.h"

#include <QJsonArray>

namespace hako::cli {

QString fieldText(const QVariantMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toString();
}

uint64_t fieldNumber(const QVariantMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toULongLong();
}

namespace {

QString hexOf(const QString &id)
{
    return id.startsWith(QLatin1String("sha256:")) ? id.mid(7) : id;
}

QJsonObject labelsObject(const QVariant &labels)
{
    QJsonObject object;
    const QVariantMap map = labels.toMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value().toString());
    return object;
}

QJsonValue stringsOrNull(const QVariant &value)
{
    const QStringList list = value.toStringList();
    return list.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(list));
}

} // namespace

QString imageIdText(const QString &id, bool noTrunc)
{
    const QString hex = hexOf(id);
    return noTrunc ? QStringLiteral("sha256:") + hex : hex.left(12);
}

QPair<QString, QString> splitRepoTag(const QString &repoTag)
{
    // The tag follows the last colon after the last slash (a registry's port is not a tag).
    const qsizetype slash = repoTag.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = repoTag.lastIndexOf(QLatin1Char(':'));
    if (colon <= slash)
        return {repoTag, QStringLiteral("latest")};
    return {repoTag.left(colon), repoTag.mid(colon + 1)};
}

QList<QJsonObject> imageRows(const QVariantMap &image, bool noTrunc, uint64_t nowUsec)
{
    const uint64_t created = fieldNumber(image, "CreatedUsec");
    const QJsonObject common{
        {QStringLiteral("ID"), imageIdText(fieldText(image, "Id"), noTrunc)},
        {QStringLiteral("CreatedSince"), ago(created, nowUsec)},
        {QStringLiteral("CreatedAt"), rfc3339(created)},
        {QStringLiteral("Size"), humanSize(fieldNumber(image, "Size"))},
    };
    const QStringList digests = image.value(QStringLiteral("RepoDigests")).toStringList();
    const QString digest = digests.isEmpty() ? QStringLiteral("<none>") : digests.first().section(QLatin1Char('@'), 1);
    QStringList tags = image.value(QStringLiteral("RepoTags")).toStringList();
    QList<QJsonObject> rows;
    if (tags.isEmpty())
        tags.append(QString());
    for (const QString &repoTag : tags) {
        QJsonObject row = common;
        const auto [repository, tag] = repoTag.isEmpty() ? QPair<QString, QString>{QStringLiteral("<none>"), QStringLiteral("<none>")}
                                                         : splitRepoTag(repoTag);
        row.insert(QStringLiteral("Repository"), repository);
        row.insert(QStringLiteral("Tag"), tag);
        row.insert(QStringLiteral("Digest"), digest);
        rows.append(row);
    }
    return rows;
}

QJsonObject imageHeaders()
{
    return QJsonObject{
        {QStringLiteral("ID"), QStringLiteral("IMAGE ID")},          {QStringLiteral("Repository"), QStringLiteral("REPOSITORY")},
        {QStringLiteral("Tag"), QStringLiteral("TAG")},              {QStringLiteral("Digest"), QStringLiteral("DIGEST")},
        {QStringLiteral("CreatedSince"), QStringLiteral("CREATED")}, {QStringLiteral("CreatedAt"), QStringLiteral("CREATED AT")},
        {QStringLiteral("Size"), QStringLiteral("SIZE")},
    };
}

QString defaultImagesFormat()
{
    return QStringLiteral("table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}");
}

QString historyTable(const QVariantMap &image, bool noTrunc, bool quiet, uint64_t nowUsec)
{
    QStringList lines;
    if (!quiet)
        lines.append(QStringLiteral("IMAGE\tCREATED\tCREATED BY\tSIZE\tCOMMENT"));
    bool top = true;
    for (const QVariant &item : image.value(QStringLiteral("History")).toList()) {
        const QVariantMap entry = item.toMap();
        const QString id = top ? imageIdText(fieldText(image, "Id"), noTrunc) : QStringLiteral("<missing>");
        top = false;
        if (quiet) {
            lines.append(id);
            continue;
        }
        // docker shows the shell form of a RUN as it was written, cut to 45 characters.
        QString createdBy = fieldText(entry, "CreatedBy").replace(QLatin1Char('\t'), QLatin1Char(' '));
        if (!noTrunc)
            createdBy = ellipsis(createdBy, 45);
        lines.append(QStringList{id, ago(fieldNumber(entry, "CreatedUsec"), nowUsec), createdBy,
                                 humanSize(fieldNumber(entry, "Size")), fieldText(entry, "Comment")}
                         .join(QLatin1Char('\t')));
    }
    return quiet ? lines.join(QLatin1Char('\n')) + (lines.isEmpty() ? QString() : QStringLiteral("\n"))
                 : alignColumns(lines);
}

QJsonObject imageInspectObject(const QVariantMap &image)
{
    QJsonObject exposed;
    for (const QString &port : image.value(QStringLiteral("ExposedPorts")).toStringList())
        exposed.insert(port, QJsonObject{});
    const QJsonObject config{
        {QStringLiteral("User"), fieldText(image, "User")},
        {QStringLiteral("ExposedPorts"), exposed.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(exposed)},
        {QStringLiteral("Env"), stringsOrNull(image.value(QStringLiteral("Env")))},
        {QStringLiteral("Cmd"), stringsOrNull(image.value(QStringLiteral("Cmd")))},
        {QStringLiteral("Entrypoint"), stringsOrNull(image.value(QStringLiteral("Entrypoint")))},
        {QStringLiteral("WorkingDir"), fieldText(image, "WorkingDir")},
        {QStringLiteral("Labels"), labelsObject(image.value(QStringLiteral("Labels")))},
    };
    QJsonArray layers;
    for (const QString &diffId : image.value(QStringLiteral("DiffIds")).toStringList())
        layers.append(diffId);
    const QVariantList history = image.value(QStringLiteral("History")).toList();
    const QString comment = history.isEmpty() ? QString() : fieldText(history.first().toMap(), "Comment");
    return QJsonObject{
        {QStringLiteral("Id"), imageIdText(fieldText(image, "Id"), true)},
        {QStringLiteral("RepoTags"), QJsonArray::fromStringList(image.value(QStringLiteral("RepoTags")).toStringList())},
        {QStringLiteral("RepoDigests"), QJsonArray::fromStringList(image.value(QStringLiteral("RepoDigests")).toStringList())},
        {QStringLiteral("Parent"), QString()},
        {QStringLiteral("Comment"), comment},
        {QStringLiteral("Created"), rfc3339(fieldNumber(image, "CreatedUsec"))},
        {QStringLiteral("Config"), config},
        {QStringLiteral("Architecture"), QStringLiteral("amd64")},
        {QStringLiteral("Os"), QStringLiteral("linux")},
        {QStringLiteral("Size"), qint64(fieldNumber(image, "Size"))},
        {QStringLiteral("RootFS"), QJsonObject{{QStringLiteral("Type"), QStringLiteral("layers")},
                                               {QStringLiteral("Layers"), layers}}},
        {QStringLiteral("Metadata"), QJsonObject{{QStringLiteral("LastTagTime"), QStringLiteral("0001-01-01T00:00:00Z")}}},
    };
}

QStringList PullProgress::update(const QList<QVariantMap> &frame)
{
    QStringList changed;
    for (const QVariantMap &entry : frame) {
        const QString id = fieldText(entry, "Id");
        if (!layers_.contains(id))
            order_.append(id);
        Layer &layer = layers_[id];
        const Layer next{fieldText(entry, "Status"), fieldNumber(entry, "Current"), fieldNumber(entry, "Total")};
        if (next.status == layer.status && next.current == layer.current && next.total == layer.total)
            continue;
        layer = next;
        changed.append(id);
    }
    return changed;
}

QString PullProgress::line(const QString &id) const
{
    const Layer layer = layers_.value(id);
    QString out = id + QStringLiteral(": ") + layer.status;
    // Sizes only while bytes move, as docker shows them beside Downloading and Extracting.
    const bool moving = layer.status == QLatin1String("Downloading") || layer.status == QLatin1String("Extracting");
    if (moving && layer.current > 0)
        out += QStringLiteral("  ") + humanSize(layer.current)
               + (layer.total > 0 ? QLatin1Char('/') + humanSize(layer.total) : QString());
    return out;
}

QString PullPrinter::show(const QList<QVariantMap> &frame)
{
    QString out;
    for (const QString &id : progress_.update(frame))
        out += terminal_ ? redraw(id) : appendIfNewStatus(id);
    return out;
}

QString PullPrinter::redraw(const QString &id)
{
    const qsizetype index = progress_.order().indexOf(id);
    const QString line = progress_.line(id);
    if (index >= printed_) {
        ++printed_;
        return line + QLatin1Char('\n');
    }
    const qsizetype up = printed_ - index;
    QString out = QStringLiteral("\x1b[%1A\x1b[2K\r").arg(up) + line + QLatin1Char('\n');
    if (up > 1)
        out += QStringLiteral("\x1b[%1B").arg(up - 1);
    return out;
}

QString PullPrinter::appendIfNewStatus(const QString &id)
{
    const QString status = progress_.line(id).section(QStringLiteral("  "), 0, 0);
    if (lastStatus_.value(id) == status)
        return {};
    lastStatus_.insert(id, status);
    return status + QLatin1Char('\n');
}

QString canonicalReference(const QString &ref)
{
    QString name = ref;
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    const QString first = slash < 0 ? QString() : name.left(slash);
    const bool hasDomain = !first.isEmpty()
        && (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) || first == QLatin1String("localhost"));
    if (!hasDomain)
        name = QStringLiteral("docker.io/") + (slash < 0 ? QStringLiteral("library/") : QString()) + name;
    const qsizetype lastSlash = name.lastIndexOf(QLatin1Char('/'));
    if (!name.contains(QLatin1Char('@')) && name.indexOf(QLatin1Char(':'), lastSlash) < 0)
        name += QStringLiteral(":latest");
    return name;
}

QString pullSummary(const QString &ref, const QJsonObject &result)
{
    QString out;
    const QString digest = result.value(QStringLiteral("ManifestDigest")).toString();
    if (!digest.isEmpty())
        out += QStringLiteral("Digest: %1\n").arg(digest);
    // The name as given, with docker's default tag.
    QString familiar = ref;
    if (!ref.contains(QLatin1Char('@')) && ref.indexOf(QLatin1Char(':'), ref.lastIndexOf(QLatin1Char('/'))) < 0)
        familiar += QStringLiteral(":latest");
    const bool fetched = result.value(QStringLiteral("BlobsFetched")).toInteger() > 0;
    out += fetched ? QStringLiteral("Status: Downloaded newer image for %1\n").arg(familiar)
                   : QStringLiteral("Status: Image is up to date for %1\n").arg(familiar);
    out += canonicalReference(ref) + QLatin1Char('\n');
    return out;
}

} // namespace hako::cli
