// The base of a table of one of the helper's lists (ListImages, ListNetworks): the entries as
// the helper sent them, one row each, and an asynchronous reload that coalesces the reloads
// asked while one is in flight. Subclasses say which list to ask for and how to show a row.
#pragma once

#include <QAbstractTableModel>
#include <QDBusError>
#include <QDBusPendingCall>
#include <QVariantMap>

namespace hako::gui
{

class HelperConnection;

class HelperListModel : public QAbstractTableModel
{
    Q_OBJECT
  public:
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;

    // Whether a list has arrived yet (an empty table may still be loading).
    bool isLoaded() const { return loaded_; }

  public slots:
    void reload(); // asynchronous: loaded() or loadFailed() follows

  signals:
    void loaded();
    void loadFailed(const QDBusError &error);

  protected:
    HelperListModel(HelperConnection *helper, int columnCount, QObject *parent);

    // The helper's List* call whose reply (aa{sv}) fills the table.
    virtual QDBusPendingCall requestList() const = 0;

    HelperConnection *helper() const { return helper_; }
    // The entry of a row, or an empty map for a row out of range.
    QVariantMap entry(int row) const { return entries_.value(row); }
    // The first row whose entry has `value` as the string under `key`, or -1.
    int rowWhere(const QString &key, const QString &value) const;

  private:
    HelperConnection *helper_;
    int columnCount_;
    QList<QVariantMap> entries_;
    bool loaded_ = false;
    bool loading_ = false;
    bool again_ = false; // a reload was asked while one was in flight
};

} // namespace hako::gui
