#pragma once

#include "ResourceActions.h"

// The volumes of one storage pool: new (a custom volume, file system or block, with an optional size),
// edit, rename, delete. Volumes of instances and images come and go with them and are left alone.
class StorageVolumeActions final : public ResourceActions
{
    Q_OBJECT

public:
    StorageVolumeActions(QWidget *window, TaskListModel *tasks);

    // The pool whose volumes are shown (with setContext() for remote and project).
    void setPool(const QString &pool);
    QString pool() const { return m_pool; }

    QString noun(int count = 1) const override;
    QString displayName(const Target &target) const override;

protected:
    void createNew() override;
    void edit(const Target &target) override;
    Lxd::Job *startRename(const Target &target, const QString &newName) override;
    bool canRename(const Target &target) const override;
    Lxd::Job *startRemove(const Target &target) override;
    bool canRemove(const Target &target) const override;
    QString deleteDetails(const QList<Target> &targets) const override;
    void updateActions() override;

private:
    QString m_pool;
};
