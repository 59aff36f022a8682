#pragma once

#include <QIcon>
#include <QWidget>

// A tab whose feature comes later: an icon, a title and a sentence saying what will be there.
class PlaceholderPage final : public QWidget
{
    Q_OBJECT

public:
    PlaceholderPage(const QIcon &icon, const QString &title, const QString &text, QWidget *parent = nullptr);
};
