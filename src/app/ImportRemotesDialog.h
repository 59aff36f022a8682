#pragma once

#include "secrets/LxcConfigImporter.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

class SavedRemotes;

// Imports the remotes of the `lxc` CLI and of Incus (LxcConfigImporter): a preview of every remote found,
// what it will be called in Berth, where it is, and what is worth knowing (already in Berth, renamed
// because the name is taken, no pinned certificate, an image server). The user picks; the client
// certificate those servers trust is taken over into the keychain under its own name; lxc's and Incus's
// files are only read.
class ImportRemotesDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Column { NameColumn, OriginColumn, AddressColumn, NotesColumn, ColumnCount };

    ImportRemotesDialog(SavedRemotes *saved, const QList<Secrets::LxcConfigImporter::Source> &sources,
                        QWidget *parent = nullptr);
    ~ImportRemotesDialog() override;

    // Where lxc and Incus keep their configuration for this user (see LxcConfigImporter::findSources).
    static QList<Secrets::LxcConfigImporter::Source> defaultSources();

    QTreeWidget *previewList() const { return m_list; }
    QPushButton *importButton() const { return m_import; }
    // The item of the remote called `name` in lxc's list of `origin` (null when there is none).
    QTreeWidgetItem *itemFor(const QString &originalName) const;
    QString messageText() const;

Q_SIGNALS:
    void statusMessage(const QString &text);
    // Emitted once the chosen remotes were saved (they connect by themselves).
    void imported(const QStringList &names);

private:
    struct Candidate
    {
        int source = 0; // index into m_results
        Secrets::RemoteConfig config; // as it will be saved (renamed when needed)
        QString originalName;
    };

    void fill();
    void startImport();
    void importNextSource();
    void addRemotesOf(int source, const QString &identityName);
    void finish();

    SavedRemotes *m_saved;
    QList<Secrets::LxcConfigImporter::Result> m_results;
    QList<Candidate> m_candidates;
    QTreeWidget *m_list;
    QLabel *m_message;
    QPushButton *m_import;
    // While importing: the sources still to do, and what was added.
    QList<int> m_pendingSources;
    QStringList m_added;
    QStringList m_failures;
};
