// Engine::effectiveSecurity: what the kernel applies to a live container's PID 1, read from
// the host's /proc (core/effective_security.h), so the container cannot fake any of it.
#include "engine.h"

#include "error.h"

namespace hako {

EffectiveSecurity Engine::effectiveSecurity(const std::string &nameOrId) const
{
    const std::string id = store_.resolve(nameOrId);
    const ContainerState state = refreshedState(id);
    // A paused container's process is frozen, not gone: its /proc files still read.
    if (state.status != Status::Running && state.status != Status::Paused)
        throw StateError("container " + state.name + " is not running (" + state.describe() + ")");
    try {
        return readEffectiveSecurity(state.pid);
    } catch (const NotFoundError &) {
        // The process ended between the state check and the read: the container stopped,
        // which is a state question for the caller, not a missing container.
        throw StateError("container " + state.name + " is not running (it has just exited)");
    }
}

} // namespace hako
