-- The outcome an action is expected to bring, as a quantity and its unit in the user's words ("fewer street
-- robberies a year", "street lights working"): the basis of the cost per unit of expected outcome (G§70). Both
-- optional (NULL: not stated); existing actions have none. The unit holds up to 120 characters (code points):
-- 240 UTF-16 units leave room for characters outside the BMP.
ALTER TABLE strategy_action ADD COLUMN outcome_quantity BIGINT;
ALTER TABLE strategy_action ADD COLUMN outcome_unit VARCHAR(240)
