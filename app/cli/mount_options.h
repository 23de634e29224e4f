// Docker's storage flags of `hakoctl run/create`: -v/--volume (NAME:/dst[:ro|rw],
// /host:/dst[:ro|rw], /dst) and --mount (type=bind|volume|tmpfs,source=…,target=…,readonly,
// tmpfs-size=…,tmpfs-mode=…), with docker's wording for every refusal. --tmpfs stays with the
// security flags (security_options.h); a --mount of type tmpfs joins those.
#pragma once

#include "flags.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hako
{
struct Spec;
}

namespace hako::cli
{

struct SpecProblem;
struct TmpfsMount;

enum class MountKind {
    Volume, // a named volume Hako manages, or an anonymous one when `source` is empty
    Bind,   // a host path: the helper asks for the privileged action
};

struct MountRequest {
    MountKind kind = MountKind::Volume;
    QString source; // volume name, host path, or empty (anonymous volume)
    QString destination;
    bool readOnly = false;

    friend bool operator==(const MountRequest &, const MountRequest &) = default;
};

// The flag definitions (-v/--volume, --mount) run and create share.
QList<FlagDef> mountFlagDefs();

// One -v value; nothing with `error` set as docker words it ("invalid volume specification:
// 'x': invalid mount config for type \"bind\": ...").
std::optional<MountRequest> parseVolumeFlag(const QString &value, QString *error);

// One --mount value: a bind or volume mount, or a tmpfs (returned through `tmpfs`, with its
// options in --tmpfs's form). Errors name the flag and the bad key or value.
std::optional<MountRequest> parseMountFlag(const QString &value, std::optional<TmpfsMount> *tmpfs,
                                           QString *error);

// Every -v and --mount given (tmpfs ones appended to `tmpfs`); nothing with `error` set,
// including docker's "Duplicate mount point: /data".
std::optional<QList<MountRequest>> mountRequestsFromArgs(const ParsedArgs &args, QList<TmpfsMount> *tmpfs,
                                                         QString *error);

// Docker's rule for a local volume's name: [a-zA-Z0-9][a-zA-Z0-9_.-]+.
bool isValidVolumeName(const QString &name);

// The requests as spec mounts: {"type":"volume","source":NAME,"destination":DST,"options":
// ["rw"|"ro"]} (core/volumes.h) and {"type":"bind","source":HOST,"destination":DST,
// "options":["rbind"(,"ro")]}. One at a default mount's place replaces it.
void applyMountRequests(const QList<MountRequest> &mounts, Spec &spec, QList<SpecProblem> *problems);

// The -v words that give the requests back, for the create dialog's command line.
QStringList mountFlagWords(const QList<MountRequest> &mounts);

} // namespace hako::cli
