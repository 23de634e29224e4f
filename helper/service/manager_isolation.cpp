// CheckIsolation: the isolation check (core/isolation_check.h) of a running container, for
// hakoctl check and the app's dialog.
//
// Polkit action "monitor", not "exec": the caller chooses nothing that runs. What runs inside
// the container is Hako's own static probe, which only reads (/proc, uid_map, the mount
// table) and tries one call the seccomp filter should deny; it changes nothing in the
// container and nothing on the host, and the report says only what `hakoctl inspect` and
// `hakoctl top` (both "monitor") already let the caller learn, checked against the kernel.
#include "manager.h"

#include "isolation_check.h"
#include "validate.h"
#include "workers.h"

#include <nlohmann/json.hpp>

namespace hako::helper {

QString Manager::CheckIsolation(const QString &container)
{
    // The probe is a short exec with its own limits: a quick worker, never the event loop.
    dispatch(begin("CheckIsolation", container), checkRef(container), "monitor", Workers::quick(),
             Rescan::No, [ref = container.toStdString()](Engine &engine) {
                 const IsolationReport report = engine.checkIsolation(ref);
                 return QVariantList{QString::fromStdString(toJson(report).dump())};
             });
    return {};
}

} // namespace hako::helper
