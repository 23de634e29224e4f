#include "flags.h"

#include <algorithm>

namespace hako::cli {

bool ParsedArgs::boolean(const QString &name) const
{
    return value(name) == QLatin1String("true");
}

QString ParsedArgs::value(const QString &name) const
{
    const QStringList given = values_.value(name);
    return given.isEmpty() ? defaults_.value(name) : given.last();
}

const FlagDef *FlagParser::findLong(const QString &name) const
{
    for (const FlagDef &flag : command_.flags)
        if (flag.name == name)
            return &flag;
    return nullptr;
}

const FlagDef *FlagParser::findShort(QChar c) const
{
    for (const FlagDef &flag : command_.flags)
        if (!flag.shorthand.isNull() && flag.shorthand == c)
            return &flag;
    return nullptr;
}

static QString flagLabel(const FlagDef &flag)
{
    return flag.shorthand.isNull() ? QStringLiteral("--%1").arg(flag.name)
                                   : QStringLiteral("-%1, --%2").arg(flag.shorthand).arg(flag.name);
}

bool FlagParser::store(const FlagDef &flag, const QString &value, ParsedArgs &out,
                       QString *error) const
{
    QString stored = value;
    auto invalid = [&](const QString &why) {
        *error = QStringLiteral("invalid argument \"%1\" for \"%2\" flag: %3")
                     .arg(value, flagLabel(flag), why);
        return false;
    };
    if (flag.kind == FlagKind::Bool) {
        const QString lower = value.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("1") || lower == QLatin1String("t"))
            stored = QStringLiteral("true");
        else if (lower == QLatin1String("false") || lower == QLatin1String("0") || lower == QLatin1String("f"))
            stored = QStringLiteral("false");
        else
            return invalid(QStringLiteral("not a boolean"));
    } else if (flag.kind == FlagKind::Int) {
        bool ok = false;
        const int number = value.toInt(&ok);
        if (!ok)
            return invalid(QStringLiteral("not an integer"));
        stored = QString::number(number);
    }
    out.values_[flag.name].append(stored);
    return true;
}

bool FlagParser::parseLong(const QStringList &args, qsizetype &i, ParsedArgs &out,
                           QString *error) const
{
    const QString body = args[i].mid(2);
    const qsizetype eq = body.indexOf(QLatin1Char('='));
    const QString name = eq < 0 ? body : body.left(eq);
    if (name == QLatin1String("help")) {
        out.help = true;
        return true;
    }
    const FlagDef *flag = findLong(name);
    if (!flag) {
        *error = QStringLiteral("unknown flag: --%1").arg(name);
        return false;
    }
    if (eq >= 0)
        return store(*flag, body.mid(eq + 1), out, error);
    if (flag->kind == FlagKind::Bool)
        return store(*flag, QStringLiteral("true"), out, error);
    if (i + 1 >= args.size()) {
        *error = QStringLiteral("flag needs an argument: --%1").arg(name);
        return false;
    }
    return store(*flag, args[++i], out, error);
}

// A cluster such as -it or -eFOO=1: bool flags may be grouped; a flag taking a value takes
// the rest of the cluster, or the next argument when the cluster ends with it.
bool FlagParser::parseShort(const QStringList &args, qsizetype &i, ParsedArgs &out,
                            QString *error) const
{
    const QString cluster = args[i].mid(1);
    for (qsizetype pos = 0; pos < cluster.size(); ++pos) {
        const QChar c = cluster[pos];
        if (c == QLatin1Char('h')) {
            out.help = true;
            continue;
        }
        const FlagDef *flag = findShort(c);
        if (!flag) {
            *error = QStringLiteral("unknown shorthand flag: '%1' in -%2").arg(c).arg(cluster);
            return false;
        }
        QString rest = cluster.mid(pos + 1);
        if (flag->kind == FlagKind::Bool) {
            if (rest.startsWith(QLatin1Char('=')))
                return store(*flag, rest.mid(1), out, error);
            if (!store(*flag, QStringLiteral("true"), out, error))
                return false;
            continue;
        }
        if (!rest.isEmpty())
            return store(*flag, rest.startsWith(QLatin1Char('=')) ? rest.mid(1) : rest, out, error);
        if (i + 1 >= args.size()) {
            *error = QStringLiteral("flag needs an argument: '%1' in -%1").arg(c);
            return false;
        }
        return store(*flag, args[++i], out, error);
    }
    return true;
}

bool FlagParser::checkCount(const ParsedArgs &out, QString *error) const
{
    const qsizetype count = out.positional.size();
    const QString cmd = QStringLiteral("\"hakoctl %1\"").arg(command_.name);
    auto plural = [](int n) { return n == 1 ? QStringLiteral("argument") : QStringLiteral("arguments"); };
    if (command_.maxArgs == 0 && count > 0) {
        *error = QStringLiteral("%1 accepts no arguments").arg(cmd);
        return false;
    }
    if (command_.minArgs == command_.maxArgs && count != command_.minArgs) {
        *error = QStringLiteral("%1 requires exactly %2 %3").arg(cmd).arg(command_.minArgs).arg(plural(command_.minArgs));
        return false;
    }
    if (count < command_.minArgs) {
        *error = QStringLiteral("%1 requires at least %2 %3").arg(cmd).arg(command_.minArgs).arg(plural(command_.minArgs));
        return false;
    }
    if (command_.maxArgs >= 0 && count > command_.maxArgs) {
        *error = QStringLiteral("%1 requires at most %2 %3").arg(cmd).arg(command_.maxArgs).arg(plural(command_.maxArgs));
        return false;
    }
    return true;
}

std::optional<ParsedArgs> FlagParser::parse(const QStringList &args, QString *error) const
{
    ParsedArgs out;
    for (const FlagDef &flag : command_.flags)
        out.defaults_.insert(flag.name, flag.kind == FlagKind::Bool && flag.defaultValue.isEmpty()
                                            ? QStringLiteral("false") : flag.defaultValue);
    bool flagsEnded = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (flagsEnded || arg.size() < 2 || !arg.startsWith(QLatin1Char('-'))) {
            out.positional.append(arg);
            // The container's own command line starts after the image/container.
            if (!command_.interspersed)
                flagsEnded = true;
            continue;
        }
        if (arg == QLatin1String("--")) {
            flagsEnded = true;
            continue;
        }
        const bool ok = arg.startsWith(QLatin1String("--")) ? parseLong(args, i, out, error)
                                                            : parseShort(args, i, out, error);
        if (!ok)
            return std::nullopt;
    }
    if (!out.help && !checkCount(out, error))
        return std::nullopt;
    return out;
}

// "  -m, --memory bytes": the option column of --help.
static QString optionColumn(const FlagDef &flag)
{
    QString left = flag.shorthand.isNull() ? QStringLiteral("      --%1").arg(flag.name)
                                           : QStringLiteral("  -%1, --%2").arg(flag.shorthand).arg(flag.name);
    if (!flag.valueType.isEmpty())
        left += QLatin1Char(' ') + flag.valueType;
    else if (flag.kind == FlagKind::Int)
        left += QStringLiteral(" int");
    else if (flag.kind == FlagKind::String)
        left += QStringLiteral(" string");
    else if (flag.kind == FlagKind::List)
        left += QStringLiteral(" list");
    return left;
}

QString helpText(const CommandDef &command)
{
    QString text = QStringLiteral("\nUsage:  hakoctl %1 %2\n\n%3\n")
                       .arg(command.name, command.usage, command.summary);
    if (!command.description.isEmpty())
        text += QLatin1Char('\n') + command.description + QLatin1Char('\n');
    if (command.flags.isEmpty())
        return text;
    text += QStringLiteral("\nOptions:\n");
    // The help texts start in one column, past the longest option, as cobra aligns them.
    qsizetype width = 28;
    for (const FlagDef &flag : command.flags)
        width = std::max(width, optionColumn(flag).size() + 1);
    for (const FlagDef &flag : command.flags) {
        QString help = flag.help;
        // Bools are false unless said otherwise; one that defaults to true says so.
        if (!flag.defaultValue.isEmpty() && (flag.kind != FlagKind::Bool || flag.defaultValue == QLatin1String("true")))
            help += QStringLiteral(" (default %1)").arg(flag.defaultValue);
        text += optionColumn(flag).leftJustified(width) + QLatin1Char(' ') + help + QLatin1Char('\n');
    }
    return text;
}

} // namespace hako::cli
