#include "PaintSignal.h"

#include <QEvent>

bool PaintSignal::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint)
        Q_EMIT paintRequested(watched);
    return false;
}
