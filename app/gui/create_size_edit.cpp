#include "create_size_edit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>

#include <cmath>
#include <limits>

namespace hako::gui
{

namespace
{

constexpr int64_t kKiB = 1024;
constexpr int kDefaultUnit = 2; // MiB: what memory limits are mostly given in

std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = QLocale::c().toDouble(text, &ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

} // namespace

SizeEdit::SizeEdit(const QString &objectName, const QString &accessibleName, QWidget *parent)
    : QWidget(parent), edit_(new QLineEdit(this)), unit_(new QComboBox(this))
{
    edit_->setObjectName(objectName);
    edit_->setAccessibleName(accessibleName);
    //: An empty size field: nothing is limited.
    edit_->setPlaceholderText(tr("no limit"));
    unit_->setObjectName(objectName + QStringLiteral("Unit"));
    unit_->setAccessibleName(tr("%1: unit").arg(accessibleName));
    //: Unit: bytes.
    unit_->addItem(tr("B"), qint64(1));
    //: Unit: kibibytes (1024 bytes).
    unit_->addItem(tr("KiB"), qint64(kKiB));
    //: Unit: mebibytes (1024 KiB).
    unit_->addItem(tr("MiB"), qint64(kKiB * kKiB));
    //: Unit: gibibytes (1024 MiB).
    unit_->addItem(tr("GiB"), qint64(kKiB * kKiB * kKiB));
    unit_->setCurrentIndex(kDefaultUnit);
    connect(edit_, &QLineEdit::textChanged, this, &SizeEdit::changed);
    connect(unit_, &QComboBox::currentIndexChanged, this, &SizeEdit::changed);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit_, 1);
    layout->addWidget(unit_);
    setFocusProxy(edit_);
}

std::optional<int64_t> SizeEdit::bytes(QString *error) const
{
    error->clear();
    const QString text = edit_->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const std::optional<double> number = parseNumber(text);
    if (!number || *number < 0) {
        *error = tr("Enter a number of %1, such as 100 or 1.5, or nothing for no limit.")
                     .arg(unit_->currentText());
        return std::nullopt;
    }
    const double bytes = std::round(*number * double(unit_->currentData().toLongLong()));
    if (bytes >= double(std::numeric_limits<int64_t>::max())) {
        *error = tr("Too large.");
        return std::nullopt;
    }
    return int64_t(bytes);
}

void SizeEdit::setBytes(std::optional<int64_t> bytes)
{
    const QSignalBlocker quietEdit(edit_), quietUnit(unit_);
    if (!bytes || *bytes < 0) {
        edit_->clear();
        unit_->setCurrentIndex(kDefaultUnit);
    } else {
        int unit = unit_->count() - 1;
        while (unit > 0 && *bytes % unit_->itemData(unit).toLongLong() != 0)
            --unit;
        unit_->setCurrentIndex(unit);
        edit_->setText(QString::number(*bytes / unit_->itemData(unit).toLongLong()));
    }
    emit changed();
}

} // namespace hako::gui
