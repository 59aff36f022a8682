#pragma once

#include "CreateInstancePage.h"

#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace Models {
class Remote;
class ResourceCache;
} // namespace Models

// Where the instance lives and what it is made of: its profiles (in order), the cluster member (on a
// cluster), the storage pool and size of its root disk, and the network of its first interface. Left
// alone, the profiles decide.
class CreateInstancePlacementPage final : public CreateInstancePage
{
    Q_OBJECT

public:
    CreateInstancePlacementPage(Models::Remote *target, const QString &project, QWidget *parent = nullptr);

    void initializePage() override;
    void addTo(QJsonObject &body) const override;

    QStringList profiles() const;
    // The cluster member to create on; empty lets the cluster choose.
    QString member() const;

    QListWidget *profileList() const { return m_profiles; }
    QComboBox *memberComboBox() const { return m_member; }
    QComboBox *poolComboBox() const { return m_pool; }
    QLineEdit *rootSizeEdit() const { return m_rootSize; }
    QComboBox *networkComboBox() const { return m_network; }

private:
    void fillProfiles();
    void fillCombo(QComboBox *box, Models::ResourceCache *cache, const QString &noChoice,
                   bool managedOnly = false);
    void fillAll();
    // The pool of the root disk the chosen profiles give (the last one that has one wins, as in LXD).
    QString poolFromProfiles() const;

    QPointer<Models::Remote> m_target;
    QString m_project;
    QPointer<Models::ResourceCache> m_profileCache;
    QPointer<Models::ResourceCache> m_poolCache;
    QPointer<Models::ResourceCache> m_networkCache;
    QPointer<Models::ResourceCache> m_memberCache;
    QListWidget *m_profiles;
    QLabel *m_memberLabel;
    QComboBox *m_member;
    QComboBox *m_pool;
    QLineEdit *m_rootSize;
    QComboBox *m_network;
    QStringList m_checkedProfiles;
};
