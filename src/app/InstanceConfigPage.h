#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QAction;
class QTreeWidget;

namespace Models {
class Remote;
}

// The Configuration tab: every configuration key in effect, its value, and whether the instance sets
// it or a profile does (LXD's expanded_config against config). Volatile keys LXD keeps for itself
// are listed last and greyed. Its Edit action opens the instance's configuration editor.
class InstanceConfigPage final : public QWidget
{
    Q_OBJECT

public:
    explicit InstanceConfigPage(QWidget *parent = nullptr);

    void setInstance(Models::Remote *remote, const QString &project, const QJsonObject &object);
    void clear();
    QTreeWidget *treeWidget() const { return m_tree; }
    // "Edit Configuration…": the editor of the instance shown (also in menus).
    QAction *editAction() const { return m_edit; }
    // Opens (or raises) the editor of the instance shown, on `tab` (a ConfigEditor::Tab) when >= 0.
    void openEditor(int tab = -1);

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    QTreeWidget *m_tree;
    QAction *m_edit;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    QString m_name;
};
