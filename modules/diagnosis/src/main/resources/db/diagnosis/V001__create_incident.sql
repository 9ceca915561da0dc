-- Incident records from police, hospital and other sources, the imports that brought them, the saved column
-- and value mappings per source, and the pre-computed counts the analysis reads.

CREATE TABLE diagnosis_source (
  id         BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       VARCHAR(200) NOT NULL,
  kind       VARCHAR(16)  NOT NULL,            -- police, hospital, other
  mapping    CLOB(1 M),                        -- the column mapping saved for next time (JSON)
  created_at TIMESTAMP    NOT NULL,
  version    INT          NOT NULL DEFAULT 0,
  CONSTRAINT diagnosis_source_name UNIQUE (name),
  CONSTRAINT diagnosis_source_kind CHECK (kind IN ('police', 'hospital', 'other'))
);

-- A local value of a source (a category, a sex, a place type) and the kit code it stands for.
CREATE TABLE diagnosis_value_map (
  source_id   BIGINT       NOT NULL,
  field       VARCHAR(16)  NOT NULL,           -- category, sex, place, area
  local_value VARCHAR(200) NOT NULL,
  code        VARCHAR(32)  NOT NULL,
  PRIMARY KEY (source_id, field, local_value),
  CONSTRAINT diagnosis_value_map_source FOREIGN KEY (source_id) REFERENCES diagnosis_source (id) ON DELETE CASCADE
);

CREATE TABLE diagnosis_import (
  id             BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id      BIGINT       NOT NULL,
  file_name      VARCHAR(255) NOT NULL,
  status         VARCHAR(12)  NOT NULL,        -- running, done, failed, cancelled, undone
  rows_read      INT          NOT NULL DEFAULT 0,
  rows_added     INT          NOT NULL DEFAULT 0,
  rows_duplicate INT          NOT NULL DEFAULT 0,
  rows_rejected  INT          NOT NULL DEFAULT 0,
  area_unknown   INT          NOT NULL DEFAULT 0,
  started_by     VARCHAR(64)  NOT NULL,
  started_at     TIMESTAMP    NOT NULL,
  finished_at    TIMESTAMP,
  message        VARCHAR(500),
  CONSTRAINT diagnosis_import_source FOREIGN KEY (source_id) REFERENCES diagnosis_source (id),
  CONSTRAINT diagnosis_import_status CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'undone'))
);

-- One victim or offence. occurred_on is the day (the 1st when only the month is known: precision 'M');
-- occurred_min is minutes after local midnight, null when the time is unknown. iccs is the ICCS code (level 2
-- such as '0101', level 1 such as '01', or 'unknown'); local_category keeps the source's own word.
-- sex: F, M, O (other), U (unknown). age_band: the population's bands '00-04' ... '100+' or 'unknown'.
CREATE TABLE diagnosis_incident (
  id             BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id      BIGINT       NOT NULL,
  import_id      BIGINT,
  fingerprint    BIGINT       NOT NULL,
  occurred_on    DATE         NOT NULL,
  date_precision CHAR(1)      NOT NULL,
  occurred_min   SMALLINT,
  iccs           VARCHAR(8)   NOT NULL,
  local_category VARCHAR(200),
  sex            CHAR(1)      NOT NULL,
  age            SMALLINT,
  age_band       VARCHAR(8)   NOT NULL,
  place_type     VARCHAR(16)  NOT NULL,
  area_id        BIGINT,
  longitude      DOUBLE,
  latitude       DOUBLE,
  version        INT          NOT NULL DEFAULT 0,
  CONSTRAINT diagnosis_incident_source FOREIGN KEY (source_id) REFERENCES diagnosis_source (id),
  CONSTRAINT diagnosis_incident_import FOREIGN KEY (import_id) REFERENCES diagnosis_import (id),
  CONSTRAINT diagnosis_incident_area FOREIGN KEY (area_id) REFERENCES platform_area (id),
  CONSTRAINT diagnosis_incident_sex CHECK (sex IN ('F', 'M', 'O', 'U')),
  CONSTRAINT diagnosis_incident_precision CHECK (date_precision IN ('D', 'M'))
);
CREATE UNIQUE INDEX diagnosis_incident_fingerprint ON diagnosis_incident (source_id, fingerprint);
CREATE INDEX diagnosis_incident_by_import ON diagnosis_incident (import_id);
CREATE INDEX diagnosis_incident_by_area ON diagnosis_incident (area_id);

-- Counts per area x ICCS code x sex x age band x month (yyyymm), kept up to date in the same transaction as
-- every import, undo and edit. area_key 0 = area unknown. The analysis, the map and the report read only this.
CREATE TABLE diagnosis_incident_count (
  area_key  BIGINT     NOT NULL,
  iccs      VARCHAR(8) NOT NULL,
  sex       CHAR(1)    NOT NULL,
  age_band  VARCHAR(8) NOT NULL,
  month     INT        NOT NULL,
  n         INT        NOT NULL,
  PRIMARY KEY (area_key, iccs, sex, age_band, month)
);
