#include "CreateInstanceReviewPage.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

namespace {

// The order `lxc init` users know from `lxc config show`.
const QStringList RequestKeyOrder {QStringLiteral("name"),     QStringLiteral("description"),
                                   QStringLiteral("type"),     QStringLiteral("source"),
                                   QStringLiteral("profiles"), QStringLiteral("config"),
                                   QStringLiteral("devices"),  QStringLiteral("ephemeral")};

} // namespace

CreateInstanceReviewPage::CreateInstanceReviewPage(QWidget *parent)
    : CreateInstancePage(parent)
    , m_summary(new QLabel(this))
    , m_yaml(new QPlainTextEdit(this))
    , m_problem(new QLabel(this))
    , m_rebuild(new QPushButton(tr("&Rebuild from the Other Pages"), this))
    , m_start(new QCheckBox(tr("&Start the instance once it is created"), this))
    , m_progressBar(new QProgressBar(this))
    , m_progressLabel(new QLabel(this))
{
    setTitle(tr("Review"));
    setSubTitle(tr("The request sent to LXD. Edit it if you like: what is written here is what is sent."));
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_yaml->setObjectName(QStringLiteral("requestYamlPlainTextEdit"));
    m_yaml->setAccessibleName(tr("Request as YAML"));
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_yaml->setTabChangesFocus(true);
    m_problem->setObjectName(QStringLiteral("requestProblemLabel"));
    m_problem->setWordWrap(true);
    QPalette palette = m_problem->palette();
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0x31, 0x31));
    m_problem->setPalette(palette);
    m_problem->hide();
    m_rebuild->setObjectName(QStringLiteral("rebuildPushButton"));
    m_rebuild->setToolTip(tr("Drop your edits here and show the request the other pages make"));
    m_rebuild->setEnabled(false);
    m_start->setObjectName(QStringLiteral("startCheckBox"));
    m_start->setChecked(true);
    m_progressBar->setObjectName(QStringLiteral("progressBar"));
    m_progressBar->hide();
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progressLabel->setWordWrap(true);
    m_progressLabel->hide();

    auto *row = new QHBoxLayout;
    row->addWidget(m_start);
    row->addStretch(1);
    row->addWidget(m_rebuild);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_yaml, 1);
    layout->addWidget(m_problem);
    layout->addLayout(row);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progressBar);
    addErrorLabel(layout);

    connect(m_yaml, &QPlainTextEdit::textChanged, this, &CreateInstanceReviewPage::onYamlEdited);
    connect(m_rebuild, &QPushButton::clicked, this, &CreateInstanceReviewPage::rebuild);
}

void CreateInstanceReviewPage::addTo(QJsonObject &body) const
{
    Q_UNUSED(body) // this page shows the request; it adds nothing of its own
}

void CreateInstanceReviewPage::setGenerated(const QJsonObject &body, const QString &summary)
{
    m_generated = body;
    m_summary->setText(summary);
    if (!m_edited) {
        m_settingText = true;
        m_yaml->setPlainText(YamlConverter::toYaml(body, RequestKeyOrder));
        m_settingText = false;
        showYamlProblem({});
    }
}

void CreateInstanceReviewPage::rebuild()
{
    m_edited = false;
    m_rebuild->setEnabled(false);
    clearError();
    setGenerated(m_generated, m_summary->text());
}

void CreateInstanceReviewPage::onYamlEdited()
{
    if (m_settingText)
        return;
    m_edited = true;
    m_rebuild->setEnabled(true);
    clearError();
    YamlConverter::Problem problem;
    YamlConverter::fromYaml(m_yaml->toPlainText(), &problem, m_generated);
    showYamlProblem(problem);
}

QJsonObject CreateInstanceReviewPage::request(YamlConverter::Problem *problem) const
{
    return YamlConverter::fromYaml(m_yaml->toPlainText(), problem, m_generated);
}

void CreateInstanceReviewPage::showYamlProblem(const YamlConverter::Problem &problem)
{
    m_problem->setText(problem.isNull() ? QString() : tr("Not valid YAML. %1").arg(problem.text()));
    m_problem->setVisible(!problem.isNull());
    QList<QTextEdit::ExtraSelection> selections;
    if (problem.line > 0) {
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(QColor(0xe0, 0x31, 0x31, 60));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(m_yaml->document()->findBlockByNumber(problem.line - 1));
        selections.append(selection);
    }
    m_yaml->setExtraSelections(selections);
}

bool CreateInstanceReviewPage::startAfterCreate() const
{
    return m_start->isChecked();
}

void CreateInstanceReviewPage::setBusy(bool busy)
{
    m_yaml->setReadOnly(busy);
    m_start->setEnabled(!busy);
    m_rebuild->setEnabled(!busy && m_edited);
    m_progressBar->setVisible(busy);
    m_progressLabel->setVisible(busy || !m_progressLabel->text().isEmpty());
}

void CreateInstanceReviewPage::setProgress(const QString &text, int percent)
{
    m_progressLabel->setText(text);
    m_progressLabel->setVisible(!text.isEmpty());
    if (percent < 0) {
        m_progressBar->setRange(0, 0);
    } else {
        m_progressBar->setRange(0, 100);
        m_progressBar->setValue(percent);
    }
}
