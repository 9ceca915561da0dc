-- What a commitment gives (resources, staff, data, venues) and from when. Commitments recorded before this
-- migration become "resources" (money, equipment: the commonest pledge) with no start date ("not recorded"),
-- so every existing row stays valid; an editor can correct both on the commitment's edit page.
ALTER TABLE partnerships_commitment ADD COLUMN commitment_kind VARCHAR(20) NOT NULL DEFAULT 'resources';
ALTER TABLE partnerships_commitment ADD COLUMN start_date DATE;
ALTER TABLE partnerships_commitment ADD CONSTRAINT partnerships_commitment_dates
  CHECK (start_date IS NULL OR start_date <= end_date);
