-- Accounts and the append-only, hash-chained audit log.
CREATE TABLE platform_account (
  id            BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      VARCHAR(64)  NOT NULL,
  display_name  VARCHAR(200) NOT NULL,
  password_hash VARCHAR(200) NOT NULL,
  role          VARCHAR(32)  NOT NULL,
  lang          VARCHAR(16),
  active        BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at    TIMESTAMP    NOT NULL,
  version       INT          NOT NULL DEFAULT 0,
  CONSTRAINT platform_account_username UNIQUE (username)
);

CREATE TABLE platform_audit (
  seq         BIGINT        NOT NULL PRIMARY KEY,
  logged_at   TIMESTAMP     NOT NULL,
  actor       VARCHAR(64)   NOT NULL,
  address     VARCHAR(64)   NOT NULL,
  action      VARCHAR(64)   NOT NULL,
  record_type VARCHAR(64)   NOT NULL,
  record_id   VARCHAR(64)   NOT NULL,
  outcome     VARCHAR(16)   NOT NULL,
  detail      VARCHAR(1000) NOT NULL,
  prev_hash   CHAR(64)      NOT NULL,
  hash        CHAR(64)      NOT NULL
);
CREATE INDEX platform_audit_by_action ON platform_audit (action);

-- One row: the last sequence number and hash. Updating it first serialises appenders until commit.
CREATE TABLE platform_audit_head (
  id   INT      NOT NULL PRIMARY KEY,
  seq  BIGINT   NOT NULL,
  hash CHAR(64) NOT NULL,
  CONSTRAINT platform_audit_head_single CHECK (id = 1)
);
INSERT INTO platform_audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
