-- The strategy: its versions (draft -> adopted -> revised), the areas each covers, priorities, objectives,
-- actions with their do-no-harm review, the areas of each action and its budget lines (integer minor units).
CREATE TABLE strategy_version (
  id            BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seq_no        INT           NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  vision        VARCHAR(4000) NOT NULL,
  from_year     INT           NOT NULL,
  to_year       INT           NOT NULL,
  adopted_on    DATE,
  adopted_by    VARCHAR(100),
  decision_ref  VARCHAR(200),
  based_on      BIGINT,
  created_at    TIMESTAMP     NOT NULL,
  version       INT           NOT NULL DEFAULT 0,
  CONSTRAINT strategy_version_number UNIQUE (seq_no),
  CONSTRAINT strategy_version_status CHECK (status IN ('draft', 'adopted', 'revised'))
);

CREATE TABLE strategy_version_area (
  version_id BIGINT NOT NULL REFERENCES strategy_version (id),
  area_id    BIGINT NOT NULL REFERENCES platform_area (id),
  PRIMARY KEY (version_id, area_id)
);

CREATE TABLE strategy_priority (
  id            BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id    BIGINT        NOT NULL REFERENCES strategy_version (id),
  area_id       BIGINT        REFERENCES platform_area (id),
  target_group  VARCHAR(32),
  title         VARCHAR(300)  NOT NULL,
  justification VARCHAR(4000) NOT NULL,
  priority_rank INT           NOT NULL,
  version       INT           NOT NULL DEFAULT 0
);

CREATE TABLE strategy_objective (
  id            BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id    BIGINT        NOT NULL REFERENCES strategy_version (id),
  priority_id   BIGINT        REFERENCES strategy_priority (id),
  title         VARCHAR(300)  NOT NULL,
  target_what   VARCHAR(300)  NOT NULL,
  target_amount VARCHAR(100)  NOT NULL,
  target_by     DATE          NOT NULL,
  version       INT           NOT NULL DEFAULT 0
);

CREATE TABLE strategy_action (
  id               BIGINT        NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  version_id       BIGINT        NOT NULL REFERENCES strategy_version (id),
  origin           VARCHAR(36)   NOT NULL,
  objective_id     BIGINT        REFERENCES strategy_objective (id),
  title            VARCHAR(300)  NOT NULL,
  description      VARCHAR(4000) NOT NULL,
  prevention_level VARCHAR(16)   NOT NULL,
  prevention_type  VARCHAR(32)   NOT NULL,
  target_groups    VARCHAR(300)  NOT NULL,
  lead_partner     VARCHAR(300)  NOT NULL,
  start_date       DATE,
  end_date         DATE,
  status           VARCHAR(16)   NOT NULL,
  harm_displacement VARCHAR(2000) NOT NULL,
  harm_stigma      VARCHAR(2000) NOT NULL,
  harm_vulnerable  VARCHAR(2000) NOT NULL,
  harm_privacy     VARCHAR(2000) NOT NULL,
  harm_likelihood  VARCHAR(16)   NOT NULL,
  harm_mitigation  VARCHAR(2000) NOT NULL,
  version          INT           NOT NULL DEFAULT 0
);

CREATE TABLE strategy_action_area (
  action_id BIGINT NOT NULL REFERENCES strategy_action (id),
  area_id   BIGINT NOT NULL REFERENCES platform_area (id),
  PRIMARY KEY (action_id, area_id)
);

CREATE TABLE strategy_budget (
  id        BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action_id BIGINT       NOT NULL REFERENCES strategy_action (id),
  funding_source VARCHAR(200) NOT NULL,
  gov_level VARCHAR(16)  NOT NULL,
  amount    BIGINT       NOT NULL,
  currency  CHAR(3)      NOT NULL,
  CONSTRAINT strategy_budget_amount CHECK (amount >= 0)
)
