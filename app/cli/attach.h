// Foreground `run` and `start -a` without a terminal, as docker's attach does them: the output
// is attached before the start (AttachOutput), so not one early line is lost; with -i the
// caller's stdin is forwarded to the container's until it ends; the signals docker's
// --sig-proxy forwards go to the container (KillContainer) instead of ending hakoctl.
#pragma once

#include "session.h"

#include <optional>
#include <vector>

namespace hako::cli {

struct AttachOptions {
    // The container has a terminal (start -a of one made with -t): ours goes raw, -i types
    // into its pty, and signals are not proxied (the keys reach it through the pty).
    bool terminal = false;
    bool interactive = false;    // -i: forward stdin (to the open stdin pipe, or the terminal)
    bool proxySignals = true;  // --sig-proxy
    // A container that never ran: the wait can go out before the start (it waits for the
    // run), so an auto-remove cannot take the container away before the exit status is had.
    bool waitBeforeStart = true;
};

// The signals forwarded with --sig-proxy (docker's list, less the ones a terminal sends).
const std::vector<int> &proxiedSignals();

// Whether the container was made with a terminal (process.terminal in its spec).
std::optional<bool> hasTerminal(Session &session, const QString &ref);

// Starts `ref` with its output attached and returns its exit status; if the start fails,
// docker's code for that (125, or 126/127 when the command could not be run).
int startAttached(Session &session, const QString &ref, const AttachOptions &options);

} // namespace hako::cli
