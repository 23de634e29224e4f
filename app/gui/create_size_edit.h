// A size in bytes as a person enters it: a number and a unit (B, KiB, MiB, GiB). Empty means
// no limit. Used by the memory fields of the Resources tab.
#pragma once

#include <QWidget>

#include <cstdint>
#include <optional>

class QComboBox;
class QLineEdit;

namespace hako::gui
{

class SizeEdit : public QWidget
{
    Q_OBJECT
  public:
    // The number's edit is named `objectName` (its errors frame it), the unit's combo
    // `objectName` + "Unit".
    SizeEdit(const QString &objectName, const QString &accessibleName, QWidget *parent);

    QLineEdit *edit() const { return edit_; }
    QComboBox *unit() const { return unit_; }

    // The bytes entered; nullopt when empty, and also when the text is not a size (then
    // `error` says why, else it is cleared).
    std::optional<int64_t> bytes(QString *error) const;
    // Shown as a whole number of the largest unit that divides it; nullopt clears it.
    void setBytes(std::optional<int64_t> bytes);

  signals:
    void changed();

  private:
    QLineEdit *edit_;
    QComboBox *unit_;
};

} // namespace hako::gui
