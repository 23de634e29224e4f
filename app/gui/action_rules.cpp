#include "action_rules.h"

#include "container_info.h"

#include <algorithm>

namespace hako::gui {

namespace {

bool actsOnOne(ContainerAction action)
{
    return action == ContainerAction::Logs || action == ContainerAction::Inspect ||
           action == ContainerAction::Shell || action == ContainerAction::EditLimits;
}

} // namespace

bool stateAllows(ContainerAction action, const QString &state)
{
    const bool running = state == states::kRunning || state == states::kPaused;
    switch (action) {
    case ContainerAction::Start:
        return state == states::kCreated || state == states::kStopped;
    case ContainerAction::Stop:
    case ContainerAction::Kill:
        return running;
    case ContainerAction::Shell:
        return state == states::kRunning; // a paused container cannot run a new process
    case ContainerAction::Pause:
        return state == states::kRunning;
    case ContainerAction::Resume:
        return state == states::kPaused;
    case ContainerAction::EditLimits: // a stopped container's are kept for its next start
    case ContainerAction::Restart:        // stops it first if it runs
    case ContainerAction::Remove:         // forced (killed first) if it runs, after a confirmation
    case ContainerAction::Logs:
    case ContainerAction::Inspect:
        return true;
    }
    return false;
}

bool selectionAllows(ContainerAction action, const QStringList &selectedStates)
{
    if (selectedStates.isEmpty())
        return false;
    if (actsOnOne(action) && selectedStates.size() != 1)
        return false;
    return std::all_of(selectedStates.begin(), selectedStates.end(),
                       [action](const QString &state) { return stateAllows(action, state); });
}

} // namespace hako::gui
