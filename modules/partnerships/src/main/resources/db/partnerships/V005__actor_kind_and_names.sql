-- An actor is an organisation or a person; its name may also be given in each language of the kit, shown to
-- users of that language (the main name, as used locally, stays the fallback).
ALTER TABLE partnerships_actor ADD COLUMN actor_kind VARCHAR(20) NOT NULL DEFAULT 'organisation';

CREATE TABLE partnerships_actor_name (
  actor_id BIGINT       NOT NULL REFERENCES partnerships_actor (id) ON DELETE CASCADE,
  lang     VARCHAR(8)   NOT NULL,
  name     VARCHAR(200) NOT NULL,
  PRIMARY KEY (actor_id, lang)
);
