#pragma once

#include "lxd/Client.h"

#include <QMainWindow>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

// Berth's first window: the local remote found by socket discovery and its instances, kept current
// by the event stream. The full navigation, models and detail views replace its insides later.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

private:
    void connectToLocalRemote();
    void loadServer();
    void loadInstances();
    void showConnectionState(const QString &text);

    Lxd::Client m_client;
    QTreeWidget *m_remotesTree;
    QTreeWidget *m_instancesTree;
    QTreeWidgetItem *m_remoteItem = nullptr;
    QLabel *m_connectionLabel;
};
