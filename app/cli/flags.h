// A flag parser with Docker's (cobra/pflag) conventions, so command lines from Docker's docs
// work unchanged: -it clusters, -eK=V and -e K=V, --name=N and --name N, "--" ends the flags,
// and flags may follow positional arguments unless the command takes a command line of its own
// (run, create, exec: everything after the image or container belongs to the container).
// Errors read as Docker's do ("unknown flag: --foo").
#pragma once

#include <QChar>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hako::cli {

enum class FlagKind { Bool, String, List, Int };

struct FlagDef {
    QString name;       // long name, without "--"
    QChar shorthand;    // null when there is none
    FlagKind kind = FlagKind::Bool;
    QString help;
    QString defaultValue; // shown in --help and returned when the flag is absent
    // The value's type as --help names it when the kind's word would mislead: docker's
    // "bytes" (-m 100m) and "decimal" (--cpus 0.5) are read as strings and parsed later.
    QString valueType{};
};

struct CommandDef {
    QString name;
    QString usage;   // "[OPTIONS] CONTAINER [CONTAINER...]"
    QString summary; // one line for `hakoctl --help`
    QList<FlagDef> flags;
    bool interspersed = true; // flags may follow positional arguments
    int minArgs = 0;
    int maxArgs = -1; // -1: no limit
    // More for --help, after the summary (what the exit codes mean…); may be empty.
    QString description{};
};

class ParsedArgs {
public:
    bool isSet(const QString &name) const { return values_.contains(name); }
    bool boolean(const QString &name) const;
    QString value(const QString &name) const; // the last one given, or the default
    QStringList values(const QString &name) const { return values_.value(name); }
    int integer(const QString &name) const { return value(name).toInt(); }

    QStringList positional;
    bool help = false;

private:
    friend class FlagParser;
    QHash<QString, QStringList> values_;
    QHash<QString, QString> defaults_;
};

class FlagParser {
public:
    explicit FlagParser(const CommandDef &command) : command_(command) {}
    // Returns nothing and sets `error` (Docker's wording) on a bad command line.
    std::optional<ParsedArgs> parse(const QStringList &args, QString *error) const;

private:
    const FlagDef *findLong(const QString &name) const;
    const FlagDef *findShort(QChar c) const;
    bool parseLong(const QStringList &args, qsizetype &i, ParsedArgs &out, QString *error) const;
    bool parseShort(const QStringList &args, qsizetype &i, ParsedArgs &out, QString *error) const;
    bool store(const FlagDef &flag, const QString &value, ParsedArgs &out, QString *error) const;
    bool checkCount(const ParsedArgs &out, QString *error) const;

    const CommandDef &command_;
};

// "Usage:  hakoctl stop [OPTIONS] CONTAINER [CONTAINER...]" and the option table.
QString helpText(const CommandDef &command);

} // namespace hako::cli
