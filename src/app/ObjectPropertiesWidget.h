#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTreeWidget;

// The detail pane for kinds without a dedicated one yet (images, profiles, networks…): the object's
// name and every field LXD returns, nested objects expandable.
class ObjectPropertiesWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit ObjectPropertiesWidget(QWidget *parent = nullptr);

    void setObject(const QString &title, const QJsonObject &object);
    void clear(const QString &message);
    QTreeWidget *treeWidget() const { return m_tree; }

private:
    QLabel *m_title;
    QLabel *m_message;
    QTreeWidget *m_tree;
};
