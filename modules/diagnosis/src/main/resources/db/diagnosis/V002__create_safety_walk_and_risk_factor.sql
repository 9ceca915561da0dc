-- Women's safety walks (safety audits, exploratory walks) and the risk and protective factors per area (G glossary).

-- One walk: when (walked_on, start_min = minutes after local midnight), where (an area of the tree, the route or
-- place in words, optionally a point in WGS 84), the nine parameters scored 0-3 (3 = safest) and what the walkers
-- found and recommend. actor_id/actor_name: the partner who should act, chosen from the partnerships module when
-- it is there (no foreign key: that module may be switched off; the name is kept as it was when chosen).
CREATE TABLE diagnosis_walk (
  id               BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  walked_on        DATE          NOT NULL,
  start_min        SMALLINT      NOT NULL,
  area_id          BIGINT        NOT NULL,
  place            VARCHAR(300)  NOT NULL,
  longitude        DOUBLE,
  latitude         DOUBLE,
  lighting         SMALLINT      NOT NULL,
  openness         SMALLINT      NOT NULL,
  visibility       SMALLINT      NOT NULL,
  people           SMALLINT      NOT NULL,
  security         SMALLINT      NOT NULL,
  walk_path        SMALLINT      NOT NULL,
  transport        SMALLINT      NOT NULL,
  gender_diversity SMALLINT      NOT NULL,
  feeling          SMALLINT      NOT NULL,
  findings         VARCHAR(4000) NOT NULL DEFAULT '',
  fixes            VARCHAR(4000) NOT NULL DEFAULT '',
  action_by        VARCHAR(500)  NOT NULL DEFAULT '',
  actor_id         BIGINT,
  actor_name       VARCHAR(200),
  created_at       TIMESTAMP     NOT NULL,
  updated_at       TIMESTAMP     NOT NULL,
  version          INT           NOT NULL DEFAULT 0,
  CONSTRAINT diagnosis_walk_area FOREIGN KEY (area_id) REFERENCES platform_area (id),
  CONSTRAINT diagnosis_walk_time CHECK (start_min BETWEEN 0 AND 1439),
  CONSTRAINT diagnosis_walk_point CHECK ((longitude IS NULL AND latitude IS NULL)
      OR (longitude BETWEEN -180 AND 180 AND latitude BETWEEN -90 AND 90)),
  CONSTRAINT diagnosis_walk_scores CHECK (lighting BETWEEN 0 AND 3 AND openness BETWEEN 0 AND 3
      AND visibility BETWEEN 0 AND 3 AND people BETWEEN 0 AND 3 AND security BETWEEN 0 AND 3
      AND walk_path BETWEEN 0 AND 3 AND transport BETWEEN 0 AND 3 AND gender_diversity BETWEEN 0 AND 3
      AND feeling BETWEEN 0 AND 3)
);
CREATE INDEX diagnosis_walk_by_area ON diagnosis_walk (area_id);
CREATE INDEX diagnosis_walk_by_date ON diagnosis_walk (walked_on);

-- Who walked: counts by sex (F, M, O) and age band (u18, 18-29, 30-59, 60+); only non-zero cells are stored.
CREATE TABLE diagnosis_walk_participant (
  walk_id  BIGINT     NOT NULL,
  sex      CHAR(1)    NOT NULL,
  age_band VARCHAR(8) NOT NULL,
  n        INT        NOT NULL,
  PRIMARY KEY (walk_id, sex, age_band),
  CONSTRAINT diagnosis_walk_participant_walk FOREIGN KEY (walk_id) REFERENCES diagnosis_walk (id) ON DELETE CASCADE,
  CONSTRAINT diagnosis_walk_participant_sex CHECK (sex IN ('F', 'M', 'O')),
  CONSTRAINT diagnosis_walk_participant_n CHECK (n > 0)
);

-- A risk or protective factor of an area (the root area: the whole city). factor_code is one of the built-in list
-- (FactorCodes), or null with custom_name for the city's own wording. strength 1-5. Evidence: source and date.
CREATE TABLE diagnosis_factor (
  id           BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_id      BIGINT        NOT NULL,
  kind         VARCHAR(10)   NOT NULL,
  factor_code  VARCHAR(32),
  custom_name  VARCHAR(200),
  strength     SMALLINT      NOT NULL,
  description  VARCHAR(4000) NOT NULL DEFAULT '',
  source       VARCHAR(300)  NOT NULL DEFAULT '',
  evidence_on  DATE,
  created_at   TIMESTAMP     NOT NULL,
  updated_at   TIMESTAMP     NOT NULL,
  version      INT           NOT NULL DEFAULT 0,
  CONSTRAINT diagnosis_factor_area FOREIGN KEY (area_id) REFERENCES platform_area (id),
  CONSTRAINT diagnosis_factor_kind CHECK (kind IN ('risk', 'protective')),
  CONSTRAINT diagnosis_factor_named CHECK (factor_code IS NOT NULL OR custom_name IS NOT NULL),
  CONSTRAINT diagnosis_factor_strength CHECK (strength BETWEEN 1 AND 5)
);
CREATE INDEX diagnosis_factor_by_area ON diagnosis_factor (area_id);
