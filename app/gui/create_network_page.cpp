#include "create_network_page.h"

#include "container_text.h"
#include "create_field_error.h"
#include "create_network_checks.h"
#include "create_page_layout.h"
#include "create_port_table.h"
#include "create_warning_note.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

const QString kDefaultNetwork = QStringLiteral("bridge");

// Where the spec keeps each setting (core/network.h), as a problem's path names it.
const QString kNetworks = QStringLiteral("org.hako.network");
const QString kPublish = QStringLiteral("org.hako.network.publish");
const QString kDns = QStringLiteral("org.hako.network.dns");
const QString kDnsSearch = QStringLiteral("org.hako.network.dns-search");
const QString kExtraHosts = QStringLiteral("org.hako.network.extra-hosts");
const QString kMac = QStringLiteral("org.hako.network.mac-address");
const QString kIp = QStringLiteral("org.hako.network.ip");

QString annotationPath(const QString &key)
{
    return QStringLiteral("annotations[\"%1\"]").arg(key);
}

// The annotation a problem's path names, in either form core and the builder write it
// (annotations["k"] or annotations.k); empty for any other path.
QString annotationOf(const QString &path)
{
    static const QRegularExpression form(
        QStringLiteral("^annotations(?:\\[\"([^\"]+)\"\\]|\\.(.+))$"));
    const QRegularExpressionMatch match = form.match(path);
    if (!match.hasMatch())
        return {};
    return match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
}

QGroupBox *group(const QString &name, const QString &title, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    box->setObjectName(name);
    return box;
}

} // namespace

CreateNetworkPage::CreateNetworkPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("networkPage"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(wrappedLabel(
        tr("How the container reaches the network. On a bridge network it gets its own address "
           "and reaches other containers on the same network by name; its ports are closed to "
           "the outside unless published here."),
        content));
    layout->addWidget(buildMode());
    layout->addWidget(buildPorts());
    layout->addWidget(buildNames());
    layout->addWidget(buildAddress());
    layout->addStretch(1);
    setScrollingContent(this, content);
    modeChanged();
}

QLineEdit *CreateNetworkPage::lineEdit(const QString &name, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    connect(edit, &QLineEdit::textChanged, this, &CreateNetworkPage::changed);
    return edit;
}

QWidget *CreateNetworkPage::buildMode()
{
    QGroupBox *box = group(QStringLiteral("networkModeBox"), tr("Mode (--network)"), this);
    auto *form = new QFormLayout(box);
    mode_ = new QComboBox(box);
    mode_->setObjectName(QStringLiteral("networkNamespaceMode"));
    mode_->addItem(tr("Bridge: on a Hako network"), kBridgeMode);
    mode_->addItem(tr("None: loopback only"), int(cli::NamespaceMode::Private));
    mode_->addItem(tr("Host: the host's network"), int(cli::NamespaceMode::Host));
    mode_->addItem(tr("Container: another container's network"),
                   int(cli::NamespaceMode::Container));
    modeError_ = addFieldRow(form, tr("&Mode:"), mode_);
    network_ = new QComboBox(box);
    network_->setObjectName(QStringLiteral("networkNameCombo"));
    network_->addItem(kDefaultNetwork);
    addFieldRow(form, tr("&Network:"), network_);
    container_ = new QComboBox(box);
    container_->setObjectName(QStringLiteral("networkNamespaceContainer"));
    containerError_ = addFieldRow(form, tr("Co&ntainer:"), container_);
    hostNote_ = warningNote(
        QStringLiteral("networkHostNote"),
        tr("The host's network: the container uses this computer's interfaces and ports "
           "directly and reaches services that listen only on its localhost. It needs an "
           "administrator's approval every time it starts."),
        box);
    form->addRow(hostNote_);
    connect(mode_, &QComboBox::currentIndexChanged, this, &CreateNetworkPage::modeChanged);
    connect(network_, &QComboBox::currentIndexChanged, this, &CreateNetworkPage::changed);
    connect(container_, &QComboBox::currentIndexChanged, this, &CreateNetworkPage::changed);
    return box;
}

QWidget *CreateNetworkPage::buildPorts()
{
    QGroupBox *box = group(QStringLiteral("portsBox"), tr("Published ports (-p)"), this);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(wrappedLabel(
        tr("A published port of this computer forwards to the container's port. Leave the host "
           "IP empty for every address of this computer, or give 127.0.0.1 for this computer "
           "alone."),
        box));
    ports_ = new PortTable(box);
    connect(ports_, &PortTable::changed, this, &CreateNetworkPage::changed);
    layout->addWidget(ports_);
    portsError_ = new FieldError(ports_->table(), box);
    layout->addWidget(portsError_);
    bridgeOnly_.append(box);
    return box;
}

QWidget *CreateNetworkPage::buildNames()
{
    QGroupBox *box = group(QStringLiteral("namesBox"), tr("Names"), this);
    auto *form = new QFormLayout(box);
    dns_ = lineEdit(QStringLiteral("networkDnsEdit"), tr("for example 10.89.0.1, 10.89.0.2"));
    dnsError_ = addFieldRow(form, tr("&DNS servers:"), dns_);
    dnsSearch_ = lineEdit(QStringLiteral("networkDnsSearchEdit"), tr("for example example.test"));
    dnsSearchError_ = addFieldRow(form, tr("&Search domains:"), dnsSearch_);
    extraHosts_ =
        lineEdit(QStringLiteral("networkExtraHostsEdit"), tr("NAME:IP, for example db:10.89.0.5"));
    //: Entries added to the container's /etc/hosts (--add-host)
    extraHostsError_ = addFieldRow(form, tr("E&xtra hosts:"), extraHosts_);
    bridgeOnly_.append(box);
    return box;
}

QWidget *CreateNetworkPage::buildAddress()
{
    QGroupBox *box = group(QStringLiteral("addressBox"), tr("Address on the first network"), this);
    auto *form = new QFormLayout(box);
    ip_ = lineEdit(QStringLiteral("networkIpEdit"), tr("the next free one"));
    ipError_ = addFieldRow(form, tr("&IP address:"), ip_);
    mac_ = lineEdit(QStringLiteral("networkMacEdit"), tr("made from the IP address"));
    macError_ = addFieldRow(form, tr("M&AC address:"), mac_);
    bridgeOnly_.append(box);
    return box;
}

int CreateNetworkPage::mode() const
{
    return mode_->currentData().toInt();
}

void CreateNetworkPage::modeChanged()
{
    const bool bridge = mode() == kBridgeMode;
    network_->setEnabled(bridge);
    container_->setEnabled(mode() == int(cli::NamespaceMode::Container));
    hostNote_->setVisible(mode() == int(cli::NamespaceMode::Host));
    const QString why = bridge ? QString() : tr("Only a container on a bridge network has these.");
    for (QGroupBox *box : bridgeOnly_) {
        box->setEnabled(bridge);
        box->setToolTip(why);
    }
    emit changed();
}

cli::NamespaceChoice CreateNetworkPage::namespaceChoice() const
{
    cli::NamespaceChoice choice;
    if (mode() == kBridgeMode)
        return choice;
    choice.mode = cli::NamespaceMode(mode());
    if (choice.mode == cli::NamespaceMode::Container && container_->currentIndex() >= 0) {
        choice.containerId = container_->currentData().toString();
        choice.container = container_->currentData(Qt::UserRole + 1).toString();
    }
    return choice;
}

cli::NetworkOptions CreateNetworkPage::options() const
{
    cli::NetworkOptions options;
    if (mode() != kBridgeMode) {
        // As --network names it; only "none" is said by these options, the others are
        // namespace choices.
        const cli::NamespaceChoice choice = namespaceChoice();
        options.mode = choice.mode == cli::NamespaceMode::Private ? QStringLiteral("none")
                                                                  : cli::namespaceFlagValue(choice);
        return options;
    }
    options.mode = network_->currentText();
    options.networks = {network_->currentText()};
    const auto valid = [](const QString &text, QString (*problem)(const QString &)) {
        QStringList out = splitListField(text);
        out.removeIf([problem](const QString &item) { return !problem(item).isEmpty(); });
        return out;
    };
    options.publish = ports_->entries();
    options.publish.removeIf([](const QString &entry) { return !publishProblem(entry).isEmpty(); });
    options.dns = valid(dns_->text(), ipv4Problem);
    options.dnsSearch = valid(dnsSearch_->text(), domainProblem);
    options.addHosts = valid(extraHosts_->text(), extraHostProblem);
    if (const QString mac = mac_->text().trimmed(); macProblem(mac).isEmpty())
        options.macAddress = mac;
    if (const QString ip = ip_->text().trimmed(); ipv4Problem(ip).isEmpty())
        options.ipAddress = ip;
    return options;
}

QList<cli::SpecProblem> CreateNetworkPage::ownProblems() const
{
    QList<cli::SpecProblem> problems;
    if (mode() != kBridgeMode)
        return problems; // the fields are off and not sent
    const auto check = [&](const QString &key, const QStringList &items,
                           QString (*problem)(const QString &)) {
        for (const QString &item : items)
            if (const QString why = problem(item); !why.isEmpty())
                problems.append({annotationPath(key), why, item});
    };
    check(kPublish, ports_->entries(), publishProblem);
    check(kDns, splitListField(dns_->text()), ipv4Problem);
    check(kDnsSearch, splitListField(dnsSearch_->text()), domainProblem);
    check(kExtraHosts, splitListField(extraHosts_->text()), extraHostProblem);
    if (const QString mac = mac_->text().trimmed(); !mac.isEmpty())
        check(kMac, {mac}, macProblem);
    if (const QString ip = ip_->text().trimmed(); !ip.isEmpty())
        check(kIp, {ip}, ipv4Problem);
    return problems;
}

FieldError *CreateNetworkPage::fieldOfAnnotation(const QString &key) const
{
    const QHash<QString, FieldError *> fields{
        {kNetworks, modeError_},
        {kPublish, portsError_},
        {kDns, dnsError_},
        {kDnsSearch, dnsSearchError_},
        {kExtraHosts, extraHostsError_},
        {kMac, macError_},
        {kIp, ipError_},
        {QStringLiteral("org.hako.namespace.network"), containerError_}};
    return fields.value(key);
}

QList<cli::SpecProblem> CreateNetworkPage::showProblems(const QList<cli::SpecProblem> &problems)
{
    return showProblemsAt(problems,
                          [this](const cli::SpecProblem &problem, QString *prefix) -> FieldError * {
                              const QString key = annotationOf(problem.path);
                              FieldError *field = fieldOfAnnotation(key);
                              if (field == portsError_) {
                                  if (const int row = ports_->rowOf(problem.value); row >= 0)
                                      *prefix = tr("Row %1: ").arg(row + 1);
                              }
                              return field;
                          },
                          {modeError_, containerError_, portsError_, dnsError_, dnsSearchError_,
                           extraHostsError_, macError_, ipError_});
}

void CreateNetworkPage::setNetworks(const QStringList &names)
{
    const QString chosen = network_->currentText();
    const QSignalBlocker quiet(network_);
    network_->clear();
    network_->addItems(names.contains(kDefaultNetwork) ? names
                                                       : QStringList{kDefaultNetwork} + names);
    network_->setCurrentIndex(std::max(0, network_->findText(chosen)));
    emit changed();
}

void CreateNetworkPage::setJoinTargets(const QList<JoinTarget> &targets)
{
    const QString chosen = container_->currentData().toString();
    const QSignalBlocker quiet(container_);
    container_->clear();
    for (const JoinTarget &target : targets) {
        //: A container whose network to use: its name and its state ("web (running)").
        container_->addItem(tr("%1 (%2)").arg(target.name, stateLabel(target.state)), target.id);
        container_->setItemData(container_->count() - 1, target.name, Qt::UserRole + 1);
    }
    container_->setPlaceholderText(targets.isEmpty() ? tr("no containers yet") : QString());
    container_->setCurrentIndex(std::max(0, container_->findData(chosen)));
    emit changed();
}

} // namespace hako::gui
