#include "ConfigEditorDialog.h"

#include "ConfigEditor.h"
#include "MessageBox.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QHash>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QHash<QString, QPointer<ConfigEditorDialog>> &openEditors()
{
    static QHash<QString, QPointer<ConfigEditorDialog>> editors;
    return editors;
}

} // namespace

ConfigEditorDialog *ConfigEditorDialog::find(const ConfigObject &object)
{
    return openEditors().value(object.identity());
}

ConfigEditorDialog *ConfigEditorDialog::open(const ConfigObject &object, QWidget *parent)
{
    ConfigEditorDialog *dialog = find(object);
    if (!dialog) {
        dialog = new ConfigEditorDialog(object, parent);
        openEditors().insert(object.identity(), dialog);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

ConfigEditorDialog::ConfigEditorDialog(const ConfigObject &object, QWidget *parent)
    : QDialog(parent)
    , m_editor(new ConfigEditor(object, this))
{
    setObjectName(QStringLiteral("configEditorDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::NonModal);
    setSizeGripEnabled(true);
    resize(760, 620);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_editor, 1);
    layout->addWidget(buttons);
    connect(m_editor, &ConfigEditor::dirtyChanged, this, &ConfigEditorDialog::updateTitle);
    connect(m_editor, &ConfigEditor::statusMessage, this, &ConfigEditorDialog::statusMessage);
    // The Save button, not the Close button, answers Enter.
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    updateTitle();
}

void ConfigEditorDialog::updateTitle()
{
    const ConfigObject object = m_editor->object();
    // "[*]" shows where the window system marks unsaved changes.
    setWindowTitle(tr("%1 %2[*] — Berth").arg(object.kindTitle(), object.name()));
    setWindowModified(m_editor->isDirty());
}

void ConfigEditorDialog::done(int result)
{
    if (m_editor->isDirty() && !m_discardConfirmed) {
        askToDiscard();
        return;
    }
    QDialog::done(result);
}

void ConfigEditorDialog::closeEvent(QCloseEvent *event)
{
    if (m_editor->isDirty() && !m_discardConfirmed) {
        event->ignore();
        askToDiscard();
        return;
    }
    QDialog::closeEvent(event);
}

void ConfigEditorDialog::askToDiscard()
{
    MessageBox::confirm(
        this, tr("Unsaved Changes"),
        tr("Discard your unsaved changes to the %1?").arg(m_editor->object().displayName()),
        tr("&Discard Changes"), this,
        [this] {
            m_discardConfirmed = true;
            close();
        },
        true, tr("They have not been sent to the server."));
}
