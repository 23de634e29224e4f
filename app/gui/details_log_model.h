// A container's log as a list model built for size: every line's bytes live in one buffer
// (time and text side by side) with a small index per line, so 100,000 lines take a few
// megabytes, arrive with one row insertion per chunk read, and the text is decoded only for
// the rows on screen. Lines are shown with or without their timestamps.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QByteArrayView>

#include <vector>

class QIODevice;

namespace hako::gui {

class LogModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IsStderrRole = Qt::UserRole + 1 };

    explicit LogModel(QObject *parent = nullptr);

    // Complete lines of FollowLogs' CRI text ("<time> <stream> <F|P> <text>\n" each), added in
    // one insertion. A line the helper split (P pieces) becomes one row when its end comes; a
    // line that is not CRI (the helper reporting a failure in-band) is shown as it is.
    void appendCriLines(QByteArrayView lines);
    // The stream ended: a line still waiting for its end is shown as far as it came.
    void finishPending();
    void clear();

    // How many CRI lines were taken (pieces of split lines included): a stream reopened for
    // the same log skips this many.
    qsizetype recordCount() const { return records_; }

    void setTimestampsShown(bool shown);
    bool timestampsShown() const { return timestamps_; }

    QString lineText(int row) const; // as shown (with or without the time)
    // An upper bound of the longest shown line's length in characters (its UTF-8 bytes).
    qsizetype longestLine() const;

    // The first row, starting at `from` and going forward or backward (wrapping), whose
    // shown text contains `needle`; -1 if none does.
    int find(const QString &needle, int from, bool forward, Qt::CaseSensitivity cs) const;

    // The shown text of `rows` (in the order given), a newline after each.
    QString text(const QList<int> &rows) const;
    // Every line as shown, UTF-8, a newline after each; false if the device refused.
    bool writeTo(QIODevice &device) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Line {
        qsizetype start = 0;  // of the time in bytes_ (or of the text, without a time)
        qsizetype length = 0; // time + ' ' + text, or just the text
        qsizetype timeLength = 0;
        bool isStderr = false;
    };
    QByteArrayView shown(const Line &line) const;
    void takeRecord(QByteArrayView record);
    void appendLine(QByteArrayView time, bool isStderr, QByteArrayView text);
    void appendPending();

    QByteArray bytes_;
    std::vector<Line> lines_;
    int rows_ = 0; // the rows the views know of (lines_ grows first, then they are told)
    qsizetype records_ = 0;
    qsizetype longestText_ = 0, longestWithTime_ = 0;
    bool timestamps_ = false;
    // A line split in pieces, until its last piece comes.
    QByteArray pendingText_, pendingTime_;
    bool hasPending_ = false, pendingStderr_ = false;
};

} // namespace hako::gui
