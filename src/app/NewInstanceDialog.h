#pragma once

#include <QDialog>
#include <QPointer>

#include <memory>

class QPushButton;

namespace Models {
class Remote;
class ResourceCache;
} // namespace Models

namespace Ui {
class NewInstanceDialog;
}

// A quick way to a new instance: a name, one of the project's images, container or VM, and whether to
// start it. (The full create wizard, with profiles, storage, network and limits, comes with its own
// issue.) Errors stay in the dialog, next to what caused them; the new row appears in the table from
// the daemon's event.
class NewInstanceDialog final : public QDialog
{
    Q_OBJECT

public:
    NewInstanceDialog(Models::Remote *remote, const QString &project, QWidget *parent = nullptr);
    ~NewInstanceDialog() override;

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void fillImages();
    void create();
    void startCreated(const QString &name);
    void setBusy(bool busy, const QString &message);
    void showError(const QString &text);

    std::unique_ptr<Ui::NewInstanceDialog> m_ui;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    QPointer<Models::ResourceCache> m_images;
    QPushButton *m_createButton;
};
