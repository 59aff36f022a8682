#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Asks what to import as an image: a unified tarball, or a split image's metadata tarball and its root
// file system; aliases to give it; whether it is public. The files are chosen with the desktop's file
// dialog (opened asynchronously) or typed.
class ImageImportDialog final : public QDialog
{
    Q_OBJECT

public:
    ImageImportDialog(QWidget *parent, const QString &where);

    QString imagePath() const;
    QString rootfsPath() const; // empty for a unified tarball
    QStringList aliases() const;
    bool isPublic() const;
    void setImagePath(const QString &path);
    void setRootfsPath(const QString &path);
    void setAliases(const QString &aliases);
    void setPublic(bool isPublic);

    // Checks that the files exist and can be read; the dialog closes with Accepted only then.
    void accept() override;

private:
    void browse(QLineEdit *target, const QString &title);

    QLineEdit *m_image;
    QLineEdit *m_rootfs;
    QLineEdit *m_aliases;
    QCheckBox *m_public;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
