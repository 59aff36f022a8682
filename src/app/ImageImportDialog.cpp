#include "ImageImportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

ImageImportDialog::ImageImportDialog(QWidget *parent, const QString &where)
    : QDialog(parent)
    , m_image(new QLineEdit(this))
    , m_rootfs(new QLineEdit(this))
    , m_aliases(new QLineEdit(this))
    , m_public(new QCheckBox(tr("&Public: servers that do not trust this one may download it"), this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("imageImportDialog"));
    setWindowTitle(tr("Import Image"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Import an image into %1 from a unified tarball, or from a split image's "
                                "metadata tarball and root file system.")
                                 .arg(where),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    const auto fileRow = [this, form](QLineEdit *line, const QString &label, const QString &objectName,
                                      const QString &placeholder, const QString &browseTitle) {
        line->setObjectName(objectName);
        line->setPlaceholderText(placeholder);
        line->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
        line->setMinimumWidth(360);
        auto *button = new QPushButton(tr("Browse…"), this);
        button->setAccessibleName(tr("Browse for %1").arg(line->accessibleName().toLower()));
        connect(button, &QPushButton::clicked, this,
                [this, line, browseTitle] { browse(line, browseTitle); });
        auto *row = new QHBoxLayout;
        row->addWidget(line, 1);
        row->addWidget(button);
        form->addRow(label, row);
    };
    fileRow(m_image, tr("&Image file:"), QStringLiteral("imageFileField"),
            tr("busybox.tar.gz, or meta.tar.xz"), tr("Choose the Image Tarball"));
    fileRow(m_rootfs, tr("&Root file system:"), QStringLiteral("rootfsFileField"),
            tr("only for a split image: rootfs.squashfs"), tr("Choose the Root File System"));
    m_aliases->setObjectName(QStringLiteral("aliasesField"));
    m_aliases->setPlaceholderText(tr("my-image, my-image/1.0"));
    m_aliases->setAccessibleName(tr("Aliases"));
    form->addRow(tr("&Aliases:"), m_aliases);
    form->addRow(QString(), m_public);
    layout->addLayout(form);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(errorPalette);
    m_error->hide();
    layout->addWidget(m_error);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImageImportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ImageImportDialog::browse(QLineEdit *target, const QString &title)
{
    // Asynchronous: the file dialog must not spin an event loop of its own inside this one.
    auto *dialog = new QFileDialog(this, title, QFileInfo(target->text()).absolutePath());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters(
        {tr("Image files (*.tar *.tar.gz *.tgz *.tar.xz *.tar.bz2 *.tar.zst *.squashfs *.qcow2 "
            "*.img)"),
         tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, target, &QLineEdit::setText);
    dialog->open();
}

QString ImageImportDialog::imagePath() const
{
    return m_image->text().trimmed();
}

QString ImageImportDialog::rootfsPath() const
{
    return m_rootfs->text().trimmed();
}

QStringList ImageImportDialog::aliases() const
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return m_aliases->text().split(separators, Qt::SkipEmptyParts);
}

bool ImageImportDialog::isPublic() const
{
    return m_public->isChecked();
}

void ImageImportDialog::setImagePath(const QString &path)
{
    m_image->setText(path);
}

void ImageImportDialog::setRootfsPath(const QString &path)
{
    m_rootfs->setText(path);
}

void ImageImportDialog::setAliases(const QString &aliases)
{
    m_aliases->setText(aliases);
}

void ImageImportDialog::setPublic(bool isPublic)
{
    m_public->setChecked(isPublic);
}

void ImageImportDialog::accept()
{
    const auto check = [this](const QString &path, QLineEdit *line) {
        const QFileInfo info(path);
        QString problem;
        if (!info.exists())
            problem = tr("There is no file %1.").arg(path);
        else if (!info.isFile())
            problem = tr("%1 is not a file.").arg(path);
        else if (!info.isReadable())
            problem = tr("%1 cannot be read.").arg(path);
        if (problem.isEmpty())
            return true;
        m_error->setText(problem);
        m_error->show();
        line->setFocus();
        return false;
    };
    if (imagePath().isEmpty()) {
        m_error->setText(tr("Choose the image file to import."));
        m_error->show();
        m_image->setFocus();
        return;
    }
    if (!check(imagePath(), m_image) || (!rootfsPath().isEmpty() && !check(rootfsPath(), m_rootfs)))
        return;
    QDialog::accept();
}
