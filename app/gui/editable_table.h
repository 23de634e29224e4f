// A table the person fills row by row, with Add and Remove buttons in a column beside it: the
// part the create dialog's environment table and the Resources tab's device throttles share.
// Each subclass gives its columns, its rows and the buttons' texts (from its own tr()).
#pragma once

#include <QWidget>

#include <functional>

class QHBoxLayout;
class QTableWidget;

namespace hako::gui
{

class EditableTable : public QWidget
{
    Q_OBJECT
  public:
    QTableWidget *table() const { return table_; }

  signals:
    void changed(); // a cell was edited, or rows were added or removed

  protected:
    struct Buttons {
        QString objectPrefix;       // "env": the buttons are envAddButton and envRemoveButton
        QString add, addName;       // the Add button's text and accessible name
        QString remove, removeName; // the same for Remove
    };

    EditableTable(int columns, QWidget *parent);

    // Puts the Add and Remove buttons beside the table. Add calls `addBlankRow` and starts
    // editing the new last row at `editColumn`; Remove is enabled while rows are selected.
    void addButtons(const Buttons &buttons, const std::function<void()> &addBlankRow,
                    int editColumn);

  private:
    void removeSelectedRows();

    QTableWidget *table_;
    QHBoxLayout *layout_; // the table, then the buttons' column
};

} // namespace hako::gui
