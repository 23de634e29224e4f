#include "create_resources_page.h"

#include "create_field_error.h"
#include "create_page_layout.h"
#include "create_size_edit.h"
#include "create_throttle_table.h"
#include "limits_json.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

const QString kResources = QStringLiteral("linux.resources.");

// The kernel's and docker's ranges, so a spin box offers nothing the builder must refuse.
constexpr int kMaxCpuShares = 262144;
constexpr int kMaxCpuPeriod = 1000000; // µs
constexpr int kMaxCpuQuota = 1000000 * 1024;
constexpr int kMaxPids = 4194304; // the largest pid_max
constexpr int kMaxBlkioWeight = 1000;

std::optional<uint64_t> positive(const QSpinBox *spin)
{
    return spin->value() > 0 ? std::optional<uint64_t>(spin->value()) : std::nullopt;
}

} // namespace

CreateResourcesPage::CreateResourcesPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("resourcesPage"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(wrappedLabel(
        tr("What the container may use of the host. An empty field or “no limit” sets nothing. "
           "Point at a field to see what its limit does and what happens when the container "
           "reaches it."),
        content));
    layout->addWidget(buildCpu());
    layout->addWidget(buildMemory());
    layout->addWidget(buildOther());
    layout->addStretch();
    setScrollingContent(this, content);
}

QSpinBox *CreateResourcesPage::spinBox(const QString &objectName, const QString &accessibleName,
                                       int maximum, const QString &specialText)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    spin->setAccessibleName(accessibleName);
    spin->setRange(0, maximum);
    spin->setSpecialValueText(specialText); // shown at 0: nothing set
    connect(spin, &QSpinBox::valueChanged, this, &CreateResourcesPage::changed);
    return spin;
}

FieldError *CreateResourcesPage::addRow(QFormLayout *form, const QString &label, QWidget *control,
                                        QWidget *fieldWidget, const QString &help)
{
    FieldError *error = addFieldRow(form, label, control, fieldWidget);
    // The error sits in the row's field, beside which the label is.
    if (QWidget *buddyLabel = form->labelForField(error->parentWidget()))
        buddyLabel->setToolTip(help); // the label explains as much as the field
    control->setToolTip(help);
    return error;
}

QWidget *CreateResourcesPage::buildCpu()
{
    auto *box = new QGroupBox(tr("CPU"), this);
    box->setObjectName(QStringLiteral("cpuBox"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    cpus_ = new QDoubleSpinBox(box);
    cpus_->setObjectName(QStringLiteral("cpusSpin"));
    cpus_->setAccessibleName(tr("CPUs"));
    cpus_->setDecimals(2);
    cpus_->setRange(0, hostCpuCount());
    cpus_->setSingleStep(0.25);
    //: A spin box at 0: no CPU limit.
    cpus_->setSpecialValueText(tr("no limit"));
    connect(cpus_, &QDoubleSpinBox::valueChanged, this, &CreateResourcesPage::changed);
    cpusError_ = addRow(
        form, tr("&CPUs:"), cpus_, nullptr,
        tr("How much CPU time the container may use, in cores: 0.5 is half of one core, 2 is two "
           "cores' worth, counted every 100 ms over all the CPUs it runs on. A busy container "
           "is throttled at the limit (it waits for the next 100 ms), never killed. At most the "
           "host's %1 CPUs. (--cpus)")
            .arg(hostCpuCount()));

    cpuShares_ = spinBox(QStringLiteral("cpuSharesSpin"), tr("CPU shares"), kMaxCpuShares,
                         //: A spin box at 0: the kernel's default weight of 1024.
                         tr("default (1024)"));
    cpuSharesError_ = addRow(
        form, tr("CPU s&hares:"), cpuShares_, nullptr,
        tr("The container's weight when the CPUs are busy, relative to other containers (1024 by "
           "default): one with 2048 gets twice the CPU time of one with 1024 while both want "
           "more than is free. It limits nothing while CPU time is spare. (--cpu-shares)"));

    cpusetCpus_ = new QLineEdit(box);
    cpusetCpus_->setObjectName(QStringLiteral("cpusetCpusEdit"));
    cpusetCpus_->setAccessibleName(tr("Allowed CPUs"));
    //: An empty list of CPUs: the container may run on every CPU.
    cpusetCpus_->setPlaceholderText(tr("all, or such as 0-3 or 0,2"));
    connect(cpusetCpus_, &QLineEdit::textChanged, this, &CreateResourcesPage::changed);
    cpusetCpusError_ = addRow(
        form, tr("Allowed CP&Us:"), cpusetCpus_, nullptr,
        tr("The CPUs the container's processes may run on, by number: 0-3, or 0,2. Empty: all "
           "of them. A busy container then uses at most these CPUs. (--cpuset-cpus)"));

    cpusetMems_ = new QLineEdit(box);
    cpusetMems_->setObjectName(QStringLiteral("cpusetMemsEdit"));
    cpusetMems_->setAccessibleName(tr("Allowed memory nodes"));
    //: An empty list of memory nodes: the container may use every node.
    cpusetMems_->setPlaceholderText(tr("all, or such as 0 or 0-1"));
    connect(cpusetMems_, &QLineEdit::textChanged, this, &CreateResourcesPage::changed);
    cpusetMemsError_ = addRow(
        form, tr("Memory n&odes:"), cpusetMems_, nullptr,
        tr("The NUMA memory nodes the container may allocate memory from: 0, or 0-1. Only "
           "machines with several nodes have a choice. Empty: all of them. (--cpuset-mems)"));

    addAdvancedCpu(form, box);
    return box;
}

// Period and quota: --cpus says the same more simply, so they stay folded away until asked for.
void CreateResourcesPage::addAdvancedCpu(QFormLayout *form, QWidget *box)
{
    advancedCpu_ = new QToolButton(box);
    advancedCpu_->setObjectName(QStringLiteral("advancedCpuButton"));
    advancedCpu_->setText(tr("Per&iod and quota (advanced)"));
    advancedCpu_->setCheckable(true);
    advancedCpu_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedCpu_->setAutoRaise(true);
    form->addRow(advancedCpu_);
    advancedCpuFields_ = new QWidget(box);
    auto *advancedForm = new QFormLayout(advancedCpuFields_);
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    cpuPeriod_ = spinBox(QStringLiteral("cpuPeriodSpin"), tr("CPU period"), kMaxCpuPeriod,
                         //: A spin box at 0: the kernel's default period of 100 ms.
                         tr("default (100000 µs)"));
    //: Microseconds, after a number.
    cpuPeriod_->setSuffix(tr(" µs"));
    cpuPeriodError_ = addRow(
        advancedForm, tr("P&eriod:"), cpuPeriod_, nullptr,
        tr("The period the CPU quota is counted in, in microseconds, from 1000 (1 ms) to "
           "1000000 (1 s); 100000 (100 ms) by default. A shorter period spreads the container's "
           "CPU time more evenly. (--cpu-period)"));
    cpuQuota_ =
        spinBox(QStringLiteral("cpuQuotaSpin"), tr("CPU quota"), kMaxCpuQuota, tr("no limit"));
    cpuQuota_->setSuffix(tr(" µs"));
    cpuQuotaError_ = addRow(
        advancedForm, tr("&Quota:"), cpuQuota_, nullptr,
        tr("The CPU time the container may use in each period, in microseconds, at least 1000: "
           "50000 in a period of 100000 is half a core, 200000 two cores. At the quota its "
           "processes wait for the next period (throttled, not killed). Use either this or "
           "CPUs. (--cpu-quota)"));
    form->addRow(advancedCpuFields_);
    connect(advancedCpu_, &QToolButton::toggled, this, &CreateResourcesPage::showAdvancedCpu);
    showAdvancedCpu(false);
}

QWidget *CreateResourcesPage::buildMemory()
{
    auto *box = new QGroupBox(tr("Memory"), this);
    box->setObjectName(QStringLiteral("memoryBox"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    memory_ = new SizeEdit(QStringLiteral("memoryEdit"), tr("Memory limit"), box);
    connect(memory_, &SizeEdit::changed, this, &CreateResourcesPage::changed);
    memoryError_ = addRow(
        form, tr("Memory &limit:"), memory_->edit(), memory_,
        tr("The hard limit on the container's memory (what its processes allocate, and the page "
           "cache they cause), at least 6 MiB. When the container needs more and the kernel "
           "cannot reclaim enough, the kernel's OOM killer kills a process in it — the container "
           "is then shown as OOM killed. (-m, --memory)"));

    auto *swapRow = new QWidget(box);
    memorySwap_ =
        new SizeEdit(QStringLiteral("memorySwapEdit"), tr("Memory and swap limit"), swapRow);
    unlimitedSwap_ = new QCheckBox(tr("Unlimited s&wap"), swapRow);
    unlimitedSwap_->setObjectName(QStringLiteral("unlimitedSwapCheck"));
    unlimitedSwap_->setToolTip(tr("As much swap as the host has. (--memory-swap -1)"));
    auto *swapLayout = new QHBoxLayout(swapRow);
    swapLayout->setContentsMargins(0, 0, 0, 0);
    swapLayout->addWidget(memorySwap_, 1);
    swapLayout->addWidget(unlimitedSwap_);
    connect(memorySwap_, &SizeEdit::changed, this, &CreateResourcesPage::changed);
    connect(unlimitedSwap_, &QCheckBox::toggled, this, [this](bool unlimited) {
        memorySwap_->setEnabled(!unlimited);
        emit changed();
    });
    memorySwapError_ = addRow(
        form, tr("Memory + s&wap:"), memorySwap_->edit(), swapRow,
        tr("The limit on memory and swap together, at least the memory limit, and only with "
           "one. Empty: as much swap as memory (twice the memory limit in all). Equal to the "
           "memory limit: no swap. When both are used up, the OOM killer acts as at the memory "
           "limit. (--memory-swap)"));

    memoryReservation_ =
        new SizeEdit(QStringLiteral("memoryReservationEdit"), tr("Memory reservation"), box);
    connect(memoryReservation_, &SizeEdit::changed, this, &CreateResourcesPage::changed);
    memoryReservationError_ = addRow(
        form, tr("Reser&vation:"), memoryReservation_->edit(), memoryReservation_,
        tr("A soft limit, below the memory limit. Nothing happens at it while memory is "
           "plentiful; when the host runs short of memory, the kernel reclaims the container's "
           "memory towards it first. (--memory-reservation)"));

    oomKillDisable_ = new QCheckBox(tr("Disable the OOM &killer"), box);
    oomKillDisable_->setObjectName(QStringLiteral("oomKillDisableCheck"));
    connect(oomKillDisable_, &QCheckBox::toggled, this, &CreateResourcesPage::changed);
    oomKillDisableError_ = addRow(
        form, QString(), oomKillDisable_, nullptr,
        tr("At the memory limit, the container's processes wait until memory is freed instead "
           "of being killed by the kernel's OOM killer — they may hang. Use it only with a "
           "memory limit. (--oom-kill-disable)"));
    return box;
}

QWidget *CreateResourcesPage::buildOther()
{
    auto *box = new QGroupBox(tr("Processes and block I/O"), this);
    box->setObjectName(QStringLiteral("otherBox"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    pidsLimit_ =
        spinBox(QStringLiteral("pidsLimitSpin"), tr("Process limit"), kMaxPids, tr("no limit"));
    pidsLimitError_ = addRow(
        form, tr("&Processes:"), pidsLimit_, nullptr,
        tr("The most processes and threads the container may have at once. Beyond it, fork and "
           "clone fail (“Resource temporarily unavailable”) while the processes already running "
           "go on: a guard against fork bombs. (--pids-limit)"));

    blkioWeight_ =
        spinBox(QStringLiteral("blkioWeightSpin"), tr("Block I/O weight"), kMaxBlkioWeight,
                //: A spin box at 0: the kernel's default block I/O weight.
                tr("default"));
    blkioWeightError_ = addRow(
        form, tr("Block I/O wei&ght:"), blkioWeight_, nullptr,
        tr("The container's share of disk time when containers compete for a disk, relative to "
           "the others, from 10 to 1000 (the kernel's default is 500). Only I/O schedulers with "
           "weights (BFQ) honour it, and it limits nothing while the disk is free. "
           "(--blkio-weight)"));

    throttles_ = new ThrottleTable(box);
    connect(throttles_, &ThrottleTable::changed, this, &CreateResourcesPage::changed);
    throttlesError_ = addRow(
        form, tr("Device throttles:"), throttles_->table(), throttles_,
        tr("Upper limits on reading from or writing to one block device (/dev/sda), in bytes per "
           "second (10m, 512k) or in operations per second (100). The container's I/O on that "
           "device is slowed down to the rate, never refused. On cgroup v1 only direct I/O is "
           "throttled: writes through the page cache are not. (--device-read-bps, "
           "--device-write-bps, --device-read-iops, --device-write-iops)"));
    return box;
}

void CreateResourcesPage::showAdvancedCpu(bool shown)
{
    advancedCpu_->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    advancedCpuFields_->setVisible(shown);
    if (advancedCpu_->isChecked() != shown)
        advancedCpu_->setChecked(shown);
}

cli::ResourceOptions CreateResourcesPage::options() const
{
    cli::ResourceOptions o;
    if (cpus_->value() > 0)
        o.cpus = cpus_->value();
    o.cpuShares = positive(cpuShares_);
    o.cpuPeriod = positive(cpuPeriod_);
    if (cpuQuota_->value() > 0)
        o.cpuQuota = cpuQuota_->value();
    o.cpusetCpus = cpusetCpus_->text().trimmed();
    o.cpusetMems = cpusetMems_->text().trimmed();
    QString ignored; // ownProblems() reports it
    o.memory = memory_->bytes(&ignored);
    o.memorySwap =
        unlimitedSwap_->isChecked() ? std::optional<int64_t>(-1) : memorySwap_->bytes(&ignored);
    o.memoryReservation = memoryReservation_->bytes(&ignored);
    o.oomKillDisable = oomKillDisable_->isChecked();
    if (pidsLimit_->value() > 0)
        o.pidsLimit = pidsLimit_->value();
    if (blkioWeight_->value() > 0)
        o.blkioWeight = uint16_t(blkioWeight_->value());
    throttles_->fillOptions(o, nullptr);
    return o;
}

void CreateResourcesPage::setOptions(const cli::ResourceOptions &o)
{
    {
        const QSignalBlocker quiet(this); // one change for the whole page
        if (o.cpus && *o.cpus > cpus_->maximum())
            cpus_->setMaximum(*o.cpus); // set where there were more CPUs: kept as it is
        cpus_->setValue(o.cpus.value_or(0));
        cpuShares_->setValue(int(o.cpuShares.value_or(0)));
        cpuPeriod_->setValue(int(o.cpuPeriod.value_or(0)));
        cpuQuota_->setValue(int(std::max<int64_t>(0, o.cpuQuota.value_or(0))));
        showAdvancedCpu(o.cpuPeriod || o.cpuQuota);
        cpusetCpus_->setText(o.cpusetCpus);
        cpusetMems_->setText(o.cpusetMems);
        memory_->setBytes(o.memory);
        unlimitedSwap_->setChecked(o.memorySwap && *o.memorySwap < 0);
        memorySwap_->setBytes(o.memorySwap);
        memoryReservation_->setBytes(o.memoryReservation);
        oomKillDisable_->setChecked(o.oomKillDisable);
        pidsLimit_->setValue(int(std::max<int64_t>(0, o.pidsLimit.value_or(0))));
        blkioWeight_->setValue(o.blkioWeight.value_or(0));
        throttles_->setOptions(o);
    }
    emit changed();
}

QList<cli::SpecProblem> CreateResourcesPage::ownProblems() const
{
    QList<cli::SpecProblem> problems;
    const auto checkSize = [&](const SizeEdit *edit, const char *path) {
        QString error;
        edit->bytes(&error);
        if (!error.isEmpty())
            problems.append({kResources + QLatin1String(path), error, {}});
    };
    checkSize(memory_, "memory.limit");
    if (!unlimitedSwap_->isChecked())
        checkSize(memorySwap_, "memory.swap");
    checkSize(memoryReservation_, "memory.reservation");
    cli::ResourceOptions ignored;
    throttles_->fillOptions(ignored, &problems);
    return problems;
}

FieldError *CreateResourcesPage::fieldFor(const cli::SpecProblem &problem, QString *prefix) const
{
    if (!problem.path.startsWith(kResources))
        return nullptr;
    const QString path = problem.path.mid(kResources.size());
    const auto is = [&path](const char *field) {
        return path == QLatin1String(field) ||
               path.startsWith(QLatin1String(field) + QLatin1Char('.'));
    };
    // --cpus sets both quota and period: their problems are its own unless they were given.
    const bool viaCpus = cpus_->value() > 0;
    if (is("cpu.quota"))
        return viaCpus && cpuQuota_->value() == 0 ? cpusError_ : cpuQuotaError_;
    if (is("cpu.period"))
        return viaCpus && cpuPeriod_->value() == 0 ? cpusError_ : cpuPeriodError_;
    if (is("cpu.shares"))
        return cpuSharesError_;
    if (is("cpu.cpus"))
        return cpusetCpusError_;
    if (is("cpu.mems"))
        return cpusetMemsError_;
    if (is("memory.swap"))
        return memorySwapError_;
    if (is("memory.reservation"))
        return memoryReservationError_;
    if (is("memory.disableOOMKiller"))
        return oomKillDisableError_;
    if (is("pids"))
        return pidsLimitError_;
    if (path.startsWith(QLatin1String("blockIO.throttle"))) {
        if (const int row = throttles_->rowOf(problem.path, problem.value); row >= 0)
            *prefix = tr("Row %1: ").arg(row + 1);
        return throttlesError_;
    }
    if (is("blockIO"))
        return blkioWeightError_;
    if (is("memory"))
        return memoryError_;
    if (is("cpu"))
        return cpusError_;
    return nullptr;
}

QList<cli::SpecProblem> CreateResourcesPage::showProblems(const QList<cli::SpecProblem> &problems)
{
    const QList<cli::SpecProblem> elsewhere = showProblemsAt(
        problems,
        [this](const cli::SpecProblem &problem, QString *prefix) {
            return fieldFor(problem, prefix);
        },
        {cpusError_, cpuSharesError_, cpusetCpusError_, cpusetMemsError_, cpuPeriodError_,
         cpuQuotaError_, memoryError_, memorySwapError_, memoryReservationError_,
         oomKillDisableError_, pidsLimitError_, blkioWeightError_, throttlesError_});
    if (cpuPeriodError_->hasError() || cpuQuotaError_->hasError())
        showAdvancedCpu(true); // a problem is never hidden
    return elsewhere;
}

} // namespace hako::gui
