// docker's `-u NAME[:GROUP]`: the user and group looked up in the container's own
// /etc/passwd and /etc/group (never the host's), the way runc does it for Docker:
// * NAME or a numeric uid; a uid without a passwd entry is taken as it is (group 0), a name
//   without one is an error;
// * GROUP (a name or a gid) sets the primary group; without it the passwd entry's group is
//   primary and every group that lists the user is a supplementary one;
// * HOME comes from the passwd entry unless the environment sets it.
// Errors carry Docker's words: "unable to find user NAME: no matching entries in passwd file".
#pragma once

#include "spec.h"

#include <string>

namespace hako {

// "" when `userSpec` has the form NAME[:GROUP] (at most 256 characters, no whitespace or
// control characters, a user part), else why not. Whether the names exist is known only at
// start, from the image's files.
std::string whyInvalidUserSpec(const std::string &userSpec);

// Sets process.user (uid, gid, additional gids; the umask stays) and HOME from `userSpec`,
// reading the files beneath `rootFd`, a directory fd on the container's root, through
// openat2(RESOLVE_IN_ROOT): its symlinks cannot lead out of it. Throws SpecError.
void applyUserSpec(Process &process, int rootFd, const std::string &userSpec);

// The same for a caller whose "/" is the container's root (after pivot_root, or after
// joining its mount namespace).
void applyUserSpecHere(Process &process, const std::string &userSpec);

// The spec's process with its user by name (the kUserAnnotation) resolved as above, for a
// caller whose "/" is the container's root; unchanged when there is none.
Process withNamedUser(const Spec &spec);

} // namespace hako
