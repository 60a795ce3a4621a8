DROP INDEX `events_event_time_person`;--> statement-breakpoint
ALTER TABLE `events` ADD `revenue` real;--> statement-breakpoint
-- Revenue of the track events stored before this migration, as
-- collector/ingest/event-revenue.ts reads it, where SQL can do so exactly: a number
-- in `revenue`, else a number in `total`, else 0. An amount sent as text is left
-- null (SQLite's casts do not read strings as JavaScript's Number does): reports
-- read those rows' properties instead.
UPDATE `events` SET `revenue` = CASE
    WHEN json_type(`properties`, '$.revenue') IN ('integer', 'real') THEN json_extract(`properties`, '$.revenue')
    WHEN json_type(`properties`, '$.revenue') = 'text' THEN NULL
    WHEN json_type(`properties`, '$.total') IN ('integer', 'real') THEN json_extract(`properties`, '$.total')
    WHEN json_type(`properties`, '$.total') = 'text' THEN NULL
    ELSE 0 END
  WHERE `type` = 'track';--> statement-breakpoint
-- Built after the fill: cheaper than keeping it up to date through every update.
CREATE INDEX `events_conversions` ON `events` (`event`,`person_id`,`timestamp`,`revenue`) WHERE "events"."bot" = 0 and "events"."person_id" is not null;
