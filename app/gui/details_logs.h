// Details page "Logs": the container's whole log, then new output as it is written
// (FollowLogs' pipe, read without blocking), with search (next/previous, matches marked),
// timestamps on or off, copy and save. Built for long logs: see LogModel and LogStream.
#pragma once

#include <QByteArrayView>
#include <QWidget>

class QCheckBox;
class QDBusUnixFileDescriptor;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QTreeView;

namespace hako::gui {

class HelperConnection;
class LogDelegate;
class LogModel;
class LogStream;
class PageMessage;

class LogsPage : public QWidget {
    Q_OBJECT
public:
    // Without a helper the page shows only what readLog is given (the benchmark's case).
    explicit LogsPage(HelperConnection *helper, QWidget *parent = nullptr);
    ~LogsPage() override;

    // Shows the log of container `id` (empty: nothing) and follows it while it runs.
    void setContainer(const QString &id);
    // The container's state changed: a container that (re)starts is followed again.
    void setRunning(bool running);

    // Reads a log stream in FollowLogs' CRI text format into the page: the path FollowLogs'
    // reply takes, and what the benchmark feeds directly. Lines already shown are skipped.
    void readLog(const QDBusUnixFileDescriptor &stream);

    LogModel *model() const { return model_; }
    QTreeView *view() const { return view_; }
    bool isFollowing() const;
    bool isStreaming() const;

public slots:
    void findNext();
    void findPrevious();
    void setFollowing(bool follow);
    void setTimestampsShown(bool shown);
    // The selected lines, or the whole log when none is selected, to the clipboard.
    void copyLines();
    // Asks for a file and saves the log as shown; saveTo does it without asking.
    void saveAs();
    bool saveTo(const QString &path);

signals:
    void streamEnded(); // the log stream reached its end (the container is not running)

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLayout *makeToolRow();
    QLayout *makeSearchRow();
    void makeView();
    void addShortcuts();
    void openStream();
    void closeStream();
    void onLinesRead(QByteArrayView lines);
    void onStreamEnded();
    void find(bool forward, bool includeCurrent);
    void onSearchChanged();
    void updateLineCount();
    void updateColumnWidth();

    HelperConnection *helper_;
    LogModel *model_;
    LogStream *stream_;
    LogDelegate *delegate_;
    PageMessage *message_;
    QTreeView *view_ = nullptr;
    QLineEdit *search_ = nullptr;
    QToolButton *previous_ = nullptr, *next_ = nullptr;
    QCheckBox *matchCase_ = nullptr, *timestamps_ = nullptr, *follow_ = nullptr;
    QLabel *findStatus_ = nullptr, *lineCount_ = nullptr;
    QPushButton *copy_ = nullptr, *save_ = nullptr;
    QString id_;
    bool running_ = false;
    bool opening_ = false; // a FollowLogs call is on its way
    bool atEnd_ = true;    // the newest line is in view
    quint64 generation_ = 0;
};

} // namespace hako::gui
