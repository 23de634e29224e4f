// Which container actions the selection allows: every selected container's state must allow
// the action (the same rules the engine applies, core/state.cpp), and some act on exactly one.
#pragma once

#include <QStringList>

namespace hako::gui {

enum class ContainerAction {
    Start,
    Stop,
    Restart,
    Pause,
    Resume,
    Kill,
    EditLimits,
    Remove,
    Logs,
    Inspect,
    Shell
};

// True if `state` (the helper's name: created, running, paused, stopped) allows `action`.
bool stateAllows(ContainerAction action, const QString &state);

// True if the selection (one state per selected container) allows `action`.
bool selectionAllows(ContainerAction action, const QStringList &selectedStates);

} // namespace hako::gui
