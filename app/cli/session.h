// What every command handler shares: the helper's proxy (connected on first use, so
// `--help` and flag errors never touch the bus) and Docker's error convention (exit 125 with
// "hakoctl: <message>" on stderr).
#pragma once

#include <QJsonArray>

#include "client.h"
#include "flags.h"

#include <QDBusError>
#include <QDBusPendingReply>
#include <QJsonObject>

#include <functional>
#include <optional>

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
// docker inspect's output: each object through the Go-template `rawFormat` (unescaped
// first), or, without one, all of them as one indented JSON array. 0, or fail()'s code.
int printInspected(const QJsonArray &objects, const QString &rawFormat);

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
// Images and storage (cmd_images.cpp, cmd_transfer.cpp, cmd_storage.cpp).
int cmdPull(const ParsedArgs &args, Session &session);
int cmdRmi(const ParsedArgs &args, Session &session);
int cmdTag(const ParsedArgs &args, Session &session);
int cmdHistory(const ParsedArgs &args, Session &session);
int cmdImagePrune(const ParsedArgs &args, Session &session);
int cmdImageInspect(const ParsedArgs &args, Session &session);
int cmdImport(const ParsedArgs &args, Session &session);
int cmdLoad(const ParsedArgs &args, Session &session);
int cmdSave(const ParsedArgs &args, Session &session);
int cmdExport(const ParsedArgs &args, Session &session);
int cmdCommit(const ParsedArgs &args, Session &session);
int cmdSystemDf(const ParsedArgs &args, Session &session);
int cmdVolumeLs(const ParsedArgs &args, Session &session);
int cmdVolumeCreate(const ParsedArgs &args, Session &session);
int cmdVolumeRm(const ParsedArgs &args, Session &session);
int cmdVolumeInspect(const ParsedArgs &args, Session &session);
// Networks (cmd_network.cpp).
int cmdNetworkLs(const ParsedArgs &args, Session &session);
int cmdNetworkCreate(const ParsedArgs &args, Session &session);
int cmdNetworkRm(const ParsedArgs &args, Session &session);
int cmdNetworkInspect(const ParsedArgs &args, Session &session);
int cmdNetworkConnect(const ParsedArgs &args, Session &session);
int cmdNetworkDisconnect(const ParsedArgs &args, Session &session);
int cmdPort(const ParsedArgs &args, Session &session);
// inspect's second try once GetContainer failed: the image `ref`, as docker inspect does.
// Prints the error and returns nothing when it is neither.
std::optional<QJsonObject> inspectImageFallback(Session &session, const QString &ref, const QDBusError &containerError);

} // namespace hako::cli
