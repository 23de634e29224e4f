// GetEffectiveSecurity: what the kernel applies to a running container's PID 1 (capability
// sets, seccomp, no_new_privs, ids and their mappings), read from the host's /proc, beside
// what its spec asked for — for the app's Security tab and anyone checking a container.
//
// Polkit action "monitor": it reveals no more than inspect (the spec) and the process list
// (its pid) already do, and it only reads.
#include "manager.h"

#include "effective_security.h"
#include "validate.h"
#include "workers.h"

#include <nlohmann/json.hpp>

namespace hako::helper {

QString Manager::GetEffectiveSecurity(const QString &container)
{
    // A few small /proc reads, but on the kernel's time: a quick worker, never the event loop.
    dispatch(begin("GetEffectiveSecurity", container), checkRef(container), "monitor", Workers::quick(),
             Rescan::No, [ref = container.toStdString()](Engine &engine) {
                 // The spec is read first: a container that stops in between then fails as not
                 // running rather than answering with one half of the picture.
                 const Spec spec = engine.inspect(ref).spec;
                 const nlohmann::json security = {{"Requested", requestedSecurityJson(spec)},
                                                  {"Effective", toJson(engine.effectiveSecurity(ref))}};
                 return QVariantList{QString::fromStdString(security.dump())};
             });
    return {};
}

} // namespace hako::helper
