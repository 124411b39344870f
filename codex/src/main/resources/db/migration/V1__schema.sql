-- Codex schema. Every time is timestamptz, every date a date, money numeric(10,2).
-- Company PK is the PSA account number; sync keys are (external_id, external_source).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE companies (
    account_number      varchar(50) PRIMARY KEY,
    psa_provider        varchar(50) NOT NULL DEFAULT 'freshservice',
    compliance_level    varchar(20) NOT NULL DEFAULT 'standard' CHECK (compliance_level IN ('standard', 'cjis', 'hipaa')),
    external_id         bigint,
    external_source     varchar(50) NOT NULL DEFAULT 'freshservice',
    name                varchar(150) NOT NULL,
    description         text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    head_user_id        bigint,
    prime_user_id       bigint,
    head_name           varchar(150),
    prime_user_name     varchar(150),
    domains             text,
    workspace_id        integer,
    plan_selected       varchar(100),
    managed_users       varchar(100),
    managed_devices     varchar(100),
    managed_network     varchar(100),
    contract_term       varchar(50),
    contract_start_date date,
    contract_end_date   date,
    profit_or_non_profit varchar(50),
    company_main_number varchar(50),
    address             text,
    company_start_date  date,
    billing_plan        varchar(100),
    contract_term_length varchar(50),
    support_level       varchar(100),
    phone_system        varchar(100),
    email_system        varchar(100),
    datto_portal_url    varchar(255),
    CONSTRAINT uq_company_external UNIQUE (external_id, external_source)
);
CREATE INDEX idx_company_name ON companies (lower(name));
CREATE INDEX idx_company_name_trgm ON companies USING gin (name gin_trgm_ops);
CREATE INDEX idx_company_acct_trgm ON companies USING gin (account_number gin_trgm_ops);
CREATE INDEX idx_company_plan ON companies (plan_selected);
CREATE INDEX idx_company_contract_end ON companies (contract_end_date);

CREATE TABLE contacts (
    id                  bigserial PRIMARY KEY,
    external_id         bigint,
    external_source     varchar(50) NOT NULL DEFAULT 'freshservice',
    first_name          varchar(150),
    last_name           varchar(150),
    name                varchar(150) NOT NULL,
    primary_email       varchar(150) NOT NULL,
    email               varchar(150) NOT NULL,
    active              boolean NOT NULL DEFAULT true,
    is_agent            boolean NOT NULL DEFAULT false,
    vip_user            boolean NOT NULL DEFAULT false,
    has_logged_in       boolean NOT NULL DEFAULT false,
    mobile_phone_number varchar(50),
    work_phone_number   varchar(50),
    address             text,
    secondary_emails    text,
    job_title           varchar(150),
    title               varchar(150),
    employment_type     varchar(100) NOT NULL DEFAULT 'Full Time',
    department_ids      text,
    department_names    text,
    reporting_manager_id bigint,
    location_id         bigint,
    location_name       varchar(150),
    language            varchar(10) DEFAULT 'en',
    time_zone           varchar(100),
    time_format         varchar(10),
    can_see_all_tickets_from_associated_departments boolean NOT NULL DEFAULT false,
    can_see_all_changes_from_associated_departments boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    background_information text,
    work_schedule_id    bigint,
    user_number         varchar(50),
    CONSTRAINT uq_contact_external UNIQUE (external_id, external_source)
);
-- email is deliberately not unique (duplicate requesters exist in real PSAs; spec bug 12)
CREATE INDEX idx_contact_email ON contacts (lower(email));
CREATE INDEX idx_contact_name ON contacts (lower(name));
CREATE INDEX idx_contact_active ON contacts (active);
CREATE INDEX idx_contact_name_trgm ON contacts USING gin (name gin_trgm_ops);
CREATE INDEX idx_contact_email_trgm ON contacts USING gin (email gin_trgm_ops);

CREATE TABLE contact_company_link (
    contact_id             bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    company_account_number varchar(50) NOT NULL REFERENCES companies (account_number) ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (contact_id, company_account_number)
);
CREATE INDEX idx_ccl_company ON contact_company_link (company_account_number);

CREATE TABLE assets (
    id                     bigserial PRIMARY KEY,
    hostname               varchar(150) NOT NULL,
    company_account_number varchar(50) NOT NULL REFERENCES companies (account_number) ON DELETE CASCADE ON UPDATE CASCADE,
    rmm_provider           varchar(50),
    rmm_device_uid         varchar(100),
    hardware_type          varchar(100),
    operating_system       varchar(100),
    last_logged_in_user    varchar(150),
    rmm_site_name          varchar(150),
    antivirus_product      varchar(100),
    description            text,
    ext_ip_address         varchar(50),
    int_ip_address         varchar(50),
    domain                 varchar(100),
    last_audit_date        timestamptz,
    last_reboot            timestamptz,
    last_seen              timestamptz,
    online                 boolean NOT NULL DEFAULT false,
    patch_status           varchar(50),
    backup_usage_tb        numeric(12, 2),
    enabled_administrators text,
    device_type            varchar(50),
    portal_url             varchar(255),
    web_remote_url         varchar(255),
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    udf1 text,
    udf2 text,
    udf3 text,
    udf4 text,
    udf5 text,
    udf6 text,
    udf7 text,
    udf8 text,
    udf9 text,
    udf10 text,
    udf11 text,
    udf12 text,
    udf13 text,
    udf14 text,
    udf15 text,
    udf16 text,
    udf17 text,
    udf18 text,
    udf19 text,
    udf20 text,
    udf21 text,
    udf22 text,
    udf23 text,
    udf24 text,
    udf25 text,
    udf26 text,
    udf27 text,
    udf28 text,
    udf29 text,
    udf30 text,
    CONSTRAINT uq_asset_rmm_device UNIQUE (rmm_device_uid, rmm_provider)
);
CREATE INDEX idx_asset_company ON assets (company_account_number);
CREATE INDEX idx_asset_company_hostname ON assets (company_account_number, lower(hostname));
CREATE INDEX idx_asset_hostname ON assets (lower(hostname));
CREATE INDEX idx_asset_hostname_trgm ON assets USING gin (hostname gin_trgm_ops);
CREATE INDEX idx_asset_online ON assets (online);

CREATE TABLE asset_contact_link (
    asset_id   bigint NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    contact_id bigint NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (asset_id, contact_id)
);
CREATE INDEX idx_acl_contact ON asset_contact_link (contact_id);

CREATE TABLE company_feature_overrides (
    id                     bigserial PRIMARY KEY,
    company_account_number varchar(50) NOT NULL REFERENCES companies (account_number) ON DELETE CASCADE ON UPDATE CASCADE,
    feature_key            varchar(100) NOT NULL,
    value                  varchar(100) NOT NULL,
    override_enabled       boolean NOT NULL DEFAULT true,
    CONSTRAINT uq_company_feature UNIQUE (company_account_number, feature_key)
);

CREATE TABLE locations (
    id                     bigserial PRIMARY KEY,
    name                   varchar(150) NOT NULL,
    address                varchar(255),
    phone_number           varchar(50),
    company_account_number varchar(50) NOT NULL REFERENCES companies (account_number) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX idx_location_company ON locations (company_account_number);

CREATE TABLE rmm_site_links (
    id                     bigserial PRIMARY KEY,
    company_account_number varchar(50) NOT NULL REFERENCES companies (account_number) ON DELETE CASCADE ON UPDATE CASCADE,
    rmm_site_uid           varchar(100) NOT NULL,
    rmm_provider           varchar(50) NOT NULL DEFAULT 'datto',
    CONSTRAINT unique_rmm_site UNIQUE (rmm_site_uid, rmm_provider)
);
CREATE INDEX idx_rmm_site_company ON rmm_site_links (company_account_number);

CREATE TABLE psa_agents (
    id              bigserial PRIMARY KEY,
    external_id     bigint NOT NULL,
    external_source varchar(50) NOT NULL,
    email           varchar(150),
    first_name      varchar(100),
    last_name       varchar(100),
    active          boolean NOT NULL DEFAULT true,
    job_title       varchar(150),
    department_ids  text,
    group_ids       text,
    created_at      timestamptz,
    updated_at      timestamptz,
    CONSTRAINT unique_psa_agent UNIQUE (external_id, external_source)
);

CREATE TABLE ticket_details (
    id                     bigserial PRIMARY KEY,
    external_id            bigint NOT NULL,
    external_source        varchar(50) NOT NULL DEFAULT 'freshservice',
    company_account_number varchar(50) REFERENCES companies (account_number) ON DELETE SET NULL ON UPDATE CASCADE,
    ticket_number          varchar(50),
    subject                text,
    description            text,
    description_text       text,
    status                 varchar(50),
    priority               varchar(50),
    status_id              integer,
    priority_id            integer,
    ticket_type            varchar(50) DEFAULT 'Incident',
    requester_email        varchar(150),
    requester_name         varchar(150),
    requester_id           bigint,
    responder_id           bigint,
    group_id               bigint,
    department_id          bigint,
    created_at             timestamptz,
    last_updated_at        timestamptz,
    closed_at              timestamptz,
    total_hours_spent      numeric(10, 2) NOT NULL DEFAULT 0,
    fr_due_by              timestamptz,
    due_by                 timestamptz,
    first_responded_at     timestamptz,
    agent_responded_at     timestamptz,
    webhook_updated_at     timestamptz,
    conversations          jsonb,
    notes                  jsonb,
    CONSTRAINT unique_ticket_external UNIQUE (external_id, external_source)
);
CREATE INDEX idx_ticket_company_updated ON ticket_details (company_account_number, last_updated_at DESC);
CREATE INDEX idx_ticket_status ON ticket_details (status);
CREATE INDEX idx_ticket_priority ON ticket_details (priority);
CREATE INDEX idx_ticket_updated ON ticket_details (last_updated_at DESC);
CREATE INDEX idx_ticket_responder ON ticket_details (responder_id);
CREATE INDEX idx_ticket_group ON ticket_details (group_id);
CREATE INDEX idx_ticket_source ON ticket_details (external_source);
CREATE INDEX idx_ticket_active ON ticket_details (status, last_updated_at)
    WHERE status NOT IN ('closed', 'resolved', 'job_complete_bill', 'billing_complete', 'spam', 'trash', 'deleted');

CREATE TABLE sync_jobs (
    id           varchar(50) PRIMARY KEY,
    script       varchar(50) NOT NULL,
    provider     varchar(50),
    sync_type    varchar(50),
    status       varchar(20) NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    started_at   timestamptz NOT NULL,
    completed_at timestamptz,
    output       text,
    error        text,
    success      boolean,
    phase        varchar(100),
    processed    integer,
    total        integer
);
CREATE INDEX idx_sync_job_script_started ON sync_jobs (script, started_at DESC);

CREATE TABLE billing_plans (
    id                          bigserial PRIMARY KEY,
    plan_name                   varchar(100) NOT NULL,
    term_length                 varchar(50) NOT NULL,
    support_level               varchar(100) NOT NULL DEFAULT 'Billed Hourly',
    per_user_cost               numeric(10, 2) NOT NULL DEFAULT 0,
    per_workstation_cost        numeric(10, 2) NOT NULL DEFAULT 0,
    per_server_cost             numeric(10, 2) NOT NULL DEFAULT 0,
    per_vm_cost                 numeric(10, 2) NOT NULL DEFAULT 0,
    per_switch_cost             numeric(10, 2) NOT NULL DEFAULT 0,
    per_firewall_cost           numeric(10, 2) NOT NULL DEFAULT 0,
    per_hour_ticket_cost        numeric(10, 2) NOT NULL DEFAULT 0,
    backup_base_fee_workstation numeric(10, 2) NOT NULL DEFAULT 0,
    backup_base_fee_server      numeric(10, 2) NOT NULL DEFAULT 0,
    backup_included_tb          numeric(10, 2) NOT NULL DEFAULT 1.00,
    backup_per_tb_fee           numeric(10, 2) NOT NULL DEFAULT 0,
    CONSTRAINT unique_plan_term UNIQUE (plan_name, term_length)
);

-- The one feature schema (the original had two, spec bug 8): plan_features is the source of truth,
-- the legacy per-plan feature fields of the API are derived from it.
CREATE TABLE plan_features (
    id            bigserial PRIMARY KEY,
    plan_id       bigint NOT NULL REFERENCES billing_plans (id) ON DELETE CASCADE,
    feature_type  varchar(100) NOT NULL,
    feature_value varchar(150) NOT NULL,
    CONSTRAINT unique_plan_feature UNIQUE (plan_id, feature_type)
);

CREATE TABLE feature_options (
    id               bigserial PRIMARY KEY,
    feature_category varchar(100) NOT NULL,
    option_value     varchar(100) NOT NULL,
    display_name     varchar(150),
    description      text,
    CONSTRAINT uq_feature_option UNIQUE (feature_category, option_value)
);

CREATE TABLE feature_category_config (
    id           bigserial PRIMARY KEY,
    feature_key  varchar(100) NOT NULL UNIQUE,
    display_name varchar(150) NOT NULL,
    full_name    varchar(255),
    description  text
);
INSERT INTO feature_category_config (feature_key, display_name, full_name) VALUES
    ('antivirus', 'Antivirus', 'Antivirus'),
    ('soc', 'SOC', 'Security Operations Center'),
    ('password_manager', 'Password Manager', 'Password Manager'),
    ('sat', 'SAT', 'Security Awareness Training'),
    ('email_security', 'Email Security', 'Email Security'),
    ('network_management', 'Network Management', 'Network Management');
INSERT INTO feature_options (feature_category, option_value, display_name)
SELECT feature_key, 'Not Included', 'Not Included' FROM feature_category_config;

CREATE TABLE agents (
    keycloak_id                   varchar(100) PRIMARY KEY,
    username                      varchar(150) NOT NULL UNIQUE,
    email                         varchar(150) NOT NULL,
    first_name                    varchar(150),
    last_name                     varchar(150),
    enabled                       boolean NOT NULL DEFAULT true,
    theme_preference              varchar(20) NOT NULL DEFAULT 'light',
    preferred_color_theme         varchar(20) NOT NULL DEFAULT 'purple',
    knowledgetree_view_preference varchar(20) NOT NULL DEFAULT 'grid',
    home_page_preference          varchar(50) NOT NULL DEFAULT 'beacon',
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now(),
    last_synced_at                timestamptz
);
CREATE UNIQUE INDEX uq_agent_email ON agents (lower(email));

-- Provider and scheduler settings (replaces instance/codex.conf); secrets are stored encrypted by the app.
CREATE TABLE app_settings (
    key        varchar(150) PRIMARY KEY,
    value      text,
    secret     boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now()
);
