// The namespace choices of `hakoctl run/create`, in Docker's forms: --pid host|container:NAME,
// --ipc host|container:NAME|private|shareable, --uts host, --network bridge|NETWORK|host|none|container:NAME,
// --cgroupns host|private. The create dialog offers the same choices, so this is the one
// table both read. The mount namespace is always the container's own (its root is built
// there); the user namespace needs id mappings and is not offered here.
#pragma once

#include "flags.h"

#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace hako::cli
{

enum class NamespaceKind { Pid, Network, Ipc, Uts, Cgroup };

enum class NamespaceMode {
    Private,   // a namespace of its own (the default)
    Host,      // the host's: needs the `privileged` authorisation
    Container, // another container's, resolved by the engine at each start
};

struct NamespaceChoice {
    NamespaceMode mode = NamespaceMode::Private;
    QString container;   // Container: as the user named it (what the command line shows)
    QString containerId; // Container: its full id, resolved by the client (what the spec holds)

    friend bool operator==(const NamespaceChoice &, const NamespaceChoice &) = default;
};

// Absent kinds are Private.
using NamespaceChoices = std::map<NamespaceKind, NamespaceChoice>;

struct NamespaceFlag {
    NamespaceKind kind;
    QString flag;        // "network": the long flag, without "--"
    QString specType;    // "network": linux.namespaces[].type
    QString privateWord; // what names the default on the command line ("none"), or ""
    bool canJoinContainer;
};

const std::vector<NamespaceFlag> &namespaceFlags();
const NamespaceFlag &namespaceFlag(NamespaceKind kind);

// A flag's value → the choice; sets `error` (naming the flag) for a value it does not take.
std::optional<NamespaceChoice> parseNamespaceFlag(NamespaceKind kind, const QString &value,
                                                  QString *error);
// The choice → the flag's value; empty for the default, which needs no flag.
QString namespaceFlagValue(const NamespaceChoice &choice);

// Every namespace flag given to run/create (--net standing for --network). Containers stay
// as named: the caller resolves them to ids (containerId) before building the spec.
std::optional<NamespaceChoices> namespaceChoicesFromArgs(const ParsedArgs &args, QString *error);

} // namespace hako::cli
