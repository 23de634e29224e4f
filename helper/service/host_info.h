// GetHostInfo and ListContainerProcesses: read-only facts from /proc and /sys.
#pragma once

#include "state.h"

#include <QList>
#include <QVariantMap>

namespace hako::helper {

QVariantMap hostInfo(const std::string &stateRoot, const std::string &cgroupRoot);
// Every host process in the container's PID namespace (docker top).
QList<QVariantMap> containerProcesses(const ContainerState &state);

} // namespace hako::helper
