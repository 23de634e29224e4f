// From `hakoctl run/create` flags to the OCI spec sent to CreateContainer. Built client-side
// from hako::defaultSpec() so the helper receives one complete document to validate and
// authorise, rather than a growing list of options.
#pragma once

#include "mount_options.h"
#include "namespace_options.h"
#include "network_options.h"
#include "resource_options.h"
#include "security_options.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <string>

namespace hako::cli {

struct TerminalSize {
    unsigned rows = 0;
    unsigned cols = 0;
};

struct ContainerOptions {
    QStringList env;      // -e, in order; "K" alone takes the caller's value
    QStringList envFiles; // --env-file, read before -e so -e wins
    QString workdir;
    QString hostname;
    QString user;
    bool tty = false;
    bool interactive = false;         // -i: without -t, the container's stdin stays open
    std::optional<TerminalSize> size; // the caller's terminal, for -t
    QStringList command;              // empty: the image's Cmd
    NamespaceChoices namespaces;      // --pid, --network, --ipc, --uts, --cgroupns
    NetworkOptions network;           // --network's networks, -p, --dns, --add-host, ...
    ResourceOptions resources;        // --cpus, -m, --pids-limit, ...
    SecurityOptions security;         // --cap-add, --privileged, --security-opt, --read-only, ...
    QList<MountRequest> mounts;       // -v, --mount (bind and volume; tmpfs ones are in security)
};

// One problem with the options: the JSON path of the spec field it concerns, the paths
// core's validation uses ("process.cwd", "hostname", "process.env[3]"; empty when no field
// is to blame), and a message that reads on its own.
struct SpecProblem {
    QString path;
    QString message;
    QString value; // a list item's text (process.env[3] → "=x"), so a form can find its row

    QString text() const; // "path: message", or the message alone without a path
};

// Every problem's text(), one a line: how a list of problems reads as one message.
QString problemsText(const QList<SpecProblem> &problems);

// The path of the annotation that records a join (annotations["org.hako.namespace.network"]),
// as core's validation names it.
QString joinAnnotationPath(NamespaceKind kind);

struct BuiltSpec {
    std::optional<std::string> json; // set when there are no problems
    QList<SpecProblem> problems;     // every problem found, not just the first
};

using EnvLookup = std::function<std::optional<QString>(const QString &name)>;

// Docker's --env-file format: KEY=VALUE lines, a bare KEY takes the caller's value, blank
// lines and lines starting with # are skipped. Sets `error` on a malformed line.
std::optional<QStringList> parseEnvFile(const QString &text, const EnvLookup &lookup, QString *error);

// "-e K" takes K from the caller's environment (dropped when unset), as docker does.
std::optional<QString> resolveEnv(const QString &entry, const EnvLookup &lookup);

// Sets or replaces KEY in a KEY=VALUE list.
void setEnv(QStringList &env, const QString &entry);

struct NumericUser {
    unsigned uid = 0;
    std::optional<unsigned> gid;
};
// -u's value as docker takes it: "NAME[:GROUP]", either part a name or a numeric id. Names
// are looked up in the image's own /etc/passwd and /etc/group when the container starts
// (the spec records the value as annotations["org.hako.user"]). False with `error` set when
// it is malformed.
bool checkUser(const QString &text, QString *error);
// The numeric form only: "1000" or "1000:1000"; nothing (and `error` set) otherwise.
std::optional<NumericUser> parseUser(const QString &text, QString *error);

// The spec from the options, checked by core's validateSpec (ValidateMode::FromImage): the
// same rules the helper applies, reported before anything is sent.
BuiltSpec buildSpec(const ContainerOptions &options, const EnvLookup &lookup);

// The spec JSON text, or nothing with `error` set (the problems, one per line).
std::optional<std::string> buildSpecJson(const ContainerOptions &options, const EnvLookup &lookup,
                                         QString *error);

// Why `name` cannot name a container (core's rule, as the engine applies it); empty when it
// can, and for an empty name (the engine generates one).
QString containerNameProblem(const QString &name);

// The caller's environment.
std::optional<QString> processEnv(const QString &name);

} // namespace hako::cli
