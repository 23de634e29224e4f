// Docker's security flags of `hakoctl run/create`: --cap-add/--cap-drop, --privileged,
// --security-opt (seccomp=unconfined|PROFILE.json, no-new-privileges[=BOOL],
// systempaths=unconfined; label= and apparmor= are refused, see below), --read-only and
// --tmpfs PATH[:OPTIONS]. The one table run, create and the create dialog read, and the one
// way these choices reach the spec.
#pragma once

#include "flags.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace hako
{
struct Spec;
}

namespace hako::cli
{

struct SpecProblem;

enum class SeccompChoice {
    Default,    // Hako's default profile, computed for the container's final capabilities
    Unconfined, // no filter: needs the `privileged` authorisation
    Profile,    // a profile in Docker's format, from a file of the caller's
};

struct TmpfsMount {
    QString path;    // "/tmp"
    QString options; // as given after the colon ("size=64m,exec"); empty: Docker's defaults

    friend bool operator==(const TmpfsMount &, const TmpfsMount &) = default;
};

struct SecurityOptions {
    QStringList capAdd, capDrop; // as given: "net_admin", "CAP_SYS_TIME", "ALL"
    bool privileged = false;
    SeccompChoice seccomp = SeccompChoice::Default;
    QString seccompProfilePath; // Profile: the file as the user named it (for the command line)
    // Profile: the file's text. Read by the client, as docker's CLI does: the file is the
    // caller's, which the helper (root) must not open on its behalf.
    QByteArray seccompProfile;
    bool noNewPrivileges = false;
    bool unmaskSystemPaths = false; // systempaths=unconfined: no masked or read-only paths
    bool readOnly = false;          // --read-only: root.readonly
    QList<TmpfsMount> tmpfs;
    // --userns=remap[:USER]: a user namespace mapping root to USER's subordinate ranges
    // ("hako" when empty; see kUsernsRemapAnnotation). --userns=host (the default): none.
    bool usernsRemap = false;
    QString usernsRemapUser;

    bool empty() const;
    friend bool operator==(const SecurityOptions &, const SecurityOptions &) = default;
};

// The flag definitions run and create share.
QList<FlagDef> securityFlagDefs();

// Every security flag given, or nothing with `error` set in docker's words ("Invalid
// --security-opt: \"x\"", "invalid CapAdd: unknown capability: \"CAP_FOO\"", "opening seccomp
// profile (p.json) failed: …"). Reads a seccomp profile's file.
std::optional<SecurityOptions> securityOptionsFromArgs(const ParsedArgs &args, QString *error);

// One --security-opt value into `options`; false with `error` set when docker would refuse
// it or when this host cannot honour it (label=, apparmor=: see lsmUnavailable).
bool parseSecurityOpt(const QString &value, SecurityOptions &options, QString *error);

// A seccomp profile file's text; nothing with `error` set as docker words it.
std::optional<QByteArray> readSeccompProfile(const QString &path, QString *error);

// Docker's normalisation: any case, "CAP_" added when missing, "ALL" kept as is; an unknown
// name gives "unknown capability: \"CAP_FOO\"".
std::optional<QStringList> normalizeCapabilities(const QStringList &names, QString *error);

// docker's GetAllCapabilities: the capabilities in this process's bounding set, which on a
// host that is itself confined (a container, a sandbox) lacks some; the engine, on the same
// host, could not grant those and every start would fail. What ALL and --privileged mean.
std::vector<std::string> availableCapabilities();

// The container's capabilities after --cap-drop then --cap-add over Docker's default 14, as
// docker's TweakCapabilities: --cap-add ALL gives every available capability but the dropped
// ones, --cap-drop ALL leaves only the added ones; --privileged gives all available ones.
std::optional<std::vector<std::string>> finalCapabilities(const SecurityOptions &options,
                                                          QString *error);

// --tmpfs's mount options: Docker's defaults (rw,noexec,nosuid,nodev) with the given ones
// replacing their opposites and earlier values of the same key ("exec" replaces "noexec",
// "size=1m" an earlier size); an unknown option gives docker's "invalid tmpfs option".
std::optional<std::vector<std::string>> tmpfsMountOptions(const QString &given, QString *error);

// Why the kernel security module `lsm` ("apparmor", "selinux") cannot be used from
// `lsmList` (/sys/kernel/security/lsm): Hako applies neither profiles nor labels, so the
// answer is never empty; it says whether the host has the module at all.
QString lsmUnavailable(const QString &option, const QString &lsm,
                       const QString &lsmList = QStringLiteral("/sys/kernel/security/lsm"));

// The options into `spec` (built from defaultSpec()): capabilities, the seccomp filter for
// the final capabilities, no-new-privileges, masked paths, root.readonly, tmpfs mounts and
// for --privileged everything it opens up. Problems (a profile's errors, with the file and
// the JSON path inside it) are appended to `problems`.
void applySecurityOptions(const SecurityOptions &options, Spec &spec, QList<SpecProblem> *problems);

// The flags that give `options` back, for the command line the create dialog shows.
QStringList securityFlagWords(const SecurityOptions &options);

} // namespace hako::cli
