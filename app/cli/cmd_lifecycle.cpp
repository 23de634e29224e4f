// start, stop, restart, kill, rm, wait: one call per container, as docker does, so one bad
// name does not stop the others; the exit code says whether any failed.
#include "attach.h"
#include "session.h"
#include "signals.h"
#include "terminal.h"

namespace hako::cli {

int cmdStart(const ParsedArgs &args, Session &session)
{
    const bool interactive = args.boolean(QStringLiteral("interactive"));
    if (args.boolean(QStringLiteral("attach")) || interactive) {
        if (args.positional.size() != 1)
            return fail(QStringLiteral("you cannot start and attach multiple containers at once"));
        const QString ref = args.positional[0];
        const auto terminal = hasTerminal(session, ref);
        if (!terminal)
            return kExitHakoError;
        if (*terminal && interactive && !stdinIsTerminal())
            return fail(QStringLiteral("the input device is not a TTY"));
        AttachOptions attach;
        attach.terminal = *terminal;
        attach.interactive = interactive;
        // It may have run before: its old exit status must not answer a wait sent too early.
        attach.waitBeforeStart = false;
        return startAttached(session, ref, attach);
    }
    return forEachRef(args.positional, [&](const QString &ref) { return session.manager().StartContainer(ref); });
}

int cmdStop(const ParsedArgs &args, Session &session)
{
    const int timeout = args.integer(QStringLiteral("time"));
    if (timeout < 0)
        return fail(QStringLiteral("invalid argument \"%1\" for \"-t, --time\" flag: must not be negative").arg(timeout));
    return forEachRef(args.positional, [&](const QString &ref) {
        return session.manager().StopContainer(ref, static_cast<uint>(timeout));
    });
}

int cmdRestart(const ParsedArgs &args, Session &session)
{
    const int timeout = args.integer(QStringLiteral("time"));
    if (timeout < 0)
        return fail(QStringLiteral("invalid argument \"%1\" for \"-t, --time\" flag: must not be negative").arg(timeout));
    return forEachRef(args.positional, [&](const QString &ref) {
        return session.manager().RestartContainer(ref, static_cast<uint>(timeout));
    });
}

int cmdKill(const ParsedArgs &args, Session &session)
{
    const QString name = args.value(QStringLiteral("signal"));
    const auto signal = parseSignal(name);
    if (!signal)
        return fail(QStringLiteral("invalid signal: %1").arg(name));
    return forEachRef(args.positional, [&](const QString &ref) { return session.manager().KillContainer(ref, *signal); });
}

int cmdRm(const ParsedArgs &args, Session &session)
{
    const bool force = args.boolean(QStringLiteral("force"));
    return forEachRef(args.positional, [&](const QString &ref) { return session.manager().RemoveContainer(ref, force); });
}

int cmdWait(const ParsedArgs &args, Session &session)
{
    int status = 0;
    for (const QString &ref : args.positional) {
        QDBusPendingReply<int, QVariantMap> reply = session.manager().WaitContainer(ref);
        if (!finished(reply)) {
            status = kExitHakoError;
            continue;
        }
        printOut(QString::number(reply.argumentAt<0>()) + QLatin1Char('\n'));
    }
    return status;
}

} // namespace hako::cli
