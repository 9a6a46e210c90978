import { pgDdl } from './pg-ddl';
import type { Migration } from './types';

/**
 * Reports and the knowledge base. The indexes let the daily report, the dashboard and the
 * export read one day or one range by index (completed / collected / QC / work-log time),
 * never by scanning every ticket. Knowledge articles keep list fields as JSON arrays;
 * `kb_article_model` holds one normalised model per row so "articles for this model" is an
 * index lookup.
 */
const sql = [
  // Covering: turnaround, on-time and per-technician figures read only the index.
  `CREATE INDEX ticket_completed ON ticket (completed_at, received_at, promised_at, paused_ms, category, assigned_to)`,
  // Covering: a day's or a range's intake by category, device and repeat without the table.
  `CREATE INDEX ticket_received_mix ON ticket (received_at, category, repeat_of_id, device_id)`,
  // Covering: overdue / near-due counts over the open work never touch the table.
  `CREATE INDEX ticket_open_due ON ticket (status, promised_at, paused_ms, paused_at, received_at)`,
  `CREATE INDEX ticket_collected ON ticket (collected_at)`,
  `CREATE INDEX ticket_repeat_of ON ticket (repeat_of_id)`,
  `CREATE INDEX qc_check_at ON qc_check (at)`,
  `CREATE INDEX work_log_ended ON work_log (ended_at)`,
  `CREATE INDEX customer_created ON customer (created_at)`,
  `CREATE TABLE kb_article (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title VARCHAR(200) NOT NULL,
      symptoms TEXT NOT NULL,
      cause TEXT NOT NULL,
      steps TEXT NOT NULL,
      models TEXT NOT NULL,
      tags TEXT NOT NULL,
      source_ticket_id INTEGER REFERENCES ticket (id),
      author_id INTEGER NOT NULL REFERENCES staff (id),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
  `CREATE INDEX kb_article_updated ON kb_article (updated_at)`,
  `CREATE TABLE kb_article_model (
      article_id INTEGER NOT NULL REFERENCES kb_article (id),
      model_norm VARCHAR(200) NOT NULL,
      PRIMARY KEY (model_norm, article_id)
    )`,
  `CREATE INDEX kb_article_model_article ON kb_article_model (article_id)`,
];

export const m0007: Migration = {
  id: 7,
  name: 'reports',
  sql,
  sqliteOnly: [
    // Trigram: any 3+ character substring matches, which is how Chinese symptoms are typed.
    `CREATE VIRTUAL TABLE kb_fts USING fts5(title, symptoms, cause, steps, models, tags,
       content='kb_article', content_rowid='id', tokenize='trigram')`,
    `CREATE TRIGGER kb_fts_ai AFTER INSERT ON kb_article BEGIN
       INSERT INTO kb_fts (rowid, title, symptoms, cause, steps, models, tags)
       VALUES (new.id, new.title, new.symptoms, new.cause, new.steps, new.models, new.tags);
     END`,
    `CREATE TRIGGER kb_fts_ad AFTER DELETE ON kb_article BEGIN
       INSERT INTO kb_fts (kb_fts, rowid, title, symptoms, cause, steps, models, tags)
       VALUES ('delete', old.id, old.title, old.symptoms, old.cause, old.steps, old.models, old.tags);
     END`,
    `CREATE TRIGGER kb_fts_au AFTER UPDATE ON kb_article BEGIN
       INSERT INTO kb_fts (kb_fts, rowid, title, symptoms, cause, steps, models, tags)
       VALUES ('delete', old.id, old.title, old.symptoms, old.cause, old.steps, old.models, old.tags);
       INSERT INTO kb_fts (rowid, title, symptoms, cause, steps, models, tags)
       VALUES (new.id, new.title, new.symptoms, new.cause, new.steps, new.models, new.tags);
     END`,
    // Past repairs with a diagnosis, searchable by model + problem + cause: the "similar
    // tickets and how they were resolved" suggestion. Only diagnosed tickets are indexed.
    `CREATE VIRTUAL TABLE ticket_fix_fts USING fts5(model, problem, cause, tokenize='trigram')`,
    `INSERT INTO ticket_fix_fts (rowid, model, problem, cause)
       SELECT t.id, d.brand || ' ' || d.model, t.problem, t.cause
       FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.cause IS NOT NULL`,
    `CREATE TRIGGER ticket_fix_fts_au AFTER UPDATE OF cause, problem ON ticket
     WHEN new.cause IS NOT NULL BEGIN
       DELETE FROM ticket_fix_fts WHERE rowid = new.id;
       INSERT INTO ticket_fix_fts (rowid, model, problem, cause)
       SELECT new.id, d.brand || ' ' || d.model, new.problem, new.cause FROM device d WHERE d.id = new.device_id;
     END`,
  ],
  postgres: [
    ...pgDdl(sql),
    // The twin of kb_fts: trigram GIN on the article's own columns (no copy to keep in step).
    `CREATE INDEX kb_article_trgm ON kb_article USING gin (title gin_trgm_ops, symptoms gin_trgm_ops,
       cause gin_trgm_ops, steps gin_trgm_ops, models gin_trgm_ops, tags gin_trgm_ops)`,
    // The twin of ticket_fix_fts: the model as it was named when the ticket was diagnosed, kept
    // by the same trigger (on a diagnosis, not on a device rename), searched by trigram.
    `CREATE TABLE ticket_fix_text (
      ticket_id INTEGER PRIMARY KEY REFERENCES ticket (id) ON DELETE CASCADE,
      model TEXT NOT NULL,
      problem TEXT NOT NULL,
      cause TEXT NOT NULL
    )`,
    `CREATE INDEX ticket_fix_text_trgm ON ticket_fix_text USING gin (model gin_trgm_ops,
       problem gin_trgm_ops, cause gin_trgm_ops)`,
    `INSERT INTO ticket_fix_text (ticket_id, model, problem, cause)
       SELECT t.id, d.brand || ' ' || d.model, t.problem, t.cause
       FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.cause IS NOT NULL`,
    `CREATE FUNCTION ticket_fix_text_au() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM ticket_fix_text WHERE ticket_id = NEW.id;
       INSERT INTO ticket_fix_text (ticket_id, model, problem, cause)
       SELECT NEW.id, d.brand || ' ' || d.model, NEW.problem, NEW.cause FROM device d WHERE d.id = NEW.device_id;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ticket_fix_text_au AFTER UPDATE OF cause, problem ON ticket
       FOR EACH ROW WHEN (NEW.cause IS NOT NULL) EXECUTE FUNCTION ticket_fix_text_au()`,
  ],
};
