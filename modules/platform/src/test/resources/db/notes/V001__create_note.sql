-- A module of the tests: notes tied to an area, to prove the module contract.
CREATE TABLE notes_note (
  id      BIGINT       NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_id BIGINT       NOT NULL,
  text    VARCHAR(200) NOT NULL,
  CONSTRAINT notes_note_area FOREIGN KEY (area_id) REFERENCES platform_area (id)
);
