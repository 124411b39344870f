package com.hivematrix.nexus.login;

/** The original's "You have been logged out" page: clears what JavaScript can reach, offers a new login. */
final class LoggedOutPage {

    static final String HTML = """
            <!DOCTYPE html>
            <html lang="en" data-theme="light" data-color-theme="purple">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Logged out · HiveMatrix</title>
            <link rel="stylesheet" href="/static/css/global.css">
            <script src="/static/js/logged-out.js" defer></script></head>
            <body class="error-page">
            <main class="error-page__panel card">
            <h1 class="error-page__title">You have been logged out</h1>
            <p class="error-page__detail">Your HiveMatrix session has ended.</p>
            <p><a class="btn btn--primary" href="/login?next=/" id="login-again">Log in again</a></p>
            </main>
            </body></html>
            """;

    private LoggedOutPage() {
    }
}
