#pragma once

#include <QMessageBox>
#include <QPointer>

#include <functional>

// Berth's questions and messages, always window-modal and asynchronous (open(), never exec(): no
// nested event loop). Tests pre-answer the next question, or switch to test mode where nothing is
// shown and every message is recorded (as KeePassXC's MessageBox lets its GUI tests do).
class MessageBox final
{
public:
    enum class Answer { Accept, Reject };

    // Asks `text`, with `acceptLabel` as the button that goes ahead (destructive style when
    // `destructive`) and Cancel. `onAccepted` runs later, only if the user agreed and `context` lives;
    // `onRejected`, when given, runs later if the user declined (for callers that wait for an answer).
    static void confirm(QWidget *parent, const QString &title, const QString &text,
                        const QString &acceptLabel, QObject *context, std::function<void()> onAccepted,
                        bool destructive = true, const QString &informativeText = {},
                        std::function<void()> onRejected = {});
    // A message that needs no answer. `detail` goes into the expandable details.
    static void error(QWidget *parent, const QString &title, const QString &text, const QString &detail = {});
    static void information(QWidget *parent, const QString &title, const QString &text);

    // Tests: answers the next question without showing it.
    static void setNextAnswer(Answer answer);
    // Tests: show nothing; questions without a prepared answer are rejected.
    static void setTestMode(bool on);
    // Tests: what was asked or said last, title and text joined by a newline; and how many times.
    static QString lastMessage();
    static int messageCount();
    static void clearMessages();

private:
    static void record(const QString &title, const QString &text);
};
