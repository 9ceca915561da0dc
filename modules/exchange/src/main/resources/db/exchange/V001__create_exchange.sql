-- Review and exchange (step 6): the review report per cycle (a calendar year), the good-practice library, the
-- office's own OpenPGP key, the keys of recipients and known senders, the exports made and the exports received.

CREATE TABLE exchange_review (
  cycle            INT            NOT NULL PRIMARY KEY,
  measures         VARCHAR(8000)  NOT NULL,
  difficulties     VARCHAR(8000)  NOT NULL,
  assistance       VARCHAR(8000)  NOT NULL,
  practices_note   VARCHAR(8000)  NOT NULL,
  tools_shared     INT            NOT NULL,
  tools_piloted    INT            NOT NULL,
  focal_points     INT            NOT NULL,
  funds_minor      BIGINT         NOT NULL,
  partners_engaged INT            NOT NULL,
  updated_at       TIMESTAMP      NOT NULL,
  updated_by       VARCHAR(100)   NOT NULL,
  version          INT            NOT NULL DEFAULT 0
);

-- A practice recorded by the office (received_id NULL) or read from another city's export (read-only).
CREATE TABLE exchange_practice (
  id              BIGINT         NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title           VARCHAR(300)   NOT NULL,
  problem         VARCHAR(4000)  NOT NULL,
  intervention    VARCHAR(4000)  NOT NULL,
  prevention_type VARCHAR(32)    NOT NULL,
  target_groups   VARCHAR(400)   NOT NULL,
  evidence        VARCHAR(4000)  NOT NULL,
  cost            VARCHAR(400)   NOT NULL,
  contact_role    VARCHAR(200)   NOT NULL,
  city            VARCHAR(200),
  received_id     BIGINT,
  created_at      TIMESTAMP      NOT NULL,
  version         INT            NOT NULL DEFAULT 0
);

-- The office's signing key (one row). The secret key is passphrase-protected; the passphrase is random and kept
-- here too, so that the store's encryption at rest protects both (see docs/admin-guide.md "Exchange keys").
CREATE TABLE exchange_office_key (
  id           INT            NOT NULL PRIMARY KEY,
  fingerprint  VARCHAR(64)    NOT NULL,
  user_id      VARCHAR(300)   NOT NULL,
  created_at   TIMESTAMP      NOT NULL,
  public_key   CLOB           NOT NULL,
  secret_key   CLOB           NOT NULL,
  passphrase   VARCHAR(100)   NOT NULL,
  CONSTRAINT exchange_office_key_one CHECK (id = 1)
);

-- Public keys: recipients of our exports (kind 'recipient') and senders whose exports we accept ('sender').
CREATE TABLE exchange_key (
  id           BIGINT         NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         VARCHAR(16)    NOT NULL,
  label        VARCHAR(200)   NOT NULL,
  fingerprint  VARCHAR(64)    NOT NULL,
  user_id      VARCHAR(300)   NOT NULL,
  armoured     CLOB           NOT NULL,
  added_at     TIMESTAMP      NOT NULL,
  CONSTRAINT exchange_key_kind CHECK (kind IN ('recipient', 'sender')),
  CONSTRAINT exchange_key_unique UNIQUE (kind, fingerprint)
);

CREATE TABLE exchange_export (
  id           BIGINT         NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at   TIMESTAMP      NOT NULL,
  created_by   VARCHAR(100)   NOT NULL,
  from_year    INT            NOT NULL,
  to_year      INT            NOT NULL,
  file_name    VARCHAR(200)   NOT NULL,
  bytes        BIGINT         NOT NULL,
  sha256       VARCHAR(64)    NOT NULL,
  signer       VARCHAR(64)    NOT NULL,
  recipients   VARCHAR(2000)  NOT NULL,
  written_to   VARCHAR(1000)  NOT NULL
);

-- An export received from another city, verified and decrypted: who signed it, when, and its content (JSON).
CREATE TABLE exchange_received (
  id             BIGINT         NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at    TIMESTAMP      NOT NULL,
  received_by    VARCHAR(100)   NOT NULL,
  signer         VARCHAR(64)    NOT NULL,
  signer_label   VARCHAR(200)   NOT NULL,
  signed_at      TIMESTAMP      NOT NULL,
  city           VARCHAR(200)   NOT NULL,
  country        VARCHAR(2)     NOT NULL,
  from_year      INT            NOT NULL,
  to_year        INT            NOT NULL,
  schema_version VARCHAR(16)    NOT NULL,
  kit_version    VARCHAR(64)    NOT NULL,
  file_sha256    VARCHAR(64)    NOT NULL,
  content        CLOB           NOT NULL,
  CONSTRAINT exchange_received_once UNIQUE (file_sha256)
);
