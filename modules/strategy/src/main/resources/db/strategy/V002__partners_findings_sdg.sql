-- Links of the strategy to the other modules (all optional: each keeps a name or label copied at the time, so
-- the strategy reads the same when partnerships or diagnosis is switched off) and to the SDG targets (G§71).
ALTER TABLE strategy_action ADD COLUMN lead_actor_id BIGINT;

-- Supporting partners of an action: an actor of the coalition (actor_id) or a name typed by hand (actor_id NULL).
CREATE TABLE strategy_action_support (
  action_id BIGINT       NOT NULL REFERENCES strategy_action (id),
  position  INT          NOT NULL,
  actor_id  BIGINT,
  name      VARCHAR(300) NOT NULL,
  PRIMARY KEY (action_id, position)
);

-- SDG targets an action contributes to, as "11.7", "16.1", "5.2".
CREATE TABLE strategy_action_sdg (
  action_id BIGINT     NOT NULL REFERENCES strategy_action (id),
  target    VARCHAR(8) NOT NULL,
  PRIMARY KEY (action_id, target)
);

-- Diagnosis findings a priority cites as its evidence, with their label at the time of citing.
CREATE TABLE strategy_priority_finding (
  priority_id BIGINT        NOT NULL REFERENCES strategy_priority (id),
  finding_ref VARCHAR(200)  NOT NULL,
  label       VARCHAR(1000) NOT NULL,
  PRIMARY KEY (priority_id, finding_ref)
)
