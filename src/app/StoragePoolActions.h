#pragma once

#include "ResourceActions.h"

// Storage pools: new (a driver and its source), edit, delete. LXD cannot rename a pool, so there is no
// rename. Their volumes have their own actions (StorageVolumeActions).
class StoragePoolActions final : public ResourceActions
{
    Q_OBJECT

public:
    StoragePoolActions(QWidget *window, TaskListModel *tasks);

    QString noun(int count = 1) const override;

protected:
    void createNew() override;
    void edit(const Target &target) override;
    bool canRename(const Target &target) const override;
    Lxd::Job *startRemove(const Target &target) override;
    QString deleteDetails(const QList<Target> &targets) const override;
    void updateActions() override;
};
