// What hakoctl prints about images, from the D-Bus API's maps (ListImages, GetImage's
// History, JobProgress): docker images' rows and --format fields, docker history's table,
// docker image inspect's JSON and the per-layer lines of docker pull.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QPair>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <cstdint>

namespace hako::cli {

// A field of a D-Bus entry as text, or as an unsigned number (empty / 0 when absent).
QString fieldText(const QVariantMap &map, const char *key);
uint64_t fieldNumber(const QVariantMap &map, const char *key);

// "sha256:<64 hex>" in full with noTrunc, else the first 12 hex digits (docker's short id).
// Takes the id with or without its "sha256:" prefix.
QString imageIdText(const QString &id, bool noTrunc);

// One row per tag (docker images lists an image under each of its names), a single
// "<none>" row for an untagged one. Fields: ID, Repository, Tag, Digest, CreatedSince,
// CreatedAt, Size.
QList<QJsonObject> imageRows(const QVariantMap &image, bool noTrunc, uint64_t nowUsec);
QJsonObject imageHeaders();
QString defaultImagesFormat(); // REPOSITORY TAG IMAGE ID CREATED SIZE

// "busybox:1.36" → {"busybox", "1.36"}; "host:5000/app" → {"host:5000/app", "latest"}.
QPair<QString, QString> splitRepoTag(const QString &repoTag);

// docker history's table: IMAGE CREATED CREATED BY SIZE COMMENT, newest first. The IMAGE
// column names the image on its top entry and "<missing>" below it, as docker shows layers
// without an image of their own.
QString historyTable(const QVariantMap &image, bool noTrunc, bool quiet, uint64_t nowUsec);

// docker image inspect's object for GetImage's map.
QJsonObject imageInspectObject(const QVariantMap &image);

// The state of a pull as docker's CLI draws it: one line per layer, in the order they first
// appeared, "<id>: Downloading  12.3MB/45.6MB".
class PullProgress {
public:
    // Merges one JobProgress frame; returns the ids whose line changed.
    QStringList update(const QList<QVariantMap> &frame);
    QString line(const QString &id) const;
    const QStringList &order() const { return order_; }

private:
    struct Layer {
        QString status;
        uint64_t current = 0, total = 0;
    };
    QStringList order_;
    QHash<QString, Layer> layers_;
};

// What docker pull prints as frames come: on a terminal a changed line is rewritten where it
// stands (ANSI cursor up, erase line) and a new layer's line added below; otherwise a line
// per new status, since bytes moving are not worth a line each.
class PullPrinter {
public:
    explicit PullPrinter(bool terminal) : terminal_(terminal) {}
    QString show(const QList<QVariantMap> &frame); // the text to write

private:
    QString redraw(const QString &id);
    QString appendIfNewStatus(const QString &id);

    bool terminal_;
    PullProgress progress_;
    qsizetype printed_ = 0;
    QHash<QString, QString> lastStatus_;
};

// What the end of a successful pull prints: "Digest: sha256:…", "Status: Downloaded newer
// image for REF" (or "Image is up to date" when nothing was fetched), then the reference.
QString pullSummary(const QString &ref, const QJsonObject &result);

// The reference as docker's pull completes it: "busybox" → "docker.io/library/busybox:latest".
QString canonicalReference(const QString &ref);

} // namespace hako::cli
