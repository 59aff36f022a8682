#pragma once

#include <QDialog>

class QComboBox;

// Asks before a cluster member is evacuated, saying what happens to its instances, and how: as the
// cluster's configuration says (cluster.evacuate of each instance, "auto" by default), moved to other
// members, or stopped. Restore (LXD's `cluster restore`) brings them back.
class EvacuateMemberDialog final : public QDialog
{
    Q_OBJECT

public:
    EvacuateMemberDialog(const QString &member, int instanceCount, QWidget *parent = nullptr);

    QComboBox *modeComboBox() const { return m_mode; }
    // "" (the server decides), "migrate" or "stop": LXD's evacuation mode.
    QString mode() const;
    void setMode(const QString &mode);

private:
    QComboBox *m_mode;
};
