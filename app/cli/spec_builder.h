// From `hakoctl run/create` flags to the OCI spec sent to CreateContainer. Built client-side
// from hako::defaultSpec() so the helper receives one complete document to validate and
// authorise, rather than a growing list of options.
#pragma once

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
    std::optional<TerminalSize> size; // the caller's terminal, for -t
    QStringList command;              // empty: the image's Cmd
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
// "1000" or "1000:1000". Names need the image's /etc/passwd, which the client cannot read.
std::optional<NumericUser> parseUser(const QString &text, QString *error);

// The spec JSON text, or nothing with `error` set.
std::optional<std::string> buildSpecJson(const ContainerOptions &options, const EnvLookup &lookup,
                                         QString *error);

// The caller's environment.
std::optional<QString> processEnv(const QString &name);

} // namespace hako::cli
