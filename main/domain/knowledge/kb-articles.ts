import type { EntityManager } from 'typeorm';
import type { KbArticleDto, KbHit, SimilarTicket } from '../../api/contract';

interface ArticleRow {
  id: number;
  title: string;
  symptoms: string;
  cause: string;
  steps: string;
  models: string;
  tags: string;
  source_ticket_id: number | null;
  source_number: string | null;
  author: string;
  updated_at: number;
  version: number;
}

const list = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);
const marks = (n: number) => Array(n).fill('?').join(',');

/** Rows for these ids, in the order given (the search's ranking). */
function inOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function articleDtos(em: EntityManager, ids: number[]): Promise<KbArticleDto[]> {
  if (!ids.length) return [];
  const rows: ArticleRow[] = await em.query(
    `SELECT a.*, s.name AS author, t.number AS source_number FROM kb_article a
     JOIN staff s ON s.id = a.author_id LEFT JOIN ticket t ON t.id = a.source_ticket_id
     WHERE a.id IN (${marks(ids.length)})`,
    ids,
  );
  return inOrder(ids, rows).map((r) => ({
    id: r.id,
    title: r.title,
    symptoms: r.symptoms,
    cause: r.cause,
    steps: list(r.steps),
    models: list(r.models),
    tags: list(r.tags),
    sourceTicket: r.source_ticket_id
      ? { id: r.source_ticket_id, number: r.source_number ?? '' }
      : null,
    author: r.author,
    updatedAt: r.updated_at,
    version: r.version,
  }));
}

export async function articleHits(
  em: EntityManager,
  ids: number[],
  modelIds: Set<number>,
): Promise<KbHit[]> {
  if (!ids.length) return [];
  const rows: Array<Omit<ArticleRow, 'steps' | 'cause' | 'author' | 'source_number'>> =
    await em.query(
      `SELECT id, title, substr(symptoms, 1, 240) AS symptoms, models, tags, updated_at FROM kb_article
     WHERE id IN (${marks(ids.length)})`,
      ids,
    );
  return inOrder(ids, rows).map((r) => ({
    id: r.id,
    title: r.title,
    symptoms: r.symptoms,
    models: list(r.models),
    tags: list(r.tags),
    updatedAt: r.updated_at,
    modelMatch: modelIds.has(r.id),
  }));
}

export async function similarTicketDtos(
  em: EntityManager,
  ids: number[],
): Promise<SimilarTicket[]> {
  if (!ids.length) return [];
  const rows: Array<{
    id: number;
    number: string;
    brand: string;
    model: string;
    problem: string;
    cause: string | null;
    plan: string | null;
    status: string;
    completed_at: number | null;
  }> = await em.query(
    `SELECT t.id, t.number, d.brand, d.model, t.problem, t.cause, t.plan, t.status, t.completed_at
     FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.id IN (${marks(ids.length)})`,
    ids,
  );
  return inOrder(ids, rows).map((r) => ({
    id: r.id,
    number: r.number,
    deviceLabel: `${r.brand} ${r.model}`,
    problem: r.problem,
    cause: r.cause ?? '',
    plan: list(r.plan),
    status: r.status,
    completedAt: r.completed_at,
  }));
}
