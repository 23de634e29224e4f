#include "validate.h"

#include "annotations.h"
#include "store.h"
#include "users.h"

#include <QStringList>

#include <csignal>

namespace hako::helper {

namespace {

Failure invalidArgs(const QString &message)
{
    return {errors::InvalidArgs, message};
}

// Printable ASCII only: refs end up in paths, log lines and polkit dialogs.
bool printableAscii(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    return true;
}

std::optional<Failure> checkShortString(const QString &value, const char *argument, bool allowEmpty)
{
    const QString arg = QString::fromLatin1(argument);
    if (value.isEmpty() && !allowEmpty)
        return invalidArgs(arg + ": must not be empty");
    if (value.size() > kMaxRefLength)
        return invalidArgs(arg + QStringLiteral(": longer than %1 characters").arg(kMaxRefLength));
    if (!printableAscii(value))
        return invalidArgs(arg + ": contains characters other than printable ASCII");
    return std::nullopt;
}

} // namespace

std::optional<Failure> checkRef(const QString &ref, const char *argument)
{
    return checkShortString(ref, argument, false);
}

std::optional<Failure> checkName(const QString &name)
{
    if (name.isEmpty())
        return std::nullopt; // the engine generates one
    if (auto failure = checkShortString(name, "name", false))
        return failure;
    if (const std::string why = validateName(name.toStdString()); !why.empty())
        return invalidArgs("name: " + QString::fromStdString(why));
    return std::nullopt;
}

std::optional<Failure> checkImage(const QString &image)
{
    return checkShortString(image, "image", true);
}

std::optional<Failure> checkSignal(int signal)
{
    if (signal < 1 || signal > 64)
        return invalidArgs(QStringLiteral("signal: %1 is not a signal number (1..64)").arg(signal));
    return std::nullopt;
}

std::optional<Failure> checkTimeout(uint32_t seconds)
{
    if (seconds > kMaxTimeoutSeconds)
        return invalidArgs(QStringLiteral("timeoutSeconds: %1 is more than %2")
                               .arg(seconds).arg(kMaxTimeoutSeconds));
    return std::nullopt;
}

std::optional<Failure> checkTerminalSize(uint32_t rows, uint32_t cols)
{
    if (rows == 0 || cols == 0 || rows > 0xffff || cols > 0xffff)
        return invalidArgs(QStringLiteral("rows, cols: %1x%2 is not a terminal size (1..65535)")
                               .arg(rows).arg(cols));
    return std::nullopt;
}

std::optional<Failure> checkRefs(const QStringList &refs)
{
    if (refs.size() > kMaxStatsRefs)
        return invalidArgs(QStringLiteral("refs: more than %1 containers").arg(kMaxStatsRefs));
    for (const QString &ref : refs)
        if (auto failure = checkRef(ref, "refs"))
            return failure;
    return std::nullopt;
}

std::optional<Failure> checkStatsInterval(uint32_t intervalMs)
{
    if (intervalMs != 0 && (intervalMs < kMinStatsIntervalMs || intervalMs > kMaxStatsIntervalMs))
        return invalidArgs(QStringLiteral("intervalMs: %1 is outside %2..%3 (0: the default, %4)")
                               .arg(intervalMs).arg(kMinStatsIntervalMs).arg(kMaxStatsIntervalMs)
                               .arg(kDefaultStatsIntervalMs));
    return std::nullopt;
}

std::variant<Resources, Failure> parseUpdateResources(const QString &json)
{
    const QByteArray utf8 = json.toUtf8();
    if (utf8.size() > kMaxSpecBytes)
        return invalidArgs(QStringLiteral("resources: larger than %1 bytes").arg(kMaxSpecBytes));
    ResourcesParseResult result = parseResources(std::string_view(utf8.constData(), size_t(utf8.size())));
    if (!result.resources)
        return Failure{errors::InvalidSpec, QString::fromStdString(result.errorText())};
    return std::move(*result.resources);
}

std::variant<Spec, Failure> parseCreateSpec(const QString &json)
{
    if (json.trimmed().isEmpty())
        return defaultSpec();
    const QByteArray utf8 = json.toUtf8();
    if (utf8.size() > kMaxSpecBytes)
        return invalidArgs(QStringLiteral("spec: larger than %1 bytes").arg(kMaxSpecBytes));
    ParseResult result = parseSpec(std::string_view(utf8.constData(), size_t(utf8.size())),
                                   ValidateMode::FromImage);
    if (!result.ok())
        return Failure{errors::InvalidSpec, QString::fromStdString(result.errorText())};
    const auto &annotations = result.spec->annotations;
    if (const auto user = annotations.find(std::string(kUserAnnotation)); user != annotations.end())
        if (const std::string why = whyInvalidUserSpec(user->second); !why.empty())
            return Failure{errors::InvalidSpec, QStringLiteral("annotations[\"%1\"]: %2")
                                                    .arg(QString::fromStdString(user->first), QString::fromStdString(why))};
    return std::move(*result.spec);
}

std::variant<CreateOptions, Failure> parseCreateOptions(const QVariantMap &options)
{
    CreateOptions out;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QString key = it.key().left(64);
        if (key != QLatin1String("AutoRemove"))
            return invalidArgs("options: unknown key \"" + key + "\" (known: AutoRemove)");
        if (it.value().metaType().id() != QMetaType::Bool)
            return invalidArgs("options.AutoRemove: expected a boolean (b), got " +
                               QString::fromLatin1(it.value().typeName()));
        out.autoRemove = it.value().toBool();
    }
    return out;
}

std::variant<ExecArguments, Failure> parseExecArguments(const QStringList &args,
                                                        const QVariantMap &options)
{
    ExecArguments out;
    static const QStringList known{"Env", "Cwd", "User", "Tty", "Rows", "Cols"};
    for (auto it = options.begin(); it != options.end(); ++it)
        if (!known.contains(it.key()))
            return invalidArgs("options: unknown key \"" + it.key().left(64) + "\" (known: " + known.join(", ") + ")");
    if (args.isEmpty() || args.first().isEmpty())
        return invalidArgs("args: no command given");
    qsizetype total = 0;
    for (const QString &arg : args) {
        total += arg.size();
        out.args.push_back(arg.toStdString());
    }
    for (const QString &var : options.value("Env").toStringList()) {
        if (!var.contains('=') || var.startsWith('='))
            return invalidArgs("options.Env: \"" + var.left(64) + "\" is not KEY=value");
        total += var.size();
        out.env.push_back(var.toStdString());
    }
    if (total > kMaxSpecBytes)
        return invalidArgs("args, options.Env: larger than 1 MiB");
    const QString cwd = options.value("Cwd").toString();
    if (!cwd.isEmpty() && !cwd.startsWith('/'))
        return invalidArgs("options.Cwd: must be an absolute path");
    out.cwd = cwd.toStdString();
    if (const QString user = options.value("User").toString(); !user.isEmpty()) {
        out.userSpec = user.toStdString();
        if (const std::string why = whyInvalidUserSpec(out.userSpec); !why.empty())
            return invalidArgs("options.User: " + QString::fromStdString(why));
    }
    out.tty = options.value("Tty").toBool();
    const uint rows = options.value("Rows", 24u).toUInt(), cols = options.value("Cols", 80u).toUInt();
    if (auto failure = checkTerminalSize(rows, cols))
        return invalidArgs("options.Rows, options.Cols: not a terminal size");
    out.size = {rows, cols};
    return out;
}

} // namespace hako::helper
