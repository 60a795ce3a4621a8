-- WITHOUT ROWID (not modelled by drizzle-kit): rows lie in (steps, day) order, so a
-- scan groups by steps without a sort (collector/db/schema/session-path-days.ts).
CREATE TABLE `session_path_days` (
	`steps` text NOT NULL,
	`day` integer NOT NULL,
	`sessions` integer NOT NULL,
	PRIMARY KEY(`steps`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
-- A day is floor(start / 86,400,000), spelled so that times before 1970 round down.
INSERT INTO `session_path_days` (`steps`, `day`, `sessions`)
  SELECT `steps`, (`start` - ((`start` % 86400000) + 86400000) % 86400000) / 86400000, count(*) FROM `sessions` WHERE `steps` <> '' GROUP BY 1, 2;
--> statement-breakpoint
-- Triggers keep the counts in the transaction that writes the sessions (ingest
-- deletes and inserts a person's changed sessions; erasure deletes them).
CREATE TRIGGER `session_path_days_insert` AFTER INSERT ON `sessions` WHEN new.`steps` <> '' BEGIN
  INSERT INTO `session_path_days` (`steps`, `day`, `sessions`) VALUES (new.`steps`, (new.`start` - ((new.`start` % 86400000) + 86400000) % 86400000) / 86400000, 1)
    ON CONFLICT (`steps`, `day`) DO UPDATE SET `sessions` = `sessions` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `session_path_days_delete` AFTER DELETE ON `sessions` WHEN old.`steps` <> '' BEGIN
  UPDATE `session_path_days` SET `sessions` = `sessions` - 1 WHERE `steps` = old.`steps` AND `day` = (old.`start` - ((old.`start` % 86400000) + 86400000) % 86400000) / 86400000;
  DELETE FROM `session_path_days` WHERE `steps` = old.`steps` AND `day` = (old.`start` - ((old.`start` % 86400000) + 86400000) % 86400000) / 86400000 AND `sessions` <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `session_path_days_update` AFTER UPDATE OF `steps`, `start` ON `sessions` BEGIN
  UPDATE `session_path_days` SET `sessions` = `sessions` - 1
    WHERE old.`steps` <> '' AND `steps` = old.`steps` AND `day` = (old.`start` - ((old.`start` % 86400000) + 86400000) % 86400000) / 86400000;
  DELETE FROM `session_path_days` WHERE `steps` = old.`steps` AND `day` = (old.`start` - ((old.`start` % 86400000) + 86400000) % 86400000) / 86400000 AND `sessions` <= 0;
  INSERT INTO `session_path_days` (`steps`, `day`, `sessions`) SELECT new.`steps`, (new.`start` - ((new.`start` % 86400000) + 86400000) % 86400000) / 86400000, 1 WHERE new.`steps` <> ''
    ON CONFLICT (`steps`, `day`) DO UPDATE SET `sessions` = `sessions` + 1;
END;
