// The create dialog's Security tab against the real helper: each choice lands in its spec
// field and in the hakoctl line (capabilities as --cap-add/--cap-drop relative to Docker's
// defaults, seccomp, no-new-privileges, --read-only with tmpfs mounts, --privileged,
// --userns=remap); a bad profile file is refused at its field with its JSON path; the line
// shown makes the same spec through hakoctl; a container made from it really runs so.
#include "create_capability_list.h"
#include "create_dialog.h"
#include "gui_fixture.h"
#include "message_bar.h"
#include "shell_words.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

namespace hako::guitest
{
namespace
{

using dbustest::hakoctl;
using gui::CreateDialog;

QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue value = root;
    for (const QString &key : path.split(QLatin1Char('.')))
        value = value.toObject().value(key);
    return value;
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    for (const QJsonValue &item : array.toArray())
        out.append(item.toString());
    return out;
}

// The spec's mount at `destination`, or an empty object.
QJsonObject mountAt(const QJsonObject &spec, const QString &destination)
{
    for (const QJsonValue &mount : at(spec, QStringLiteral("mounts")).toArray())
        if (mount.toObject().value(QStringLiteral("destination")).toString() == destination)
            return mount.toObject();
    return {};
}

class SecurityPageTest : public GuiTest
{
  protected:
    void SetUp() override
    {
        GuiTest::SetUp();
        ASSERT_TRUE(dir_.isValid());
    }
    void TearDown() override
    {
        dialog_.reset();
        GuiTest::TearDown();
    }

    CreateDialog &dialog()
    {
        if (!dialog_) {
            dialog_ = std::make_unique<CreateDialog>(&helper());
            dialog_->show();
            widget<QTabWidget>("createTabs")->setCurrentWidget(widget<QWidget>("securityPage"));
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
        EXPECT_FALSE(json.isEmpty()) << "the dialog holds an invalid spec: " << shownErrors();
        return QJsonDocument::fromJson(json.toUtf8()).object();
    }

    QString commandLine() { return dialog().commandLine(); }
    bool lineHas(const QString &words)
    {
        return commandLine().contains(QLatin1Char(' ') + words + QLatin1Char(' '));
    }

    QTreeWidgetItem *capability(const QString &shortName)
    {
        const QList<QTreeWidgetItem *> found =
            widget<QTreeWidget>("capabilityList")
                ->findItems(shortName, Qt::MatchExactly, gui::CapabilityList::NameColumn);
        EXPECT_EQ(found.size(), 1) << shortName.toStdString();
        return found.value(0);
    }
    void setCapability(const QString &shortName, bool on)
    {
        capability(shortName)->setCheckState(gui::CapabilityList::NameColumn,
                                             on ? Qt::Checked : Qt::Unchecked);
    }
    void setAllCapabilities(bool on)
    {
        auto *tree = widget<QTreeWidget>("capabilityList");
        for (int row = 0; row < tree->topLevelItemCount(); ++row)
            tree->topLevelItem(row)->setCheckState(gui::CapabilityList::NameColumn,
                                                   on ? Qt::Checked : Qt::Unchecked);
    }

    QStringList capabilitySet(const char *set)
    {
        return strings(at(spec(), QStringLiteral("process.capabilities.") + QLatin1String(set)));
    }

    void type(const char *edit, const QString &text)
    {
        QLineEdit *line = widget<QLineEdit>(edit);
        line->clear();
        QTest::keyClicks(line, text);
    }

    QString writeFile(const QString &name, const QByteArray &text)
    {
        const QString path = dir_.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        return path;
    }

    void addTmpfs(const QString &path, const QString &options)
    {
        QTest::mouseClick(widget<QPushButton>("tmpfsAddButton"), Qt::LeftButton);
        auto *table = widget<QTableWidget>("tmpfsTable");
        const int row = table->rowCount() - 1;
        table->item(row, 0)->setText(path);
        table->item(row, 1)->setText(options);
    }

    // The field's error as shown: the message under it and its red frame.
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

    std::string shownErrors()
    {
        std::string out;
        for (const QLabel *label : dialog().findChildren<QLabel *>())
            if ((label->objectName().endsWith(QLatin1String("Error")) ||
                 label->objectName() == QLatin1String("otherProblems")) &&
                !label->text().isEmpty())
                out +=
                    label->objectName().toStdString() + ": " + label->text().toStdString() + "\n";
        return out;
    }

    bool createAllowed()
    {
        return widget<QPushButton>("createButton")->isEnabled() &&
               widget<QPushButton>("createAndStartButton")->isEnabled();
    }

    bool securityTabMarked()
    {
        auto *tabs = widget<QTabWidget>("createTabs");
        return !tabs->tabIcon(tabs->indexOf(widget<QWidget>("securityPage"))).isNull();
    }

    QVariantMap container(const QString &ref)
    {
        const QDBusMessage reply = env().call(QStringLiteral("GetContainer"), {ref});
        if (reply.type() != QDBusMessage::ReplyMessage)
            return {};
        return qdbus_cast<QVariantMap>(reply.arguments().at(0));
    }

    QString logText(const QString &ref)
    {
        const QDBusMessage reply = env().call(QStringLiteral("GetLogs"), {ref, -1});
        QString text;
        if (reply.type() == QDBusMessage::ReplyMessage)
            for (const QVariantMap &line : qdbus_cast<QList<QVariantMap>>(reply.arguments().at(0)))
                text += line.value(QStringLiteral("Text")).toString() + QLatin1Char('\n');
        return text;
    }

    QTemporaryDir dir_;
    std::unique_ptr<CreateDialog> dialog_;
};

TEST_F(SecurityPageTest, CapabilitiesBecomeCapAddAndCapDropOverTheDefaults)
{
    EXPECT_TRUE(capabilitySet("bounding").contains(QStringLiteral("CAP_CHOWN")));
    EXPECT_FALSE(commandLine().contains(QStringLiteral("--cap-")));
    EXPECT_EQ(capability(QStringLiteral("CHOWN"))->text(gui::CapabilityList::DefaultColumn),
              QStringLiteral("default"));
    EXPECT_EQ(capability(QStringLiteral("CHOWN"))->text(gui::CapabilityList::ExplanationColumn),
              QStringLiteral("Change the owner and group of any file"));
    EXPECT_FALSE(widget<QWidget>("capabilityExtraWarning")->isVisible());

    setCapability(QStringLiteral("CHOWN"), false);
    EXPECT_TRUE(lineHas(QStringLiteral("--cap-drop CHOWN"))) << commandLine().toStdString();
    for (const char *set : {"bounding", "effective", "permitted"})
        EXPECT_FALSE(capabilitySet(set).contains(QStringLiteral("CAP_CHOWN"))) << set;
    EXPECT_TRUE(capabilitySet("bounding").contains(QStringLiteral("CAP_KILL")));

    setCapability(QStringLiteral("NET_ADMIN"), true);
    EXPECT_TRUE(lineHas(QStringLiteral("--cap-drop CHOWN --cap-add NET_ADMIN")))
        << commandLine().toStdString();
    for (const char *set : {"bounding", "effective", "permitted"})
        EXPECT_TRUE(capabilitySet(set).contains(QStringLiteral("CAP_NET_ADMIN"))) << set;
    // Beyond the defaults: marked at its row and under the list.
    QTreeWidgetItem *netAdmin = capability(QStringLiteral("NET_ADMIN"));
    EXPECT_FALSE(netAdmin->icon(gui::CapabilityList::DefaultColumn).isNull());
    EXPECT_TRUE(netAdmin->toolTip(gui::CapabilityList::DefaultColumn)
                    .contains(QStringLiteral("administrator")));
    EXPECT_TRUE(widget<QWidget>("capabilityExtraWarning")->isVisible());

    QTest::mouseClick(widget<QPushButton>("capabilityResetButton"), Qt::LeftButton);
    EXPECT_FALSE(commandLine().contains(QStringLiteral("--cap-"))) << commandLine().toStdString();
    EXPECT_TRUE(capabilitySet("bounding").contains(QStringLiteral("CAP_CHOWN")));
    EXPECT_FALSE(widget<QWidget>("capabilityExtraWarning")->isVisible());

    // None, or every one: ALL, as docker users write it.
    setAllCapabilities(false);
    EXPECT_TRUE(lineHas(QStringLiteral("--cap-drop ALL"))) << commandLine().toStdString();
    EXPECT_FALSE(commandLine().contains(QStringLiteral("--cap-add")));
    EXPECT_TRUE(capabilitySet("bounding").isEmpty());
    setCapability(QStringLiteral("NET_BIND_SERVICE"), true);
    EXPECT_TRUE(lineHas(QStringLiteral("--cap-drop ALL --cap-add NET_BIND_SERVICE")))
        << commandLine().toStdString();
    EXPECT_EQ(capabilitySet("bounding"), QStringList{QStringLiteral("CAP_NET_BIND_SERVICE")});
    setAllCapabilities(true);
    EXPECT_TRUE(lineHas(QStringLiteral("--cap-add ALL"))) << commandLine().toStdString();
    EXPECT_FALSE(commandLine().contains(QStringLiteral("--cap-drop")));
    EXPECT_TRUE(capabilitySet("bounding").contains(QStringLiteral("CAP_SYS_ADMIN")));
    setCapability(QStringLiteral("SYS_ADMIN"), false);
    EXPECT_TRUE(lineHas(QStringLiteral("--cap-add ALL --cap-drop SYS_ADMIN")) ||
                lineHas(QStringLiteral("--cap-drop SYS_ADMIN --cap-add ALL")))
        << commandLine().toStdString();
    EXPECT_FALSE(capabilitySet("bounding").contains(QStringLiteral("CAP_SYS_ADMIN")));
}

TEST_F(SecurityPageTest, ABadProfileFileIsRefusedAtItsFieldWithItsJsonPath)
{
    const QString bad = writeFile(QStringLiteral("bad.json"),
                                  R"({"defaultAction": "SCMP_ACT_ERRNO",
            "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
                         {"names": ["mount"], "action": "SCMP_ACT_MAYBE"}]})");
    EXPECT_TRUE(at(spec(), QStringLiteral("linux.seccomp")).isObject()); // the default filter
    EXPECT_FALSE(widget<QLineEdit>("seccompProfileEdit")->isEnabled());
    widget<QRadioButton>("seccompProfileRadio")->setChecked(true);
    EXPECT_TRUE(widget<QLineEdit>("seccompProfileEdit")->isEnabled());
    EXPECT_FALSE(fieldError("seccompProfileEdit").isEmpty()) << "no file named yet";
    EXPECT_FALSE(createAllowed());

    type("seccompProfileEdit", bad);
    const QString error = fieldError("seccompProfileEdit");
    EXPECT_TRUE(error.contains(QStringLiteral("syscalls[1].action"))) << error.toStdString();
    EXPECT_TRUE(error.contains(bad)) << error.toStdString();
    EXPECT_FALSE(createAllowed());
    EXPECT_TRUE(securityTabMarked());
    EXPECT_FALSE(widget<QLabel>("otherProblems")->isVisible()) << shownErrors();
    EXPECT_TRUE(lineHas(QStringLiteral("--security-opt seccomp=") + bad))
        << commandLine().toStdString();

    const QString missing = dir_.filePath(QStringLiteral("missing.json"));
    type("seccompProfileEdit", missing);
    EXPECT_TRUE(fieldError("seccompProfileEdit")
                    .startsWith(QStringLiteral("opening seccomp profile (%1) failed").arg(missing)))
        << fieldError("seccompProfileEdit").toStdString();
    EXPECT_FALSE(createAllowed());

    const QString good = writeFile(QStringLiteral("good.json"),
                                   R"({"defaultAction": "SCMP_ACT_ALLOW",
            "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]})");
    type("seccompProfileEdit", good);
    EXPECT_TRUE(fieldError("seccompProfileEdit").isEmpty());
    EXPECT_TRUE(createAllowed()) << shownErrors();
    EXPECT_FALSE(securityTabMarked());
    EXPECT_EQ(at(spec(), QStringLiteral("linux.seccomp.defaultAction")).toString(),
              QStringLiteral("SCMP_ACT_ALLOW"));

    // No filter at all: said plainly, and the spec has none.
    EXPECT_FALSE(widget<QWidget>("seccompUnconfinedWarning")->isVisible());
    widget<QRadioButton>("seccompUnconfinedRadio")->setChecked(true);
    EXPECT_TRUE(widget<QWidget>("seccompUnconfinedWarning")->isVisible());
    EXPECT_TRUE(at(spec(), QStringLiteral("linux.seccomp")).isUndefined());
    EXPECT_TRUE(lineHas(QStringLiteral("--security-opt seccomp=unconfined")))
        << commandLine().toStdString();
}

TEST_F(SecurityPageTest, PrivilegedOverridesTheListAndTheFilter)
{
    EXPECT_FALSE(widget<QWidget>("privilegedWarning")->isVisible());
    setCapability(QStringLiteral("CHOWN"), false);
    widget<QCheckBox>("privilegedCheck")->setChecked(true);
    EXPECT_TRUE(widget<QWidget>("privilegedWarning")->isVisible());
    EXPECT_TRUE(widget<QLabel>("privilegedWarningText")
                    ->text()
                    .contains(QStringLiteral("take over the host")));
    EXPECT_FALSE(widget<QTreeWidget>("capabilityList")->isEnabled());
    EXPECT_TRUE(widget<QLabel>("capabilitiesOverriddenNote")->isVisible());
    EXPECT_FALSE(widget<QRadioButton>("seccompDefaultRadio")->isEnabled());
    EXPECT_FALSE(widget<QRadioButton>("seccompProfileRadio")->isEnabled());
    EXPECT_TRUE(widget<QLabel>("seccompOverriddenNote")->isVisible());

    EXPECT_TRUE(lineHas(QStringLiteral("--privileged"))) << commandLine().toStdString();
    EXPECT_FALSE(commandLine().contains(QStringLiteral("--cap-drop")))
        << "overridden: " << commandLine().toStdString();
    const QJsonObject privileged = spec();
    const QStringList bounding = capabilitySet("bounding");
    EXPECT_TRUE(bounding.contains(QStringLiteral("CAP_SYS_ADMIN")));
    EXPECT_TRUE(bounding.contains(QStringLiteral("CAP_CHOWN")));
    EXPECT_TRUE(at(privileged, QStringLiteral("linux.seccomp")).isUndefined());
    EXPECT_TRUE(at(privileged, QStringLiteral("linux.maskedPaths")).toArray().isEmpty());

    widget<QCheckBox>("privilegedCheck")->setChecked(false);
    EXPECT_TRUE(widget<QTreeWidget>("capabilityList")->isEnabled());
    EXPECT_FALSE(widget<QWidget>("privilegedWarning")->isVisible());
    EXPECT_TRUE(lineHas(QStringLiteral("--cap-drop CHOWN"))) << "the choice is kept";
    EXPECT_TRUE(at(spec(), QStringLiteral("linux.seccomp")).isObject());
}

TEST_F(SecurityPageTest, ReadOnlyRootWithTmpfsMounts)
{
    EXPECT_FALSE(at(spec(), QStringLiteral("root.readonly")).toBool());
    widget<QCheckBox>("readOnlyCheck")->setChecked(true);
    addTmpfs(QStringLiteral("/tmp"), QString());
    addTmpfs(QStringLiteral("/run"), QStringLiteral("size=1m,exec"));
    const QJsonObject s = spec();
    EXPECT_TRUE(at(s, QStringLiteral("root.readonly")).toBool());
    const QJsonObject tmp = mountAt(s, QStringLiteral("/tmp"));
    EXPECT_EQ(tmp.value(QStringLiteral("type")).toString(), QStringLiteral("tmpfs"));
    EXPECT_EQ(strings(tmp.value(QStringLiteral("options"))),
              (QStringList{QStringLiteral("rw"), QStringLiteral("noexec"), QStringLiteral("nosuid"),
                           QStringLiteral("nodev")}));
    const QStringList run =
        strings(mountAt(s, QStringLiteral("/run")).value(QStringLiteral("options")));
    EXPECT_TRUE(run.contains(QStringLiteral("size=1m")) && run.contains(QStringLiteral("exec")) &&
                !run.contains(QStringLiteral("noexec")))
        << run.join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(lineHas(QStringLiteral("--read-only --tmpfs /tmp --tmpfs /run:size=1m,exec")))
        << commandLine().toStdString();

    // Refused at the table, with the row: a relative path, an option tmpfs does not take.
    auto *table = widget<QTableWidget>("tmpfsTable");
    table->item(0, 0)->setText(QStringLiteral("tmp"));
    EXPECT_TRUE(fieldError("tmpfsTable").contains(QStringLiteral("absolute")))
        << fieldError("tmpfsTable").toStdString();
    EXPECT_FALSE(createAllowed());
    table->item(0, 0)->setText(QStringLiteral("/tmp"));
    table->item(1, 1)->setText(QStringLiteral("size=1m,bogus"));
    EXPECT_EQ(fieldError("tmpfsTable").toStdString(), "Row 2: invalid tmpfs option [\"bogus\"]");
    EXPECT_FALSE(createAllowed());
    EXPECT_FALSE(widget<QLabel>("otherProblems")->isVisible()) << shownErrors();
    table->item(1, 1)->setText(QStringLiteral("size=1m"));
    EXPECT_TRUE(fieldError("tmpfsTable").isEmpty());
    EXPECT_TRUE(createAllowed()) << shownErrors();
}

TEST_F(SecurityPageTest, NoNewPrivilegesUsernsAndSystemPaths)
{
    EXPECT_FALSE(at(spec(), QStringLiteral("process.noNewPrivileges")).toBool());
    widget<QCheckBox>("noNewPrivilegesCheck")->setChecked(true);
    EXPECT_TRUE(at(spec(), QStringLiteral("process.noNewPrivileges")).toBool());
    EXPECT_TRUE(lineHas(QStringLiteral("--security-opt no-new-privileges")))
        << commandLine().toStdString();

    widget<QCheckBox>("unmaskSystemPathsCheck")->setChecked(true);
    EXPECT_TRUE(at(spec(), QStringLiteral("linux.maskedPaths")).toArray().isEmpty());
    EXPECT_TRUE(lineHas(QStringLiteral("--security-opt systempaths=unconfined")))
        << commandLine().toStdString();
    widget<QCheckBox>("unmaskSystemPathsCheck")->setChecked(false);

    EXPECT_FALSE(commandLine().contains(QStringLiteral("--userns")));
    widget<QCheckBox>("usernsRemapCheck")->setChecked(true);
    EXPECT_TRUE(commandLine().contains(QStringLiteral(" --userns=remap ")) ||
                lineHas(QStringLiteral("--userns remap")))
        << commandLine().toStdString();
    // A user namespace of its own, its ids mapped by the engine from the default remap user.
    const QJsonObject remapped = spec();
    QStringList types;
    for (const QJsonValue &ns : at(remapped, QStringLiteral("linux.namespaces")).toArray())
        types.append(ns.toObject().value(QStringLiteral("type")).toString());
    EXPECT_TRUE(types.contains(QStringLiteral("user")))
        << types.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(remapped.value(QStringLiteral("annotations"))
                  .toObject()
                  .value(QStringLiteral("org.hako.userns-remap"))
                  .toString()
                  .toStdString(),
              "hako");
    widget<QCheckBox>("usernsRemapCheck")->setChecked(false);
    EXPECT_FALSE(commandLine().contains(QStringLiteral("--userns")));
}

TEST_F(SecurityPageTest, TheNamespacesButtonOpensThatPage)
{
    auto *tabs = widget<QTabWidget>("createTabs");
    EXPECT_EQ(tabs->currentWidget(), widget<QWidget>("securityPage"));
    EXPECT_EQ(tabs->tabText(tabs->currentIndex()), QStringLiteral("&Security"));
    EXPECT_EQ(tabs->indexOf(widget<QWidget>("securityPage")),
              tabs->indexOf(widget<QWidget>("resourcesPage")) + 1);
    QTest::mouseClick(widget<QPushButton>("openNamespacesButton"), Qt::LeftButton);
    EXPECT_EQ(tabs->currentWidget(), widget<QWidget>("namespacesPage"));
}

// hakoctl given the line the dialog shows makes the same security settings.
TEST_F(SecurityPageTest, ShownCommandLineMakesTheSameSpec)
{
    type("nameEdit", QStringLiteral("securecli"));
    setCapability(QStringLiteral("CHOWN"), false);
    setCapability(QStringLiteral("NET_ADMIN"), true);
    widget<QRadioButton>("seccompProfileRadio")->setChecked(true);
    type("seccompProfileEdit", writeFile(QStringLiteral("profile.json"),
                                         R"({"defaultAction": "SCMP_ACT_ALLOW",
                       "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO",
                                     "errnoRet": 1}]})"));
    widget<QCheckBox>("noNewPrivilegesCheck")->setChecked(true);
    widget<QCheckBox>("readOnlyCheck")->setChecked(true);
    addTmpfs(QStringLiteral("/tmp"), QStringLiteral("size=2m"));
    const QJsonObject wanted = spec();

    QString error;
    const auto words = cli::shellSplit(commandLine(), &error);
    ASSERT_TRUE(words) << error.toStdString();
    dbustest::Args args;
    for (const QString &word : words->mid(1))
        args.push_back(word.toStdString());
    const auto ran = hakoctl(args);
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    const QJsonObject made = QJsonDocument::fromJson(container(QStringLiteral("securecli"))
                                                         .value(QStringLiteral("Spec"))
                                                         .toString()
                                                         .toUtf8())
                                 .object();
    for (const char *path : {"process.capabilities", "process.noNewPrivileges", "linux.seccomp",
                             "root.readonly", "mounts", "linux.maskedPaths"})
        EXPECT_EQ(at(made, QLatin1String(path)), at(wanted, QLatin1String(path))) << path;
}

// Made from the dialog and started: the kernel holds the container to its settings.
TEST_F(SecurityPageTest, CreatedContainerRunsWithItsSecuritySettings)
{
    type("nameEdit", QStringLiteral("secured"));
    type("commandEdit",
         QStringLiteral("sh -c 'grep CapEff /proc/self/status; "
                        "touch /etc/x 2>/dev/null && echo root-writable || echo root-read-only; "
                        "touch /tmp/x && echo tmp-writable; sleep 1000'"));
    setCapability(QStringLiteral("CHOWN"), false);
    setCapability(QStringLiteral("NET_ADMIN"), true);
    widget<QCheckBox>("readOnlyCheck")->setChecked(true);
    addTmpfs(QStringLiteral("/tmp"), QString());
    ASSERT_TRUE(createAllowed()) << shownErrors();
    QSignalSpy created(&dialog(), &CreateDialog::containerCreated);
    QTest::mouseClick(widget<QPushButton>("createAndStartButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return created.count() == 1; }, 30000))
        << widget<gui::MessageBar>("createFailure")->text().toStdString();
    const QString id = created.at(0).at(0).toString();
    ASSERT_TRUE(waitUntil([&] { return logText(id).contains(QStringLiteral("tmp-writable")); }))
        << logText(id).toStdString();
    const QString log = logText(id);
    EXPECT_TRUE(log.contains(QStringLiteral("root-read-only"))) << log.toStdString();
    const qsizetype at = log.indexOf(QStringLiteral("CapEff:"));
    ASSERT_GE(at, 0) << log.toStdString();
    bool ok = false;
    const qulonglong effective =
        log.mid(at + 7).section(QLatin1Char('\n'), 0, 0).trimmed().toULongLong(&ok, 16);
    ASSERT_TRUE(ok) << log.toStdString();
    EXPECT_EQ(effective & (1ULL << 0), 0ULL) << "CAP_CHOWN (0) was dropped";
    EXPECT_NE(effective & (1ULL << 12), 0ULL) << "CAP_NET_ADMIN (12) was added";
    EXPECT_NE(effective & (1ULL << 5), 0ULL) << "CAP_KILL (5), a default, is kept";
}

// The flags for a chosen set: the shortest form, ties to the one relative to the defaults.
TEST(CapabilityFlags, ShortestFormOverTheDefaults)
{
    const QStringList defaults = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_KILL"),
                                  QStringLiteral("CAP_SETUID")};
    const QStringList available =
        defaults + QStringList{QStringLiteral("CAP_NET_ADMIN"), QStringLiteral("CAP_SYS_ADMIN"),
                               QStringLiteral("CAP_SYS_TIME")};
    const auto flags = [&](const QStringList &chosen) {
        const gui::CapabilityFlags f = gui::capabilityFlags(chosen, defaults, available);
        return (QStringList{QStringLiteral("add:")} + f.add + QStringList{QStringLiteral("drop:")} +
                f.drop)
            .join(QLatin1Char(' '))
            .toStdString();
    };
    EXPECT_EQ(flags(defaults), "add: drop:");
    EXPECT_EQ(flags({QStringLiteral("CAP_KILL"), QStringLiteral("CAP_SETUID")}),
              "add: drop: CHOWN");
    EXPECT_EQ(flags(defaults + QStringList{QStringLiteral("CAP_NET_ADMIN")}),
              "add: NET_ADMIN drop:");
    EXPECT_EQ(flags({}), "add: drop: ALL");
    EXPECT_EQ(flags({QStringLiteral("CAP_NET_ADMIN")}), "add: NET_ADMIN drop: ALL");
    EXPECT_EQ(flags(available), "add: ALL drop:");
    EXPECT_EQ(flags(available.mid(1)), "add: ALL drop: CHOWN");
}

} // namespace
} // namespace hako::guitest
