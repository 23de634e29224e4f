#include "session.h"

#include "gotemplate.h"

#include <QJsonDocument>

#include <QDBusMetaType>

#include <cstdio>

namespace hako::cli {

ManagerProxy &Session::manager()
{
    if (!manager_) {
        qDBusRegisterMetaType<QList<QVariantMap>>();
        qDBusRegisterMetaType<QMap<QString, QString>>(); // CreateVolume's Labels (a{ss})
        manager_ = client::connectManager();
    }
    return *manager_;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "hakoctl: %s\n", message.toLocal8Bit().constData());
    return kExitHakoError;
}

int failDbus(const QDBusError &error)
{
    return fail(client::describeError(error));
}

int failStartingCommand(const QDBusError &error)
{
    failDbus(error);
    // The helper reports a command that could not be executed as an error naming errno;
    // docker's convention for the shell is 127 for "not there" and 126 for "not runnable".
    const QString message = error.message();
    if (!message.contains(QLatin1String("exec `")))
        return kExitHakoError;
    if (message.contains(QLatin1String("No such file or directory")))
        return 127;
    if (message.contains(QLatin1String("Permission denied")) || message.contains(QLatin1String("Exec format error")))
        return 126;
    return kExitHakoError;
}

int forEachRef(const QStringList &refs, const std::function<QDBusPendingReply<>(const QString &)> &verb)
{
    int status = 0;
    for (const QString &ref : refs) {
        QDBusPendingReply<> reply = verb(ref);
        if (!finished(reply)) {
            status = kExitHakoError;
            continue;
        }
        printOut(ref + QLatin1Char('\n'));
    }
    return status;
}

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

int printInspected(const QJsonArray &objects, const QString &rawFormat)
{
    const QString format = unescapeFormat(rawFormat);
    if (format.isEmpty()) {
        printOut(QString::fromUtf8(QJsonDocument(objects).toJson(QJsonDocument::Indented)));
        return 0;
    }
    for (const QJsonValue &object : objects) {
        QString error;
        const auto text = renderTemplate(format, object, &error);
        if (!text)
            return fail(error);
        printOut(*text + QLatin1Char('\n'));
    }
    return 0;
}

} // namespace hako::cli
