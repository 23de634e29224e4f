#include "spec_builder.h"

#include "spec.h"

#include <QFile>
#include <QRegularExpression>

namespace hako::cli {

std::optional<QString> processEnv(const QString &name)
{
    const QByteArray key = name.toLocal8Bit();
    if (!qEnvironmentVariableIsSet(key.constData()))
        return std::nullopt;
    return qEnvironmentVariable(key.constData());
}

std::optional<QString> resolveEnv(const QString &entry, const EnvLookup &lookup)
{
    if (entry.contains(QLatin1Char('=')))
        return entry;
    const auto value = lookup(entry);
    if (!value)
        return std::nullopt;
    return entry + QLatin1Char('=') + *value;
}

std::optional<QStringList> parseEnvFile(const QString &text, const EnvLookup &lookup, QString *error)
{
    QStringList env;
    int number = 0;
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        ++number;
        QString line = raw;
        while (!line.isEmpty() && line.front().isSpace())
            line.remove(0, 1);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString name = line.section(QLatin1Char('='), 0, 0);
        if (name.isEmpty()) {
            *error = QStringLiteral("line %1: no variable name").arg(number);
            return std::nullopt;
        }
        if (name.contains(QLatin1Char(' ')) || name.contains(QLatin1Char('\t'))) {
            *error = QStringLiteral("variable '%1' contains whitespaces").arg(name);
            return std::nullopt;
        }
        if (const auto entry = resolveEnv(line, lookup))
            env.append(*entry);
    }
    return env;
}

void setEnv(QStringList &env, const QString &entry)
{
    const QString key = entry.section(QLatin1Char('='), 0, 0) + QLatin1Char('=');
    for (QString &existing : env) {
        if (existing.startsWith(key)) {
            existing = entry;
            return;
        }
    }
    env.append(entry);
}

std::optional<NumericUser> parseUser(const QString &text, QString *error)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    NumericUser user;
    bool ok = parts.size() <= 2;
    if (ok)
        user.uid = parts[0].toUInt(&ok);
    if (ok && parts.size() == 2) {
        user.gid = parts[1].toUInt(&ok);
    }
    if (!ok) {
        *error = QStringLiteral("user \"%1\": only numeric uid[:gid] is supported for now "
                                "(user and group names are not looked up in the image)")
                     .arg(text);
        return std::nullopt;
    }
    return user;
}

static bool readEnvFiles(const QStringList &files, const EnvLookup &lookup, QStringList &env,
                         QString *error)
{
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("open %1: %2").arg(path, file.errorString());
            return false;
        }
        QString why;
        const auto entries = parseEnvFile(QString::fromUtf8(file.readAll()), lookup, &why);
        if (!entries) {
            *error = QStringLiteral("%1: %2").arg(path, why);
            return false;
        }
        for (const QString &entry : *entries)
            setEnv(env, entry);
    }
    return true;
}

static std::vector<std::string> toStd(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &item : list)
        out.push_back(item.toStdString());
    return out;
}

std::optional<std::string> buildSpecJson(const ContainerOptions &options, const EnvLookup &lookup,
                                         QString *error)
{
    Spec spec = defaultSpec();
    QStringList env;
    for (const std::string &entry : spec.process.env)
        env.append(QString::fromStdString(entry));
    if (!readEnvFiles(options.envFiles, lookup, env, error))
        return std::nullopt;
    // Docker gives a terminal container TERM=xterm unless the user chose one.
    if (options.tty && !env.filter(QRegularExpression(QStringLiteral("^TERM="))).size())
        env.append(QStringLiteral("TERM=xterm"));
    for (const QString &entry : options.env)
        if (const auto resolved = resolveEnv(entry, lookup))
            setEnv(env, *resolved);
    spec.process.env = toStd(env);
    if (!options.workdir.isEmpty()) {
        if (!options.workdir.startsWith(QLatin1Char('/'))) {
            *error = QStringLiteral("the working directory '%1' is invalid, it needs to be an absolute path")
                         .arg(options.workdir);
            return std::nullopt;
        }
        spec.process.cwd = options.workdir.toStdString();
    }
    spec.hostname = options.hostname.toStdString();
    if (!options.user.isEmpty()) {
        const auto user = parseUser(options.user, error);
        if (!user)
            return std::nullopt;
        spec.process.user.uid = user->uid;
        // Docker's default without a passwd entry for the uid: group 0.
        spec.process.user.gid = user->gid.value_or(0);
    }
    spec.process.terminal = options.tty;
    if (options.tty && options.size && options.size->rows > 0)
        spec.process.consoleSize = ConsoleSize{options.size->rows, options.size->cols};
    spec.process.args = toStd(options.command);
    return toJsonText(spec);
}

} // namespace hako::cli
