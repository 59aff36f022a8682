#include "ConfigEditor.h"

#include "ConfigConflictView.h"
#include "InstanceActions.h"
#include "KeyValueTable.h"
#include "models/Remote.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QVBoxLayout>

namespace {

const QString Config = QStringLiteral("config");
const QString Devices = QStringLiteral("devices");

// Whether `word` appears in `text` on its own, not as part of a longer key or value.
bool containsWord(const QString &text, const QString &word)
{
    if (word.isEmpty())
        return false;
    const auto isPartOfWord = [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_')
            || c == QLatin1Char('-');
    };
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(word, from);
        if (at < 0)
            return false;
        const qsizetype end = at + word.size();
        const bool startsClean = at == 0 || !isPartOfWord(text.at(at - 1));
        const bool endsClean = end >= text.size() || !isPartOfWord(text.at(end))
            || (text.at(end) == QLatin1Char('.') && (end + 1 >= text.size() || text.at(end + 1).isSpace()));
        if (startsClean && endsClean)
            return true;
        from = at + 1;
    }
}

QColor errorColour()
{
    return QColor(0xe0, 0x31, 0x31);
}

} // namespace

ConfigEditor::ConfigEditor(const ConfigObject &object, QWidget *parent)
    : QWidget(parent)
    , m_object(object)
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_formPage(new QWidget(this))
    , m_keys(new KeyValueTable({tr("Key"), tr("Value")}, this))
    , m_yaml(new QPlainTextEdit(this))
    , m_yamlProblemLabel(new QLabel(this))
    , m_conflict(new ConfigConflictView(this))
    , m_reloadButton(new QPushButton(tr("Re&load"), this))
    , m_revertButton(new QPushButton(tr("Re&vert"), this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
{
    setObjectName(QStringLiteral("configEditor"));
    m_title->setObjectName(QStringLiteral("configTitleLabel"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setText(tr("<b>%1 “%2”</b>%3 on %4")
                         .arg(object.kindTitle().toHtmlEscaped(), object.name().toHtmlEscaped(),
                              object.projectName().isEmpty()
                                  ? QString()
                                  : tr(" in project “%1”").arg(object.projectName().toHtmlEscaped()),
                              object.remote() ? object.remote()->name().toHtmlEscaped() : QString()));
    m_message->setObjectName(QStringLiteral("configMessageLabel"));
    m_message->setAccessibleName(tr("Message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    buildForm();

    m_keys->setObjectName(QStringLiteral("configKeyTable"));
    m_keys->tableWidget()->setObjectName(QStringLiteral("configKeysTableWidget"));
    m_keys->tableWidget()->setAccessibleName(tr("Configuration keys"));
    m_keys->setQuietPrefix(QStringLiteral("volatile."));

    auto *yamlPage = new QWidget(this);
    m_yaml->setObjectName(QStringLiteral("configYamlPlainTextEdit"));
    m_yaml->setAccessibleName(tr("Configuration as YAML"));
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_yaml->setTabChangesFocus(true);
    m_yamlProblemLabel->setObjectName(QStringLiteral("yamlProblemLabel"));
    m_yamlProblemLabel->setAccessibleName(tr("YAML problem"));
    m_yamlProblemLabel->setWordWrap(true);
    QPalette problemPalette = m_yamlProblemLabel->palette();
    problemPalette.setColor(QPalette::WindowText, errorColour());
    m_yamlProblemLabel->setPalette(problemPalette);
    m_yamlProblemLabel->hide();
    auto *yamlLayout = new QVBoxLayout(yamlPage);
    yamlLayout->setContentsMargins(6, 6, 6, 6);
    yamlLayout->addWidget(m_yaml, 1);
    yamlLayout->addWidget(m_yamlProblemLabel);

    auto *keysPage = new QWidget(this);
    auto *keysLayout = new QVBoxLayout(keysPage);
    keysLayout->setContentsMargins(6, 6, 6, 6);
    keysLayout->addWidget(m_keys);

    auto *formScroll = new QScrollArea(this);
    formScroll->setWidget(m_formPage);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);

    m_tabs->setObjectName(QStringLiteral("configTabWidget"));
    m_tabs->addTab(formScroll, tr("&Form"));
    m_tabs->addTab(keysPage, tr("&Keys"));
    m_tabs->addTab(yamlPage, tr("&YAML"));
    m_conflict->setObjectName(QStringLiteral("configConflictView"));
    m_stack->addWidget(m_tabs);
    m_stack->addWidget(m_conflict);

    m_reloadButton->setObjectName(QStringLiteral("configReloadPushButton"));
    m_reloadButton->setToolTip(tr("Read the object from the server again"));
    m_revertButton->setObjectName(QStringLiteral("configRevertPushButton"));
    m_revertButton->setToolTip(tr("Drop your changes: back to the version read from the server"));
    m_saveButton->setObjectName(QStringLiteral("configSavePushButton"));
    m_saveButton->setToolTip(tr("Send your version to the server"));
    m_saveButton->setShortcut(QKeySequence::Save);
    m_saveButton->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reloadButton);
    buttons->addStretch(1);
    buttons->addWidget(m_revertButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addWidget(m_stack, 1);
    layout->addLayout(buttons);

    connect(m_keys, &KeyValueTable::edited, this, &ConfigEditor::onKeysEdited);
    connect(m_yaml, &QPlainTextEdit::textChanged, this, &ConfigEditor::onYamlEdited);
    connect(m_saveButton, &QPushButton::clicked, this, &ConfigEditor::save);
    connect(m_revertButton, &QPushButton::clicked, this, &ConfigEditor::revert);
    connect(m_conflict, &ConfigConflictView::reloadRequested, this, &ConfigEditor::takeServerVersion);
    connect(m_conflict, &ConfigConflictView::overwriteRequested, this, &ConfigEditor::overwriteServerVersion);
    connect(m_conflict, &ConfigConflictView::keepEditingRequested, this,
            &ConfigEditor::keepEditingOverServerVersion);

    updateControls();
    load();
}

ConfigEditor::~ConfigEditor()
{
    if (m_job)
        m_job->abandon();
}

void ConfigEditor::buildForm()
{
    auto *form = new QFormLayout(m_formPage);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_fieldList = m_object.commonFields();
    for (const ConfigObject::Field &field : std::as_const(m_fieldList)) {
        QWidget *widget = makeFieldWidget(field);
        auto *label = new QLabel(field.label, m_formPage);
        label->setBuddy(widget);
        label->setToolTip(field.topLevel ? field.toolTip : field.key);
        form->addRow(label, widget);
        m_fields.insert(field.key, widget);
    }
    auto *hint
        = new QLabel(tr("Every other key is on the Keys tab; devices and the rest of the object on the "
                        "YAML tab."),
                     m_formPage);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(hint);
}

QWidget *ConfigEditor::makeFieldWidget(const ConfigObject::Field &field)
{
    const QString objectName = QString(field.key).replace(QLatin1Char('.'), QLatin1Char('_'));
    if (field.type == ConfigObject::Field::Type::Boolean) {
        auto *box = new QComboBox(m_formPage);
        box->setObjectName(objectName + QStringLiteral("ComboBox"));
        box->addItem(tr("Not set (LXD's default)"), QString());
        box->addItem(tr("Yes"), QStringLiteral("true"));
        box->addItem(tr("No"), QStringLiteral("false"));
        box->setToolTip(field.toolTip);
        box->setAccessibleName(field.key);
        connect(box, &QComboBox::currentIndexChanged, this, [this, field] { onFieldEdited(field); });
        return box;
    }
    auto *edit = new QLineEdit(m_formPage);
    edit->setObjectName(objectName + QStringLiteral("LineEdit"));
    edit->setPlaceholderText(field.placeholder);
    edit->setToolTip(field.toolTip);
    edit->setAccessibleName(field.key);
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::textEdited, this, [this, field] { onFieldEdited(field); });
    return edit;
}

bool ConfigEditor::isDirty() const
{
    return m_edited != m_server || !m_yamlProblem.isNull();
}

void ConfigEditor::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    m_stack->setCurrentWidget(state == State::Conflict ? static_cast<QWidget *>(m_conflict) : m_tabs);
    updateControls();
    Q_EMIT stateChanged(state);
}

void ConfigEditor::setMessage(const QString &text, Tone tone)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    QPalette palette = this->palette();
    if (tone == Tone::Error)
        palette.setColor(QPalette::WindowText, errorColour());
    else if (tone == Tone::Success)
        palette.setColor(QPalette::WindowText, QColor(0x2e, 0x9d, 0x4e));
    m_message->setPalette(palette);
}

void ConfigEditor::updateControls()
{
    const bool dirty = isDirty();
    const bool editing = m_state == State::Editing;
    m_saveButton->setEnabled(editing && dirty);
    m_revertButton->setEnabled(editing && dirty);
    m_reloadButton->setEnabled(m_state != State::Loading && m_state != State::Saving);
    m_tabs->setEnabled(editing);
    const bool yamlReadable = m_yamlProblem.isNull();
    m_tabs->setTabEnabled(FormTab, yamlReadable);
    m_tabs->setTabEnabled(KeysTab, yamlReadable);
    const QString waiting = yamlReadable ? QString() : tr("Fix the YAML first: %1").arg(m_yamlProblem.text());
    m_tabs->setTabToolTip(FormTab, waiting);
    m_tabs->setTabToolTip(KeysTab, waiting);
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}

void ConfigEditor::load()
{
    if (m_job)
        m_job->abandon();
    if (!m_object.isValid()) {
        setState(State::Failed);
        setMessage(tr("The %1 cannot be edited: its server is gone.").arg(m_object.displayName()),
                   Tone::Error);
        return;
    }
    setState(State::Loading);
    setMessage(tr("Reading the %1…").arg(m_object.displayName()));
    Lxd::ApiJob *job = m_object.fetch();
    m_job = job;
    connect(job, &Lxd::Job::finished, this, [this, job] {
        if (job->error()) {
            setState(State::Failed);
            setMessage(tr("Could not read the %1: %2")
                           .arg(m_object.displayName(), InstanceActions::reason(job->error())),
                       Tone::Error);
            return;
        }
        setServerVersion(m_object.writablePart(job->metadata().toObject()), job->etag());
        m_yamlProblem = {};
        m_rejectedKey.clear();
        m_keys->clearMarks();
        m_edited = m_server;
        refreshForm();
        refreshKeys();
        m_updating = true;
        m_yaml->setPlainText(yamlText(m_edited));
        m_updating = false;
        showYamlProblem();
        setState(State::Editing);
        setMessage({});
        updateControls();
    });
}

void ConfigEditor::setServerVersion(const QJsonObject &object, const QByteArray &etag)
{
    m_server = object;
    m_etag = etag;
    updateControls();
}

void ConfigEditor::revert()
{
    if (m_state != State::Editing)
        return;
    m_yamlProblem = {};
    m_rejectedKey.clear();
    m_keys->clearMarks();
    m_edited = m_server;
    refreshForm();
    refreshKeys();
    m_updating = true;
    m_yaml->setPlainText(yamlText(m_edited));
    m_updating = false;
    showYamlProblem();
    setMessage(tr("Your changes were dropped."));
    updateControls();
}

QString ConfigEditor::yamlText(const QJsonObject &object) const
{
    return YamlConverter::toYaml(object, m_object.writableKeys());
}

QString ConfigEditor::fieldValue(const QJsonObject &object, const ConfigObject::Field &field)
{
    if (!field.topLevel)
        return object.value(Config).toObject().value(field.key).toString();
    const QJsonValue value = object.value(field.key);
    if (field.type == ConfigObject::Field::Type::List) {
        QStringList items;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            items.append(item.toString());
        return items.join(QLatin1String(", "));
    }
    return value.toString();
}

void ConfigEditor::setEdited(const QJsonObject &edited, QObject *source)
{
    m_edited = edited;
    if (source != m_formPage)
        refreshForm();
    if (source != m_keys)
        refreshKeys();
    if (source != m_yaml)
        refreshYaml();
    updateControls();
}

void ConfigEditor::refreshForm()
{
    m_updating = true;
    for (const ConfigObject::Field &field : std::as_const(m_fieldList)) {
        const QString value = fieldValue(m_edited, field);
        QWidget *widget = m_fields.value(field.key);
        if (auto *edit = qobject_cast<QLineEdit *>(widget)) {
            if (edit->text() != value)
                edit->setText(value);
        } else if (auto *box = qobject_cast<QComboBox *>(widget)) {
            int index = box->findData(value);
            if (index < 0) {
                // A value LXD takes that is neither true nor false ("1", "on"): shown as it is.
                box->addItem(value, value);
                index = box->count() - 1;
            }
            box->setCurrentIndex(index);
        }
    }
    m_updating = false;
}

void ConfigEditor::refreshKeys()
{
    const QJsonObject config = m_edited.value(Config).toObject();
    QStringList keys = config.keys();
    // The user's keys first; LXD's own bookkeeping after.
    std::stable_sort(keys.begin(), keys.end(), [](const QString &left, const QString &right) {
        const bool leftVolatile = left.startsWith(QLatin1String("volatile."));
        const bool rightVolatile = right.startsWith(QLatin1String("volatile."));
        if (leftVolatile != rightVolatile)
            return rightVolatile;
        return left < right;
    });
    QList<QStringList> rows;
    for (const QString &key : std::as_const(keys))
        rows.append({key, config.value(key).toString()});
    m_updating = true;
    m_keys->setRows(rows);
    m_updating = false;
    if (!m_rejectedKey.isEmpty())
        m_keys->markRow({m_rejectedKey}, m_message->text());
}

void ConfigEditor::refreshYaml()
{
    // Leave the user's text alone (comments, order) when it already says the same.
    YamlConverter::Problem problem;
    const QJsonObject shown = YamlConverter::fromYaml(m_yaml->toPlainText(), &problem, m_server);
    if (problem.isNull() && shown == m_edited)
        return;
    m_updating = true;
    m_yaml->setPlainText(yamlText(m_edited));
    m_updating = false;
    m_yamlProblem = {};
    showYamlProblem();
}

void ConfigEditor::onFieldEdited(const ConfigObject::Field &field)
{
    if (m_updating || m_state != State::Editing)
        return;
    QWidget *widget = m_fields.value(field.key);
    QString value;
    if (auto *edit = qobject_cast<QLineEdit *>(widget))
        value = edit->text();
    else if (auto *box = qobject_cast<QComboBox *>(widget))
        value = box->currentData().toString();
    widget->setStyleSheet(QString());
    QJsonObject edited = m_edited;
    if (!field.topLevel) {
        QJsonObject config = edited.value(Config).toObject();
        // An empty value unsets the key, as `lxc config unset` does.
        if (value.trimmed().isEmpty())
            config.remove(field.key);
        else
            config.insert(field.key, value.trimmed());
        edited.insert(Config, config);
    } else if (field.type == ConfigObject::Field::Type::List) {
        QJsonArray items;
        const QStringList parts = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            if (!part.trimmed().isEmpty())
                items.append(part.trimmed());
        }
        edited.insert(field.key, items);
    } else {
        edited.insert(field.key, value);
    }
    setEdited(edited, m_formPage);
}

void ConfigEditor::onKeysEdited()
{
    if (m_updating || m_state != State::Editing)
        return;
    QJsonObject config;
    const QList<QStringList> rows = m_keys->rows();
    for (const QStringList &row : rows)
        config.insert(row.value(0).trimmed(), row.value(1));
    QJsonObject edited = m_edited;
    edited.insert(Config, config);
    setEdited(edited, m_keys);
}

void ConfigEditor::onYamlEdited()
{
    if (m_updating || m_state != State::Editing)
        return;
    YamlConverter::Problem problem;
    const QJsonObject parsed = YamlConverter::fromYaml(m_yaml->toPlainText(), &problem, m_server);
    m_yamlProblem = problem;
    showYamlProblem();
    if (problem.isNull())
        setEdited(parsed, m_yaml);
    else
        updateControls();
}

void ConfigEditor::showYamlProblem()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_yamlProblem.isNull()) {
        m_yamlProblemLabel->clear();
        m_yamlProblemLabel->hide();
    } else {
        m_yamlProblemLabel->setText(tr("Not valid YAML. %1").arg(m_yamlProblem.text()));
        m_yamlProblemLabel->show();
        if (m_yamlProblem.line > 0) {
            QTextEdit::ExtraSelection selection;
            selection.format.setBackground(QColor(0xe0, 0x31, 0x31, 60));
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selection.cursor = QTextCursor(m_yaml->document()->findBlockByNumber(m_yamlProblem.line - 1));
            selections.append(selection);
        }
    }
    m_yaml->setExtraSelections(selections);
}

void ConfigEditor::save()
{
    if (m_state != State::Editing)
        return;
    if (!m_yamlProblem.isNull()) {
        m_tabs->setCurrentIndex(YamlTab);
        if (m_yamlProblem.line > 0) {
            QTextCursor cursor(m_yaml->document()->findBlockByNumber(m_yamlProblem.line - 1));
            m_yaml->setTextCursor(cursor);
        }
        m_yaml->setFocus();
        setMessage(tr("Nothing was saved: the YAML cannot be read. %1").arg(m_yamlProblem.text()),
                   Tone::Error);
        return;
    }
    m_rejectedKey.clear();
    m_keys->clearMarks();
    for (QWidget *widget : std::as_const(m_fields))
        widget->setStyleSheet(QString());
    setState(State::Saving);
    setMessage(tr("Saving the %1…").arg(m_object.displayName()));
    Lxd::Job *job = m_object.put(m_edited, m_etag);
    m_job = job;
    connect(job, &Lxd::Job::finished, this, &ConfigEditor::onSaveFinished);
}

void ConfigEditor::onSaveFinished(Lxd::Job *job)
{
    const Lxd::Error error = job->error();
    if (error.isConflict()) {
        // Read what the server has now, to show both versions.
        Lxd::ApiJob *fetch = m_object.fetch();
        m_job = fetch;
        connect(fetch, &Lxd::Job::finished, this, [this, fetch] {
            if (fetch->error()) {
                setState(State::Editing);
                setMessage(
                    tr("Not saved: the %1 changed on the server meanwhile, and could not be read again: "
                       "%2. Your changes are kept.")
                        .arg(m_object.displayName(), InstanceActions::reason(fetch->error())),
                    Tone::Error);
                return;
            }
            m_theirs = m_object.writablePart(fetch->metadata().toObject());
            m_theirsEtag = fetch->etag();
            showConflict();
        });
        return;
    }
    if (error) {
        setState(State::Editing);
        pointAtRejectedKey(InstanceActions::reason(error));
        return;
    }
    // Read it back: the new ETag, and what LXD made of the values.
    Lxd::ApiJob *fetch = m_object.fetch();
    m_job = fetch;
    connect(fetch, &Lxd::Job::finished, this, [this, fetch] {
        if (fetch->error()) {
            // The old ETag stays: a later save finds out about any change as a conflict.
            m_server = m_edited;
            setState(State::Editing);
            setMessage(tr("Saved, but the %1 could not be read back: %2")
                           .arg(m_object.displayName(), InstanceActions::reason(fetch->error())),
                       Tone::Error);
        } else {
            setServerVersion(m_object.writablePart(fetch->metadata().toObject()), fetch->etag());
            m_edited = m_server;
            refreshForm();
            refreshKeys();
            refreshYaml();
            setState(State::Editing);
            setMessage(tr("Saved."), Tone::Success);
        }
        updateControls();
        Q_EMIT statusMessage(tr("Saved the %1").arg(m_object.displayName()));
        Q_EMIT saved();
    });
}

void ConfigEditor::showConflict()
{
    m_conflict->setVersions(m_object.displayName(), yamlText(m_edited), yamlText(m_theirs));
    setState(State::Conflict);
    setMessage(tr("Not saved: the %1 changed on the server after you opened it.").arg(m_object.displayName()),
               Tone::Error);
}

void ConfigEditor::takeServerVersion()
{
    if (m_state != State::Conflict)
        return;
    setServerVersion(m_theirs, m_theirsEtag);
    m_edited = m_theirs;
    m_yamlProblem = {};
    refreshForm();
    refreshKeys();
    refreshYaml();
    setState(State::Editing);
    setMessage(tr("This is the server's version now; your changes were dropped."));
    updateControls();
}

void ConfigEditor::overwriteServerVersion()
{
    if (m_state != State::Conflict)
        return;
    setServerVersion(m_theirs, m_theirsEtag);
    setState(State::Editing);
    save();
}

void ConfigEditor::keepEditingOverServerVersion()
{
    if (m_state != State::Conflict)
        return;
    // The server's version becomes the base: saving now replaces it, knowingly.
    setServerVersion(m_theirs, m_theirsEtag);
    setState(State::Editing);
    setMessage(tr("Your version is kept. Saving it replaces the server's current version."));
    updateControls();
}

QString ConfigEditor::findRejectedKey(const QString &serverMessage) const
{
    const QJsonObject config = m_edited.value(Config).toObject();
    const QJsonObject before = m_server.value(Config).toObject();
    // A key the message names; longer keys first, so "limits.memory.swap" wins over "limits.memory".
    QStringList keys = config.keys();
    std::sort(keys.begin(), keys.end(),
              [](const QString &left, const QString &right) { return left.size() > right.size(); });
    for (const QString &key : std::as_const(keys)) {
        if (containsWord(serverMessage, key))
            return key;
    }
    // LXD 5.0 often says only "Invalid value: abc": the changed key whose value it quotes.
    QStringList changed;
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.append(it.key());
    }
    for (const QString &key : std::as_const(changed)) {
        if (containsWord(serverMessage, config.value(key).toString()))
            return key;
    }
    if (changed.size() == 1)
        return changed.first();
    return {};
}

void ConfigEditor::pointAtRejectedKey(const QString &serverMessage)
{
    const QString key = findRejectedKey(serverMessage);
    m_rejectedKey = key;
    QStringList path;
    if (!key.isEmpty()) {
        path = QStringList {Config, key};
        const QString value = m_edited.value(Config).toObject().value(key).toString();
        setMessage(tr("Nothing was saved: LXD did not accept “%1” = “%2”: %3").arg(key, value, serverMessage),
                   Tone::Error);
        m_keys->markRow({key}, serverMessage);
        if (QWidget *field = m_fields.value(key)) {
            field->setStyleSheet(QStringLiteral("border: 1px solid %1;").arg(errorColour().name()));
            field->setToolTip(serverMessage);
            if (m_tabs->currentIndex() == FormTab)
                field->setFocus();
        } else if (m_tabs->currentIndex() == FormTab) {
            m_tabs->setCurrentIndex(KeysTab);
        }
    } else {
        // A device LXD names ("Device validation failed for "root"").
        const QJsonObject devices = m_edited.value(Devices).toObject();
        for (auto it = devices.begin(); it != devices.end() && path.isEmpty(); ++it) {
            if (serverMessage.contains(QStringLiteral("\"%1\"").arg(it.key())))
                path = QStringList {Devices, it.key()};
        }
        if (!path.isEmpty()) {
            setMessage(tr("Nothing was saved: LXD did not accept the device “%1”: %2")
                           .arg(path.last(), serverMessage),
                       Tone::Error);
            m_tabs->setCurrentIndex(YamlTab);
        } else {
            setMessage(tr("Nothing was saved: LXD did not accept the %1: %2")
                           .arg(m_object.displayName(), serverMessage),
                       Tone::Error);
        }
    }
    // The YAML view points at the line too.
    const int line = path.isEmpty() ? 0 : YamlConverter::lineOf(m_yaml->toPlainText(), path);
    if (line > 0) {
        QTextCursor cursor(m_yaml->document()->findBlockByNumber(line - 1));
        m_yaml->setTextCursor(cursor);
        QTextEdit::ExtraSelection selection;
        selection.format.setBackground(QColor(0xe0, 0x31, 0x31, 60));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selection.cursor = cursor;
        m_yaml->setExtraSelections({selection});
    }
}
