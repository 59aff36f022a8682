#pragma once

#include "ResourceActions.h"

// Profiles: new (name and description), edit (the configuration editor), rename, delete. The default
// profile can be edited but neither renamed nor deleted, as LXD says.
class ProfileActions final : public ResourceActions
{
    Q_OBJECT

public:
    ProfileActions(QWidget *window, TaskListModel *tasks);

    QString noun(int count = 1) const override;

protected:
    void createNew() override;
    void edit(const Target &target) override;
    Lxd::Job *startRename(const Target &target, const QString &newName) override;
    bool canRename(const Target &target) const override;
    Lxd::Job *startRemove(const Target &target) override;
    bool canRemove(const Target &target) const override;
    QString deleteDetails(const QList<Target> &targets) const override;
};
