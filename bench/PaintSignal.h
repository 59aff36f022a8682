#pragma once

#include <QObject>

// Says when a widget (a view's viewport) received a paint event: installed as its event filter.
class PaintSignal final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void paintRequested(QObject *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};
