-- A survey import runs in the background in batches: it is 'running' from its first stored row until its figures
-- and sums commit ('done'); the next start removes the rows of any import a power cut left running.
ALTER TABLE diagnosis_survey_import ADD COLUMN status VARCHAR(8) NOT NULL DEFAULT 'done';
ALTER TABLE diagnosis_survey_import ADD CONSTRAINT diagnosis_survey_import_status CHECK (status IN ('running', 'done'));
