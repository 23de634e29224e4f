#include "details_log_stream.h"

#include <QSocketNotifier>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hako::gui {

namespace {

constexpr qsizetype kReadSize = 256 * 1024;

} // namespace

LogStream::LogStream(Sink sink, QObject *parent) : QObject(parent), sink_(std::move(sink)) {}

LogStream::~LogStream()
{
    close();
}

void LogStream::open(const QDBusUnixFileDescriptor &fd, qsizetype skipLines)
{
    close();
    fd_ = fd;
    skipLines_ = skipLines;
    const int flags = ::fcntl(fd_.fileDescriptor(), F_GETFL);
    if (flags < 0 || ::fcntl(fd_.fileDescriptor(), F_SETFL, flags | O_NONBLOCK) < 0) {
        const QString why = tr("cannot make the log stream non-blocking: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        close();
        emit failed(why);
        return;
    }
    notifier_ = std::make_unique<QSocketNotifier>(fd_.fileDescriptor(), QSocketNotifier::Read);
    connect(notifier_.get(), &QSocketNotifier::activated, this, &LogStream::readAvailable);
}

void LogStream::close()
{
    // The notifier goes before the fd it watches. Closing our end tells the helper's writer
    // to stop at its next line.
    notifier_.reset();
    fd_ = QDBusUnixFileDescriptor();
    pending_.clear();
}

void LogStream::readAvailable()
{
    qsizetype budget = kReadBudget;
    bool atEnd = false;
    while (budget > 0) {
        const qsizetype old = pending_.size();
        pending_.resize(old + kReadSize);
        const ssize_t n = ::read(fd_.fileDescriptor(), pending_.data() + old, size_t(kReadSize));
        pending_.resize(old + std::max<qsizetype>(n, 0));
        if (n > 0) {
            budget -= n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        if (n < 0) {
            const QString why = tr("cannot read the log stream: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            deliverCompleteLines();
            close();
            emit failed(why);
            return;
        }
        atEnd = true;
        break;
    }
    if (atEnd && !pending_.isEmpty() && !pending_.endsWith('\n'))
        pending_.append('\n'); // the writer went away mid-line: keep what it wrote
    deliverCompleteLines();
    if (atEnd) {
        close();
        emit ended();
    }
}

qsizetype LogStream::skipped(qsizetype end)
{
    qsizetype start = 0;
    while (skipLines_ > 0 && start < end) {
        start = pending_.indexOf('\n', start) + 1;
        --skipLines_;
    }
    return start;
}

void LogStream::deliverCompleteLines()
{
    const qsizetype end = pending_.lastIndexOf('\n') + 1;
    if (end == 0)
        return;
    const qsizetype start = skipped(end);
    if (start < end)
        sink_(QByteArrayView(pending_).sliced(start, end - start));
    pending_.remove(0, end);
}

} // namespace hako::gui
