#include "attach.h"

#include "terminal.h"

#include <QDBusUnixFileDescriptor>
#include <QJsonDocument>
#include <QJsonObject>

#include <fcntl.h>
#include <unistd.h>

#include <csignal>

namespace hako::cli {

namespace {

using WaitReply = QDBusPendingReply<int, QVariantMap>;

// AttachContainer's fd (the pty master, or the write end of the stdin pipe), ours alone: the
// reply's copy goes with the reply. nullopt after printing an error; -1 when the container
// has already stopped (a quick one may end before we attach: there is no input to give).
std::optional<int> takeInput(Session &session, const QString &ref)
{
    QDBusPendingReply<QDBusUnixFileDescriptor> reply = session.manager().AttachContainer(ref);
    reply.waitForFinished();
    if (reply.isError()) {
        if (client::hakoErrorName(reply.error()) == QLatin1String("InvalidState"))
            return -1;
        failDbus(reply.error());
        return std::nullopt;
    }
    return ::fcntl(reply.value().fileDescriptor(), F_DUPFD_CLOEXEC, 3);
}

int relayAndWait(Session &session, const QString &ref, const AttachOptions &options, RelayOptions relayOptions,
                 WaitReply &exited)
{
    if (options.interactive) {
        const std::optional<int> input = takeInput(session, ref);
        if (!input)
            return kExitHakoError;
        relayOptions.input = *input;
        relayOptions.inputIsPipe = !options.terminal;
    }
    if (options.terminal) {
        const RawTerminal raw;
        relayOptions.rawOutput = raw.active();
        relayOptions.onResize = [&](TerminalSize size) {
            session.manager().ResizeContainer(ref, size.rows, size.cols).waitForFinished();
        };
        relay(relayOptions);
        if (relayOptions.input >= 0)
            ::close(relayOptions.input); // a pty master stays ours (pipes are closed by relay)
    } else {
        if (options.proxySignals) {
            relayOptions.forwardSignals = proxiedSignals();
            // The container may have gone meanwhile: nothing to tell anyone then.
            relayOptions.onSignal = [&](int signal) {
                session.manager().KillContainer(ref, signal).waitForFinished();
            };
        }
        relay(relayOptions);
    }
    return finished(exited) ? exited.argumentAt<0>() : kExitHakoError;
}

} // namespace

const std::vector<int> &proxiedSignals()
{
    static const std::vector<int> forwarded{SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
    return forwarded;
}

std::optional<bool> hasTerminal(Session &session, const QString &ref)
{
    QDBusPendingReply<QVariantMap> reply = session.manager().GetContainer(ref);
    if (!finished(reply))
        return std::nullopt;
    const QJsonObject spec =
        QJsonDocument::fromJson(reply.value().value(QStringLiteral("Spec")).toString().toUtf8()).object();
    return spec.value(QStringLiteral("process")).toObject().value(QStringLiteral("terminal")).toBool();
}

int startAttached(Session &session, const QString &ref, const AttachOptions &options)
{
    // The output is attached and positioned before the start; the wait, when it may go out
    // early, travels with it so both polkit checks overlap.
    QDBusPendingReply<QDBusUnixFileDescriptor> output = session.manager().AttachOutput(ref);
    std::optional<WaitReply> exited;
    if (options.waitBeforeStart)
        exited = session.manager().WaitContainer(ref);
    if (!finished(output))
        return kExitHakoError;
    QDBusPendingReply<> start = session.manager().StartContainer(ref);
    start.waitForFinished();
    if (start.isError())
        return failStartingCommand(start.error());
    if (!exited)
        exited = session.manager().WaitContainer(ref);
    RelayOptions relayOptions;
    relayOptions.output = output.value().fileDescriptor();
    relayOptions.outputIsLog = true;
    return relayAndWait(session, ref, options, relayOptions, *exited);
}

} // namespace hako::cli
