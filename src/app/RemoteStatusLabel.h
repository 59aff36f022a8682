#pragma once

#include "models/Remote.h"

#include <QPointer>
#include <QWidget>

class QLabel;

// One remote in the status bar: a coloured dot and "local: Connected", "local: Reconnecting: …",
// with the endpoint and the full reason in the tool tip.
class RemoteStatusLabel final : public QWidget
{
    Q_OBJECT

public:
    explicit RemoteStatusLabel(Models::Remote *remote, QWidget *parent = nullptr);

    Models::Remote *remote() const { return m_remote; }
    QString text() const;

private:
    void update();

    QPointer<Models::Remote> m_remote;
    QLabel *m_icon;
    QLabel *m_text;
};
