#include "ResourceListWidget.h"

#include "Icons.h"
#include "StatusIconProxyModel.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTableModel.h"
#include "ui_ResourceListWidget.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QSet>

using Models::ResourceStore;
using Models::ResourceTableModel;

namespace {

// How long the status and type choices wait after a row changed, gathering the changes of a burst.
constexpr int ChoicesAfterChangeMs = 250;

// Filter choices read better as words than as LXD's raw values.
QString typeLabel(const QString &type)
{
    if (type == QLatin1String("container"))
        return ResourceListWidget::tr("Containers");
    if (type == QLatin1String("virtual-machine"))
        return ResourceListWidget::tr("Virtual machines");
    if (type.isEmpty())
        return type;
    return type.at(0).toUpper() + type.mid(1);
}

} // namespace

ResourceListWidget::ResourceListWidget(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ResourceListWidget>())
    , m_filter(new Models::ResourceFilterProxyModel(this))
    , m_decorated(new StatusIconProxyModel(this))
{
    m_ui->setupUi(this);
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->searchLineEdit->addAction(Icons::glyph(Icons::Glyph::Search), QLineEdit::LeadingPosition);
    // A role, not a colour: it follows the palette when the theme changes.
    m_ui->messageLabel->setForegroundRole(QPalette::PlaceholderText);

    m_decorated->setSourceModel(m_filter);
    QTableView *view = m_ui->resourceTableView;
    view->setModel(m_decorated);
    view->horizontalHeader()->setSectionsMovable(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->setIconSize(QSize(12, 12));
    view->sortByColumn(0, Qt::AscendingOrder);

    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResourceListWidget::selectionChanged);
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ResourceListWidget::selectionChanged);
    // The header's menu shows and hides columns, as in every file manager.
    view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this, view](const QPoint &position) {
                QHeaderView *header = view->horizontalHeader();
                auto *menu = new QMenu(this);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                for (int column = 0; column < header->count(); ++column) {
                    QAction *action
                        = menu->addAction(m_decorated->headerData(column, Qt::Horizontal).toString());
                    action->setCheckable(true);
                    action->setChecked(!header->isSectionHidden(column));
                    // The first column names the object: it always stays.
                    action->setEnabled(column != 0);
                    connect(action, &QAction::toggled, header,
                            [header, column](bool shown) { header->setSectionHidden(column, !shown); });
                }
                menu->popup(header->viewport()->mapToGlobal(position));
            });
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &position) {
        Q_EMIT contextMenuRequested(view->viewport()->mapToGlobal(position));
    });
    connect(view, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT activated(toSource(index)); });

    connect(m_ui->searchLineEdit, &QLineEdit::textChanged, m_filter,
            &Models::ResourceFilterProxyModel::setSearchText);
    connect(m_ui->statusFilterComboBox, &QComboBox::currentIndexChanged, this,
            &ResourceListWidget::applyFilters);
    connect(m_ui->typeFilterComboBox, &QComboBox::currentIndexChanged, this,
            &ResourceListWidget::applyFilters);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &ResourceListWidget::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ResourceListWidget::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ResourceListWidget::updateCount);

    // Which rows are on screen decides what the cache polls; recomputed once per burst of changes.
    m_refreshVisible.setSingleShot(true);
    m_refreshVisible.setInterval(100);
    connect(&m_refreshVisible, &QTimer::timeout, this, &ResourceListWidget::updateVisibleRows);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, &m_refreshVisible,
            qOverload<>(&QTimer::start));
    connect(m_filter, &QAbstractItemModel::rowsInserted, &m_refreshVisible, qOverload<>(&QTimer::start));
    connect(m_filter, &QAbstractItemModel::layoutChanged, &m_refreshVisible, qOverload<>(&QTimer::start));

    m_refreshChoices.setSingleShot(true);
    m_refreshChoices.setInterval(0);
    connect(&m_refreshChoices, &QTimer::timeout, this, &ResourceListWidget::updateFilterChoices);

    setModel(nullptr, QString(), QString(), QString());
}

ResourceListWidget::~ResourceListWidget() = default;

QTableView *ResourceListWidget::tableView() const
{
    return m_ui->resourceTableView;
}

void ResourceListWidget::setModel(ResourceTableModel *model, const QString &title, const QString &noun,
                                  const QString &oneNoun, const QString &emptyText)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    m_model = model;
    m_noun = noun;
    m_oneNoun = oneNoun;
    m_emptyText = emptyText;
    m_headerRestored = false;
    m_columnsSized = false;
    m_ui->titleLabel->setText(title);
    m_ui->searchLineEdit->setPlaceholderText(noun.isEmpty() ? tr("Search") : tr("Search %1").arg(noun));
    m_ui->searchLineEdit->clear();
    m_filter->setStatusFilter({});
    m_filter->setTypeFilter({});
    m_filter->setSourceModel(model);
    m_ui->searchLineEdit->setEnabled(model);

    if (model) {
        const auto refreshChoices = [this] {
            m_refreshChoices.start(0);
        };
        // Rows change one by one (each running instance's state, each event): the choices, which
        // take a look at every row, follow once per burst rather than once per row.
        const auto refreshChoicesSoon = [this] {
            if (!m_refreshChoices.isActive())
                m_refreshChoices.start(ChoicesAfterChangeMs);
        };
        m_modelConnections << connect(model, &QAbstractItemModel::rowsInserted, this, refreshChoices)
                           << connect(model, &QAbstractItemModel::rowsRemoved, this, refreshChoices)
                           << connect(model, &QAbstractItemModel::dataChanged, this, refreshChoicesSoon)
                           << connect(model, &QAbstractItemModel::modelReset, this, refreshChoices)
                           << connect(model, &QAbstractItemModel::rowsInserted, this,
                                      &ResourceListWidget::updateMessage)
                           << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                      &ResourceListWidget::updateMessage);
        if (ResourceStore *store = model->store())
            m_modelConnections << connect(store, &ResourceStore::stateChanged, this,
                                          &ResourceListWidget::updateMessage);
    }
    updateFilterChoices();
    updateMessage();
    updateCount();
    m_refreshVisible.start();
}

void ResourceListWidget::updateMessage()
{
    QString message;
    if (!m_model) {
        message = m_emptyText.isEmpty() ? tr("Choose a remote, a project and a kind of object on the left.")
                                        : m_emptyText;
    } else if (m_model->rowCount() == 0) {
        const ResourceStore *store = m_model->store();
        const ResourceStore::State state = store ? store->state() : ResourceStore::State::Ready;
        if (state == ResourceStore::State::Failed)
            message = tr("Could not list the %1.\n%2").arg(m_noun, store->lastError().userMessage());
        else if (state == ResourceStore::State::Ready)
            message = m_emptyText.isEmpty() ? tr("There are no %1 here.").arg(m_noun) : m_emptyText;
        else
            message = tr("Loading %1…").arg(m_noun);
    }
    m_ui->messageLabel->setText(message);
    m_ui->contentStackedWidget->setCurrentWidget(message.isEmpty()
                                                     ? static_cast<QWidget *>(m_ui->resourceTableView)
                                                     : static_cast<QWidget *>(m_ui->messageLabel));
    if (message.isEmpty() && !m_columnsSized && !m_headerRestored && m_model && m_model->rowCount() > 0) {
        // First rows of a table never arranged before: fit the columns to what they hold.
        m_columnsSized = true;
        m_ui->resourceTableView->resizeColumnsToContents();
        QHeaderView *header = m_ui->resourceTableView->horizontalHeader();
        for (int column = 0; column < header->count(); ++column)
            header->resizeSection(column, qBound(60, header->sectionSize(column) + 16, 320));
    }
}

void ResourceListWidget::updateCount()
{
    if (!m_model) {
        m_ui->countLabel->clear();
        return;
    }
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    if (shown == total)
        m_ui->countLabel->setText(tr("%1 %2").arg(total).arg(total == 1 ? m_oneNoun : m_noun));
    else
        m_ui->countLabel->setText(tr("%1 of %2 %3").arg(shown).arg(total).arg(m_noun));
}

void ResourceListWidget::updateFilterChoices()
{
    QSet<QString> statuses;
    QSet<QString> types;
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, 0);
            const QString status = index.data(ResourceTableModel::StatusRole).toString();
            const QString type = index.data(ResourceTableModel::TypeRole).toString();
            if (!status.isEmpty())
                statuses.insert(status);
            if (!type.isEmpty())
                types.insert(type);
        }
    }
    const auto fill = [](QComboBox *box, const QString &allLabel, QSet<QString> values, auto label) {
        const QString current = box->currentData().toString();
        QStringList sorted(values.begin(), values.end());
        sorted.sort(Qt::CaseInsensitive);
        // Keep what the user picked listed, even if no row has it right now.
        if (!current.isEmpty() && !sorted.contains(current))
            sorted.append(current);
        QStringList existing;
        for (int item = 1; item < box->count(); ++item)
            existing.append(box->itemData(item).toString());
        if (existing == sorted && box->count() > 0)
            return;
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItem(allLabel, QString());
        for (const QString &value : std::as_const(sorted))
            box->addItem(label(value), value);
        box->setCurrentIndex(qMax(0, box->findData(current)));
        box->setVisible(sorted.size() > 1 || !current.isEmpty());
    };
    fill(m_ui->statusFilterComboBox, tr("All statuses"), statuses,
         [](const QString &value) { return value; });
    fill(m_ui->typeFilterComboBox, tr("All types"), types, typeLabel);
    for (int item = 1; item < m_ui->statusFilterComboBox->count(); ++item)
        m_ui->statusFilterComboBox->setItemIcon(
            item, Icons::status(m_ui->statusFilterComboBox->itemData(item).toString()));
    updateCount();
}

void ResourceListWidget::applyFilters()
{
    const QString status = m_ui->statusFilterComboBox->currentData().toString();
    const QString type = m_ui->typeFilterComboBox->currentData().toString();
    m_filter->setStatusFilter(status.isEmpty() ? QStringList() : QStringList {status});
    m_filter->setTypeFilter(type.isEmpty() ? QStringList() : QStringList {type});
    updateCount();
}

void ResourceListWidget::updateVisibleRows()
{
    QTableView *view = m_ui->resourceTableView;
    if (!m_model || m_decorated->rowCount() == 0)
        return;
    const int first = qMax(0, view->rowAt(0));
    int last = view->rowAt(view->viewport()->height() - 1);
    if (last < 0)
        last = m_decorated->rowCount() - 1;
    m_filter->setVisibleRows(first, last);
}

QModelIndex ResourceListWidget::toSource(const QModelIndex &viewIndex) const
{
    if (!viewIndex.isValid())
        return {};
    return m_filter->mapToSource(m_decorated->mapToSource(viewIndex));
}

QList<QModelIndex> ResourceListWidget::selectedSourceIndexes() const
{
    QList<QModelIndex> rows = m_ui->resourceTableView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &left, const QModelIndex &right) { return left.row() < right.row(); });
    QList<QModelIndex> result;
    for (const QModelIndex &row : std::as_const(rows))
        result.append(toSource(row));
    return result;
}

QModelIndex ResourceListWidget::currentSourceIndex() const
{
    const QModelIndex current = m_ui->resourceTableView->selectionModel()->currentIndex();
    if (!current.isValid() || !m_ui->resourceTableView->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    return toSource(current.siblingAtColumn(0));
}

bool ResourceListWidget::selectObject(const QString &project, const QString &key)
{
    if (!m_model)
        return false;
    const int sourceRow = m_model->rowOf(project, key);
    if (sourceRow < 0)
        return false;
    const QModelIndex viewIndex
        = m_decorated->mapFromSource(m_filter->mapFromSource(m_model->index(sourceRow, 0)));
    if (!viewIndex.isValid())
        return false;
    QTableView *view = m_ui->resourceTableView;
    view->selectionModel()->setCurrentIndex(viewIndex,
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(viewIndex);
    return true;
}

void ResourceListWidget::setDragProvider(DragProvider provider, const QStringList &mimeTypes)
{
    QTableView *view = m_ui->resourceTableView;
    if (!provider) {
        m_decorated->setMimeProvider(nullptr, {});
        view->setDragEnabled(false);
        view->setDragDropMode(QAbstractItemView::NoDragDrop);
        return;
    }
    m_decorated->setMimeProvider(
        [this, provider](const QModelIndexList &indexes) -> QMimeData * {
            QList<QModelIndex> rows;
            for (const QModelIndex &index : indexes) {
                const QModelIndex source = toSource(index.siblingAtColumn(0));
                if (source.isValid() && !rows.contains(source))
                    rows.append(source);
            }
            return rows.isEmpty() ? nullptr : provider(rows);
        },
        mimeTypes);
    view->setDragEnabled(true);
    view->setDragDropMode(QAbstractItemView::DragOnly);
    view->setDefaultDropAction(Qt::MoveAction);
}

void ResourceListWidget::focusSearch()
{
    m_ui->searchLineEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->searchLineEdit->selectAll();
}

QByteArray ResourceListWidget::headerState() const
{
    return m_ui->resourceTableView->horizontalHeader()->saveState();
}

void ResourceListWidget::restoreHeaderState(const QByteArray &state)
{
    if (state.isEmpty())
        return;
    m_headerRestored = m_ui->resourceTableView->horizontalHeader()->restoreState(state);
}
