#pragma once

#include <QIconEngine>

#include <functional>

// An icon drawn with QPainter at whatever size is asked, so it stays sharp at every scale and needs
// no image plugin. The painter gets a 16×16 design grid; colours may follow the current palette.
class GlyphIconEngine final : public QIconEngine
{
public:
    using Painter = std::function<void(QPainter *painter, QIcon::Mode mode)>;

    explicit GlyphIconEngine(Painter painter);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override { return QStringLiteral("BerthGlyph"); }

private:
    Painter m_painter;
};
