// What every command handler shares: the helper's proxy (connected on first use, so
// `--help` and flag errors never touch the bus) and Docker's error convention (exit 125 with
// "hakoctl: <message>" on stderr).
#pragma once

#include "client.h"
#include "flags.h"

#include <QDBusError>
#include <QDBusPendingReply>

#include <functional>

namespace hako::cli {

inline constexpr int kExitHakoError = 125;

class Session {
public:
    ManagerProxy &manager();

private:
    std::unique_ptr<ManagerProxy> manager_;
};

int fail(const QString &message);       // prints it, returns 125
int failDbus(const QDBusError &error);  // the helper's message plus any hint, returns 125
// For start/exec: 127 or 126 when the command itself could not be executed, as docker.
int failStartingCommand(const QDBusError &error);
void printOut(const QString &text);     // stdout, UTF-8, no newline added

// Waits for a reply (the proxy's timeout is unlimited); false after printing the error.
template <typename... T>
bool finished(QDBusPendingReply<T...> &reply)
{
    reply.waitForFinished();
    if (reply.isError()) {
        failDbus(reply.error());
        return false;
    }
    return true;
}

// Calls `verb` on each ref, prints the ref on success (docker's convention) and reports the
// errors one per line; 125 when any failed.
int forEachRef(const QStringList &refs, const std::function<QDBusPendingReply<>(const QString &)> &verb);

using Handler = int (*)(const ParsedArgs &, Session &);

int cmdRun(const ParsedArgs &args, Session &session);
int cmdCreate(const ParsedArgs &args, Session &session);
int cmdStart(const ParsedArgs &args, Session &session);
int cmdStop(const ParsedArgs &args, Session &session);
int cmdRestart(const ParsedArgs &args, Session &session);
int cmdKill(const ParsedArgs &args, Session &session);
int cmdRm(const ParsedArgs &args, Session &session);
int cmdWait(const ParsedArgs &args, Session &session);
int cmdPs(const ParsedArgs &args, Session &session);
int cmdInspect(const ParsedArgs &args, Session &session);
int cmdLogs(const ParsedArgs &args, Session &session);
int cmdTop(const ParsedArgs &args, Session &session);
int cmdImages(const ParsedArgs &args, Session &session);
int cmdInfo(const ParsedArgs &args, Session &session);
int cmdVersion(const ParsedArgs &args, Session &session);
int cmdExec(const ParsedArgs &args, Session &session);
int cmdPause(const ParsedArgs &args, Session &session);
int cmdUnpause(const ParsedArgs &args, Session &session);
int cmdUpdate(const ParsedArgs &args, Session &session);
int cmdStats(const ParsedArgs &args, Session &session);
int cmdCheck(const ParsedArgs &args, Session &session);

} // namespace hako::cli
