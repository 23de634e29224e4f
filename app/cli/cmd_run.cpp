// create and run: the spec is built here from the flags (spec_builder), sent whole to
// CreateContainer; run then starts it and, in the foreground, shows its output from the log
// and exits with its status, as `docker run` does.
#include "session.h"
#include "spec_builder.h"
#include "terminal.h"

#include <QDBusUnixFileDescriptor>

#include <unistd.h>

namespace hako::cli {

namespace {

std::optional<QString> createContainer(const ParsedArgs &args, Session &session)
{
    ContainerOptions options;
    options.env = args.values(QStringLiteral("env"));
    options.envFiles = args.values(QStringLiteral("env-file"));
    options.workdir = args.value(QStringLiteral("workdir"));
    options.hostname = args.value(QStringLiteral("hostname"));
    options.user = args.value(QStringLiteral("user"));
    options.tty = args.boolean(QStringLiteral("tty"));
    if (options.tty)
        options.size = terminalSize();
    options.command = args.positional.mid(1);
    QString error;
    const auto spec = buildSpecJson(options, processEnv, &error);
    if (!spec) {
        fail(error);
        return std::nullopt;
    }
    QDBusPendingReply<QString> reply = session.manager().CreateContainer(
        args.value(QStringLiteral("name")), args.positional[0], QString::fromStdString(*spec), {});
    if (!finished(reply))
        return std::nullopt;
    return reply.value();
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

int followAndWait(Session &session, const QString &ref, int tail)
{
    // Both calls go out at once: each is authorised by polkit on its own, and the wait's
    // check then overlaps the streaming instead of following it.
    QDBusPendingReply<QDBusUnixFileDescriptor> logs = session.manager().FollowLogs(ref, tail);
    QDBusPendingReply<int, QVariantMap> exited = session.manager().WaitContainer(ref);
    if (!finished(logs))
        return kExitHakoError;
    RelayOptions relayOptions;
    relayOptions.output = logs.value().fileDescriptor();
    relayOptions.outputIsLog = true;
    relay(relayOptions);
    return finished(exited) ? exited.argumentAt<0>() : kExitHakoError;
}

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
    if (detach && remove)
        return fail(QStringLiteral("--rm with -d is not supported yet: the helper has no auto-remove"));
    const auto id = createContainer(args, session);
    if (!id)
        return kExitHakoError;
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
    const int status = tty ? runWithTerminal(session, *id, interactive) : followAndWait(session, *id, -1);
    if (remove) {
        QDBusPendingReply<> removed = session.manager().RemoveContainer(*id, true);
        if (!finished(removed))
            return kExitHakoError;
    }
    return status;
}

} // namespace hako::cli
