#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

// What the editor shows when the object changed on the server while it was being edited: the user's
// version and the server's, side by side as YAML with the lines that differ marked, and the ways on:
// take the server's version (dropping the edits), overwrite it with the user's, or go on editing the
// user's version on top of the server's.
class ConfigConflictView final : public QWidget
{
    Q_OBJECT

public:
    explicit ConfigConflictView(QWidget *parent = nullptr);

    void setVersions(const QString &what, const QString &mineYaml, const QString &theirsYaml);

    QPlainTextEdit *mineEdit() const { return m_mine; }
    QPlainTextEdit *theirsEdit() const { return m_theirs; }
    QPushButton *reloadButton() const { return m_reload; }
    QPushButton *overwriteButton() const { return m_overwrite; }
    QPushButton *keepEditingButton() const { return m_keepEditing; }

Q_SIGNALS:
    void reloadRequested();
    void overwriteRequested();
    void keepEditingRequested();

private:
    QLabel *m_explanation;
    QPlainTextEdit *m_mine;
    QPlainTextEdit *m_theirs;
    QPushButton *m_reload;
    QPushButton *m_overwrite;
    QPushButton *m_keepEditing;
};
