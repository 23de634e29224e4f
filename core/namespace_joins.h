// Namespaces a container joins from other containers (annotations["org.hako.namespace.<type>"],
// see spec.h), resolved afresh for each start.
//
// Each target must be running. Its PID 1 is opened by identity (pid + start time) and its
// namespace file is opened while that process is still alive, so a recycled pid is never
// joined. The launch then opens the namespace through the fd held here
// (/proc/<our pid>/fd/<n>), which stays open until the monitor reports that the container runs.
#pragma once

#include "fd.h"
#include "spec.h"
#include "state.h"

#include <functional>
#include <string>
#include <vector>

namespace hako
{

// The state of the container with this full id; throws NotFoundError if there is none.
using ContainerLookup = std::function<ContainerState(const std::string &id)>;

// create: every container the spec names as a join target exists (SpecError otherwise).
void checkJoinTargets(const Spec &spec, const ContainerLookup &lookup);

class NamespaceJoins
{
  public:
    // Throws StateError when a target is not running (or stopped meanwhile), SpecError when
    // its namespace is the host's: sharing the host's needs the privilege of asking for it
    // directly, and a join must not become a way around that.
    NamespaceJoins(const Spec &spec, const ContainerLookup &lookup);

    bool empty() const { return joins_.empty(); }
    // `spec` with each joined namespace's path pointing at the fd held here. The annotations
    // stay: the next start resolves them again.
    Spec applyTo(Spec spec) const;

  private:
    struct Join {
        NamespaceType type;
        UniqueFd fd;
    };
    std::vector<Join> joins_;
};

} // namespace hako
