// A helper job (PullImage, ImportImage) seen from hakoctl: its JobProgress frames and its
// JobFinished, which the helper sends to this connection only, and Ctrl-C turned into
// CancelJob as docker pull's interrupt stops the pull.
#pragma once

#include "session.h"

#include <QJsonObject>

#include <functional>

namespace hako::cli {

inline constexpr int kExitInterrupted = 130; // 128 + SIGINT, as a shell reports it

struct JobOutcome {
    bool ok = false;
    bool interrupted = false; // Ctrl-C (or SIGTERM) cancelled it
    QJsonObject result;       // JobFinished's JSON
};

using ProgressHandler = std::function<void(const QList<QVariantMap> &frame)>;

// Calls `start` (which returns the job id) with the signals already connected, so no frame
// sent before the reply is lost, then waits for the end. Nothing when `start` failed (its
// error printed).
std::optional<JobOutcome> runJob(Session &session, const std::function<QDBusPendingReply<QString>()> &start,
                                 const ProgressHandler &onProgress);

// A failed job's message for the user: "Message" of the result, with a hint for a cancel.
QString jobError(const QJsonObject &result);

} // namespace hako::cli
