// exec: without -t the process gets our own stdin/stdout/stderr over D-Bus and writes to them
// directly; with -t it gets a pty whose master comes back to us, and we relay it.
#include "session.h"
#include "spec_builder.h"
#include "terminal.h"

#include <QDBusUnixFileDescriptor>

#include <fcntl.h>
#include <unistd.h>

namespace hako::cli {

namespace {

std::optional<QVariantMap> execOptions(const ParsedArgs &args, bool tty)
{
    QVariantMap options;
    QStringList env;
    for (const QString &entry : args.values(QStringLiteral("env")))
        if (const auto resolved = resolveEnv(entry, processEnv))
            env.append(*resolved);
    if (!env.isEmpty())
        options.insert(QStringLiteral("Env"), env);
    if (args.isSet(QStringLiteral("workdir")))
        options.insert(QStringLiteral("Cwd"), args.value(QStringLiteral("workdir")));
    if (args.isSet(QStringLiteral("user"))) {
        QString error;
        if (!checkUser(args.value(QStringLiteral("user")), &error)) {
            fail(error);
            return std::nullopt;
        }
        options.insert(QStringLiteral("User"), args.value(QStringLiteral("user")));
    }
    options.insert(QStringLiteral("Tty"), tty);
    if (const auto size = terminalSize(); tty && size) {
        options.insert(QStringLiteral("Rows"), size->rows);
        options.insert(QStringLiteral("Cols"), size->cols);
    }
    return options;
}

int waitExec(Session &session, const QString &execId)
{
    QDBusPendingReply<int> reply = session.manager().WaitExec(execId);
    return finished(reply) ? reply.value() : kExitHakoError;
}

int relayExecTerminal(Session &session, const QString &execId, int master, bool interactive)
{
    {
        const RawTerminal raw;
        RelayOptions options;
        options.input = interactive ? master : -1;
        options.output = master;
        options.onResize = [&](TerminalSize size) {
            session.manager().ResizeExec(execId, size.rows, size.cols).waitForFinished();
        };
        relay(options);
    }
    return waitExec(session, execId);
}

} // namespace

int cmdExec(const ParsedArgs &args, Session &session)
{
    const bool tty = args.boolean(QStringLiteral("tty"));
    const bool interactive = args.boolean(QStringLiteral("interactive"));
    const bool detach = args.boolean(QStringLiteral("detach"));
    if (tty && interactive && !detach && !stdinIsTerminal())
        return fail(QStringLiteral("the input device is not a TTY"));
    const auto options = execOptions(args, tty);
    if (!options)
        return kExitHakoError;
    // Without -i the process must not read our terminal, as with docker: it gets /dev/null.
    // Detached, it must not hold our stdout/stderr either.
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const QDBusUnixFileDescriptor in(interactive && !detach ? STDIN_FILENO : devNull);
    const QDBusUnixFileDescriptor out(detach ? devNull : STDOUT_FILENO);
    const QDBusUnixFileDescriptor err(detach ? devNull : STDERR_FILENO);
    ::close(devNull);
    QDBusPendingReply<QString, QDBusUnixFileDescriptor> reply = session.manager().ExecInContainer(
        args.positional[0], args.positional.mid(1), *options, in, out, err);
    reply.waitForFinished();
    if (reply.isError())
        return failStartingCommand(reply.error());
    const QString execId = reply.argumentAt<0>();
    if (detach)
        return 0;
    if (tty)
        return relayExecTerminal(session, execId, reply.argumentAt<1>().fileDescriptor(), interactive);
    return waitExec(session, execId);
}

} // namespace hako::cli
