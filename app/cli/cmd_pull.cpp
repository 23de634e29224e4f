// docker pull: the PullImage job with docker's per-layer lines ("<id>: Downloading
// 12.3MB/45.6MB"), redrawn in place with ANSI cursor moves on a terminal and printed as a
// line per status change otherwise; Ctrl-C cancels the job (exit 130).
#include "image_views.h"
#include "job.h"
#include "registry_credentials.h"
#include "session.h"

#include <QFile>

#include <QJsonArray>

#include <unistd.h>

namespace hako::cli {

namespace {

// "latest: Pulling from library/busybox", after docker's "Using default tag: latest".
void printHeader(const QString &ref)
{
    const QString canonical = canonicalReference(ref);
    const qsizetype at = canonical.indexOf(QLatin1Char('@'));
    const qsizetype colon = canonical.lastIndexOf(QLatin1Char(':'));
    const QString name = at >= 0 ? canonical.left(at) : canonical.left(colon);
    const QString tag = at >= 0 ? canonical.mid(at + 1) : canonical.mid(colon + 1);
    const bool tagGiven = ref.contains(QLatin1Char('@')) || ref.indexOf(QLatin1Char(':'), ref.lastIndexOf(QLatin1Char('/'))) >= 0;
    if (!tagGiven)
        printOut(QStringLiteral("Using default tag: latest\n"));
    const QString path = name.section(QLatin1Char('/'), 1);
    printOut(QStringLiteral("%1: Pulling from %2\n").arg(tag, path));
}

// What `docker login` stored for the reference's registry, as PullImage's options.
QVariantMap loginOptions(const QString &ref)
{
    QFile config(dockerConfigPath());
    if (!config.open(QIODevice::ReadOnly))
        return {};
    const QString registry = canonicalReference(ref).section(QLatin1Char('/'), 0, 0);
    const auto credentials = credentialsFromDockerConfig(config.readAll(), registry);
    if (!credentials)
        return {};
    return {{QStringLiteral("Username"), credentials->first}, {QStringLiteral("Password"), credentials->second}};
}

} // namespace

int cmdPull(const ParsedArgs &args, Session &session)
{
    const QString ref = args.positional[0];
    const bool quiet = args.boolean(QStringLiteral("quiet"));
    if (!quiet)
        printHeader(ref);
    PullPrinter printer(::isatty(STDOUT_FILENO));
    const auto outcome = runJob(session, [&] { return session.manager().PullImage(ref, loginOptions(ref)); },
                                [&](const QList<QVariantMap> &frame) {
                                    if (!quiet)
                                        printOut(printer.show(frame));
                                });
    if (!outcome)
        return kExitHakoError;
    if (!outcome->ok)
        return outcome->interrupted ? kExitInterrupted : fail(jobError(outcome->result));
    printOut(quiet ? canonicalReference(ref) + QLatin1Char('\n') : pullSummary(ref, outcome->result));
    return 0;
}

} // namespace hako::cli
