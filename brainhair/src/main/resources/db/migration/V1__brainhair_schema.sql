-- Chat sessions as the original's chat_sessions (§B5), plus the company account the chat is about.
CREATE TABLE chat_sessions (
    id             varchar(36) PRIMARY KEY,
    user_id        varchar(150) NOT NULL,
    user_name      varchar(150),
    ticket_number  varchar(50),
    client_name    varchar(150),
    client_account varchar(50),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    ended_at       timestamptz,
    is_active      boolean NOT NULL DEFAULT true,
    title          varchar(255),
    summary        text
);
CREATE INDEX idx_sessions_user ON chat_sessions (user_id, updated_at DESC);
CREATE INDEX idx_sessions_ticket ON chat_sessions (ticket_number);
CREATE INDEX idx_sessions_client ON chat_sessions (client_name);

-- Every turn of the conversation in order: user text, assistant text with its tool calls,
-- tool results (as the model saw them, after redaction). seq orders them within a session.
CREATE TABLE chat_messages (
    id           bigserial PRIMARY KEY,
    session_id   varchar(36) NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    seq          integer NOT NULL,
    role         varchar(20) NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
    content      text NOT NULL DEFAULT '',
    tool_calls   jsonb,
    tool_results jsonb,
    response_id  varchar(36),
    status       varchar(20) NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failed', 'stopped')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    was_filtered boolean NOT NULL DEFAULT false,
    filter_type  varchar(20),
    UNIQUE (session_id, seq)
);
CREATE INDEX idx_messages_session_created ON chat_messages (session_id, created_at);
CREATE INDEX idx_messages_content ON chat_messages USING gin (to_tsvector('simple', content));

-- One model turn (what the original kept in process memory): its state and its event stream,
-- so the poll endpoint and SSE reconnects work from any instance.
CREATE TABLE chat_responses (
    id          varchar(36) PRIMARY KEY,
    session_id  varchar(36) NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    user_id     varchar(150) NOT NULL,
    status      varchar(20) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'stopped')),
    error       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

CREATE TABLE response_events (
    response_id varchar(36) NOT NULL REFERENCES chat_responses (id) ON DELETE CASCADE,
    seq         integer NOT NULL,
    type        varchar(30) NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (response_id, seq)
);

-- Write actions the model asked for: who asked, what, with which values, who decided, when, outcome.
CREATE TABLE approvals (
    id             varchar(36) PRIMARY KEY,
    session_id     varchar(36) NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    response_id    varchar(36) NOT NULL,
    tool_call_id   varchar(100) NOT NULL,
    tool_name      varchar(100) NOT NULL,
    action         text NOT NULL,
    arguments      jsonb NOT NULL,
    preview        jsonb,
    required_level varchar(100) NOT NULL,
    requested_by   varchar(150) NOT NULL,
    requested_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    status         varchar(20) NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'approved', 'executed', 'failed', 'denied', 'expired')),
    decided_by     varchar(150),
    decided_at     timestamptz,
    outcome        jsonb
);
CREATE INDEX idx_approvals_session ON approvals (session_id, requested_at);

-- The model connection chosen in settings (one row); the API key only encrypted.
CREATE TABLE model_settings (
    id               integer PRIMARY KEY CHECK (id = 1),
    provider         varchar(20) NOT NULL CHECK (provider IN ('ANTHROPIC', 'OPENAI')),
    base_url         varchar(500) NOT NULL,
    model            varchar(200) NOT NULL,
    api_key_enc      text,
    timeout_seconds  integer NOT NULL,
    max_retries      integer NOT NULL,
    max_tokens       integer NOT NULL,
    updated_by       varchar(150) NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
