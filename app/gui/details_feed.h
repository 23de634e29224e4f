// The shown container's GetContainer map, kept current without polling: the Manager's
// ContainerStateChanged and ContainerRemoved signals and the container object's
// PropertiesChanged say when it changed; a restarted helper means reload.
#pragma once

#include <QDBusError>
#include <QObject>
#include <QPointer>
#include <QVariantMap>

namespace hako::gui {

class HelperConnection;

class ContainerFeed : public QObject {
    Q_OBJECT
public:
    explicit ContainerFeed(HelperConnection *helper, QObject *parent = nullptr);
    ~ContainerFeed() override;

    // id, unique prefix or name; empty follows nothing.
    void setContainer(const QString &ref);
    QString ref() const { return ref_; }
    // The full id once GetContainer answered (the signals name containers by it).
    QString id() const { return id_; }
    const QVariantMap &container() const { return container_; }
    QString state() const;

    // Asks GetContainer again (at most one call at a time; a request during one repeats it).
    void refresh();

signals:
    void changed(const QVariantMap &container);
    void failed(const QDBusError &error);
    void removed();

private slots:
    // org.freedesktop.DBus.Properties.PropertiesChanged of the container's object.
    void onPropertiesChanged(const QString &interface, const QVariantMap &properties,
                             const QStringList &invalidated);

private:
    void connectManagerSignals();
    void onStateChanged(const QString &id);
    void onRemoved(const QString &id);
    bool isShown(const QString &id) const;
    void fetch();
    void watchObject(const QString &id);
    void unwatchObject();
    QString objectPath() const;

    QPointer<HelperConnection> helper_;
    QList<QMetaObject::Connection> managerSignals_;
    QString ref_, id_, watchedId_;
    QVariantMap container_;
    quint64 generation_ = 0; // which setContainer a reply belongs to
    bool inFlight_ = false, stale_ = false;
};

} // namespace hako::gui
