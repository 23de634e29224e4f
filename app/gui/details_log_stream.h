// Reads FollowLogs' pipe without ever blocking the UI thread: the fd is non-blocking, a
// QSocketNotifier says when there is data, and each wake-up reads at most a budget of bytes
// before going back to the event loop (the notifier fires again for the rest). Whole lines go
// to the sink; a line cut by a read waits for its end.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDBusUnixFileDescriptor>
#include <QObject>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace hako::gui {

class LogStream : public QObject {
    Q_OBJECT
public:
    using Sink = std::function<void(QByteArrayView completeLines)>;
    static constexpr qsizetype kReadBudget = 1 << 20; // per wake-up: ~20,000 short lines

    explicit LogStream(Sink sink, QObject *parent = nullptr);
    ~LogStream() override;

    // Starts reading `fd`; the first `skipLines` lines are dropped (the reader has them
    // from an earlier stream of the same log). Replaces a stream already open.
    void open(const QDBusUnixFileDescriptor &fd, qsizetype skipLines = 0);
    void close();
    bool isOpen() const { return fd_.isValid(); }

signals:
    void ended();                    // end of file: the container stopped
    void failed(const QString &why); // a read error (the stream is closed)

private:
    void readAvailable();
    void deliverCompleteLines();
    qsizetype skipped(qsizetype end);

    Sink sink_;
    QDBusUnixFileDescriptor fd_; // our own duplicate; closed when reset
    std::unique_ptr<QSocketNotifier> notifier_;
    QByteArray pending_;
    qsizetype skipLines_ = 0;
};

} // namespace hako::gui
