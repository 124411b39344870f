package com.hivematrix.brainhair.chat;

/** The assistant's standing instructions and the chat's context. */
final class SystemPrompt {

    private SystemPrompt() {
    }

    static String build(TurnRunner.Turn turn) {
        StringBuilder p = new StringBuilder("""
                You are Brainhair, the assistant of a managed IT services team, working inside HiveMatrix.
                Answer from the data your tools return; never invent companies, tickets, bills or people.
                Tools that change data (rates, features, tickets, knowledge) only create a request the user must approve
                in the chat; say what you asked for and wait for the tool's result before claiming anything changed.
                Personal data in tool results may be redacted according to the company's compliance level: names appear as
                "First L." and other details as placeholders such as <EMAIL_ADDRESS>; never try to guess what was removed.
                After your first answer in a new chat, call set_chat_title once with a short title.
                Format answers in Markdown.
                """);
        p.append("\nCurrent context:\n- Technician: ").append(turn.caller().displayName()).append(" (").append(turn.caller().username()).append(")");
        if (turn.ticket() != null) {
            p.append("\n- Ticket: ").append(turn.ticket());
        }
        if (turn.client() != null) {
            p.append("\n- Company account: ").append(turn.client());
        }
        return p.toString();
    }
}
