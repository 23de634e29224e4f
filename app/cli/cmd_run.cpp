// create and run: the spec is built here from the flags (spec_builder), sent whole to
// CreateContainer; run then starts it and, in the foreground, shows its output from the log
// and exits with its status, as `docker run` does.
#include "attach.h"
#include "session.h"
#include "spec_builder.h"
#include "terminal.h"

#include <QDBusUnixFileDescriptor>
#include <QEventLoop>
#include <QTimer>

#include <unistd.h>

namespace hako::cli {

namespace {

// container:NAME → the container's full id: the spec names the container itself, not a name
// that could later belong to another one.
bool resolveJoinTargets(NamespaceChoices &choices, Session &session)
{
    for (auto &[kind, choice] : choices) {
        if (choice.mode != NamespaceMode::Container)
            continue;
        QDBusPendingReply<QVariantMap> reply = session.manager().GetContainer(choice.container);
        reply.waitForFinished();
        if (reply.isError()) {
            fail(QStringLiteral("--%1 container:%2: %3")
                     .arg(namespaceFlag(kind).flag, choice.container, client::describeError(reply.error())));
            return false;
        }
        choice.containerId = reply.value().value(QStringLiteral("Id")).toString();
    }
    return true;
}

std::optional<QString> createContainer(const ParsedArgs &args, Session &session)
{
    ContainerOptions options;
    options.env = args.values(QStringLiteral("env"));
    options.envFiles = args.values(QStringLiteral("env-file"));
    options.workdir = args.value(QStringLiteral("workdir"));
    options.hostname = args.value(QStringLiteral("hostname"));
    options.user = args.value(QStringLiteral("user"));
    options.tty = args.boolean(QStringLiteral("tty"));
    options.interactive = args.boolean(QStringLiteral("interactive"));
    if (options.tty)
        options.size = terminalSize();
    options.command = args.positional.mid(1);
    QString error;
    const auto namespaces = namespaceChoicesFromArgs(args, &error);
    if (!namespaces) {
        fail(error);
        return std::nullopt;
    }
    options.namespaces = *namespaces;
    const auto resources = resourceOptionsFromArgs(args, &error);
    if (!resources) {
        fail(error);
        return std::nullopt;
    }
    options.resources = *resources;
    const auto security = securityOptionsFromArgs(args, &error);
    if (!security) {
        fail(error);
        return std::nullopt;
    }
    options.security = *security;
    const auto mounts = mountRequestsFromArgs(args, &options.security.tmpfs, &error);
    if (!mounts) {
        fail(error);
        return std::nullopt;
    }
    options.mounts = *mounts;
    const auto network = networkOptionsFromArgs(args, &error);
    if (!network) {
        fail(error);
        return std::nullopt;
    }
    options.network = *network;
    if (!resolveJoinTargets(options.namespaces, session))
        return std::nullopt;
    const auto spec = buildSpecJson(options, processEnv, &error);
    if (!spec) {
        fail(error);
        return std::nullopt;
    }
    QVariantMap createOptions; // `create` has no --rm: false there
    if (args.boolean(QStringLiteral("rm")))
        createOptions.insert(QStringLiteral("AutoRemove"), true);
    QDBusPendingReply<QString> reply = session.manager().CreateContainer(
        args.value(QStringLiteral("name")), args.positional[0], QString::fromStdString(*spec), createOptions);
    if (!finished(reply))
        return std::nullopt;
    return reply.value();
}

// Waits (up to `timeout`) for the helper to remove `id` on its own; true once it is gone.
bool removedByHelper(Session &session, const QString &id, int timeoutMs)
{
    QEventLoop loop;
    bool gone = false;
    QObject::connect(&session.manager(), &ManagerProxy::ContainerRemoved, &loop, [&](const QString &removed) {
        if (removed == id) {
            gone = true;
            loop.quit();
        }
    });
    // Asked after connecting, so a removal between the two is not missed.
    QDBusPendingReply<QVariantMap> still = session.manager().GetContainer(id);
    still.waitForFinished();
    if (still.isError() && client::hakoErrorName(still.error()) == QLatin1String("NoSuchContainer"))
        return true;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return gone;
}

// --rm: the helper removes the container itself once it stops (AutoRemove, so even if we
// are killed), with its anonymous volumes; we wait for that so it is gone when we exit, as
// with docker, and remove it ourselves only if the helper has not done so in time.
int removeAfterRun(Session &session, const QString &id, bool remove, int status)
{
    if (!remove || removedByHelper(session, id, 10000))
        return status;
    QDBusPendingReply<> removed = session.manager().RemoveContainer(id, true);
    removed.waitForFinished();
    if (removed.isError() && client::hakoErrorName(removed.error()) != QLatin1String("NoSuchContainer"))
        return failDbus(removed.error());
    return status;
}

int waitFor(Session &session, const QString &ref)
{
    QDBusPendingReply<int, QVariantMap> reply = session.manager().WaitContainer(ref);
    return finished(reply) ? reply.argumentAt<0>() : kExitHakoError;
}

// run -t: the terminal goes raw; keystrokes go to the pty master (with -i), the output comes
// back through the log, and a resized window resizes the container's terminal.
int runWithTerminal(Session &session, const QString &id, bool interactive)
{
    QDBusUnixFileDescriptor master;
    if (interactive) {
        QDBusPendingReply<QDBusUnixFileDescriptor> attach = session.manager().AttachContainer(id);
        if (!finished(attach))
            return kExitHakoError;
        master = attach.value();
    }
    QDBusPendingReply<QDBusUnixFileDescriptor> logs = session.manager().FollowLogs(id, -1);
    if (!finished(logs))
        return kExitHakoError;
    {
        const RawTerminal raw;
        RelayOptions relayOptions;
        relayOptions.input = interactive ? master.fileDescriptor() : -1;
        relayOptions.output = logs.value().fileDescriptor();
        relayOptions.outputIsLog = true;
        relayOptions.rawOutput = raw.active();
        relayOptions.onResize = [&](TerminalSize size) {
            session.manager().ResizeContainer(id, size.rows, size.cols).waitForFinished();
        };
        relay(relayOptions);
    }
    return waitFor(session, id);
}

} // namespace

int cmdCreate(const ParsedArgs &args, Session &session)
{
    const auto id = createContainer(args, session);
    if (!id)
        return kExitHakoError;
    printOut(*id + QLatin1Char('\n'));
    return 0;
}

int cmdRun(const ParsedArgs &args, Session &session)
{
    const bool tty = args.boolean(QStringLiteral("tty"));
    const bool interactive = args.boolean(QStringLiteral("interactive"));
    const bool detach = args.boolean(QStringLiteral("detach"));
    const bool remove = args.boolean(QStringLiteral("rm"));
    if (tty && interactive && !detach && !stdinIsTerminal())
        return fail(QStringLiteral("the input device is not a TTY"));
    const auto id = createContainer(args, session);
    if (!id)
        return kExitHakoError;
    if (!tty && !detach) {
        AttachOptions attach;
        attach.interactive = interactive;
        attach.proxySignals = args.boolean(QStringLiteral("sig-proxy"));
        return removeAfterRun(session, *id, remove, startAttached(session, *id, attach));
    }
    QDBusPendingReply<> start = session.manager().StartContainer(*id);
    start.waitForFinished();
    if (start.isError()) {
        const int status = failStartingCommand(start.error());
        if (remove)
            session.manager().RemoveContainer(*id, true).waitForFinished();
        return status;
    }
    if (detach) {
        printOut(*id + QLatin1Char('\n'));
        return 0;
    }
    return removeAfterRun(session, *id, remove, runWithTerminal(session, *id, interactive));
}

} // namespace hako::cli
