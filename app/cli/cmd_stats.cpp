// stats: docker stats over the helper. --no-stream prints one GetStats reading; otherwise the
// helper sends StatsUpdated frames to this connection alone (SubscribeStats) until Ctrl-C,
// and each frame redraws the table in place on a terminal, or follows the last elsewhere.
#include "session.h"
#include "signals.h"
#include "stats_view.h"
#include "views.h"

#include <QCoreApplication>
#include <QDBusServiceWatcher>
#include <QEventLoop>
#include <QSocketNotifier>

#include <unistd.h>

#include <algorithm>

namespace hako::cli {

namespace {

bool isLive(const QVariantMap &container)
{
    const QString state = container.value(QStringLiteral("State")).toString();
    return state == QLatin1String("running") || state == QLatin1String("paused");
}

// ANSI: home, each line cleared to its end, then the rest of the screen cleared, so a table
// that shrank leaves nothing behind and nothing flickers.
QString redrawInPlace(const QString &text)
{
    QString out = QStringLiteral("\033[H");
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out += line + QStringLiteral("\033[K\n");
    return out + QStringLiteral("\033[J");
}

class StatsCommand {
public:
    StatsCommand(const ParsedArgs &args, Session &session)
        : args_(args),
          session_(session),
          table_(args.positional.isEmpty(), !args.positional.isEmpty() || args.boolean(QStringLiteral("all")),
                 args.boolean(QStringLiteral("no-trunc"))),
          inPlace_(::isatty(STDOUT_FILENO))
    {
        const QString format = args.value(QStringLiteral("format"));
        format_ = format.isEmpty() || format == QLatin1String("table") ? defaultStatsFormat() : format;
    }

    int run();

private:
    bool addNamed();
    bool addAll();
    bool print(const QList<QVariantMap> &frame);
    int stream();

    const ParsedArgs &args_;
    Session &session_;
    StatsTable table_;
    QStringList watched_; // the ids to subscribe to; empty: every running container
    QString format_;
    bool inPlace_;
};

// The named containers, resolved once: rows keep the names as given, and one that is not
// running shows zeros (the helper is asked only about the live ones).
bool StatsCommand::addNamed()
{
    bool ok = true;
    for (const QString &ref : args_.positional) {
        QDBusPendingReply<QVariantMap> reply = session_.manager().GetContainer(ref);
        if (!finished(reply)) {
            ok = false;
            continue;
        }
        const QString id = reply.value().value(QStringLiteral("Id")).toString();
        table_.add(ref, id, reply.value().value(QStringLiteral("Name")).toString());
        if (isLive(reply.value()))
            watched_.append(id);
    }
    return ok;
}

// -a: every container, newest first as ps lists them; those not running show zeros.
bool StatsCommand::addAll()
{
    QDBusPendingReply<QList<QVariantMap>> reply = session_.manager().ListContainers();
    if (!finished(reply))
        return false;
    QList<QVariantMap> containers = reply.value();
    std::sort(containers.begin(), containers.end(), [](const QVariantMap &a, const QVariantMap &b) {
        return a.value(QStringLiteral("CreatedUsec")).toULongLong() > b.value(QStringLiteral("CreatedUsec")).toULongLong();
    });
    for (const QVariantMap &container : containers) {
        const QString id = container.value(QStringLiteral("Id")).toString();
        table_.add(id.left(12), id, container.value(QStringLiteral("Name")).toString());
    }
    return true;
}

bool StatsCommand::print(const QList<QVariantMap> &frame)
{
    QString error;
    const auto text = renderRows(format_, statsHeaders(), table_.update(frame), &error);
    if (!text) {
        fail(error);
        return false;
    }
    printOut(inPlace_ ? redrawInPlace(*text) : *text);
    return true;
}

int StatsCommand::stream()
{
    QEventLoop loop;
    int status = 0;
    CaughtSignals interrupts({SIGINT, SIGTERM, SIGHUP});
    QSocketNotifier interrupted(interrupts.fd(), QSocketNotifier::Read);
    QObject::connect(&interrupted, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
    QDBusServiceWatcher helper(QString::fromLatin1(client::kService), session_.manager().connection(),
                               QDBusServiceWatcher::WatchForUnregistration);
    QObject::connect(&helper, &QDBusServiceWatcher::serviceUnregistered, &loop, [&] {
        status = fail(QStringLiteral("hako-helper left the bus; the stats stream ended"));
        loop.quit();
    });
    QObject::connect(&session_.manager(), &ManagerProxy::StatsUpdated, &loop, [&](const QList<QVariantMap> &frame) {
        if (!print(frame)) {
            status = kExitHakoError;
            loop.quit();
        }
    });
    const bool namedButNoneLive = !args_.positional.isEmpty() && watched_.isEmpty();
    if (namedButNoneLive) {
        print({}); // all zeros, as docker shows stopped containers, until Ctrl-C
    } else {
        QDBusPendingReply<> subscribed = session_.manager().SubscribeStats(watched_, 0);
        if (!finished(subscribed))
            return kExitHakoError;
    }
    loop.exec();
    if (!namedButNoneLive)
        session_.manager().UnsubscribeStats().waitForFinished();
    return status;
}

int StatsCommand::run()
{
    const bool named = !args_.positional.isEmpty();
    const bool listed = named ? addNamed() : !args_.boolean(QStringLiteral("all")) || addAll();
    if (!listed)
        return kExitHakoError;
    if (!args_.boolean(QStringLiteral("no-stream"))) {
        if (inPlace_)
            printOut(QStringLiteral("\033[2J"));
        return stream();
    }
    QList<QVariantMap> frame;
    if (!named || !watched_.isEmpty()) {
        QDBusPendingReply<QList<QVariantMap>> reply = session_.manager().GetStats(watched_);
        if (!finished(reply))
            return kExitHakoError;
        frame = reply.value();
    }
    inPlace_ = false; // one table, printed as is
    return print(frame) ? 0 : kExitHakoError;
}

} // namespace

int cmdStats(const ParsedArgs &args, Session &session)
{
    return StatsCommand(args, session).run();
}

} // namespace hako::cli
