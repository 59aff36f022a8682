#include "PlaceholderPage.h"

#include <QLabel>
#include <QVBoxLayout>

PlaceholderPage::PlaceholderPage(const QIcon &icon, const QString &title, const QString &text,
                                 QWidget *parent)
    : QWidget(parent)
{
    auto *iconLabel = new QLabel(this);
    iconLabel->setPixmap(icon.pixmap(48, 48));
    iconLabel->setAlignment(Qt::AlignCenter);
    auto *titleLabel = new QLabel(title, this);
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    titleLabel->setAlignment(Qt::AlignCenter);
    auto *textLabel = new QLabel(text, this);
    textLabel->setObjectName(QStringLiteral("placeholderTextLabel"));
    textLabel->setWordWrap(true);
    textLabel->setAlignment(Qt::AlignCenter);
    // A role, not a colour: it follows the palette when the theme changes.
    textLabel->setForegroundRole(QPalette::PlaceholderText);
    setAccessibleName(title);
    setAccessibleDescription(text);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(iconLabel);
    layout->addWidget(titleLabel);
    layout->addWidget(textLabel);
    layout->addStretch(2);
}
