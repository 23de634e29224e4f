#include "shell_words.h"

#include <algorithm>
#include <utility>

namespace hako::cli
{

namespace
{

bool isSafe(QChar c)
{
    if (c.unicode() > 0x7f)
        return false;
    return c.isLetterOrNumber() || QStringLiteral("_@%+=:,./-").contains(c);
}

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n');
}

// Inside double quotes a backslash escapes only these; before anything else it stays.
bool escapableInDoubleQuotes(QChar c)
{
    return QStringLiteral("\"\\$`").contains(c);
}

} // namespace

QString shellQuote(const QString &word)
{
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), isSafe))
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString shellJoin(const QStringList &words)
{
    QStringList quoted;
    for (const QString &word : words)
        quoted.append(shellQuote(word));
    return quoted.join(QLatin1Char(' '));
}

std::optional<QStringList> shellSplit(const QString &text, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false; // "" is a word too
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (isBlank(c)) {
            if (inWord)
                words.append(std::exchange(word, QString()));
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\\')) {
            if (++i == text.size()) {
                *error = QStringLiteral("a backslash at the end escapes nothing");
                return std::nullopt;
            }
            word += text[i];
        } else if (c == QLatin1Char('\'')) {
            const qsizetype close = text.indexOf(QLatin1Char('\''), i + 1);
            if (close < 0) {
                *error = QStringLiteral("the single quote at position %1 is not closed").arg(i + 1);
                return std::nullopt;
            }
            word += text.mid(i + 1, close - i - 1);
            i = close;
        } else if (c == QLatin1Char('"')) {
            const qsizetype open = i;
            for (++i; i < text.size() && text[i] != QLatin1Char('"'); ++i) {
                if (text[i] == QLatin1Char('\\') && i + 1 < text.size() &&
                    escapableInDoubleQuotes(text[i + 1]))
                    ++i;
                word += text[i];
            }
            if (i == text.size()) {
                *error =
                    QStringLiteral("the double quote at position %1 is not closed").arg(open + 1);
                return std::nullopt;
            }
        } else {
            word += c;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

} // namespace hako::cli
