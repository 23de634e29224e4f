// bench_log_view: how long the details pane's Logs page takes to show a 100,000-line log.
// The log arrives as FollowLogs sends it (CRI text lines through a pipe, written by another
// thread as the helper's worker does); timed from the first byte offered to the page until
// every line is in the view and the view has painted, median over runs. Also: a search that
// goes through the whole log, and switching timestamps on. No helper or root needed.
#include "details_log_model.h"
#include "details_logs.h"

#include <QApplication>
#include <QDBusUnixFileDescriptor>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTreeView>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

namespace {

constexpr int kLines = 100000;

QByteArray criLog(int lines)
{
    QByteArray log;
    for (int i = 1; i <= lines; ++i)
        log += "2026-11-24T07:32:54." + QByteArray::number(100000000 + i) + "Z stdout F line " +
               QByteArray::number(i) + '\n';
    return log;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct Run {
    double loadMs = 0, searchMs = 0, timestampsMs = 0;
};

Run runOnce(const QByteArray &log)
{
    hako::gui::LogsPage page(nullptr);
    page.resize(1000, 700);
    page.show();
    QApplication::processEvents();

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        std::perror("pipe2");
        std::exit(1);
    }
    std::thread writer([&log, fd = fds[1]] {
        for (qsizetype done = 0; done < log.size();) {
            const ssize_t n = ::write(fd, log.constData() + done, size_t(log.size() - done));
            if (n <= 0)
                break;
            done += n;
        }
        ::close(fd);
    });
    QElapsedTimer timer;
    timer.start();
    bool ended = false;
    QObject::connect(&page, &hako::gui::LogsPage::streamEnded, [&] { ended = true; });
    page.readLog(QDBusUnixFileDescriptor(fds[0]));
    ::close(fds[0]); // the page holds its own duplicate
    while (!ended)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    page.view()->viewport()->repaint();
    Run run;
    run.loadMs = double(timer.nsecsElapsed()) / 1e6;
    writer.join();
    // Following: the newest line must be in view at the end, as a person would see it.
    const bool atEnd = page.view()->verticalScrollBar()->value() == page.view()->verticalScrollBar()->maximum();
    if (page.model()->rowCount() != kLines || !atEnd) {
        std::fprintf(stderr, "bench_log_view: %d lines shown, %d written; at the end: %d (%d of %d)\n",
                     page.model()->rowCount(), kLines, int(atEnd), page.view()->verticalScrollBar()->value(), page.view()->verticalScrollBar()->maximum());
        std::exit(1);
    }

    timer.restart();
    const int row = page.model()->find(QStringLiteral("LINE 99999"), 0, true, Qt::CaseInsensitive);
    run.searchMs = double(timer.nsecsElapsed()) / 1e6;
    if (row != 99998) {
        std::fprintf(stderr, "bench_log_view: search found row %d\n", row);
        std::exit(1);
    }
    timer.restart();
    page.setTimestampsShown(true);
    page.view()->viewport()->repaint();
    run.timestampsMs = double(timer.nsecsElapsed()) / 1e6;
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int runs = 11;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    const QByteArray log = criLog(kLines);
    runOnce(log); // warm-up: fonts, caches, first allocations
    std::vector<double> load, search, timestamps;
    for (int i = 0; i < runs; ++i) {
        const Run run = runOnce(log);
        load.push_back(run.loadMs);
        search.push_back(run.searchMs);
        timestamps.push_back(run.timestampsMs);
    }
    std::printf("log_view (%d lines, %.1f MiB of CRI text, %d runs, platform %s)\n", kLines,
                double(log.size()) / (1 << 20), runs, qPrintable(QApplication::platformName()));
    std::printf("load to painted     median %7.1f ms  min %7.1f  max %7.1f\n", median(load),
                *std::min_element(load.begin(), load.end()), *std::max_element(load.begin(), load.end()));
    std::printf("search (no match before the end, ignoring case) median %5.1f ms\n", median(search));
    std::printf("timestamps on, repainted median %5.1f ms\n", median(timestamps));
    return 0;
}
