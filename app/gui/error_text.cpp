#include "error_text.h"

#include "client.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace hako::gui {

namespace {

// The translation context of these messages (lupdate sees ErrorText::tr).
struct ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
};

} // namespace

QString deniedAction(const QDBusError &error)
{
    static const QRegularExpression action(QStringLiteral("org\\.hako\\.containers1\\.[a-z-]+"));
    const QRegularExpressionMatch match = action.match(error.message());
    return match.hasMatch() ? match.captured(0) : QString();
}

QString describeAction(const QString &actionId)
{
    const QString verb = actionId.section(QLatin1Char('.'), -1);
    if (verb == QLatin1String("monitor"))
        return ErrorText::tr("see containers and their logs");
    if (verb == QLatin1String("create"))
        return ErrorText::tr("create containers");
    if (verb == QLatin1String("privileged"))
        return ErrorText::tr("create a container that weakens isolation");
    if (verb == QLatin1String("lifecycle"))
        return ErrorText::tr("start, stop and kill containers");
    if (verb == QLatin1String("remove"))
        return ErrorText::tr("remove containers");
    if (verb == QLatin1String("exec"))
        return ErrorText::tr("run commands in containers");
    if (verb == QLatin1String("update-resources"))
        return ErrorText::tr("change the resource limits of containers");
    if (verb == QLatin1String("manage-images"))
        return ErrorText::tr("manage images");
    if (verb == QLatin1String("manage-networks"))
        return ErrorText::tr("manage networks and connect containers to them");
    return actionId;
}

QString userMessage(const QDBusError &error)
{
    const QString detail = error.message().trimmed();
    if (client::isNotReachable(error))
        return ErrorText::tr("Hako's helper cannot be reached: %1").arg(detail);
    if (error.type() == QDBusError::AccessDenied) {
        const QString action = deniedAction(error);
        if (action.isEmpty())
            return ErrorText::tr("Not allowed: %1").arg(detail);
        return ErrorText::tr("You are not allowed to %1 (polkit action %2). Ask an administrator, or "
                  "authenticate when the system asks.")
            .arg(describeAction(action), action);
    }
    if (error.type() == QDBusError::InvalidArgs)
        return ErrorText::tr("Invalid input: %1").arg(detail);
    const QString name = client::hakoErrorName(error);
    if (name == QLatin1String("NoSuchContainer"))
        return ErrorText::tr("No such container: %1").arg(detail);
    if (name == QLatin1String("NoSuchImage"))
        return ErrorText::tr("No such image: %1").arg(detail);
    if (name == QLatin1String("ContainerExists"))
        return ErrorText::tr("The name is already taken: %1").arg(detail);
    if (name == QLatin1String("InvalidState"))
        return ErrorText::tr("Not possible in the container's current state: %1").arg(detail);
    if (name == QLatin1String("InvalidSpec"))
        return ErrorText::tr("The container's settings are not valid:\n%1").arg(detail);
    if (name == QLatin1String("Busy"))
        return ErrorText::tr("Busy: %1").arg(detail);
    return ErrorText::tr("The operation failed: %1").arg(detail);
}

} // namespace hako::gui
