#include "create_general_page.h"

#include "create_env_table.h"
#include "create_field_error.h"
#include "shell_words.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QTableWidget>

namespace hako::gui
{

namespace
{

const QString kDefaultImage = QStringLiteral("busybox");

} // namespace

CreateGeneralPage::CreateGeneralPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("generalPage"));
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    name_ = lineEdit(
        QStringLiteral("nameEdit"), tr("Container name"), tr("generated when empty"),
        tr("Letters, digits, '_', '.' and '-'; other commands can use it instead of the id."));
    addRow(form, tr("&Name:"), name_, kNamePath);

    image_ = new QComboBox(this);
    image_->setObjectName(QStringLiteral("imageCombo"));
    image_->setAccessibleName(tr("Image"));
    image_->setEditable(true);
    image_->setInsertPolicy(QComboBox::NoInsert);
    image_->addItem(kDefaultImage);
    image_->setToolTip(tr("The image the container's files come from."));
    connect(image_, &QComboBox::currentTextChanged, this, &CreateGeneralPage::changed);
    form->addRow(tr("&Image:"), image_);

    command_ = lineEdit(QStringLiteral("commandEdit"), tr("Command and arguments"),
                        tr("the image's command when empty"),
                        tr("Typed as in a shell: words are separated by spaces; quote a word with "
                           "spaces in it ('like this'). Nothing is expanded."));
    addRow(form, tr("&Command:"), command_, QStringLiteral("process.args"));

    env_ = new EnvTable(this);
    connect(env_, &EnvTable::changed, this, &CreateGeneralPage::changed);
    envError_ = addRow(form, tr("&Environment:"), env_->table(), QString(), env_);

    workdir_ = lineEdit(QStringLiteral("workdirEdit"), tr("Working directory"),
                        tr("the image's when empty"),
                        tr("An absolute path inside the container, where the command starts."));
    addRow(form, tr("&Working directory:"), workdir_, QStringLiteral("process.cwd"));
    hostname_ =
        lineEdit(QStringLiteral("hostnameEdit"), tr("Host name"), tr("the short id when empty"),
                 tr("The name the container sees for itself (needs its own UTS namespace)."));
    addRow(form, tr("&Host name:"), hostname_, QStringLiteral("hostname"));
    user_ = lineEdit(QStringLiteral("userEdit"), tr("Run as user"), tr("root when empty"),
                     tr("A user name or id, optionally with a group name or id: user[:group]. "
                        "Names are looked up in the image when the container starts."));
    addRow(form, tr("Run as &user:"), user_, QStringLiteral("process.user"));

    autoRemove_ = new QCheckBox(tr("&Remove the container when it exits"), this);
    autoRemove_->setObjectName(QStringLiteral("autoRemoveCheck"));
    autoRemove_->setAccessibleName(tr("Remove the container when it exits"));
    connect(autoRemove_, &QCheckBox::toggled, this, &CreateGeneralPage::changed);
    form->addRow(QString(), autoRemove_);
}

QLineEdit *CreateGeneralPage::lineEdit(const QString &objectName, const QString &accessibleName,
                                       const QString &placeholder, const QString &help)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(help);
    connect(edit, &QLineEdit::textChanged, this, &CreateGeneralPage::changed);
    return edit;
}

FieldError *CreateGeneralPage::addRow(QFormLayout *form, const QString &label, QWidget *control,
                                      const QString &path, QWidget *fieldWidget)
{
    FieldError *error = addFieldRow(form, label, control, fieldWidget);
    if (!path.isEmpty())
        errors_.append({path, error});
    return error;
}

QString CreateGeneralPage::name() const
{
    return name_->text().trimmed();
}

QString CreateGeneralPage::image() const
{
    const QString image = image_->currentText().trimmed();
    return image.isEmpty() ? kDefaultImage : image;
}

bool CreateGeneralPage::autoRemove() const
{
    return autoRemove_->isChecked();
}

QStringList CreateGeneralPage::command(QString *error) const
{
    return cli::shellSplit(command_->text(), error).value_or(QStringList());
}

void CreateGeneralPage::fillOptions(cli::ContainerOptions &options) const
{
    QString error;
    options.command = command(&error);
    options.env = env_->entries();
    options.workdir = workdir_->text().trimmed();
    options.hostname = hostname_->text().trimmed();
    options.user = user_->text().trimmed();
}

QList<cli::SpecProblem> CreateGeneralPage::ownProblems() const
{
    QList<cli::SpecProblem> problems;
    if (const QString why = cli::containerNameProblem(name()); !why.isEmpty())
        problems.append({kNamePath, why, {}});
    QString error;
    if (!cli::shellSplit(command_->text(), &error))
        problems.append({QStringLiteral("process.args"),
                         tr("The command cannot be split into words: %1").arg(error),
                         {}});
    return problems;
}

void CreateGeneralPage::setImages(const QStringList &images)
{
    const QString chosen = image_->currentText();
    const QSignalBlocker quiet(image_);
    image_->clear();
    QStringList all = images;
    if (!all.contains(kDefaultImage))
        all.prepend(kDefaultImage); // the helper builds it on first use
    image_->addItems(all);
    image_->setCurrentText(chosen);
}

FieldError *CreateGeneralPage::fieldFor(const cli::SpecProblem &problem, QString *prefix) const
{
    // process.env[i] counts the image's and the defaults' variables too: the row is found by
    // the entry itself.
    if (problem.path.startsWith(QStringLiteral("process.env"))) {
        const int row = env_->rowOf(problem.value);
        if (row >= 0)
            *prefix = tr("Row %1: ").arg(row + 1);
        return envError_;
    }
    for (const auto &[path, error] : errors_)
        if (problem.path == path)
            return error;
    return nullptr;
}

QList<cli::SpecProblem> CreateGeneralPage::showProblems(const QList<cli::SpecProblem> &problems)
{
    QList<FieldError *> fields{envError_};
    for (const auto &[path, error] : errors_)
        fields.append(error);
    return showProblemsAt(
        problems,
        [this](const cli::SpecProblem &problem, QString *prefix) {
            return fieldFor(problem, prefix);
        },
        fields);
}

} // namespace hako::gui
