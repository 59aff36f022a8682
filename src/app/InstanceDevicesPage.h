#pragma once

#include <QJsonObject>
#include <QWidget>

class QTreeWidget;

// The Devices tab: each device in effect (the instance's own and those its profiles add) with its
// type and every key.
class InstanceDevicesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit InstanceDevicesPage(QWidget *parent = nullptr);

    void setInstance(const QJsonObject &object);
    void clear();
    QTreeWidget *treeWidget() const { return m_tree; }

private:
    QTreeWidget *m_tree;
};
