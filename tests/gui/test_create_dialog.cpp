// The create dialog against the real helper: every field lands in its spec field (one at a
// time), the namespace choices too; invalid input is refused at the field with Create
// disabled; the command line it shows is what hakoctl needs to make the same spec; a
// container created from it really runs with its settings; helper errors reach it in words.
#include "create_dialog.h"
#include "gui_fixture.h"
#include "message_bar.h"
#include "namespace_options.h"
#include "shell_words.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

namespace hako::guitest
{
namespace
{

using dbustest::hakoctl;
using gui::CreateDialog;

// The value at a dotted path ("process.user.uid") of a JSON object.
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

QStringList namespaceTypes(const QJsonObject &spec)
{
    QStringList types;
    for (const QJsonValue &ns : at(spec, QStringLiteral("linux.namespaces")).toArray())
        types.append(ns.toObject().value(QStringLiteral("type")).toString());
    return types;
}

class CreateDialogTest : public GuiTest
{
  protected:
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
        EXPECT_FALSE(json.isEmpty()) << "the dialog holds an invalid spec";
        return QJsonDocument::fromJson(json.toUtf8()).object();
    }

    void type(const char *edit, const QString &text)
    {
        QLineEdit *line = widget<QLineEdit>(edit);
        line->clear();
        QTest::keyClicks(line, text);
    }

    // As a person does: Add opens the new row's name for editing; type, Enter, then the value.
    void addEnv(const QString &name, const QString &value)
    {
        QTest::mouseClick(widget<QPushButton>("envAddButton"), Qt::LeftButton);
        QTableWidget *table = widget<QTableWidget>("envTable");
        const int row = table->rowCount() - 1;
        typeIntoCell(table, row, 0, name);
        table->editItem(table->item(row, 1));
        typeIntoCell(table, row, 1, value);
    }
    void typeIntoCell(QTableWidget *table, int row, int column, const QString &text)
    {
        auto *editor =
            qobject_cast<QLineEdit *>(table->indexWidget(table->model()->index(row, column)));
        ASSERT_NE(editor, nullptr) << "no editor open on row " << row << ", column " << column;
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits and closes the editor in a queued call.
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        EXPECT_EQ(table->item(row, column)->text(), text);
    }

    void chooseNamespace(const QString &type, cli::NamespaceMode mode)
    {
        QComboBox *combo = dialog().findChild<QComboBox *>(type + QStringLiteral("NamespaceMode"));
        ASSERT_NE(combo, nullptr) << type.toStdString();
        const int index = combo->findData(int(mode));
        ASSERT_GE(index, 0) << type.toStdString();
        combo->setCurrentIndex(index);
    }

    // The join combos list the helper's containers once ListContainers has answered.
    bool joinTargetsLoaded()
    {
        return waitUntil(
            [&] { return widget<QComboBox>("networkNamespaceContainer")->count() > 0; });
    }

    // The field's error as shown: the message under it (empty when hidden) and its red frame.
    QString fieldError(const char *control)
    {
        auto *label =
            dialog().findChild<QLabel *>(QLatin1String(control) + QStringLiteral("Error"));
        EXPECT_NE(label, nullptr) << control;
        QWidget *field = dialog().findChild<QWidget *>(QLatin1String(control));
        // Looked at on its own tab, as a person would see it.
        auto *tabs = widget<QTabWidget>("createTabs");
        for (int i = 0; i < tabs->count(); ++i)
            if (tabs->widget(i)->isAncestorOf(field))
                tabs->setCurrentIndex(i);
        const bool shown = label && label->isVisible() && !label->text().isEmpty();
        EXPECT_EQ(field->property("invalid").toBool(), shown) << control;
        EXPECT_EQ(field->styleSheet().contains(QStringLiteral("border")), shown) << control;
        return shown ? label->text() : QString();
    }

    bool createAllowed()
    {
        return widget<QPushButton>("createButton")->isEnabled() &&
               widget<QPushButton>("createAndStartButton")->isEnabled();
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

    std::unique_ptr<CreateDialog> dialog_;
};

TEST_F(CreateDialogTest, EachGeneralFieldLandsInItsSpecField)
{
    const QJsonObject defaults = spec();
    EXPECT_TRUE(
        strings(at(defaults, QStringLiteral("process.args"))).isEmpty()); // the image's command
    EXPECT_TRUE(createAllowed());

    type("commandEdit", QStringLiteral("sh -c 'echo \"hi there\"' x\\ y"));
    EXPECT_EQ(strings(at(spec(), QStringLiteral("process.args"))),
              (QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                           QStringLiteral("echo \"hi there\""), QStringLiteral("x y")}));

    addEnv(QStringLiteral("GREETING"), QStringLiteral("hello world"));
    addEnv(QStringLiteral("EMPTY"), QString());
    const QStringList env = strings(at(spec(), QStringLiteral("process.env")));
    EXPECT_TRUE(env.contains(QStringLiteral("GREETING=hello world")))
        << env.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(env.contains(QStringLiteral("EMPTY="))) << env.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(env.size(), strings(at(defaults, QStringLiteral("process.env"))).size() + 2);

    type("workdirEdit", QStringLiteral("/srv/app"));
    EXPECT_EQ(at(spec(), QStringLiteral("process.cwd")).toString(), QStringLiteral("/srv/app"));

    type("hostnameEdit", QStringLiteral("box"));
    EXPECT_EQ(at(spec(), QStringLiteral("hostname")).toString(), QStringLiteral("box"));

    type("userEdit", QStringLiteral("1000:100"));
    EXPECT_EQ(at(spec(), QStringLiteral("process.user.uid")).toInt(), 1000);
    EXPECT_EQ(at(spec(), QStringLiteral("process.user.gid")).toInt(), 100);
    type("userEdit", QStringLiteral("1000"));
    EXPECT_EQ(at(spec(), QStringLiteral("process.user.gid")).toInt(), 0); // Docker's default group

    // Name, image and auto-remove are arguments of CreateContainer, not spec fields: they
    // show in the command line.
    type("nameEdit", QStringLiteral("web"));
    widget<QComboBox>("imageCombo")->setCurrentText(QStringLiteral("busybox"));
    widget<QCheckBox>("autoRemoveCheck")->setChecked(true);
    EXPECT_EQ(dialog().commandLine(),
              QStringLiteral(
                  "hakoctl run -d --rm --name web -e 'GREETING=hello world' -e EMPTY= -w /srv/app "
                  "--hostname box -u 1000 busybox sh -c 'echo \"hi there\"' 'x y'"));
    EXPECT_EQ(widget<QPlainTextEdit>("commandLinePreview")->toPlainText(), dialog().commandLine());
    EXPECT_EQ(widget<QPlainTextEdit>("specPreview")->toPlainText(), dialog().specJson());
    QTest::mouseClick(widget<QPushButton>("copyCommandButton"), Qt::LeftButton);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), dialog().commandLine());
}

TEST_F(CreateDialogTest, EachNamespaceChoiceLandsInTheSpec)
{
    runDetached("target", {"sleep", "1000"});
    ASSERT_TRUE(joinTargetsLoaded());
    const QString targetId =
        container(QStringLiteral("target")).value(QStringLiteral("Id")).toString();
    const QStringList all = namespaceTypes(spec());
    EXPECT_FALSE(all.contains(QStringLiteral("user")));

    for (const cli::NamespaceFlag &flag : cli::namespaceFlags()) {
        SCOPED_TRACE(flag.specType.toStdString());
        const QString annotation = QStringLiteral("org.hako.namespace.") + flag.specType;
        chooseNamespace(flag.specType, cli::NamespaceMode::Host);
        EXPECT_FALSE(namespaceTypes(spec()).contains(flag.specType));
        EXPECT_TRUE(dialog().commandLine().contains(QStringLiteral("--%1 host").arg(flag.flag)));
        if (flag.canJoinContainer) {
            chooseNamespace(flag.specType, cli::NamespaceMode::Container);
            EXPECT_TRUE(namespaceTypes(spec()).contains(flag.specType));
            EXPECT_EQ(
                at(spec(), QStringLiteral("annotations")).toObject().value(annotation).toString(),
                QStringLiteral("container:") + targetId);
            EXPECT_TRUE(dialog().commandLine().contains(
                QStringLiteral("--%1 container:target").arg(flag.flag)));
        }
        chooseNamespace(flag.specType, cli::NamespaceMode::Private);
        EXPECT_EQ(namespaceTypes(spec()), all);
        EXPECT_FALSE(at(spec(), QStringLiteral("annotations")).toObject().contains(annotation));
    }
    // Mount is always the container's own and user is not offered yet: both shown, disabled.
    EXPECT_FALSE(widget<QComboBox>("mountNamespaceMode")->isEnabled());
    EXPECT_FALSE(widget<QComboBox>("userNamespaceMode")->isEnabled());
    EXPECT_FALSE(widget<QComboBox>("userNamespaceMode")->accessibleDescription().isEmpty());
    // The join list is off until "Join a container" is chosen.
    EXPECT_FALSE(widget<QComboBox>("pidNamespaceContainer")->isEnabled());
}

TEST_F(CreateDialogTest, InvalidInputIsRefusedAtTheField)
{
    struct Case {
        const char *field;
        QString text;
        QString message; // a part of what the field must say
    };
    const Case cases[] = {
        {"workdirEdit", QStringLiteral("relative"), QStringLiteral("needs to be an absolute path")},
        {"hostnameEdit", QStringLiteral("not valid!"), QStringLiteral("is not a valid hostname")},
        {"userEdit", QStringLiteral("alice:staff:x"), QStringLiteral("NAME[:GROUP]")},
        {"nameEdit", QStringLiteral("-web"), QStringLiteral("must start with a letter or digit")},
        {"commandEdit", QStringLiteral("echo 'open"), QStringLiteral("single quote")},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.field);
        type(c.field, c.text);
        EXPECT_TRUE(fieldError(c.field).contains(c.message)) << fieldError(c.field).toStdString();
        EXPECT_FALSE(createAllowed());
        EXPECT_TRUE(dialog().specJson().isEmpty());
        widget<QLineEdit>(c.field)->clear();
        EXPECT_EQ(fieldError(c.field), QString());
        EXPECT_TRUE(createAllowed());
    }

    // A variable without a name: the row is named.
    addEnv(QStringLiteral("GOOD"), QStringLiteral("1"));
    addEnv(QString(), QStringLiteral("orphan"));
    EXPECT_EQ(fieldError("envTable"), QStringLiteral("Row 2: must be KEY=value"));
    EXPECT_FALSE(createAllowed());
    widget<QTableWidget>("envTable")->item(1, 0)->setText(QStringLiteral("NAMED"));
    EXPECT_EQ(fieldError("envTable"), QString());

    // A rule that spans fields: a host name needs the container's own UTS namespace.
    type("hostnameEdit", QStringLiteral("box"));
    chooseNamespace(QStringLiteral("uts"), cli::NamespaceMode::Host);
    EXPECT_EQ(fieldError("hostnameEdit"), QStringLiteral("requires a new uts namespace"));
    EXPECT_FALSE(createAllowed());
    chooseNamespace(QStringLiteral("uts"), cli::NamespaceMode::Private);
    EXPECT_TRUE(createAllowed());

    // Joining, with no container to join.
    ASSERT_TRUE(waitUntil([&] {
        return widget<QComboBox>("networkNamespaceContainer")->placeholderText().size() > 0;
    }));
    chooseNamespace(QStringLiteral("network"), cli::NamespaceMode::Container);
    EXPECT_TRUE(
        fieldError("networkNamespaceContainer").contains(QStringLiteral("choose the container")));
    EXPECT_FALSE(createAllowed());
}

// The line the dialog shows, run by hakoctl, makes the spec the dialog would send.
TEST_F(CreateDialogTest, ShownCommandLineMakesTheSameSpec)
{
    runDetached("target", {"sleep", "1000"});
    ASSERT_TRUE(joinTargetsLoaded());
    type("nameEdit", QStringLiteral("fromcli"));
    type("commandEdit", QStringLiteral("sh -c 'echo \"$A\"; sleep 1000'"));
    addEnv(QStringLiteral("A"), QStringLiteral("it's a test"));
    type("workdirEdit", QStringLiteral("/tmp"));
    type("hostnameEdit", QStringLiteral("clibox"));
    type("userEdit", QStringLiteral("0:0"));
    chooseNamespace(QStringLiteral("network"), cli::NamespaceMode::Container);
    chooseNamespace(QStringLiteral("ipc"), cli::NamespaceMode::Container);
    const QJsonObject wanted = spec();

    QString error;
    const auto words = cli::shellSplit(dialog().commandLine(), &error);
    ASSERT_TRUE(words) << error.toStdString();
    dbustest::Args args;
    for (const QString &word : words->mid(1))
        args.push_back(word.toStdString());
    const auto ran = hakoctl(args);
    ASSERT_EQ(ran.exit, 0) << ran.describe();
    const QJsonObject made =
        QJsonDocument::fromJson(
            container(QStringLiteral("fromcli")).value(QStringLiteral("Spec")).toString().toUtf8())
            .object();
    for (const char *path : {"process.args", "process.cwd", "process.user", "hostname",
                             "linux.namespaces", "annotations"})
        EXPECT_EQ(at(made, QLatin1String(path)), at(wanted, QLatin1String(path))) << path;
    EXPECT_TRUE(
        strings(at(made, QStringLiteral("process.env"))).contains(QStringLiteral("A=it's a test")));
}

TEST_F(CreateDialogTest, CreatedAndStartedContainerRunsWithItsSettings)
{
    type("nameEdit", QStringLiteral("fromdialog"));
    type("commandEdit",
         QStringLiteral("sh -c 'echo \"$GREETING from $(hostname) in $(pwd)\"; sleep 1000'"));
    addEnv(QStringLiteral("GREETING"), QStringLiteral("hello"));
    type("hostnameEdit", QStringLiteral("dialogbox"));
    type("workdirEdit", QStringLiteral("/tmp"));
    ASSERT_TRUE(createAllowed());
    QSignalSpy created(&dialog(), &CreateDialog::containerCreated);
    QTest::mouseClick(widget<QPushButton>("createAndStartButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return created.count() == 1; }, 30000))
        << widget<gui::MessageBar>("createFailure")->text().toStdString();
    const QString id = created.at(0).at(0).toString();
    EXPECT_TRUE(created.at(0).at(1).toBool());
    EXPECT_EQ(dialog().result(), QDialog::Accepted);
    EXPECT_FALSE(dialog().isVisible());
    const QVariantMap info = container(id);
    EXPECT_EQ(info.value(QStringLiteral("Name")).toString(), QStringLiteral("fromdialog"));
    EXPECT_EQ(info.value(QStringLiteral("State")).toString(), QStringLiteral("running"));
    EXPECT_TRUE(waitUntil([&] {
        return logText(id).contains(QStringLiteral("hello from dialogbox in /tmp"));
    })) << logText(id).toStdString();
}

TEST_F(CreateDialogTest, CreateAloneLeavesItCreated)
{
    type("nameEdit", QStringLiteral("justmade"));
    QSignalSpy created(&dialog(), &CreateDialog::containerCreated);
    QTest::mouseClick(widget<QPushButton>("createButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return created.count() == 1; }, 30000))
        << widget<gui::MessageBar>("createFailure")->text().toStdString();
    EXPECT_FALSE(created.at(0).at(1).toBool());
    EXPECT_EQ(container(created.at(0).at(0).toString()).value(QStringLiteral("State")).toString(),
              QStringLiteral("created"));
}

// "Remove the container when it exits" is CreateContainer's AutoRemove option: the container
// goes away by itself once its command ends.
TEST_F(CreateDialogTest, AutoRemoveReachesTheHelper)
{
    type("nameEdit", QStringLiteral("shortlived"));
    type("commandEdit", QStringLiteral("sleep 0.5"));
    widget<QCheckBox>("autoRemoveCheck")->setChecked(true);
    QSignalSpy created(&dialog(), &CreateDialog::containerCreated);
    QTest::mouseClick(widget<QPushButton>("createAndStartButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return created.count() == 1; }, 30000))
        << widget<gui::MessageBar>("createFailure")->text().toStdString();
    EXPECT_TRUE(created.at(0).at(1).toBool());
    EXPECT_TRUE(waitUntil(
        [&] {
            const QDBusMessage reply =
                env().call(QStringLiteral("GetContainer"), {QStringLiteral("shortlived")});
            return reply.type() == QDBusMessage::ErrorMessage &&
                   reply.errorName().endsWith(QStringLiteral("NoSuchContainer"));
        },
        15000))
        << "the container was not removed after it exited";
}

TEST_F(CreateDialogTest, HelperErrorsReachTheDialog)
{
    ASSERT_EQ(hakoctl({"create", "--name", "taken", "busybox"}).exit, 0);
    type("nameEdit", QStringLiteral("taken"));
    QSignalSpy created(&dialog(), &CreateDialog::containerCreated);
    QTest::mouseClick(widget<QPushButton>("createButton"), Qt::LeftButton);
    auto *failure = widget<gui::MessageBar>("createFailure");
    ASSERT_TRUE(waitUntil([&] { return failure->isVisible(); }, 30000));
    EXPECT_TRUE(failure->text().startsWith(QStringLiteral("The name is already taken:")))
        << failure->text().toStdString();
    EXPECT_EQ(created.count(), 0);
    EXPECT_TRUE(dialog().isVisible());
    EXPECT_TRUE(createAllowed()); // corrected, it can be tried again

    // Created, but the start fails (the container to join is not running): the dialog says so
    // and does not offer to create a second one.
    ASSERT_EQ(hakoctl({"create", "--name", "target", "busybox"}).exit, 0);
    dialog_.reset();
    ASSERT_TRUE(joinTargetsLoaded());
    chooseNamespace(QStringLiteral("network"), cli::NamespaceMode::Container);
    QComboBox *targets = widget<QComboBox>("networkNamespaceContainer");
    targets->setCurrentIndex(targets->findText(QStringLiteral("target"), Qt::MatchStartsWith));
    QSignalSpy started(&dialog(), &CreateDialog::containerCreated);
    QTest::mouseClick(widget<QPushButton>("createAndStartButton"), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return started.count() == 1; }, 30000));
    EXPECT_FALSE(started.at(0).at(1).toBool());
    auto *startFailure = widget<gui::MessageBar>("createFailure");
    ASSERT_TRUE(waitUntil([&] { return startFailure->isVisible(); }));
    EXPECT_TRUE(startFailure->text().contains(
        QStringLiteral("cannot join the network namespace of container target: it is not running")))
        << startFailure->text().toStdString();
    EXPECT_FALSE(createAllowed());
}

} // namespace
} // namespace hako::guitest
