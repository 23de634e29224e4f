#include "container_info.h"

#include "container_text.h"

namespace hako::gui {

namespace {

// Assigns `value` to `field` if it differs; true if it did.
template <typename T> bool assign(T &field, const T &value)
{
    if (field == value)
        return false;
    field = value;
    return true;
}

} // namespace

ContainerInfo ContainerInfo::fromEntry(const QVariantMap &entry)
{
    ContainerInfo info;
    info.id = entry.value(QStringLiteral("Id")).toString();
    info.name = entry.value(QStringLiteral("Name")).toString();
    info.image = entry.value(QStringLiteral("Image")).toString();
    info.state = entry.value(QStringLiteral("State")).toString();
    info.error = entry.value(QStringLiteral("Error")).toString();
    info.command = entry.value(QStringLiteral("Command")).toStringList();
    info.pid = entry.value(QStringLiteral("Pid")).toUInt();
    info.exitStatus = entry.value(QStringLiteral("ExitStatus"), -1).toInt();
    info.oomKilled = entry.value(QStringLiteral("OOMKilled")).toBool();
    info.createdUsec = entry.value(QStringLiteral("CreatedUsec")).toULongLong();
    info.startedUsec = entry.value(QStringLiteral("StartedUsec")).toULongLong();
    info.finishedUsec = entry.value(QStringLiteral("FinishedUsec")).toULongLong();
    return info;
}

bool ContainerInfo::applyProperties(const QVariantMap &changed)
{
    bool any = false;
    for (auto it = changed.begin(); it != changed.end(); ++it) {
        const QString &key = it.key();
        const QVariant &value = it.value();
        if (key == QLatin1String("Name"))
            any |= assign(name, value.toString());
        else if (key == QLatin1String("Image"))
            any |= assign(image, value.toString());
        else if (key == QLatin1String("State"))
            any |= assign(state, value.toString());
        else if (key == QLatin1String("Pid"))
            any |= assign(pid, value.toUInt());
        else if (key == QLatin1String("ExitStatus"))
            any |= assign(exitStatus, value.toInt());
        else if (key == QLatin1String("OOMKilled"))
            any |= assign(oomKilled, value.toBool());
        else if (key == QLatin1String("CreatedUsec"))
            any |= assign(createdUsec, quint64(value.toULongLong()));
        else if (key == QLatin1String("StartedUsec"))
            any |= assign(startedUsec, quint64(value.toULongLong()));
        else if (key == QLatin1String("FinishedUsec"))
            any |= assign(finishedUsec, quint64(value.toULongLong()));
    }
    return any;
}

void ContainerInfo::takeStaticFields(const ContainerInfo &other)
{
    image = other.image;
    command = other.command;
    createdUsec = other.createdUsec;
    error = other.error;
    if (name.isEmpty())
        name = other.name;
}

QString ContainerInfo::commandLine() const
{
    return shellLine(command);
}

} // namespace hako::gui
