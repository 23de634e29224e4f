// The Resources tab of the create dialog, and the fields of the Edit limits dialog (one
// definition of both): every limit of hakoctl's resource flags with its unit, a tooltip
// that says what the limit does and what happens at it, and each problem shown at its field.
// An empty field (or "no limit") sets nothing.
#pragma once

#include "resource_options.h"
#include "spec_builder.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace hako::gui
{

class FieldError;
class SizeEdit;
class ThrottleTable;

class CreateResourcesPage : public QWidget
{
    Q_OBJECT
  public:
    explicit CreateResourcesPage(QWidget *parent = nullptr);

    cli::ResourceOptions options() const;
    // Fills the fields (the Edit limits dialog starts from the container's limits).
    void setOptions(const cli::ResourceOptions &options);

    // What the page finds wrong itself (a size that is not a number, a throttle row without
    // a device), with the spec path of the field ("linux.resources.memory.limit").
    QList<cli::SpecProblem> ownProblems() const;
    // As CreateGeneralPage::showProblems: every "linux.resources…" problem at its field.
    QList<cli::SpecProblem> showProblems(const QList<cli::SpecProblem> &problems);

  signals:
    void changed();

  private:
    QWidget *buildCpu();
    QWidget *buildMemory();
    QWidget *buildOther();
    void addAdvancedCpu(QFormLayout *form, QWidget *box);
    QSpinBox *spinBox(const QString &objectName, const QString &accessibleName, int maximum,
                      const QString &specialText);
    FieldError *addRow(QFormLayout *form, const QString &label, QWidget *control,
                       QWidget *fieldWidget, const QString &help);
    void showAdvancedCpu(bool shown);
    FieldError *fieldFor(const cli::SpecProblem &problem, QString *prefix) const;

    QDoubleSpinBox *cpus_;
    QSpinBox *cpuShares_;
    QLineEdit *cpusetCpus_;
    QLineEdit *cpusetMems_;
    QToolButton *advancedCpu_;
    QWidget *advancedCpuFields_;
    QSpinBox *cpuPeriod_;
    QSpinBox *cpuQuota_;
    SizeEdit *memory_;
    SizeEdit *memorySwap_;
    QCheckBox *unlimitedSwap_;
    SizeEdit *memoryReservation_;
    QCheckBox *oomKillDisable_;
    QSpinBox *pidsLimit_;
    QSpinBox *blkioWeight_;
    ThrottleTable *throttles_;

    // Each field's error, by the control it belongs to.
    FieldError *cpusError_, *cpuSharesError_, *cpusetCpusError_, *cpusetMemsError_,
        *cpuPeriodError_, *cpuQuotaError_, *memoryError_, *memorySwapError_,
        *memoryReservationError_, *oomKillDisableError_, *pidsLimitError_, *blkioWeightError_,
        *throttlesError_;
};

} // namespace hako::gui
