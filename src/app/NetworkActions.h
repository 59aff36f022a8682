#pragma once

#include "ResourceActions.h"

// Networks: new (a bridge by default, with no address unless the user gives one), edit, rename,
// delete. Networks LXD does not manage (the host's own interfaces) are listed but left alone.
class NetworkActions final : public ResourceActions
{
    Q_OBJECT

public:
    NetworkActions(QWidget *window, TaskListModel *tasks);

    QString noun(int count = 1) const override;

protected:
    void createNew() override;
    void edit(const Target &target) override;
    Lxd::Job *startRename(const Target &target, const QString &newName) override;
    bool canRename(const Target &target) const override;
    Lxd::Job *startRemove(const Target &target) override;
    bool canRemove(const Target &target) const override;
    QString deleteDetails(const QList<Target> &targets) const override;
    void updateActions() override;
};
