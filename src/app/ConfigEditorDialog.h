#pragma once

#include "ConfigObject.h"

#include <QDialog>

class ConfigEditor;

// A window around a ConfigEditor: one per object (opening the same object again raises it), not modal,
// so the main window stays usable. Closing it with unsaved changes asks first.
//
// This is how any part of the application opens an editor:
//     ConfigEditorDialog::open(ConfigObject::profile(remote, project, name), window());
class ConfigEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    // Opens (or raises) the editor of `object`, a child window of `parent`.
    static ConfigEditorDialog *open(const ConfigObject &object, QWidget *parent);
    // The editor already open for `object`, if any.
    static ConfigEditorDialog *find(const ConfigObject &object);

    ConfigEditor *editor() const { return m_editor; }

    // Closes, asking first when there are unsaved changes (the answer comes later; see MessageBox).
    void done(int result) override;

Q_SIGNALS:
    void statusMessage(const QString &text);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    ConfigEditorDialog(const ConfigObject &object, QWidget *parent);
    void askToDiscard();
    void updateTitle();

    ConfigEditor *m_editor;
    bool m_discardConfirmed = false;
};
