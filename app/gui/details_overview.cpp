#include "details_overview.h"

#include "container_text.h"
#include "details_common.h"
#include "image_text.h"
#include "limits_json.h"
#include "signals.h"

#include <QDBusError>
#include <QDateTime>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace hako::gui {

namespace {

QString dash()
{
    return QStringLiteral("—");
}

// Local time with seconds; the API gives microseconds since the epoch, 0 for never.
QString timeText(const QVariant &usec)
{
    const qint64 value = usec.toLongLong();
    if (value <= 0)
        return dash();
    return QDateTime::fromMSecsSinceEpoch(value / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// The limits of a GetContainer map's Spec, in words.
QString limitsText(const QVariantMap &c)
{
    const QJsonObject spec =
        QJsonDocument::fromJson(c.value(QStringLiteral("Spec")).toString().toUtf8()).object();
    const QJsonObject resources = spec.value(QStringLiteral("linux"))
                                      .toObject()
                                      .value(QStringLiteral("resources"))
                                      .toObject();
    return limitsSummary(resourceOptionsFromJson(resources));
}

// The mounts a person asked for (volumes, bind mounts, tmpfs), one a line: the spec's own
// /proc, /dev, /sys… are every container's and left out.
QString mountsText(const QVariantMap &c)
{
    const QJsonObject spec =
        QJsonDocument::fromJson(c.value(QStringLiteral("Spec")).toString().toUtf8()).object();
    static const QStringList standard{
        QStringLiteral("/proc"),     QStringLiteral("/dev"),        QStringLiteral("/dev/pts"),
        QStringLiteral("/dev/shm"),  QStringLiteral("/dev/mqueue"), QStringLiteral("/sys"),
        QStringLiteral("/sys/fs/cgroup")};
    QStringList lines;
    for (const QJsonValue &value : spec.value(QStringLiteral("mounts")).toArray()) {
        const QJsonObject mount = value.toObject();
        const QString type = mount.value(QStringLiteral("type")).toString();
        const QString destination = mount.value(QStringLiteral("destination")).toString();
        if (standard.contains(destination))
            continue;
        QStringList options;
        for (const QJsonValue &option : mount.value(QStringLiteral("options")).toArray())
            options << option.toString();
        const QString mode = options.contains(QStringLiteral("ro")) ? OverviewPage::tr("read-only")
                                                                    : OverviewPage::tr("read-write");
        const QString source = mount.value(QStringLiteral("source")).toString();
        if (type == QLatin1String("volume"))
            //: A mount in the overview: "volume data → /var/lib/data (read-write)"
            lines << OverviewPage::tr("volume %1 → %2 (%3)")
                         .arg(source.isEmpty() ? OverviewPage::tr("(anonymous)") : source,
                              destination, mode);
        else if (type == QLatin1String("bind") || options.contains(QStringLiteral("rbind")))
            lines << OverviewPage::tr("bind %1 → %2 (%3)").arg(source, destination, mode);
        else if (type == QLatin1String("tmpfs"))
            lines << OverviewPage::tr("tmpfs %1 (%2)").arg(destination, mode);
    }
    return lines.isEmpty() ? dash() : lines.join(QLatin1Char('\n'));
}

QString imageText(const QVariantMap &c)
{
    const QString name = c.value(QStringLiteral("Image")).toString();
    const QString id = c.value(QStringLiteral("ImageId")).toString();
    if (id.isEmpty())
        return name.isEmpty() ? dash() : name;
    return QStringLiteral("%1 (%2)").arg(name, shortImageId(id));
}

QString signalText(int signal)
{
    if (signal <= 0)
        return dash();
    const QString name = cli::signalName(signal);
    return name.isEmpty() ? QString::number(signal) : QStringLiteral("SIG%1 (%2)").arg(name).arg(signal);
}

} // namespace

OverviewPage::OverviewPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("detailsOverview"));
    auto *layout = new QVBoxLayout(this);
    message_ = new PageMessage(QStringLiteral("overviewMessage"), this);
    layout->addWidget(message_);
    form_ = new QFormLayout;
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form_);
    layout->addStretch(1);

    addField(QStringLiteral("Id"), tr("ID"));
    addField(QStringLiteral("Name"), tr("Name"));
    addField(QStringLiteral("Image"), tr("Image"));
    //: The container's volumes, bind mounts and tmpfs mounts
    addField(QStringLiteral("Mounts"), tr("Mounts"));
    addField(QStringLiteral("Command"), tr("Command"));
    addField(QStringLiteral("State"), tr("State"));
    //: The process id of the container's first process, as the host numbers it
    addField(QStringLiteral("HostPid"), tr("PID on the host"));
    addField(QStringLiteral("Created"), tr("Created"));
    addField(QStringLiteral("Started"), tr("Started"));
    addField(QStringLiteral("Finished"), tr("Finished"));
    addField(QStringLiteral("ExitCode"), tr("Exit code"));
    //: The signal that ended the container's process (SIGKILL…)
    addField(QStringLiteral("ExitSignal"), tr("Ended by signal"));
    //: Whether the kernel's out-of-memory killer ended the container
    addField(QStringLiteral("OOMKilled"), tr("Killed for lack of memory"));
    addField(QStringLiteral("RestartCount"), tr("Restarts"));
    //: The container's resource limits (CPU, memory, processes, block I/O).
    addField(QStringLiteral("Limits"), tr("Limits"));
    editLimits_ = new QToolButton(this);
    editLimits_->setObjectName(QStringLiteral("overviewEditLimits"));
    editLimits_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    editLimits_->hide(); // until the window gives it its action
    form_->addRow(QString(), editLimits_);
    //: Why the container's last start failed, or why its supervision was lost
    addField(QStringLiteral("Error"), tr("Error"));
    clear();
}

void OverviewPage::addField(const QString &field, const QString &label)
{
    auto *value = new QLabel(this);
    value->setObjectName(QStringLiteral("overview") + field);
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(true);
    // Keyboard users reach the values with Tab and can select and copy them.
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setFocusPolicy(Qt::StrongFocus);
    value->setAccessibleName(label);
    if (field == QLatin1String("Id") || field == QLatin1String("Command"))
        value->setFont(monospaceFont());
    // The 64-digit id has no place to wrap: left to its own width it would widen the whole
    // form past the pane, and the wrapped values below (the command) would be laid out for
    // that width and cut off. It shows what fits; selecting or copying it gives all of it.
    if (field == QLatin1String("Id"))
        value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    form_->addRow(label, value);
    values_.insert(field, value);
}

void OverviewPage::setField(const QString &field, const QString &text)
{
    QLabel *value = values_.value(field);
    value->setText(text);
    value->setAccessibleDescription(text);
    if (field == QLatin1String("Id"))
        value->setToolTip(text); // the part the pane cuts off

}

QString OverviewPage::fieldText(const QString &field) const
{
    const QLabel *value = values_.value(field);
    return value ? value->text() : QString();
}

void OverviewPage::showContainer(const QVariantMap &c)
{
    message_->clearMessage();
    const QString state = c.value(QStringLiteral("State")).toString();
    const bool live = state == states::kRunning || state == states::kPaused;
    const int exitCode = c.value(QStringLiteral("ExitCode"), -1).toInt();
    const uint hostPid = c.value(QStringLiteral("HostPid"), c.value(QStringLiteral("Pid"))).toUInt();
    const QString error = c.value(QStringLiteral("Error")).toString();
    setField(QStringLiteral("Id"), c.value(QStringLiteral("Id")).toString());
    setField(QStringLiteral("Name"), c.value(QStringLiteral("Name")).toString());
    setField(QStringLiteral("Image"), imageText(c));
    setField(QStringLiteral("Mounts"), mountsText(c));
    setField(QStringLiteral("Command"), shellLine(c.value(QStringLiteral("Command")).toStringList()));
    const bool oomKilled = c.value(QStringLiteral("OOMKilled")).toBool();
    QString stateText = stateLabel(state);
    if (state == states::kStopped && oomKilled)
        //: The kernel's OOM killer ended the container: "Exited (OOM killed)".
        stateText = tr("%1 (OOM killed)").arg(stateText);
    setField(QStringLiteral("State"), stateText);
    setField(QStringLiteral("HostPid"), live && hostPid > 0 ? QString::number(hostPid) : dash());
    setField(QStringLiteral("Created"), timeText(c.value(QStringLiteral("CreatedUsec"))));
    setField(QStringLiteral("Started"), timeText(c.value(QStringLiteral("StartedUsec"))));
    setField(QStringLiteral("Finished"), live ? dash() : timeText(c.value(QStringLiteral("FinishedUsec"))));
    setField(QStringLiteral("ExitCode"), !live && exitCode >= 0 ? QString::number(exitCode) : dash());
    setField(QStringLiteral("ExitSignal"), live ? dash() : signalText(c.value(QStringLiteral("ExitSignal")).toInt()));
    setField(QStringLiteral("OOMKilled"), oomKilled ? tr("Yes") : tr("No"));
    setField(QStringLiteral("Limits"), limitsText(c));
    setField(QStringLiteral("RestartCount"), QString::number(c.value(QStringLiteral("RestartCount")).toInt()));
    setField(QStringLiteral("Error"), error.isEmpty() ? dash() : error);
}

void OverviewPage::setEditLimitsAction(QAction *action)
{
    editLimits_->setDefaultAction(action);
    editLimits_->setVisible(action != nullptr);
}

void OverviewPage::showError(const QDBusError &error)
{
    message_->showError(error);
}

void OverviewPage::showRemoved()
{
    message_->showHint(tr("This container has been removed."));
    setField(QStringLiteral("State"), tr("Removed"));
    setField(QStringLiteral("HostPid"), dash());
}

void OverviewPage::clear()
{
    message_->clearMessage();
    for (auto it = values_.begin(); it != values_.end(); ++it)
        setField(it.key(), dash());
}

} // namespace hako::gui
