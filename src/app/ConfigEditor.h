#pragma once

#include "ConfigObject.h"
#include "YamlConverter.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

class ConfigConflictView;
class KeyValueTable;

namespace Lxd {
class Job;
}

// The editor of one object's configuration, whatever its kind (ConfigObject says what differs): a form
// for the common keys, a table of every config key, and the whole writable object as YAML, as
// `lxc config edit` shows it. The three views edit one version; the YAML view may hold text that does
// not parse, and then the others wait until it does (its problem names the line).
//
// Saving sends a PUT guarded by the ETag the object had when it was read. When the object changed on
// the server meanwhile, the editor shows both versions side by side and lets the user take the
// server's, overwrite it, or keep editing; an edit is never dropped without the user saying so. When
// LXD rejects a value, the message names the key and the views point at it.
class ConfigEditor final : public QWidget
{
    Q_OBJECT

public:
    enum class State { Loading, Editing, Saving, Conflict, Failed };
    Q_ENUM(State)
    enum Tab { FormTab, KeysTab, YamlTab };

    explicit ConfigEditor(const ConfigObject &object, QWidget *parent = nullptr);
    ~ConfigEditor() override;

    ConfigObject object() const { return m_object; }
    State state() const { return m_state; }
    // Unsaved edits, including YAML text that does not parse yet.
    bool isDirty() const;
    // The version being edited, and the server's as last read.
    QJsonObject editedObject() const { return m_edited; }
    QJsonObject serverObject() const { return m_server; }
    QByteArray etag() const { return m_etag; }
    YamlConverter::Problem yamlProblem() const { return m_yamlProblem; }
    // The key LXD rejected at the last save ("limits.memory"), if it could tell.
    QString rejectedKey() const { return m_rejectedKey; }

    // Reads the object from the server, dropping any edits (callers ask first).
    void load();
    // Sends the edited version.
    void save();
    // Back to the server's version as last read.
    void revert();

    QTabWidget *tabWidget() const { return m_tabs; }
    // The form's widget for a field ("description", "limits.cpu"): a QLineEdit or a QComboBox.
    QWidget *fieldWidget(const QString &key) const { return m_fields.value(key); }
    KeyValueTable *keyTable() const { return m_keys; }
    QPlainTextEdit *yamlEdit() const { return m_yaml; }
    QLabel *yamlProblemLabel() const { return m_yamlProblemLabel; }
    QLabel *messageLabel() const { return m_message; }
    ConfigConflictView *conflictView() const { return m_conflict; }
    QPushButton *saveButton() const { return m_saveButton; }
    QPushButton *revertButton() const { return m_revertButton; }
    QPushButton *reloadButton() const { return m_reloadButton; }

Q_SIGNALS:
    void stateChanged(ConfigEditor::State state);
    void dirtyChanged(bool dirty);
    void saved();
    void statusMessage(const QString &text);

private:
    enum class Tone { Plain, Error, Success };

    void buildForm();
    QWidget *makeFieldWidget(const ConfigObject::Field &field);
    void setState(State state);
    void setMessage(const QString &text, Tone tone = Tone::Plain);
    void setServerVersion(const QJsonObject &object, const QByteArray &etag);
    void setEdited(const QJsonObject &edited, QObject *source);
    void refreshForm();
    void refreshKeys();
    void refreshYaml();
    void updateControls();
    void onFieldEdited(const ConfigObject::Field &field);
    void onKeysEdited();
    void onYamlEdited();
    void showYamlProblem();
    void onSaveFinished(Lxd::Job *job);
    void showConflict();
    void takeServerVersion();
    void overwriteServerVersion();
    void keepEditingOverServerVersion();
    void pointAtRejectedKey(const QString &serverMessage);
    QString findRejectedKey(const QString &serverMessage) const;
    QString yamlText(const QJsonObject &object) const;
    static QString fieldValue(const QJsonObject &object, const ConfigObject::Field &field);

    ConfigObject m_object;
    State m_state = State::Loading;
    QJsonObject m_server;
    QByteArray m_etag;
    QJsonObject m_edited;
    // The server's version found at a conflict, until the user decides.
    QJsonObject m_theirs;
    QByteArray m_theirsEtag;
    YamlConverter::Problem m_yamlProblem;
    QString m_rejectedKey;
    bool m_updating = false;
    bool m_wasDirty = false;
    QPointer<Lxd::Job> m_job;

    QLabel *m_title;
    QLabel *m_message;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QWidget *m_formPage;
    QHash<QString, QWidget *> m_fields;
    QList<ConfigObject::Field> m_fieldList;
    KeyValueTable *m_keys;
    QPlainTextEdit *m_yaml;
    QLabel *m_yamlProblemLabel;
    ConfigConflictView *m_conflict;
    QPushButton *m_reloadButton;
    QPushButton *m_revertButton;
    QPushButton *m_saveButton;
};
