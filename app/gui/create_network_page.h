// The create dialog's Network tab, the one place for the container's network: the mode
// (bridge on one of Hako's networks, the default; none, loopback only; the host's network,
// which needs an administrator's approval; another container's), the published ports, DNS
// servers and search domains, extra /etc/hosts entries, and a fixed MAC or IP address. Each
// value is checked as it is typed, with core's parsers, and refused at its field.
#pragma once

#include "create_namespaces_page.h"
#include "namespace_options.h"
#include "network_options.h"
#include "spec_builder.h"

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLineEdit;

namespace hako::gui
{

class FieldError;
class PortTable;

class CreateNetworkPage : public QWidget
{
    Q_OBJECT
  public:
    // The mode combo's data: NamespaceMode's values for none (Private), host and container,
    // so the namespace choice reads straight from it; bridge is a mode of its own.
    static constexpr int kBridgeMode = 3;

    explicit CreateNetworkPage(QWidget *parent = nullptr);

    // The network namespace's choice (host, container:X; bridge and none are Private).
    cli::NamespaceChoice namespaceChoice() const;
    // What reaches the org.hako.network* annotations: the valid entries only (the invalid
    // ones are ownProblems(), so each is reported once, at its field).
    cli::NetworkOptions options() const;
    QList<cli::SpecProblem> ownProblems() const;
    // As CreateGeneralPage::showProblems.
    QList<cli::SpecProblem> showProblems(const QList<cli::SpecProblem> &problems);

    // Hako's bridge networks (ListNetworks' names with driver "bridge").
    void setNetworks(const QStringList &names);
    void setJoinTargets(const QList<JoinTarget> &targets);

    PortTable *ports() const { return ports_; }

  signals:
    void changed();

  private:
    QWidget *buildMode();
    QWidget *buildPorts();
    QWidget *buildNames();
    QWidget *buildAddress();
    QLineEdit *lineEdit(const QString &name, const QString &placeholder);
    void modeChanged();
    int mode() const;
    FieldError *fieldOfAnnotation(const QString &key) const;

    QComboBox *mode_ = nullptr;
    QComboBox *network_ = nullptr;
    QComboBox *container_ = nullptr;
    QWidget *hostNote_ = nullptr;
    PortTable *ports_ = nullptr;
    QLineEdit *dns_ = nullptr;
    QLineEdit *dnsSearch_ = nullptr;
    QLineEdit *extraHosts_ = nullptr;
    QLineEdit *mac_ = nullptr;
    QLineEdit *ip_ = nullptr;
    QList<QGroupBox *> bridgeOnly_; // what needs a Hako network
    FieldError *modeError_ = nullptr;
    FieldError *containerError_ = nullptr;
    FieldError *portsError_ = nullptr;
    FieldError *dnsError_ = nullptr;
    FieldError *dnsSearchError_ = nullptr;
    FieldError *extraHostsError_ = nullptr;
    FieldError *macError_ = nullptr;
    FieldError *ipError_ = nullptr;
};

} // namespace hako::gui
