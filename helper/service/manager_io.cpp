// Manager methods that move bytes: logs (a list, or a pipe that follows), exec sessions and
// the terminal of a container (file descriptors passed over D-Bus).
#include "manager.h"

#include "convert.h"
#include "log_stream.h"
#include "validate.h"
#include "workers.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>

namespace hako::helper {

namespace {

std::optional<size_t> tailOf(int tail)
{
    return tail < 0 ? std::nullopt : std::optional<size_t>(size_t(tail));
}

// QtDBus cannot send an invalid fd, so "no terminal" is a /dev/null descriptor.
QDBusUnixFileDescriptor fdForReply(int fd)
{
    if (fd >= 0)
        return QDBusUnixFileDescriptor(fd); // dups; the caller closes its own copy
    const UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    return QDBusUnixFileDescriptor(devNull.get());
}

// A caller that passes no usable descriptor gets /dev/null, never the helper's own stdio.
UniqueFd dupFd(const QDBusUnixFileDescriptor &fd)
{
    if (fd.isValid())
        if (UniqueFd copy(::fcntl(fd.fileDescriptor(), F_DUPFD_CLOEXEC, 3)); copy)
            return copy;
    return UniqueFd(::open("/dev/null", O_RDWR | O_CLOEXEC));
}

} // namespace

QList<QVariantMap> Manager::GetLogs(const QString &ref, int tail)
{
    dispatch(begin("GetLogs", ref), checkRef(ref), "monitor", Workers::quick(), Rescan::No,
             [ref = ref.toStdString(), tail](Engine &engine) {
                 QList<QVariantMap> lines;
                 LogOptions options;
                 options.tail = tailOf(tail);
                 engine.logs(ref, options, [&](const LogLine &line) {
                     lines << logEntry(line);
                     return true;
                 });
                 return QVariantList{QVariant::fromValue(lines)};
             });
    return {};
}

QDBusUnixFileDescriptor Manager::FollowLogs(const QString &ref, int tail)
{
    LogOptions options;
    options.tail = tailOf(tail);
    streamLog(begin("FollowLogs", ref), options, nullptr);
    return {};
}

QDBusUnixFileDescriptor Manager::AttachOutput(const QString &ref)
{
    LogOptions options;
    options.tail = 0; // only what comes from now on
    options.nextRun = true;
    // Opened before an auto-remove could take the container away under a quick run.
    streamLog(begin("AttachOutput", ref), options, autoRemover_.hold(ref));
    return {};
}

void Manager::streamLog(const Call &call, LogOptions options, std::shared_ptr<void> hold)
{
    if (auto invalid = checkRef(call.ref)) {
        fail(call, *invalid);
        return;
    }
    authorizeThen(call, "monitor", [this, call, options, hold, engineOptions = options_.engine] {
        // One worker answers (once the log is open) and then streams.
        Workers::blocking().start([this, call, options, hold, engineOptions]() mutable {
            serveLogStream(engineOptions, call.ref.toStdString(), options,
                           [&](std::optional<Failure> failure, int readEnd) {
                               if (failure)
                                   post(call, Outcome{failure, {}, std::nullopt, {}});
                               else
                                   post(call, Outcome{std::nullopt, {QVariant::fromValue(fdForReply(readEnd))},
                                                      std::nullopt, {}});
                               hold.reset();
                           });
        });
    });
}

QString Manager::ExecInContainer(const QString &ref, const QStringList &args, const QVariantMap &options,
                                 const QDBusUnixFileDescriptor &in, const QDBusUnixFileDescriptor &out,
                                 const QDBusUnixFileDescriptor &err, QDBusUnixFileDescriptor &)
{
    const Call call = begin("ExecInContainer", ref);
    std::optional<Failure> invalid = checkRef(ref);
    auto parsed = invalid ? std::variant<ExecArguments, Failure>{*invalid} : parseExecArguments(args, options);
    if (const Failure *failure = std::get_if<Failure>(&parsed)) {
        fail(call, *failure);
        return {};
    }
    // Our own copies: the message's descriptors go away with it.
    auto fds = std::make_shared<std::array<UniqueFd, 3>>(
        std::array<UniqueFd, 3>{dupFd(in), dupFd(out), dupFd(err)});
    auto request = std::make_shared<ExecRequest>();
    const ExecArguments &a = std::get<ExecArguments>(parsed);
    request->args = a.args;
    request->env = a.env;
    request->cwd = a.cwd;
    request->userSpec = a.userSpec;
    request->tty = a.tty;
    request->size = a.size;
    request->stdinFd = (*fds)[0].get();
    request->stdoutFd = (*fds)[1].get();
    request->stderrFd = (*fds)[2].get();
    authorizeThen(call, "exec", [this, call, fds, request, engineOptions = options_.engine] {
        Workers::quick().start([this, call, fds, request, engineOptions] {
            Outcome outcome;
            try {
                auto entry = std::make_shared<ExecEntry>(
                    Engine(engineOptions).exec(call.ref.toStdString(), *request), call.message.service());
                outcome.onMain = [this, entry] {
                    const QDBusUnixFileDescriptor pty = fdForReply(entry->session.ptyMaster());
                    return QVariantList{execs_.add(entry), QVariant::fromValue(pty)};
                };
            } catch (...) {
                outcome.failure = failureFromCurrentException();
            }
            post(call, std::move(outcome));
        });
    });
    return {};
}

int Manager::WaitExec(const QString &execId)
{
    const Call call = begin("WaitExec", execId);
    std::optional<Failure> invalid = checkRef(execId, "execId");
    QString why;
    std::shared_ptr<ExecEntry> entry = invalid ? nullptr : execs_.find(execId, call.message.service(), &why);
    const Failure busy{errors::Busy, "exec session " + execId + " is already being waited for"};
    if (!invalid && !entry)
        invalid = Failure{errors::InvalidArgs, "execId: " + why};
    else if (!invalid && entry->waiting)
        invalid = busy;
    if (invalid) {
        fail(call, *invalid);
        return 0;
    }
    // Marked only once authorised: a refused WaitExec must leave the session waitable.
    authorizeThen(call, "exec", [this, call, entry, execId, busy] {
        if (std::exchange(entry->waiting, true)) { // another WaitExec was authorised meanwhile
            fail(call, busy);
            return;
        }
        runWork(call, Workers::blocking(), Rescan::No, [this, entry, execId](Engine &) {
            const int status = entry->session.wait();
            QMetaObject::invokeMethod(this, [this, execId] { execs_.remove(execId); }, Qt::QueuedConnection);
            return QVariantList{status};
        });
    });
    return 0;
}

void Manager::ResizeExec(const QString &execId, uint rows, uint cols)
{
    const Call call = begin("ResizeExec", execId);
    std::optional<Failure> invalid = checkRef(execId, "execId");
    if (!invalid)
        invalid = checkTerminalSize(rows, cols);
    QString why;
    std::shared_ptr<ExecEntry> entry = invalid ? nullptr : execs_.find(execId, call.message.service(), &why);
    if (!invalid && !entry)
        invalid = Failure{errors::InvalidArgs, "execId: " + why};
    dispatch(call, invalid, "exec", Workers::quick(), Rescan::No, [entry, rows, cols](Engine &) {
        entry->session.resize(ConsoleSize{rows, cols});
        return QVariantList{};
    });
}

QDBusUnixFileDescriptor Manager::AttachContainer(const QString &ref)
{
    dispatch(begin("AttachContainer", ref), checkRef(ref), "lifecycle", Workers::quick(), Rescan::No,
             [ref = ref.toStdString()](Engine &engine) {
                 const UniqueFd master = engine.attach(ref);
                 return QVariantList{QVariant::fromValue(fdForReply(master.get()))};
             });
    return {};
}

void Manager::ResizeContainer(const QString &ref, uint rows, uint cols)
{
    std::optional<Failure> invalid = checkRef(ref);
    if (!invalid)
        invalid = checkTerminalSize(rows, cols);
    dispatch(begin("ResizeContainer", ref), invalid, "lifecycle", Workers::quick(), Rescan::No,
             [ref = ref.toStdString(), rows, cols](Engine &engine) {
                 engine.resize(ref, ConsoleSize{rows, cols});
                 return QVariantList{};
             });
}

} // namespace hako::helper
