// The create dialog's Network tab against the real helper: bridge on the default network is
// the default; each field, filled by clicks and typing, lands in its org.hako.network*
// annotation; none and host change the network namespace as Docker's modes do; a bad port,
// address, MAC or host is refused at its field with Create disabled; the networks offered are
// the helper's.
#include "create_dialog.h"
#include "create_network_page.h"
#include "create_port_table.h"
#include "gui_fixture.h"
#include "namespace_options.h"
#include "shell_words.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

namespace hako::guitest
{
namespace
{

using gui::CreateDialog;

const QString kBridge = QStringLiteral("org.hako.network");
const QString kPublish = QStringLiteral("org.hako.network.publish");

class NetworkTabTest : public GuiTest
{
  protected:
    void TearDown() override
    {
        dialog_.reset();
        env().removeAllContainers();
        env().call(QStringLiteral("RemoveNetwork"), {QStringLiteral("tabnet")});
        GuiTest::TearDown();
    }

    CreateDialog &dialog()
    {
        if (!dialog_) {
            dialog_ = std::make_unique<CreateDialog>(&helper());
            dialog_->show();
            auto *tabs = widget<QTabWidget>("createTabs");
            tabs->setCurrentWidget(widget<QWidget>("networkPage"));
        }
        return *dialog_;
    }

    template <typename T> T *widget(const char *name)
    {
        auto *found = dialog().findChild<T *>(QLatin1String(name));
        EXPECT_NE(found, nullptr) << name;
        return found;
    }

    QJsonObject spec()
    {
        const QString json = dialog().specJson();
        EXPECT_FALSE(json.isEmpty()) << "the dialog holds an invalid spec: " << problems();
        return QJsonDocument::fromJson(json.toUtf8()).object();
    }
    // Every problem the dialog shows, for a failure's message.
    std::string problems()
    {
        QStringList shown;
        for (QLabel *label : dialog().findChildren<QLabel *>())
            if ((label->objectName().endsWith(QStringLiteral("Error")) ||
                 label->objectName() == QLatin1String("otherProblems")) &&
                !label->text().isEmpty())
                shown << label->objectName() + QStringLiteral(": ") + label->text();
        return shown.join(QLatin1Char('\n')).toStdString();
    }
    QJsonObject annotations() { return spec().value(QStringLiteral("annotations")).toObject(); }
    bool ownNetworkNamespace()
    {
        for (const QJsonValue &ns : spec()
                                        .value(QStringLiteral("linux"))
                                        .toObject()
                                        .value(QStringLiteral("namespaces"))
                                        .toArray())
            if (ns.toObject().value(QStringLiteral("type")).toString() == QLatin1String("network"))
                return true;
        return false;
    }

    void chooseMode(int data)
    {
        QComboBox *mode = widget<QComboBox>("networkNamespaceMode");
        const int index = mode->findData(data);
        ASSERT_GE(index, 0);
        mode->setCurrentIndex(index);
    }

    void type(const char *edit, const QString &text)
    {
        QLineEdit *line = widget<QLineEdit>(edit);
        line->clear();
        QTest::keyClicks(line, text);
    }

    // As a person does: Add opens the new row's host port for editing.
    void addPort(const QString &hostIp, const QString &hostPort, const QString &containerPort,
                 const QString &protocol)
    {
        QTest::mouseClick(widget<QPushButton>("portAddButton"), Qt::LeftButton);
        QTableWidget *table = widget<QTableWidget>("portTable");
        const int row = table->rowCount() - 1;
        typeIntoOpenEditor(table, row, gui::PortTable::HostPortColumn, hostPort);
        for (auto [column, text] :
             {std::pair{int(gui::PortTable::ContainerPortColumn), containerPort},
              std::pair{int(gui::PortTable::HostIpColumn), hostIp}}) {
            if (text.isEmpty())
                continue;
            table->editItem(table->item(row, column));
            typeIntoOpenEditor(table, row, column, text);
        }
        auto *protocolBox =
            qobject_cast<QComboBox *>(table->cellWidget(row, gui::PortTable::ProtocolColumn));
        ASSERT_NE(protocolBox, nullptr);
        protocolBox->setCurrentText(protocol);
    }
    void typeIntoOpenEditor(QTableWidget *table, int row, int column, const QString &text)
    {
        auto *editor =
            qobject_cast<QLineEdit *>(table->indexWidget(table->model()->index(row, column)));
        ASSERT_NE(editor, nullptr) << "no editor open on row " << row << ", column " << column;
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        EXPECT_EQ(table->item(row, column)->text(), text);
    }

    // The message under a field (empty when hidden), checked against its red frame.
    QString fieldError(const char *control)
    {
        auto *label =
            dialog().findChild<QLabel *>(QLatin1String(control) + QStringLiteral("Error"));
        EXPECT_NE(label, nullptr) << control;
        QWidget *field = dialog().findChild<QWidget *>(QLatin1String(control));
        const bool shown = label && label->isVisible() && !label->text().isEmpty();
        EXPECT_EQ(field->property("invalid").toBool(), shown) << control;
        return shown ? label->text() : QString();
    }

    void makeNetwork()
    {
        const QDBusMessage made =
            env().call(QStringLiteral("CreateNetwork"),
                       {QStringLiteral("tabnet"),
                        QVariantMap{{QStringLiteral("Subnet"), QStringLiteral("10.89.41.0/24")}}});
        ASSERT_EQ(made.type(), QDBusMessage::ReplyMessage) << made.errorMessage().toStdString();
    }

    bool createAllowed() { return widget<QPushButton>("createButton")->isEnabled(); }

    std::unique_ptr<CreateDialog> dialog_;
};

TEST_F(NetworkTabTest, BridgeOnTheDefaultNetworkIsTheDefault)
{
    EXPECT_EQ(widget<QComboBox>("networkNamespaceMode")->currentData().toInt(),
              gui::CreateNetworkPage::kBridgeMode);
    EXPECT_EQ(widget<QComboBox>("networkNameCombo")->currentText(), QStringLiteral("bridge"));
    EXPECT_EQ(annotations().value(kBridge).toString(), QStringLiteral("bridge"));
    EXPECT_TRUE(ownNetworkNamespace());
    // The Namespaces tab no longer offers its own choice for the network.
    EXPECT_FALSE(widget<QComboBox>("networkTabNamespaceMode")->isEnabled());
}

TEST_F(NetworkTabTest, EachFieldLandsInItsAnnotation)
{
    addPort(QStringLiteral("127.0.0.1"), QStringLiteral("8080"), QStringLiteral("80"),
            QStringLiteral("tcp"));
    addPort(QString(), QStringLiteral("5353"), QStringLiteral("53"), QStringLiteral("udp"));
    type("networkDnsEdit", QStringLiteral("10.89.0.1, 10.89.0.2"));
    type("networkDnsSearchEdit", QStringLiteral("example.test"));
    type("networkExtraHostsEdit", QStringLiteral("db:10.89.0.5"));
    type("networkMacEdit", QStringLiteral("02:42:0a:59:00:09"));
    // Core's rule across the fields, at the field: a fixed address needs a user network.
    type("networkIpEdit", QStringLiteral("10.89.41.9"));
    EXPECT_TRUE(fieldError("networkIpEdit").contains(QStringLiteral("user-defined network")))
        << fieldError("networkIpEdit").toStdString();
    EXPECT_FALSE(createAllowed());
    makeNetwork();
    QComboBox *networks = widget<QComboBox>("networkNameCombo");
    ASSERT_TRUE(waitUntil([&] { return networks->findText(QStringLiteral("tabnet")) >= 0; }));
    networks->setCurrentText(QStringLiteral("tabnet"));
    EXPECT_EQ(fieldError("networkIpEdit"), QString());

    const QJsonObject a = annotations();
    EXPECT_EQ(a.value(kBridge).toString(), QStringLiteral("tabnet"));
    const QString publish = a.value(kPublish).toString();
    EXPECT_TRUE(publish.contains(QStringLiteral("127.0.0.1:8080:80/tcp"))) << publish.toStdString();
    EXPECT_TRUE(publish.contains(QStringLiteral("5353:53/udp"))) << publish.toStdString();
    EXPECT_EQ(a.value(QStringLiteral("org.hako.network.dns")).toString(),
              QStringLiteral("10.89.0.1,10.89.0.2"));
    EXPECT_EQ(a.value(QStringLiteral("org.hako.network.dns-search")).toString(),
              QStringLiteral("example.test"));
    EXPECT_EQ(a.value(QStringLiteral("org.hako.network.extra-hosts")).toString(),
              QStringLiteral("db:10.89.0.5"));
    EXPECT_EQ(a.value(QStringLiteral("org.hako.network.ip")).toString(),
              QStringLiteral("10.89.41.9"));
    EXPECT_EQ(a.value(QStringLiteral("org.hako.network.mac-address")).toString(),
              QStringLiteral("02:42:0a:59:00:09"));
    EXPECT_TRUE(createAllowed());

    // None: its own namespace with loopback only; nothing of the bridge's reaches the spec.
    chooseMode(int(cli::NamespaceMode::Private));
    EXPECT_TRUE(ownNetworkNamespace());
    for (const QString &key : annotations().keys())
        EXPECT_FALSE(key.startsWith(kBridge)) << key.toStdString();
    EXPECT_FALSE(widget<QWidget>("portsBox")->isEnabled());

    // Host: no network namespace at all, and the warning that it needs an approval.
    chooseMode(int(cli::NamespaceMode::Host));
    EXPECT_FALSE(ownNetworkNamespace());
    EXPECT_TRUE(widget<QWidget>("networkHostNote")->isVisible());
    EXPECT_TRUE(dialog().commandLine().contains(QStringLiteral("--network host")))
        << dialog().commandLine().toStdString();

    chooseMode(gui::CreateNetworkPage::kBridgeMode);
    EXPECT_FALSE(widget<QWidget>("networkHostNote")->isVisible());
    EXPECT_TRUE(annotations().value(kPublish).toString().contains(QStringLiteral("8080")));
}

TEST_F(NetworkTabTest, BadValuesAreRefusedAtTheirField)
{
    addPort(QString(), QStringLiteral("99999"), QStringLiteral("80"), QStringLiteral("tcp"));
    EXPECT_TRUE(fieldError("portTable").startsWith(QStringLiteral("Row 1: ")))
        << fieldError("portTable").toStdString();
    EXPECT_TRUE(fieldError("portTable").contains(QStringLiteral("99999")));
    EXPECT_FALSE(createAllowed());
    widget<QTableWidget>("portTable")
        ->item(0, gui::PortTable::HostPortColumn)
        ->setText(QStringLiteral("8080"));
    EXPECT_EQ(fieldError("portTable"), QString());
    EXPECT_TRUE(createAllowed());

    struct Case {
        const char *field;
        QString text;
    };
    const Case cases[] = {
        {"networkIpEdit", QStringLiteral("10.89.0.300")},
        {"networkMacEdit", QStringLiteral("01:00:5e:00:00:01")}, // multicast
        {"networkDnsEdit", QStringLiteral("10.89.0.1, dns.example")},
        {"networkExtraHostsEdit", QStringLiteral("db=10.89.0.5")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.field);
        type(c.field, c.text);
        EXPECT_FALSE(fieldError(c.field).isEmpty());
        EXPECT_FALSE(createAllowed());
        EXPECT_TRUE(dialog().specJson().isEmpty());
        widget<QLineEdit>(c.field)->clear();
        EXPECT_EQ(fieldError(c.field), QString());
        EXPECT_TRUE(createAllowed());
    }
}

TEST_F(NetworkTabTest, OffersTheHelpersNetworks)
{
    makeNetwork();
    QComboBox *networks = widget<QComboBox>("networkNameCombo");
    ASSERT_TRUE(waitUntil([&] { return networks->findText(QStringLiteral("tabnet")) >= 0; }));
    EXPECT_EQ(networks->currentText(), QStringLiteral("bridge"));
    EXPECT_LT(networks->findText(QStringLiteral("host")), 0); // a mode, not a network here
    networks->setCurrentText(QStringLiteral("tabnet"));
    EXPECT_EQ(annotations().value(kBridge).toString(), QStringLiteral("tabnet"));
}

// The hakoctl line the dialog shows makes a container with the same network annotations.
TEST_F(NetworkTabTest, ShownCommandLineMakesTheSameNetworkSettings)
{
    makeNetwork();
    QComboBox *networks = widget<QComboBox>("networkNameCombo");
    ASSERT_TRUE(waitUntil([&] { return networks->findText(QStringLiteral("tabnet")) >= 0; }));
    networks->setCurrentText(QStringLiteral("tabnet"));
    type("nameEdit", QStringLiteral("netcli"));
    addPort(QStringLiteral("127.0.0.1"), QStringLiteral("18081"), QStringLiteral("80"),
            QStringLiteral("tcp"));
    type("networkDnsEdit", QStringLiteral("10.89.41.1"));
    type("networkDnsSearchEdit", QStringLiteral("example.test"));
    type("networkExtraHostsEdit", QStringLiteral("db:10.89.41.5"));
    type("networkIpEdit", QStringLiteral("10.89.41.9"));
    type("networkMacEdit", QStringLiteral("02:42:0a:59:29:09"));
    const QJsonObject wanted = annotations();

    QString error;
    const auto words = cli::shellSplit(dialog().commandLine(), &error);
    ASSERT_TRUE(words) << error.toStdString();
    dbustest::Args args{"create"};
    for (const QString &word : words->mid(3)) // past "hakoctl run -d"
        args.push_back(word.toStdString());
    const auto made = dbustest::hakoctl(args);
    ASSERT_EQ(made.exit, 0) << made.describe() << dialog().commandLine().toStdString();
    const QDBusMessage reply =
        env().call(QStringLiteral("GetContainer"), {QStringLiteral("netcli")});
    ASSERT_EQ(reply.type(), QDBusMessage::ReplyMessage) << reply.errorMessage().toStdString();
    const QJsonObject spec =
        QJsonDocument::fromJson(qdbus_cast<QVariantMap>(reply.arguments().at(0))
                                    .value(QStringLiteral("Spec"))
                                    .toString()
                                    .toUtf8())
            .object();
    EXPECT_EQ(spec.value(QStringLiteral("annotations")).toObject(), wanted)
        << dialog().commandLine().toStdString();

    // None is said on the line too: hakoctl's own default is bridge.
    chooseMode(int(cli::NamespaceMode::Private));
    EXPECT_TRUE(dialog().commandLine().contains(QStringLiteral("--network none")))
        << dialog().commandLine().toStdString();
}

} // namespace
} // namespace hako::guitest
