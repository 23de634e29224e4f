// The selected container in detail: Overview, Processes, Namespaces, Logs, Inspect pages
// (later issues add theirs through addPage). Follows the container's changes by the
// helper's signals; shows helper errors in plain words.
#pragma once

#include <QWidget>

#include <memory>

namespace hako::gui {

class HelperConnection;

class DetailsPane : public QWidget {
    Q_OBJECT
public:
    enum class Page { Overview, Processes, Namespaces, Logs, Inspect };

    explicit DetailsPane(HelperConnection *helper, QWidget *parent = nullptr);
    ~DetailsPane() override;

    // The container shown (id); empty shows a hint to select one.
    void setContainer(const QString &id);
    QString container() const;

    void showPage(Page page);
    void addPage(QWidget *page, const QString &title);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
