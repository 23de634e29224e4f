// The Images window: the helper's images (repository:tag, short id, size, layers, created,
// the containers made from each) with Pull…, Import…, Remove, History, Prune unused and Disk
// usage on a toolbar, a context menu and shortcuts. Reloaded after each job or removal.
#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QTableView;

namespace hako::gui {

class HelperConnection;
class ImageModel;

class ImagesWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ImagesWindow(HelperConnection *helper, QWidget *parent = nullptr);
    ~ImagesWindow() override;

    // The one Images window of `parent`: created on first use, then raised.
    static ImagesWindow *open(HelperConnection *helper, QWidget *parent);

    ImageModel *model() const;
    QTableView *table() const;
    enum class Action { Pull, Import, Remove, History, Prune, DiskUsage, Refresh };
    QAction *action(Action which) const;

    // Selects the image with this id (for tests and after a job).
    void selectImage(const QString &id);

signals:
    // Images arrived or went (the create dialog's image list may want them).
    void imagesChanged();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hako::gui
