#pragma once

#include <QJsonObject>
#include <QWidget>

class QTreeWidget;

// The Configuration tab: every configuration key in effect, its value, and whether the instance sets
// it or a profile does (LXD's expanded_config against config). Volatile keys LXD keeps for itself
// are listed last and greyed.
class InstanceConfigPage final : public QWidget
{
    Q_OBJECT

public:
    explicit InstanceConfigPage(QWidget *parent = nullptr);

    void setInstance(const QJsonObject &object);
    void clear();
    QTreeWidget *treeWidget() const { return m_tree; }

private:
    QTreeWidget *m_tree;
};
