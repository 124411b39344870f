-- Ledger's own data (spec §A4): adjustments to Codex's data, the archive, job records and an audit trail.
-- Money is numeric(10,2); no foreign keys to Codex (plain account numbers / ids).

CREATE TABLE client_billing_overrides (
    id                               bigserial PRIMARY KEY,
    company_account_number           varchar(50) NOT NULL UNIQUE,
    override_billing_plan_enabled    boolean NOT NULL DEFAULT false,
    billing_plan                     varchar(100),
    override_support_level_enabled   boolean NOT NULL DEFAULT false,
    support_level                    varchar(100),
    override_puc_enabled             boolean NOT NULL DEFAULT false,
    per_user_cost                    numeric(10, 2) CHECK (per_user_cost >= 0),
    override_pwc_enabled             boolean NOT NULL DEFAULT false,
    per_workstation_cost             numeric(10, 2) CHECK (per_workstation_cost >= 0),
    override_psc_enabled             boolean NOT NULL DEFAULT false,
    per_server_cost                  numeric(10, 2) CHECK (per_server_cost >= 0),
    override_pvc_enabled             boolean NOT NULL DEFAULT false,
    per_vm_cost                      numeric(10, 2) CHECK (per_vm_cost >= 0),
    override_pswitchc_enabled        boolean NOT NULL DEFAULT false,
    per_switch_cost                  numeric(10, 2) CHECK (per_switch_cost >= 0),
    override_pfirewallc_enabled      boolean NOT NULL DEFAULT false,
    per_firewall_cost                numeric(10, 2) CHECK (per_firewall_cost >= 0),
    override_phtc_enabled            boolean NOT NULL DEFAULT false,
    per_hour_ticket_cost             numeric(10, 2) CHECK (per_hour_ticket_cost >= 0),
    override_bbfw_enabled            boolean NOT NULL DEFAULT false,
    backup_base_fee_workstation      numeric(10, 2) CHECK (backup_base_fee_workstation >= 0),
    override_bbfs_enabled            boolean NOT NULL DEFAULT false,
    backup_base_fee_server           numeric(10, 2) CHECK (backup_base_fee_server >= 0),
    override_bit_enabled             boolean NOT NULL DEFAULT false,
    backup_included_tb               numeric(10, 2) CHECK (backup_included_tb >= 0),
    override_bpt_enabled             boolean NOT NULL DEFAULT false,
    backup_per_tb_fee                numeric(10, 2) CHECK (backup_per_tb_fee >= 0),
    override_prepaid_hours_monthly_enabled boolean NOT NULL DEFAULT false,
    prepaid_hours_monthly            numeric(10, 2) CHECK (prepaid_hours_monthly >= 0),
    override_prepaid_hours_yearly_enabled  boolean NOT NULL DEFAULT false,
    prepaid_hours_yearly             numeric(10, 2) CHECK (prepaid_hours_yearly >= 0),
    updated_at                       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE asset_billing_overrides (
    id           bigserial PRIMARY KEY,
    asset_id     bigint NOT NULL UNIQUE,
    billing_type varchar(50) NOT NULL CHECK (billing_type IN ('Workstation', 'Server', 'VM', 'Switch', 'Firewall', 'Custom', 'No Charge')),
    custom_cost  numeric(10, 2) CHECK (custom_cost >= 0)
);

CREATE TABLE user_billing_overrides (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL UNIQUE,
    billing_type varchar(50) NOT NULL CHECK (billing_type IN ('Paid', 'Free/No Charge', 'No Charge', 'Custom')),
    custom_cost  numeric(10, 2) CHECK (custom_cost >= 0)
);

CREATE TABLE manual_assets (
    id                     bigserial PRIMARY KEY,
    company_account_number varchar(50) NOT NULL,
    hostname               varchar(150) NOT NULL,
    billing_type           varchar(50) NOT NULL CHECK (billing_type IN ('Workstation', 'Server', 'VM', 'Switch', 'Firewall', 'Custom', 'No Charge')),
    custom_cost            numeric(10, 2) CHECK (custom_cost >= 0),
    notes                  text
);
CREATE INDEX idx_manual_assets_acct ON manual_assets (company_account_number);

CREATE TABLE manual_users (
    id                     bigserial PRIMARY KEY,
    company_account_number varchar(50) NOT NULL,
    full_name              varchar(150) NOT NULL,
    billing_type           varchar(50) NOT NULL CHECK (billing_type IN ('Paid', 'Free/No Charge', 'No Charge', 'Custom')),
    custom_cost            numeric(10, 2) CHECK (custom_cost >= 0),
    notes                  text
);
CREATE INDEX idx_manual_users_acct ON manual_users (company_account_number);

CREATE TABLE custom_line_items (
    id                     bigserial PRIMARY KEY,
    company_account_number varchar(50) NOT NULL,
    name                   varchar(150) NOT NULL,
    description            text,
    monthly_fee            numeric(10, 2) CHECK (monthly_fee >= 0),
    one_off_fee            numeric(10, 2) CHECK (one_off_fee >= 0),
    one_off_year           integer CHECK (one_off_year BETWEEN 2000 AND 2999),
    one_off_month          integer CHECK (one_off_month BETWEEN 1 AND 12),
    yearly_fee             numeric(10, 2) CHECK (yearly_fee >= 0),
    yearly_bill_month      integer CHECK (yearly_bill_month BETWEEN 1 AND 12)
);
CREATE INDEX idx_line_items_acct ON custom_line_items (company_account_number);

CREATE TABLE client_feature_overrides (
    id                     bigserial PRIMARY KEY,
    company_account_number varchar(50) NOT NULL,
    feature_type           varchar(100) NOT NULL,
    override_enabled       boolean NOT NULL DEFAULT false,
    value                  varchar(100),
    CONSTRAINT uq_feature_override UNIQUE (company_account_number, feature_type)
);

-- Who changed which adjustment when (the original kept none).
CREATE TABLE audit_log (
    id                     bigserial PRIMARY KEY,
    occurred_at            timestamptz NOT NULL DEFAULT now(),
    actor                  varchar(200) NOT NULL,
    company_account_number varchar(50),
    entity                 varchar(50) NOT NULL,
    entity_id              varchar(100),
    action                 varchar(20) NOT NULL,
    detail                 jsonb
);
CREATE INDEX idx_audit_acct ON audit_log (company_account_number, occurred_at);

-- One immutable snapshot per company, period and revision (revision 1 = the accepted bill).
CREATE TABLE billing_snapshots (
    id                      bigserial PRIMARY KEY,
    company_account_number  varchar(50) NOT NULL,
    company_name            varchar(150) NOT NULL,
    invoice_number          varchar(60) NOT NULL UNIQUE,
    billing_year            integer NOT NULL,
    billing_month           integer NOT NULL CHECK (billing_month BETWEEN 1 AND 12),
    revision                integer NOT NULL DEFAULT 1,
    invoice_date            date NOT NULL,
    due_date                date NOT NULL,
    archived_at             timestamptz NOT NULL DEFAULT now(),
    billing_plan            varchar(100),
    contract_term           varchar(50),
    support_level           varchar(100),
    total_amount            numeric(12, 2) NOT NULL,
    total_user_charges      numeric(12, 2) NOT NULL,
    total_asset_charges     numeric(12, 2) NOT NULL,
    total_backup_charges    numeric(12, 2) NOT NULL,
    total_ticket_charges    numeric(12, 2) NOT NULL,
    total_line_item_charges numeric(12, 2) NOT NULL,
    user_count              integer NOT NULL,
    asset_count             integer NOT NULL,
    billable_hours          numeric(10, 2) NOT NULL,
    billing_data_json       jsonb NOT NULL,
    invoice_csv             text NOT NULL,
    created_by              varchar(200) NOT NULL,
    notes                   text,
    CONSTRAINT uq_snapshot_period UNIQUE (company_account_number, billing_year, billing_month, revision)
);
CREATE INDEX idx_snapshot_period ON billing_snapshots (billing_year, billing_month);
CREATE INDEX idx_snapshot_archived ON billing_snapshots (archived_at);
CREATE INDEX idx_snapshot_name ON billing_snapshots (lower(company_name));

CREATE TABLE snapshot_line_items (
    id          bigserial PRIMARY KEY,
    snapshot_id bigint NOT NULL REFERENCES billing_snapshots (id),
    line_type   varchar(20) NOT NULL CHECK (line_type IN ('user', 'asset', 'backup', 'ticket', 'custom')),
    item_name   varchar(200) NOT NULL,
    description text,
    quantity    numeric(10, 2) NOT NULL DEFAULT 1,
    rate        numeric(12, 2) NOT NULL,
    amount      numeric(12, 2) NOT NULL
);
CREATE INDEX idx_snapshot_lines ON snapshot_line_items (snapshot_id);
CREATE INDEX idx_snapshot_lines_type ON snapshot_line_items (line_type, item_name);

-- Archived bills are immutable: the database itself refuses updates and deletes.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'archived bills are immutable (%)', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER billing_snapshots_immutable BEFORE UPDATE OR DELETE ON billing_snapshots
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER snapshot_line_items_immutable BEFORE UPDATE OR DELETE ON snapshot_line_items
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

CREATE TABLE scheduled_snapshots (
    id                      integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    enabled                 boolean NOT NULL DEFAULT true,
    day_of_month            integer NOT NULL DEFAULT 1 CHECK (day_of_month BETWEEN 1 AND 28),
    hour                    integer NOT NULL DEFAULT 2 CHECK (hour BETWEEN 0 AND 23),
    snapshot_previous_month boolean NOT NULL DEFAULT true,
    snapshot_all_companies  boolean NOT NULL DEFAULT true,
    last_run_at             timestamptz,
    last_run_status         varchar(20),
    last_run_count          integer,
    last_run_log            text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
INSERT INTO scheduled_snapshots (id) VALUES (1);

CREATE TABLE snapshot_jobs (
    id                     varchar(50) PRIMARY KEY,
    job_type               varchar(20) NOT NULL CHECK (job_type IN ('manual', 'scheduled', 'bulk')),
    status                 varchar(20) NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    target_year            integer NOT NULL,
    target_month           integer NOT NULL,
    target_account_numbers jsonb,
    total_companies        integer NOT NULL DEFAULT 0,
    completed_companies    integer NOT NULL DEFAULT 0,
    failed_companies       integer NOT NULL DEFAULT 0,
    started_at             timestamptz NOT NULL DEFAULT now(),
    completed_at           timestamptz,
    output                 jsonb,
    error                  text,
    success                boolean,
    triggered_by           varchar(200)
);
