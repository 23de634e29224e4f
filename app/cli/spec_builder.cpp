#include "spec_builder.h"

#include "annotations.h"
#include "spec.h"
#include "users.h"
#include "store.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>

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
        *error = QStringLiteral("user \"%1\" is not a numeric uid[:gid]").arg(text);
        return std::nullopt;
    }
    return user;
}

bool checkUser(const QString &text, QString *error)
{
    const std::string why = whyInvalidUserSpec(text.toStdString());
    if (!why.empty())
        *error = QString::fromStdString(why);
    return why.empty();
}

namespace {

bool readEnvFiles(const QStringList &files, const EnvLookup &lookup, QStringList &env, QString *error)
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

std::vector<std::string> toStd(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &item : list)
        out.push_back(item.toStdString());
    return out;
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// Assembles the spec field by field, collecting every problem with the path of its field.
class SpecAssembler {
public:
    SpecAssembler(const ContainerOptions &options, const EnvLookup &lookup)
        : options_(options), lookup_(lookup), spec_(defaultSpec())
    {
    }

    BuiltSpec run()
    {
        applyEnv();
        applyWorkdir();
        applyUser();
        applyNamespaces();
        applyResources();
        applySecurityOptions(options_.security, spec_, &result_.problems);
        applyMountRequests(options_.mounts, spec_, &result_.problems);
        applyNetworkOptions(options_.network, spec_, &result_.problems);
        spec_.hostname = options_.hostname.toStdString();
        spec_.process.terminal = options_.tty;
        // With -t the terminal is the input; without, an open stdin is a pipe the monitor holds.
        setAnnotationFlag(spec_, kOpenStdinAnnotation, options_.interactive && !options_.tty);
        if (options_.tty && options_.size && options_.size->rows > 0)
            spec_.process.consoleSize = ConsoleSize{options_.size->rows, options_.size->cols};
        spec_.process.args = toStd(options_.command);
        validate();
        if (result_.problems.isEmpty())
            result_.json = toJsonText(spec_);
        return std::move(result_);
    }

private:
    void problem(const QString &path, const QString &message, const QString &value = {})
    {
        result_.problems.append(SpecProblem{path, message, value});
    }
    bool reported(const QString &path) const
    {
        return std::any_of(result_.problems.begin(), result_.problems.end(),
                           [&](const SpecProblem &p) { return p.path == path; });
    }

    void applyEnv();
    void applyWorkdir();
    void applyUser();
    void applyNamespaces();
    void applyResources();
    void validate();

    const ContainerOptions &options_;
    const EnvLookup &lookup_;
    Spec spec_;
    BuiltSpec result_;
};

void SpecAssembler::applyEnv()
{
    QStringList env;
    for (const std::string &entry : spec_.process.env)
        env.append(fromStd(entry));
    QString error;
    if (!readEnvFiles(options_.envFiles, lookup_, env, &error))
        problem(QString(), error);
    // Docker gives a terminal container TERM=xterm unless the user chose one.
    if (options_.tty && !env.filter(QRegularExpression(QStringLiteral("^TERM="))).size())
        env.append(QStringLiteral("TERM=xterm"));
    for (const QString &entry : options_.env)
        if (const auto resolved = resolveEnv(entry, lookup_))
            setEnv(env, *resolved);
    spec_.process.env = toStd(env);
}

void SpecAssembler::applyWorkdir()
{
    if (options_.workdir.isEmpty())
        return;
    if (!options_.workdir.startsWith(QLatin1Char('/'))) {
        problem(QStringLiteral("process.cwd"),
                QStringLiteral("the working directory '%1' is invalid, it needs to be an absolute path")
                    .arg(options_.workdir));
        return;
    }
    spec_.process.cwd = options_.workdir.toStdString();
}

void SpecAssembler::applyUser()
{
    if (options_.user.isEmpty())
        return;
    QString error;
    if (!checkUser(options_.user, &error)) {
        problem(QStringLiteral("process.user"), error);
        return;
    }
    // The engine resolves it at start against the image's files, as docker does.
    spec_.annotations[std::string(kUserAnnotation)] = options_.user.toStdString();
    if (const auto user = parseUser(options_.user, &error)) {
        spec_.process.user.uid = user->uid;
        // Docker's default without a passwd entry for the uid: group 0.
        spec_.process.user.gid = user->gid.value_or(0);
    }
}

void SpecAssembler::applyNamespaces()
{
    auto &namespaces = spec_.linux.namespaces;
    for (const auto &[kind, choice] : options_.namespaces) {
        const NamespaceType type = *namespaceFromName(namespaceFlag(kind).specType.toStdString());
        switch (choice.mode) {
        case NamespaceMode::Private:
            break;
        case NamespaceMode::Host:
            std::erase_if(namespaces, [type](const Namespace &ns) { return ns.type == type; });
            break;
        case NamespaceMode::Container:
            if (choice.containerId.isEmpty())
                problem(joinAnnotationPath(kind),
                        QStringLiteral("choose the container whose %1 namespace to join")
                            .arg(namespaceFlag(kind).specType));
            spec_.annotations[joinAnnotationKey(type)] =
                std::string(kJoinContainerPrefix) + choice.containerId.toStdString();
            break;
        }
    }
}

void SpecAssembler::applyResources()
{
    const ResourceOptions &options = options_.resources;
    if (options.empty())
        return;
    if (!spec_.linux.resources)
        spec_.linux.resources = Resources{};
    Resources &resources = *spec_.linux.resources;
    // Checks docker's daemon makes for a new container only (an update keeps the limit set).
    if (options.memorySwap.value_or(0) > 0 && !options.memory)
        problem(QStringLiteral("linux.resources.memory.swap"),
                QStringLiteral("You should always set the Memory limit when using Memoryswap limit, see usage"));
    applyResourceOptions(options, resources, &result_.problems);
    // docker's default for a new container with a memory limit: as much swap again.
    if (options.memory && !options.memorySwap && resources.memory && resources.memory->limit)
        resources.memory->swap = 2 * *resources.memory->limit;
}

// Core's rules, as the helper will apply them; a field already reported is not reported twice.
void SpecAssembler::validate()
{
    for (const SpecIssue &issue : validateSpec(spec_, ValidateMode::FromImage)) {
        const QString path = fromStd(issue.path);
        if (reported(path))
            continue;
        QString value;
        static const QRegularExpression envItem(QStringLiteral("^process\\.env\\[(\\d+)\\]$"));
        if (const auto match = envItem.match(path); match.hasMatch())
            value = fromStd(spec_.process.env.at(match.captured(1).toULongLong()));
        problem(path, fromStd(issue.message), value);
    }
}

} // namespace

QString SpecProblem::text() const
{
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

QString problemsText(const QList<SpecProblem> &problems)
{
    QStringList lines;
    for (const SpecProblem &problem : problems)
        lines.append(problem.text());
    return lines.join(QLatin1Char('\n'));
}

QString joinAnnotationPath(NamespaceKind kind)
{
    const auto type = namespaceFromName(namespaceFlag(kind).specType.toStdString());
    return QStringLiteral("annotations[\"%1\"]").arg(fromStd(joinAnnotationKey(*type)));
}

QString containerNameProblem(const QString &name)
{
    return name.isEmpty() ? QString() : fromStd(validateName(name.toStdString()));
}

BuiltSpec buildSpec(const ContainerOptions &options, const EnvLookup &lookup)
{
    return SpecAssembler(options, lookup).run();
}

std::optional<std::string> buildSpecJson(const ContainerOptions &options, const EnvLookup &lookup,
                                         QString *error)
{
    BuiltSpec built = buildSpec(options, lookup);
    if (!built.json)
        *error = problemsText(built.problems);
    return built.json;
}

} // namespace hako::cli
