#pragma once

#include <QJsonObject>
#include <QWidget>

class QAction;
class QTreeWidget;

// The Devices tab: each device in effect (the instance's own and those its profiles add) with its
// type and every key. Its Edit action asks for the instance's editor, where devices are edited as YAML.
class InstanceDevicesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit InstanceDevicesPage(QWidget *parent = nullptr);

    void setInstance(const QJsonObject &object);
    void clear();
    QTreeWidget *treeWidget() const { return m_tree; }
    // "Edit Devices…": emits editRequested() while an instance is shown.
    QAction *editAction() const { return m_edit; }

Q_SIGNALS:
    void editRequested();

private:
    QTreeWidget *m_tree;
    QAction *m_edit;
};
