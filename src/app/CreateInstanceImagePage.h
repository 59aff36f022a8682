#pragma once

#include "CreateInstancePage.h"

#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace Models {
class Remote;
class RemoteRegistry;
class ResourceCache;
} // namespace Models

// The image page: the images of the server the instance goes to, or of any other remote Berth knows
// (the wizard then copies the image over first), listed live and filtered by the instance's type; or an
// alias or fingerprint typed by hand.
class CreateInstanceImagePage final : public CreateInstancePage
{
    Q_OBJECT

public:
    CreateInstanceImagePage(Models::RemoteRegistry *registry, Models::Remote *target, const QString &project,
                            QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    void addTo(QJsonObject &body) const override;

    // The remote the image is on, and its fingerprint (empty while an alias typed by hand is not listed).
    Models::Remote *imageRemote() const;
    QString fingerprint() const;
    // The image is on another remote than the instance's: it is copied first.
    bool needsCopy() const;
    // What the request names: the alias or fingerprint.
    QString reference() const;

    QComboBox *remoteComboBox() const { return m_remotes; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTreeWidget *imageTree() const { return m_tree; }
    QLineEdit *referenceEdit() const { return m_reference; }

private:
    struct Match
    {
        QString fingerprint;
        QString alias; // when the reference is one of its aliases
        QString type;
    };

    void useRemote();
    void fill();
    void onCurrentItemChanged();
    void onReferenceEdited();
    Match resolve(const QString &reference) const;
    QString projectFor(const Models::Remote *remote) const;

    QPointer<Models::RemoteRegistry> m_registry;
    QPointer<Models::Remote> m_target;
    QString m_project;
    QPointer<Models::ResourceCache> m_images;
    QList<QMetaObject::Connection> m_cacheConnections;
    QComboBox *m_remotes;
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
    QLineEdit *m_reference;
    QLabel *m_status;
    bool m_filling = false;
};
