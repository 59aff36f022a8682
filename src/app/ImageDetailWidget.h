#pragma once

#include "ResourceActions.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;

class ImageActions;
class ObjectPropertiesWidget;

// The detail pane of an image: what it is (fingerprint, description, architecture, type, size, dates),
// its aliases with buttons to add and remove them, its public and auto-update switches, and every field
// LXD returns below.
class ImageDetailWidget final : public QWidget
{
    Q_OBJECT

public:
    ImageDetailWidget(ImageActions *actions, QWidget *parent = nullptr);

    void setImage(const ResourceActions::Target &target);
    void clear(const QString &message);
    QString fingerprint() const { return m_target.key; }

    QListWidget *aliasList() const { return m_aliases; }
    QCheckBox *publicCheckBox() const { return m_public; }
    QCheckBox *autoUpdateCheckBox() const { return m_autoUpdate; }
    ObjectPropertiesWidget *properties() const { return m_properties; }

private:
    void updateButtons();

    ImageActions *m_actions;
    ResourceActions::Target m_target;
    QWidget *m_summary;
    QLabel *m_title;
    QLabel *m_facts;
    QListWidget *m_aliases;
    QPushButton *m_addAlias;
    QPushButton *m_removeAlias;
    QCheckBox *m_public;
    QCheckBox *m_autoUpdate;
    ObjectPropertiesWidget *m_properties;
};
