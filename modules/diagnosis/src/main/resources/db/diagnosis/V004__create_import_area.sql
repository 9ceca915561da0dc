-- The areas an import's incidents are placed in. Each import's rows live in a table of their own
-- (DIAGNOSIS_INC_<import id>) with no foreign key to the area tree: checking a million rows against
-- platform_area one by one was a third of a large import. This small table keeps the guarantee instead:
-- the database still refuses to delete an area that imported incidents are placed in.
CREATE TABLE diagnosis_import_area (
  import_id BIGINT NOT NULL,
  area_id   BIGINT NOT NULL,
  CONSTRAINT diagnosis_import_area_pk PRIMARY KEY (import_id, area_id),
  CONSTRAINT diagnosis_import_area_import FOREIGN KEY (import_id) REFERENCES diagnosis_import (id),
  CONSTRAINT diagnosis_import_area_area FOREIGN KEY (area_id) REFERENCES platform_area (id)
);
