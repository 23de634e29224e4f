#include "details_log_model.h"

#include "views.h"

#include <QIODevice>


namespace hako::gui {

LogModel::LogModel(QObject *parent) : QAbstractListModel(parent) {}

void LogModel::appendCriLines(QByteArrayView lines)
{
    const qsizetype before = qsizetype(lines_.size());
    qsizetype start = 0;
    while (start < lines.size()) {
        qsizetype end = lines.indexOf('\n', start);
        if (end < 0)
            end = lines.size();
        takeRecord(lines.sliced(start, end - start));
        start = end + 1;
    }
    if (qsizetype(lines_.size()) == before)
        return;
    beginInsertRows({}, int(before), int(lines_.size()) - 1);
    rows_ = int(lines_.size());
    endInsertRows();
}

void LogModel::takeRecord(QByteArrayView record)
{
    ++records_;
    const auto fields = cli::splitCriLine(record);
    if (!fields) {
        appendLine({}, true, record);
        return;
    }
    const bool isStderr = fields->stream == "stderr";
    if (fields->partial) {
        if (!hasPending_) {
            hasPending_ = true;
            pendingTime_ = fields->time.toByteArray();
            pendingStderr_ = isStderr;
        }
        pendingText_.append(fields->text);
        return;
    }
    if (!hasPending_) {
        appendLine(fields->time, isStderr, fields->text);
        return;
    }
    pendingText_.append(fields->text);
    appendPending();
}

void LogModel::appendPending()
{
    appendLine(pendingTime_, pendingStderr_, pendingText_);
    pendingText_.clear();
    pendingTime_.clear();
    hasPending_ = false;
}

void LogModel::appendLine(QByteArrayView time, bool isStderr, QByteArrayView text)
{
    // A terminal's output ends its lines with "\r\n": the carriage return is not text.
    if (text.endsWith('\r'))
        text.chop(1);
    Line line;
    line.start = bytes_.size();
    line.timeLength = time.size();
    line.isStderr = isStderr;
    if (!time.isEmpty()) {
        bytes_.append(time);
        bytes_.append(' ');
    }
    bytes_.append(text);
    line.length = bytes_.size() - line.start;
    lines_.push_back(line);
    longestText_ = std::max(longestText_, text.size());
    longestWithTime_ = std::max(longestWithTime_, line.length);
}

void LogModel::finishPending()
{
    if (!hasPending_)
        return;
    const qsizetype row = qsizetype(lines_.size());
    appendPending();
    beginInsertRows({}, int(row), int(row));
    rows_ = int(lines_.size());
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    bytes_.clear();
    lines_.clear();
    rows_ = 0;
    records_ = 0;
    longestText_ = longestWithTime_ = 0;
    pendingText_.clear();
    pendingTime_.clear();
    hasPending_ = false;
    endResetModel();
}

void LogModel::setTimestampsShown(bool shown)
{
    if (shown == timestamps_)
        return;
    timestamps_ = shown;
    if (rows_ > 0)
        emit dataChanged(index(0), index(rows_ - 1), {Qt::DisplayRole});
}

QByteArrayView LogModel::shown(const Line &line) const
{
    const QByteArrayView all(bytes_.constData() + line.start, line.length);
    if (timestamps_ || line.timeLength == 0)
        return all;
    return all.sliced(line.timeLength + 1);
}

QString LogModel::lineText(int row) const
{
    if (row < 0 || row >= rows_)
        return {};
    return QString::fromUtf8(shown(lines_[size_t(row)]));
}

qsizetype LogModel::longestLine() const
{
    return timestamps_ ? longestWithTime_ : longestText_;
}

int LogModel::find(const QString &needle, int from, bool forward, Qt::CaseSensitivity cs) const
{
    if (needle.isEmpty() || rows_ == 0)
        return -1;
    const QByteArray utf8 = needle.toUtf8();
    const int step = forward ? 1 : -1;
    int row = ((from % rows_) + rows_) % rows_;
    for (int checked = 0; checked < rows_; ++checked, row = (row + step + rows_) % rows_) {
        const QByteArrayView bytes = shown(lines_[size_t(row)]);
        // Bytes compare fastest; only a search that ignores case needs the decoded text.
        const bool found = cs == Qt::CaseSensitive
                               ? bytes.indexOf(utf8) >= 0
                               : QString::fromUtf8(bytes).contains(needle, Qt::CaseInsensitive);
        if (found)
            return row;
    }
    return -1;
}

QString LogModel::text(const QList<int> &rows) const
{
    QByteArray out;
    for (const int row : rows) {
        if (row < 0 || row >= rows_)
            continue;
        out.append(shown(lines_[size_t(row)]));
        out.append('\n');
    }
    return QString::fromUtf8(out);
}

bool LogModel::writeTo(QIODevice &device) const
{
    QByteArray chunk;
    for (int row = 0; row < rows_; ++row) {
        chunk.append(shown(lines_[size_t(row)]));
        chunk.append('\n');
        if (chunk.size() >= 1 << 20 || row + 1 == rows_) {
            if (device.write(chunk) != chunk.size())
                return false;
            chunk.clear();
        }
    }
    return true;
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rows_;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &line = lines_[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromUtf8(shown(line));
    case IsStderrRole:
        return line.isStderr;
    default:
        return {};
    }
}

} // namespace hako::gui
