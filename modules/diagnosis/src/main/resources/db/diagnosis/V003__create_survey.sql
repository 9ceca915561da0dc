-- Victimisation and perception surveys: the office's secret for pseudonyms, the local questions and the
-- office's own wording, respondents (pseudonymous: no names, the respondent key only as an HMAC), their
-- answers, the imports, and the pre-computed sums per indicator cell that the estimates read.

-- One row: the random key of HMAC-SHA256 pseudonyms. Created once, never shown.
CREATE TABLE diagnosis_survey_secret (
  id     INT         NOT NULL PRIMARY KEY,
  secret VARCHAR(64) NOT NULL,
  CONSTRAINT diagnosis_survey_secret_one CHECK (id = 1)
);

-- Local questions the office adds (choice lists); built-in questions live in the code with stable codes and
-- only get rows here for their missing codes.
CREATE TABLE diagnosis_survey_question (
  code          VARCHAR(40)  NOT NULL PRIMARY KEY,
  builtin       BOOLEAN      NOT NULL,
  multiple      BOOLEAN      NOT NULL DEFAULT FALSE,
  choices       VARCHAR(2000) NOT NULL DEFAULT '',   -- local questions: choice codes separated by '|'
  missing_codes VARCHAR(200) NOT NULL DEFAULT '',     -- codes meaning "don't know / refused", separated by '|'
  position      INT          NOT NULL DEFAULT 0
);

-- The office's wording per language of a question ('q') or a choice ('c'): overrides the built-in text.
CREATE TABLE diagnosis_survey_text (
  question_code VARCHAR(40)  NOT NULL,
  choice_code   VARCHAR(60)  NOT NULL DEFAULT '',   -- '' for the question itself
  lang          VARCHAR(5)   NOT NULL,
  text          VARCHAR(1000) NOT NULL,
  PRIMARY KEY (question_code, choice_code, lang)
);

CREATE TABLE diagnosis_survey_import (
  id             BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name      VARCHAR(255) NOT NULL,
  rows_read      INT          NOT NULL,
  rows_added     INT          NOT NULL,
  rows_duplicate INT          NOT NULL,
  rows_rejected  INT          NOT NULL,
  started_by     VARCHAR(64)  NOT NULL,
  started_at     TIMESTAMP    NOT NULL
);

-- sex: F, M, O (other), U (unknown); age_band: 15-24 ... 65+ or unknown; disability: Y, N, U.
CREATE TABLE diagnosis_survey_respondent (
  id          BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key_hmac    CHAR(64)     NOT NULL,
  area_id     BIGINT,
  sex         CHAR(1)      NOT NULL,
  age_band    VARCHAR(8)   NOT NULL,
  disability  CHAR(1)      NOT NULL,
  weight      DOUBLE       NOT NULL,
  consent_at  TIMESTAMP    NOT NULL,
  import_id   BIGINT,
  entered_by  VARCHAR(64)  NOT NULL,
  entered_at  TIMESTAMP    NOT NULL,
  CONSTRAINT diagnosis_survey_respondent_key UNIQUE (key_hmac),
  CONSTRAINT diagnosis_survey_respondent_weight CHECK (weight > 0)
);

CREATE TABLE diagnosis_survey_answer (
  respondent_id BIGINT      NOT NULL,
  question_code VARCHAR(40) NOT NULL,
  choice_code   VARCHAR(60) NOT NULL,
  PRIMARY KEY (respondent_id, question_code, choice_code),
  CONSTRAINT diagnosis_survey_answer_respondent FOREIGN KEY (respondent_id)
    REFERENCES diagnosis_survey_respondent (id) ON DELETE CASCADE
);

-- Σw, Σw², Σw·y and the head count per indicator × area × sex × age band × disability (area 0 = unknown),
-- kept up to date in the same transaction as the answers.
CREATE TABLE diagnosis_survey_cell (
  indicator_code VARCHAR(110) NOT NULL,
  area_id     BIGINT       NOT NULL,
  sex         CHAR(1)      NOT NULL,
  age_band    VARCHAR(8)   NOT NULL,
  disability  CHAR(1)      NOT NULL,
  respondents BIGINT       NOT NULL,
  sum_w       DOUBLE       NOT NULL,
  sum_w2      DOUBLE       NOT NULL,
  sum_wy      DOUBLE       NOT NULL,
  PRIMARY KEY (indicator_code, area_id, sex, age_band, disability)
);
