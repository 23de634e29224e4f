// Subordinate id ranges (/etc/subuid, /etc/subgid) and the mappings --userns=remap builds
// from them, as Docker's userns-remap does: the container's ids 0..N-1 go to the remap
// user's ranges, in the order the files list them.
#pragma once

#include "spec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hako {

// One line "name:start:count" (name may be a numeric uid).
struct SubIdRange {
    std::string owner;
    uint32_t start = 0;
    uint32_t count = 0;

    uint64_t end() const { return uint64_t(start) + count; } // one past the last id
    friend bool operator==(const SubIdRange &, const SubIdRange &) = default;
};

struct SubIdFiles {
    std::string subuid = "/etc/subuid";
    std::string subgid = "/etc/subgid";
};

// Every range of the file, in order; blank lines and "#" comments skipped. A missing file
// has no ranges. A malformed line is a SpecError "PATH:LINE: what is wrong".
std::vector<SubIdRange> parseSubIds(const std::string &text, const std::string &path);
std::vector<SubIdRange> readSubIds(const std::string &path);

// The ranges of `user` (by name, or by the numeric uid the passwd database gives the name).
std::vector<SubIdRange> rangesOf(const std::vector<SubIdRange> &ranges, const std::string &user);

// Container ids 0.. mapped consecutively onto `ranges` (at most the kernel's 340 lines).
std::vector<IdMapping> mappingsFor(const std::vector<SubIdRange> &ranges);

struct RemapMappings {
    std::vector<IdMapping> uidMappings, gidMappings;
};

// The mappings for --userns=remap:USER. The default user (kDefaultRemapUser) gets a range of
// 65536 in both files on first use (see allocateDefaultRange); any other user without
// entries is a SpecError naming the user and the files. A range that contains host id 0 is
// refused: it would make the container's root the host's.
RemapMappings remapMappings(const std::string &user, const SubIdFiles &files = {});

// Docker's "dockremap" treatment for `user`: when either file lacks it, appends
// "USER:START:65536" to that file, START being the first 65536-aligned id at or above 100000
// whose block overlaps no range of either file. Atomic (temp file + rename, mode 0644) and
// serialised by a lock file beside the subuid file, so concurrent creates agree on one block.
// Idempotent: a user already present in both files is left alone.
void allocateDefaultRange(const std::string &user, const SubIdFiles &files = {});

} // namespace hako
