#include "details_logs.h"

#include "details_common.h"
#include "details_log_delegate.h"
#include "details_log_model.h"
#include "details_log_stream.h"
#include "helper_connection.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace hako::gui {

LogsPage::LogsPage(HelperConnection *helper, QWidget *parent)
    : QWidget(parent), helper_(helper), model_(new LogModel(this)),
      stream_(new LogStream([this](QByteArrayView lines) { onLinesRead(lines); }, this)),
      delegate_(new LogDelegate(this))
{
    setObjectName(QStringLiteral("detailsLogs"));
    connect(stream_, &LogStream::ended, this, &LogsPage::onStreamEnded);
    connect(stream_, &LogStream::failed, this, [this](const QString &why) {
        model_->finishPending();
        message_->showHint(why);
    });
    auto *layout = new QVBoxLayout(this);
    // Created in reading order, which is also the Tab order.
    layout->addLayout(makeToolRow());
    layout->addLayout(makeSearchRow());
    message_ = new PageMessage(QStringLiteral("logsMessage"), this);
    layout->addWidget(message_);
    makeView();
    layout->addWidget(view_, 1);
    addShortcuts();
    updateLineCount();
}

LogsPage::~LogsPage() = default;

void LogsPage::makeView()
{
    view_ = new QTreeView(this);
    view_->setObjectName(QStringLiteral("logsView"));
    view_->setAccessibleName(tr("Log"));
    view_->setModel(model_);
    view_->setItemDelegate(delegate_);
    view_->setFont(monospaceFont());
    // One height for every row: the view lays out 100,000 rows without asking each one.
    view_->setUniformRowHeights(true);
    view_->setRootIsDecorated(false);
    view_->setItemsExpandable(false);
    view_->setHeaderHidden(true);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setTextElideMode(Qt::ElideNone);
    view_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view_->header()->setStretchLastSection(false);
    view_->viewport()->installEventFilter(this); // its width bounds the column's
    // Following keeps the newest line in view unless the reader scrolled away from the end.
    // The range grows after the rows arrive (layout is deferred, a scroll bar may appear),
    // so the end is caught up with when the range changes.
    QScrollBar *bar = view_->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) { atEnd_ = value >= bar->maximum(); });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (atEnd_ && isFollowing())
            bar->setValue(maximum);
    });
}

QLayout *LogsPage::makeToolRow()
{
    follow_ = new QCheckBox(tr("&Follow"), this);
    follow_->setObjectName(QStringLiteral("logsFollow"));
    follow_->setToolTip(tr("Show new output as the container writes it, and keep the newest line in view"));
    follow_->setChecked(true);
    connect(follow_, &QCheckBox::toggled, this, &LogsPage::setFollowing);

    timestamps_ = new QCheckBox(tr("&Timestamps"), this);
    timestamps_->setObjectName(QStringLiteral("logsTimestamps"));
    timestamps_->setToolTip(tr("Show when each line was written (UTC, RFC 3339)"));
    connect(timestamps_, &QCheckBox::toggled, this, &LogsPage::setTimestampsShown);

    lineCount_ = new QLabel(this);
    lineCount_->setObjectName(QStringLiteral("logsLineCount"));

    copy_ = new QPushButton(tr("&Copy"), this);
    copy_->setObjectName(QStringLiteral("logsCopy"));
    copy_->setToolTip(tr("Copy the selected lines, or the whole log when none is selected"));
    connect(copy_, &QPushButton::clicked, this, &LogsPage::copyLines);

    save_ = new QPushButton(tr("&Save…"), this);
    save_->setObjectName(QStringLiteral("logsSave"));
    save_->setToolTip(tr("Save the log, as shown, to a file"));
    connect(save_, &QPushButton::clicked, this, &LogsPage::saveAs);

    auto *row = new QHBoxLayout;
    row->addWidget(follow_);
    row->addWidget(timestamps_);
    row->addStretch(1);
    row->addWidget(lineCount_);
    row->addWidget(copy_);
    row->addWidget(save_);
    return row;
}

QLayout *LogsPage::makeSearchRow()
{
    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("logsSearch"));
    search_->setAccessibleName(tr("Find in the log"));
    search_->setPlaceholderText(tr("Find in the log (Ctrl+F)"));
    search_->setClearButtonEnabled(true);
    search_->installEventFilter(this); // Shift+Enter finds backwards
    connect(search_, &QLineEdit::textChanged, this, &LogsPage::onSearchChanged);
    connect(search_, &QLineEdit::returnPressed, this, &LogsPage::findNext);

    previous_ = new QToolButton(this);
    previous_->setObjectName(QStringLiteral("logsFindPrevious"));
    previous_->setText(tr("Previous"));
    previous_->setAccessibleName(tr("Find previous"));
    previous_->setToolTip(tr("Find previous (Shift+F3)"));
    previous_->setFocusPolicy(Qt::StrongFocus);
    connect(previous_, &QToolButton::clicked, this, &LogsPage::findPrevious);

    next_ = new QToolButton(this);
    next_->setObjectName(QStringLiteral("logsFindNext"));
    next_->setText(tr("Next"));
    next_->setAccessibleName(tr("Find next"));
    next_->setToolTip(tr("Find next (F3)"));
    next_->setFocusPolicy(Qt::StrongFocus);
    connect(next_, &QToolButton::clicked, this, &LogsPage::findNext);

    matchCase_ = new QCheckBox(tr("Match c&ase"), this);
    matchCase_->setObjectName(QStringLiteral("logsMatchCase"));
    connect(matchCase_, &QCheckBox::toggled, this, &LogsPage::onSearchChanged);

    findStatus_ = new QLabel(this);
    findStatus_->setObjectName(QStringLiteral("logsFindStatus"));
    findStatus_->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred); // never cut short

    auto *row = new QHBoxLayout;
    row->addWidget(search_, 1);
    row->addWidget(previous_);
    row->addWidget(next_);
    row->addWidget(matchCase_);
    row->addWidget(findStatus_);
    return row;
}

void LogsPage::addShortcuts()
{
    const auto add = [this](QWidget *owner, const QList<QKeySequence> &keys, Qt::ShortcutContext context,
                            auto slot) {
        auto *action = new QAction(owner);
        action->setShortcuts(keys);
        action->setShortcutContext(context);
        connect(action, &QAction::triggered, this, slot);
        owner->addAction(action);
    };
    add(this, {QKeySequence::Find}, Qt::WidgetWithChildrenShortcut, [this] {
        search_->setFocus(Qt::ShortcutFocusReason);
        search_->selectAll();
    });
    add(this, {QKeySequence::FindNext}, Qt::WidgetWithChildrenShortcut, &LogsPage::findNext);
    add(this, {QKeySequence::FindPrevious}, Qt::WidgetWithChildrenShortcut, &LogsPage::findPrevious);
    add(this, {QKeySequence::Save}, Qt::WidgetWithChildrenShortcut, &LogsPage::saveAs);
    // The view's own Ctrl+C copies one cell; a log wants the selected lines.
    add(view_, {QKeySequence::Copy}, Qt::WidgetShortcut, &LogsPage::copyLines);
}

void LogsPage::setContainer(const QString &id)
{
    ++generation_;
    closeStream();
    id_ = id;
    running_ = false;
    atEnd_ = true;
    model_->clear();
    message_->clearMessage();
    findStatus_->clear();
    updateLineCount();
    updateColumnWidth();
    openStream();
}

void LogsPage::setRunning(bool running)
{
    const bool started = running && !running_;
    running_ = running;
    // A started container writes a new part of its log: catch up with it.
    if (started && isFollowing() && !isStreaming())
        openStream();
}

bool LogsPage::isFollowing() const
{
    return follow_->isChecked();
}

bool LogsPage::isStreaming() const
{
    return stream_->isOpen() || opening_;
}

void LogsPage::openStream()
{
    if (!helper_ || id_.isEmpty() || isStreaming() || !isFollowing())
        return;
    opening_ = true;
    const quint64 generation = generation_;
    // Every line (tail -1), then new ones; the lines already shown are skipped on arrival.
    whenFinished(helper_, this, helper_->manager().FollowLogs(id_, -1),
                 [this, generation](QDBusPendingCallWatcher &call) {
                     if (generation != generation_)
                         return;
                     opening_ = false;
                     const QDBusPendingReply<QDBusUnixFileDescriptor> reply = call;
                     if (reply.isError()) {
                         message_->showError(reply.error());
                         return;
                     }
                     if (isFollowing())
                         readLog(reply.value());
                 });
}

void LogsPage::readLog(const QDBusUnixFileDescriptor &stream)
{
    message_->clearMessage();
    stream_->open(stream, model_->recordCount());
}

void LogsPage::closeStream()
{
    stream_->close();
    opening_ = false;
}

void LogsPage::onLinesRead(QByteArrayView lines)
{
    const qsizetype longest = model_->longestLine();
    model_->appendCriLines(lines);
    if (model_->longestLine() != longest)
        updateColumnWidth();
    updateLineCount();
}

void LogsPage::onStreamEnded()
{
    model_->finishPending();
    updateLineCount();
    if (running_ && isFollowing()) {
        // The stream was opened before the container (re)started: open it again.
        openStream();
    } else {
        message_->showHint(tr("The container is not running: this is its whole log."));
    }
    emit streamEnded();
}

void LogsPage::setFollowing(bool follow)
{
    if (follow_->isChecked() != follow)
        follow_->setChecked(follow); // comes back here through toggled
    else if (!follow) {
        closeStream();
        message_->showHint(tr("Not following: new output is not shown until you tick Follow."));
    } else {
        message_->clearMessage();
        atEnd_ = true;
        view_->scrollToBottom();
        openStream();
    }
}

void LogsPage::setTimestampsShown(bool shown)
{
    if (timestamps_->isChecked() != shown) {
        timestamps_->setChecked(shown); // comes back here through toggled
        return;
    }
    model_->setTimestampsShown(shown);
    updateColumnWidth();
}

void LogsPage::onSearchChanged()
{
    const Qt::CaseSensitivity cs = matchCase_->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    delegate_->setHighlight(search_->text(), cs);
    view_->viewport()->update();
    if (search_->text().isEmpty())
        findStatus_->clear();
    else
        find(true, true); // as you type: stay on the current line while it still matches
}

void LogsPage::findNext()
{
    find(true, false);
}

void LogsPage::findPrevious()
{
    find(false, false);
}

void LogsPage::find(bool forward, bool includeCurrent)
{
    const QString term = search_->text();
    if (term.isEmpty())
        return;
    const int rows = model_->rowCount();
    const QModelIndex current = view_->currentIndex();
    int from = forward ? 0 : rows - 1;
    if (current.isValid())
        from = includeCurrent ? current.row() : current.row() + (forward ? 1 : -1);
    const Qt::CaseSensitivity cs = matchCase_->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    const int row = model_->find(term, from, forward, cs);
    if (row < 0) {
        findStatus_->setText(tr("Not found"));
        return;
    }
    //: Where the search found its term: "Line 99999 of 100000"
    findStatus_->setText(tr("Line %1 of %2").arg(row + 1).arg(rows));
    const QModelIndex found = model_->index(row);
    view_->setCurrentIndex(found);
    view_->scrollTo(found, QAbstractItemView::PositionAtCenter);
}

void LogsPage::copyLines()
{
    QList<int> rows;
    for (const QModelIndex &index : view_->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    if (rows.isEmpty()) {
        rows.reserve(model_->rowCount());
        for (int row = 0; row < model_->rowCount(); ++row)
            rows.append(row);
    }
    QGuiApplication::clipboard()->setText(model_->text(rows));
}

void LogsPage::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the log"), id_.left(12) + QStringLiteral(".log"),
                                                      tr("Log files (*.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        saveTo(path);
}

bool LogsPage::saveTo(const QString &path)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && model_->writeTo(file) && file.commit()) {
        message_->showHint(tr("Saved %n line(s) to %1.", nullptr, model_->rowCount()).arg(path));
        return true;
    }
    message_->showHint(tr("Could not save the log to %1: %2").arg(path, file.errorString()));
    return false;
}

void LogsPage::updateLineCount()
{
    //: How many lines the log has
    lineCount_->setText(tr("%n line(s)", nullptr, model_->rowCount()));
}

void LogsPage::updateColumnWidth()
{
    // Lines are not wrapped: the column is as wide as the longest line (its bytes bound its
    // characters), so the horizontal scroll bar reaches the end of every line.
    const QFontMetrics metrics(view_->font());
    const int margins = 4 * (view_->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1);
    const qint64 content = qint64(metrics.horizontalAdvance(QLatin1Char('M'))) * model_->longestLine() + margins;
    const int width = int(std::min<qint64>(std::max<qint64>(content, view_->viewport()->width()),
                                           view_->header()->maximumSectionSize()));
    view_->header()->resizeSection(0, width);
}

bool LogsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == view_->viewport() && event->type() == QEvent::Resize)
        updateColumnWidth();
    if (watched == search_ && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() & Qt::ShiftModifier) {
            findPrevious();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace hako::gui
