#include "ConfigConflictView.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

#include <vector>

namespace {

// The lines of each side that are not part of a longest common subsequence of lines: what differs.
// Configuration objects are a few hundred lines at most, so the quadratic table is cheap.
void differingLines(const QStringList &left, const QStringList &right, QList<int> *leftOnly,
                    QList<int> *rightOnly)
{
    const int rows = int(left.size());
    const int columns = int(right.size());
    std::vector<std::vector<int>> common(size_t(rows) + 1, std::vector<int>(size_t(columns) + 1, 0));
    for (int i = rows - 1; i >= 0; --i) {
        for (int j = columns - 1; j >= 0; --j) {
            common[size_t(i)][size_t(j)] = left.at(i) == right.at(j)
                ? common[size_t(i) + 1][size_t(j) + 1] + 1
                : qMax(common[size_t(i) + 1][size_t(j)], common[size_t(i)][size_t(j) + 1]);
        }
    }
    int i = 0;
    int j = 0;
    while (i < rows && j < columns) {
        if (left.at(i) == right.at(j)) {
            ++i;
            ++j;
        } else if (common[size_t(i) + 1][size_t(j)] >= common[size_t(i)][size_t(j) + 1]) {
            leftOnly->append(i++);
        } else {
            rightOnly->append(j++);
        }
    }
    while (i < rows)
        leftOnly->append(i++);
    while (j < columns)
        rightOnly->append(j++);
}

void markLines(QPlainTextEdit *edit, const QList<int> &lines, const QColor &colour)
{
    QList<QTextEdit::ExtraSelection> selections;
    for (int line : lines) {
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(colour);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = QTextCursor(edit->document()->findBlockByNumber(line));
        selections.append(selection);
    }
    edit->setExtraSelections(selections);
}

QPlainTextEdit *makeSide(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

ConfigConflictView::ConfigConflictView(QWidget *parent)
    : QWidget(parent)
    , m_explanation(new QLabel(this))
    , m_mine(makeSide(QStringLiteral("mineYamlPlainTextEdit"), tr("Your version"), this))
    , m_theirs(makeSide(QStringLiteral("theirsYamlPlainTextEdit"), tr("The server's version"), this))
    , m_reload(new QPushButton(tr("&Take the Server's Version"), this))
    , m_overwrite(new QPushButton(tr("&Overwrite with Mine"), this))
    , m_keepEditing(new QPushButton(tr("&Keep Editing Mine"), this))
{
    m_explanation->setObjectName(QStringLiteral("conflictExplanationLabel"));
    m_explanation->setWordWrap(true);
    m_reload->setObjectName(QStringLiteral("conflictReloadPushButton"));
    m_reload->setToolTip(tr("Drop your changes and continue from what the server has now"));
    m_overwrite->setObjectName(QStringLiteral("conflictOverwritePushButton"));
    m_overwrite->setToolTip(tr("Save your version over the server's, undoing the other change"));
    m_keepEditing->setObjectName(QStringLiteral("conflictKeepEditingPushButton"));
    m_keepEditing->setToolTip(tr("Go back to your version; saving it later replaces the server's"));

    auto *mineTitle = new QLabel(tr("<b>Your version</b> (not saved)"), this);
    auto *theirsTitle = new QLabel(tr("<b>On the server now</b>"), this);
    auto *sides = new QGridLayout;
    sides->addWidget(mineTitle, 0, 0);
    sides->addWidget(theirsTitle, 0, 1);
    sides->addWidget(m_mine, 1, 0);
    sides->addWidget(m_theirs, 1, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_keepEditing);
    buttons->addStretch(1);
    buttons->addWidget(m_reload);
    buttons->addWidget(m_overwrite);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_explanation);
    layout->addLayout(sides, 1);
    layout->addLayout(buttons);

    // Both sides scroll together, so the marked lines stay face to face.
    connect(m_mine->verticalScrollBar(), &QScrollBar::valueChanged, m_theirs->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_theirs->verticalScrollBar(), &QScrollBar::valueChanged, m_mine->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_reload, &QPushButton::clicked, this, &ConfigConflictView::reloadRequested);
    connect(m_overwrite, &QPushButton::clicked, this, &ConfigConflictView::overwriteRequested);
    connect(m_keepEditing, &QPushButton::clicked, this, &ConfigConflictView::keepEditingRequested);
}

void ConfigConflictView::setVersions(const QString &what, const QString &mineYaml, const QString &theirsYaml)
{
    m_explanation->setText(tr("The %1 was changed on the server after you opened it. Your changes are not "
                              "saved yet. Lines that differ are marked.")
                               .arg(what));
    m_mine->setPlainText(mineYaml);
    m_theirs->setPlainText(theirsYaml);
    QList<int> mineOnly;
    QList<int> theirsOnly;
    differingLines(mineYaml.split(QLatin1Char('\n')), theirsYaml.split(QLatin1Char('\n')), &mineOnly,
                   &theirsOnly);
    markLines(m_mine, mineOnly, QColor(0x2e, 0x9d, 0x4e, 70));
    markLines(m_theirs, theirsOnly, QColor(0xd0, 0x8a, 0x10, 70));
}
