#include "gotemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace hako::cli {

namespace {

// Splits an action into words, keeping "quoted strings" whole (with their quotes).
QStringList tokenize(const QString &action)
{
    QStringList words;
    QString word;
    bool quoted = false;
    for (const QChar c : action) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        if (!quoted && (c.isSpace() || c == QLatin1Char('|'))) {
            if (!word.isEmpty())
                words.append(word);
            word.clear();
            if (c == QLatin1Char('|'))
                words.append(QStringLiteral("|"));
            continue;
        }
        word.append(c);
    }
    if (!word.isEmpty())
        words.append(word);
    return words;
}

std::optional<QJsonValue> lookupPath(const QString &path, const QJsonValue &dot, QString *error)
{
    QJsonValue current = dot;
    for (const QString &field : path.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        if (!current.isObject() || !current.toObject().contains(field)) {
            *error = QStringLiteral("template: can't evaluate field %1").arg(field);
            return std::nullopt;
        }
        current = current.toObject().value(field);
    }
    return current;
}

std::optional<QJsonValue> evalOperand(const QString &word, const QJsonValue &dot, QString *error)
{
    if (word.startsWith(QLatin1Char('.')))
        return lookupPath(word, dot, error);
    if (word.size() >= 2 && word.startsWith(QLatin1Char('"')) && word.endsWith(QLatin1Char('"')))
        return QJsonValue(word.mid(1, word.size() - 2));
    bool isNumber = false;
    const double number = word.toDouble(&isNumber);
    if (isNumber)
        return QJsonValue(number);
    *error = QStringLiteral("template: function \"%1\" not defined").arg(word);
    return std::nullopt;
}

std::optional<QJsonValue> callIndex(const QList<QJsonValue> &args, QString *error)
{
    QJsonValue current = args.value(0);
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (current.isArray() && args[i].isDouble())
            current = current.toArray().at(args[i].toInt());
        else if (current.isObject() && args[i].isString())
            current = current.toObject().value(args[i].toString());
        else {
            *error = QStringLiteral("template: error calling index: cannot index %1").arg(goText(current));
            return std::nullopt;
        }
    }
    return current;
}

std::optional<QJsonValue> callFunction(const QString &name, const QList<QJsonValue> &args, QString *error)
{
    if (name == QLatin1String("index"))
        return callIndex(args, error);
    if (args.size() != 1 && name != QLatin1String("join")) {
        *error = QStringLiteral("template: wrong number of args for %1").arg(name);
        return std::nullopt;
    }
    const QJsonValue arg = args.value(0);
    if (name == QLatin1String("json")) {
        if (arg.isObject() || arg.isArray())
            return QJsonValue(QString::fromUtf8(arg.isObject() ? QJsonDocument(arg.toObject()).toJson(QJsonDocument::Compact)
                                                               : QJsonDocument(arg.toArray()).toJson(QJsonDocument::Compact)));
        // A scalar: wrap it in an array and strip the brackets, so Qt does the escaping.
        const QByteArray text = QJsonDocument(QJsonArray{arg}).toJson(QJsonDocument::Compact);
        return QJsonValue(QString::fromUtf8(text.mid(1, text.size() - 2)));
    }
    if (name == QLatin1String("upper"))
        return QJsonValue(goText(arg).toUpper());
    if (name == QLatin1String("lower"))
        return QJsonValue(goText(arg).toLower());
    if (name == QLatin1String("len"))
        return QJsonValue(arg.isArray() ? arg.toArray().size()
                          : arg.isObject() ? arg.toObject().size() : goText(arg).size());
    if (name == QLatin1String("join") && args.size() == 2) {
        QStringList parts;
        for (const QJsonValue &item : args[0].toArray())
            parts.append(goText(item));
        return QJsonValue(parts.join(goText(args[1])));
    }
    *error = QStringLiteral("template: function \"%1\" not defined").arg(name);
    return std::nullopt;
}

// One command of a pipeline; `piped` is the previous command's value, passed as the last
// argument as Go does.
std::optional<QJsonValue> evalCommand(const QStringList &words, const QJsonValue &dot,
                                      const std::optional<QJsonValue> &piped, QString *error)
{
    if (words.isEmpty()) {
        *error = QStringLiteral("template: missing value for command");
        return std::nullopt;
    }
    const QString &head = words.first();
    const bool isFunction = !head.startsWith(QLatin1Char('.')) && !head.startsWith(QLatin1Char('"'))
                            && !head.at(0).isDigit();
    if (!isFunction) {
        if (words.size() > 1 || piped) {
            *error = QStringLiteral("template: can't give argument to non-function %1").arg(head);
            return std::nullopt;
        }
        return evalOperand(head, dot, error);
    }
    QList<QJsonValue> args;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const auto value = evalOperand(words[i], dot, error);
        if (!value)
            return std::nullopt;
        args.append(*value);
    }
    if (piped)
        args.append(*piped);
    return callFunction(head, args, error);
}

std::optional<QString> evalAction(const QString &action, const QJsonValue &dot, QString *error)
{
    std::optional<QJsonValue> value;
    QStringList command;
    const QStringList words = tokenize(action);
    for (qsizetype i = 0; i <= words.size(); ++i) {
        if (i < words.size() && words[i] != QLatin1String("|")) {
            command.append(words[i]);
            continue;
        }
        value = evalCommand(command, dot, value, error);
        if (!value)
            return std::nullopt;
        command.clear();
    }
    return goText(*value);
}

QString trimRight(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0 && text[end - 1].isSpace())
        --end;
    return text.left(end);
}

} // namespace

QString goText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::fabs(number) < 1e18)
            return QString::number(static_cast<qint64>(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(goText(item));
        return QLatin1Char('[') + items.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) // QJsonObject keeps keys sorted, as Go prints maps
            items.append(it.key() + QLatin1Char(':') + goText(it.value()));
        return QStringLiteral("map[") + items.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case QJsonValue::Null:
        return QStringLiteral("<nil>");
    default:
        return QStringLiteral("<no value>");
    }
}

QString unescapeFormat(const QString &format)
{
    QString text = format;
    text.replace(QLatin1String("\\t"), QLatin1String("\t"));
    text.replace(QLatin1String("\\n"), QLatin1String("\n"));
    return text;
}

std::optional<QString> renderTemplate(const QString &format, const QJsonValue &data, QString *error)
{
    QString out;
    qsizetype pos = 0;
    while (pos < format.size()) {
        const qsizetype open = format.indexOf(QLatin1String("{{"), pos);
        if (open < 0) {
            out += format.mid(pos);
            break;
        }
        out += format.mid(pos, open - pos);
        const qsizetype close = format.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            *error = QStringLiteral("template: unclosed action");
            return std::nullopt;
        }
        QString action = format.mid(open + 2, close - open - 2);
        pos = close + 2;
        if (action.startsWith(QLatin1String("- ")))
            out = trimRight(out);
        if (action.endsWith(QLatin1String(" -")))
            while (pos < format.size() && format[pos].isSpace())
                ++pos;
        if (action.startsWith(QLatin1String("- ")))
            action = action.mid(2);
        if (action.endsWith(QLatin1String(" -")))
            action.chop(2);
        const auto text = evalAction(action, data, error);
        if (!text)
            return std::nullopt;
        out += *text;
    }
    return out;
}

} // namespace hako::cli
