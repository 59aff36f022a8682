#pragma once

#include <QIdentityProxyModel>

// A resource table as the window shows it: the first column carries a coloured dot for the object's
// status (Running, Stopped, Online…), and rows whose last fetch failed say why in their tool tip.
class StatusIconProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit StatusIconProxyModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};
