// What the monitor resolves from the state root before a launch: the image layers under the
// container's overlay, and each "volume" mount's host directory (filled from the image on
// its first use, as Docker does).
#pragma once

#include "spec.h"
#include "state.h"

#include <string>
#include <vector>

namespace hako::monitor {

// The image's layer dirs, top first, looked up by the container's image id; a container made
// before the layered store (no image id) has its root.path as its one lower dir.
std::vector<std::string> lowerDirsFor(const std::string &stateRoot, const ContainerState &state,
                                      const Spec &spec);

// Every mount of type "volume" gets its volume's _data dir as an absolute source. A volume
// mounted for the first time while empty is given a copy of what the image has at the mount's
// destination (owners shifted into a user namespace's range), then marked populated so that
// no later mount copies again. `containerDir` holds the temporary view of the layers.
void resolveVolumeMounts(Spec &spec, const std::string &stateRoot,
                         const std::vector<std::string> &lowerDirs, const std::string &containerDir);

} // namespace hako::monitor
