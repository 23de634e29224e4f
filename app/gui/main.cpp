// hako: the desktop app. Follows the system locale (LANG=zh_CN.UTF-8 shows Chinese).
//
//   hako [--screenshot FILE.png] [--exit-after-first-paint]
//
// --screenshot saves the main window once it shows the helper's containers, then quits (the
// README's demo uses it where there is no display); --exit-after-first-paint prints the
// time from process start to that first paint and quits (bench/app_startup.sh).
#include "helper_connection.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <chrono>
#include <cstdio>

namespace {

constexpr int kScreenshotDelayMs = 500;

// Time since main() began: the benchmark adds the exec and dynamic-loading time it sees
// from outside (bench/app_startup.sh measures the whole process too).
QElapsedTimer &sinceStart()
{
    static QElapsedTimer timer;
    return timer;
}

// VmRSS from /proc/self/status, in kB (-1 if it cannot be read).
long long residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// The benchmark's line. The wall-clock stamp lets bench/app_startup.sh add what happened
// before main() (exec, dynamic loading) from its own clock.
void printFirstPaint(int count)
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    std::printf(
        "first paint with %d containers after %lld ms, at %lld us since the epoch, "
        "VmRSS %lld kB\n",
        count, static_cast<long long>(sinceStart().elapsed()),
        static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(now).count()),
        residentKilobytes());
    std::fflush(stdout);
}

void installTranslations(QApplication &app)
{
    const QLocale locale;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("hako"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
}

struct Options {
    QString screenshot;
    bool exitAfterFirstPaint = false;
};

Options parseOptions(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Hako, a desktop container manager"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate(
            "main", "Save the main window as FILE once it shows the containers, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption firstPaint(
        QStringLiteral("exit-after-first-paint"),
        QApplication::translate("main",
                                "Print the start-up time to the first painted list, then quit."));
    parser.addOptions({screenshot, firstPaint});
    parser.process(app);
    return {parser.value(screenshot), parser.isSet(firstPaint)};
}

} // namespace

int main(int argc, char **argv)
{
    sinceStart().start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hako"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hako"));
    QApplication::setApplicationVersion(QStringLiteral(HAKO_VERSION));
    QApplication::setOrganizationDomain(QStringLiteral("hako.org"));
    QApplication::setDesktopFileName(QStringLiteral("org.hako.Hako"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.hako.Hako.svg")));
    installTranslations(app);
    const Options options = parseOptions(app);

    hako::gui::HelperConnection helper;
    hako::gui::MainWindow window(&helper);
    QObject::connect(&window, &hako::gui::MainWindow::firstContainersPainted, &app, [&](int count) {
        if (options.exitAfterFirstPaint) {
            printFirstPaint(count);
            QTimer::singleShot(0, &app, &QApplication::quit);
        }
        if (!options.screenshot.isEmpty()) {
            // A moment for the details pane's own first answers.
            QTimer::singleShot(kScreenshotDelayMs, &app, [&] {
                const bool saved = window.grab().save(options.screenshot);
                std::fprintf(saved ? stdout : stderr, "%s %s\n",
                             saved ? "screenshot saved to" : "cannot save screenshot to",
                             qPrintable(options.screenshot));
                app.exit(saved ? 0 : 1);
            });
        }
    });
    window.show();
    return app.exec();
}
