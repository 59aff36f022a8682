#include "CreateInstancePage.h"

#include <QLabel>
#include <QVBoxLayout>

CreateInstancePage::CreateInstancePage(QWidget *parent)
    : QWizardPage(parent)
    , m_error(new QLabel(this))
{
    m_error->setObjectName(QStringLiteral("pageErrorLabel"));
    m_error->setAccessibleName(tr("Error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0x31, 0x31));
    m_error->setPalette(palette);
    m_error->hide();
}

void CreateInstancePage::addErrorLabel(QVBoxLayout *layout)
{
    layout->addWidget(m_error);
}

void CreateInstancePage::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void CreateInstancePage::clearError()
{
    showError({});
}

QString CreateInstancePage::errorText() const
{
    return m_error->text();
}
