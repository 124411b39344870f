-- The RMM site an asset was last seen in: a site whose device fetch fails keeps its assets (spec §13 bug 13)
ALTER TABLE assets ADD COLUMN rmm_site_uid varchar(100);
CREATE INDEX idx_asset_rmm_site ON assets (rmm_provider, rmm_site_uid);
