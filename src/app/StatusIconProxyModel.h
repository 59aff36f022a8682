#pragma once

#include <QIdentityProxyModel>

#include <functional>

// A resource table as the window shows it: the first column carries a coloured dot for the object's
// status (Running, Stopped, Online…), and rows whose last fetch failed say why in their tool tip.
class StatusIconProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit StatusIconProxyModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Rows can be dragged when `provider` makes the drag's data for them (null: not draggable).
    using MimeProvider = std::function<QMimeData *(const QModelIndexList &indexes)>;
    void setMimeProvider(MimeProvider provider, const QStringList &mimeTypes);

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

private:
    MimeProvider m_mimeProvider;
    QStringList m_mimeTypes;
};
