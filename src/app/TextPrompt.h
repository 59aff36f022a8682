#pragma once

#include <QString>

#include <functional>

class QObject;
class QWidget;

// Asks for one line of text (a new name), window-modal and asynchronous: `onAccepted` runs later
// with the text, only if the user confirmed a non-empty one and `context` still lives. Tests prepare
// the next answer instead of typing.
class TextPrompt final
{
public:
    static void ask(QWidget *parent, const QString &title, const QString &label, const QString &text,
                    QObject *context, std::function<void(const QString &)> onAccepted);

    // Tests: the next prompt is answered with `text` (an empty text cancels) without being shown.
    static void setNextAnswer(const QString &text);
    // Tests: show nothing; prompts without a prepared answer are cancelled.
    static void setTestMode(bool on);
    // Tests: the label of the last prompt.
    static QString lastLabel();
};
