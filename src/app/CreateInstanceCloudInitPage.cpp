#include "CreateInstanceCloudInitPage.h"

#include "YamlConverter.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace {

const QString UserDataKey = QStringLiteral("cloud-init.user-data");

} // namespace

CreateInstanceCloudInitPage::CreateInstanceCloudInitPage(QWidget *parent)
    : CreateInstancePage(parent)
    , m_userData(new QPlainTextEdit(this))
    , m_problem(new QLabel(this))
{
    setTitle(tr("cloud-init"));
    setSubTitle(tr("User data for images that run cloud-init at their first boot (LXD's %1). Leave it "
                   "empty for images without cloud-init, such as busybox.")
                    .arg(UserDataKey));
    m_userData->setObjectName(QStringLiteral("userDataPlainTextEdit"));
    m_userData->setAccessibleName(tr("cloud-init user data"));
    m_userData->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_userData->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_userData->setTabChangesFocus(true);
    m_userData->setPlaceholderText(QStringLiteral("#cloud-config\npackages:\n  - nginx\n"));
    m_problem->setObjectName(QStringLiteral("userDataProblemLabel"));
    m_problem->setWordWrap(true);
    QPalette palette = m_problem->palette();
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0x31, 0x31));
    m_problem->setPalette(palette);
    m_problem->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_userData, 1);
    layout->addWidget(m_problem);
    addErrorLabel(layout);
    connect(m_userData, &QPlainTextEdit::textChanged, this, &CreateInstanceCloudInitPage::check);
}

void CreateInstanceCloudInitPage::check()
{
    clearError();
    const QString text = m_userData->toPlainText();
    YamlConverter::Problem problem;
    // Only a #cloud-config document is YAML; a script (#!) is taken as it is.
    if (text.startsWith(QLatin1String("#cloud-config")))
        YamlConverter::fromYaml(text, &problem);
    m_valid = problem.isNull();
    m_problem->setText(m_valid ? QString() : tr("This is not valid YAML. %1").arg(problem.text()));
    m_problem->setVisible(!m_valid);
    Q_EMIT completeChanged();
}

bool CreateInstanceCloudInitPage::isComplete() const
{
    return m_valid;
}

void CreateInstanceCloudInitPage::addTo(QJsonObject &body) const
{
    const QString text = m_userData->toPlainText();
    if (text.trimmed().isEmpty())
        return;
    QJsonObject config = body.value(QLatin1String("config")).toObject();
    config.insert(UserDataKey, text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n'));
    body.insert(QStringLiteral("config"), config);
}
