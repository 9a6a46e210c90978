import { ApiError } from '../../api/errors';
import { defineMethod } from '../../api/method';
import { byId } from '../../api/schemas/misc';
import {
  kbFromTicketSchema,
  kbSaveSchema,
  kbSearchSchema,
  kbSuggestSchema,
} from '../../api/schemas/reports';
import { KbArticle, KbArticleModel } from '../../db/entities';
import { articleDtos, articleHits, similarTicketDtos } from './kb-articles';
import { articlesForModels, kbSearch as kb } from './kb-search';
import { modelKey } from './kb-text';

const notFound = () => new ApiError('NOT_FOUND', 'No such article.', { key: 'errors.notFound' });

/** Known faults and their fixes (DOMAIN "Knowledge base"): search, suggestions, editing. */
export const kbMethods = [
  defineMethod('kb.search', {
    input: kbSearchSchema,
    access: 'kb.read',
    write: false,
    async handler({ q, model, limit }, { em }) {
      const byModel = model ? await articlesForModels(em, [model], 200) : [];
      const modelIds = new Set(byModel);
      const found = q || !model ? await kb.search(em, q, limit * 2) : byModel;
      // Articles for the asked model rise to the top; the search's order is kept otherwise.
      const ids = [
        ...found.filter((id) => modelIds.has(id)),
        ...found.filter((id) => !modelIds.has(id)),
      ];
      return articleHits(em, ids.slice(0, limit), modelIds);
    },
  }),

  defineMethod('kb.get', {
    input: byId,
    access: 'kb.read',
    write: false,
    async handler({ id }, { em }) {
      const [dto] = await articleDtos(em, [id]);
      if (!dto) throw notFound();
      return dto;
    },
  }),

  defineMethod('kb.suggest', {
    input: kbSuggestSchema,
    access: 'kb.read',
    write: false,
    async handler(input, { em }) {
      const { ticketId, limit } = input;
      let { brand, model, problem } = input;
      // The bench passes only the ticket: its device and problem are the question.
      if (ticketId && !model) {
        const [t]: Array<{ brand: string; model: string; problem: string }> = await em.query(
          'SELECT d.brand, d.model, t.problem FROM ticket t JOIN device d ON d.id = t.device_id WHERE t.id = ?',
          [ticketId],
        );
        if (t) {
          brand = t.brand;
          model = t.model;
          problem = problem || t.problem;
        }
      }
      const models = model ? [model, ...(brand ? [`${brand} ${model}`] : [])] : [];
      const modelIds = new Set(await articlesForModels(em, models, 200));
      const text = await kb.similar(em, problem, limit * 4);
      // Same model and same symptom first, then the symptom alone, then the model alone.
      const ranked = [
        ...text.filter((id) => modelIds.has(id)),
        ...text.filter((id) => !modelIds.has(id)),
        ...[...modelIds].filter((id) => !text.includes(id)),
      ];
      const label = model ? [brand, model].filter(Boolean).join(' ') : null;
      const ticketIds = (await kb.similarTickets(em, label, problem, limit + 1)).filter(
        (id) => id !== ticketId,
      );
      return {
        articles: await articleHits(em, ranked.slice(0, limit), modelIds),
        tickets: await similarTicketDtos(em, ticketIds.slice(0, limit)),
      };
    },
  }),

  defineMethod('kb.fromTicket', {
    input: kbFromTicketSchema,
    access: 'kb.write',
    write: false,
    async handler({ ticketId }, { em }) {
      const [t]: Array<{
        problem: string;
        cause: string | null;
        brand: string;
        model: string;
        category: string;
      }> = await em.query(
        `SELECT t.problem, t.cause, d.brand, d.model, t.category FROM ticket t JOIN device d ON d.id = t.device_id
           WHERE t.id = ?`,
        [ticketId],
      );
      if (!t) throw new ApiError('NOT_FOUND', 'Ticket not found.', { key: 'errors.notFound' });
      if (!t.cause) {
        throw new ApiError('CONFLICT', 'This ticket has no diagnosis yet.', {
          key: 'errors.kbNoDiagnosis',
        });
      }
      // The resolution is what was done: the estimate's lines and the work-log notes, in order
      // (at the same moment: estimate lines first, each in the order written).
      const steps: Array<{ text: string }> = await em.query(
        `SELECT text FROM (
           SELECT description AS text, created_at AS at, 0 AS src, id FROM estimate_line WHERE ticket_id = ? AND removed_at IS NULL
           UNION ALL
           SELECT note AS text, started_at AS at, 1 AS src, id FROM work_log WHERE ticket_id = ? AND note IS NOT NULL AND note <> ''
         ) AS steps ORDER BY at, src, id`,
        [ticketId, ticketId],
      );
      const firstLine = t.problem.split(/[;；\n]/)[0].trim();
      return {
        title: `${t.model}: ${firstLine}`.slice(0, 200),
        symptoms: t.problem,
        cause: t.cause,
        steps: [...new Set(steps.map((s) => s.text.trim()).filter(Boolean))],
        models: [`${t.brand} ${t.model}`],
        tags: [t.category],
        sourceTicketId: ticketId,
      };
    },
  }),

  defineMethod('kb.save', {
    input: kbSaveSchema,
    access: 'kb.write',
    write: true,
    async handler(input, ctx) {
      const { em, now } = ctx;
      const fields = {
        title: input.title,
        symptoms: input.symptoms,
        cause: input.cause,
        steps: JSON.stringify(input.steps),
        models: JSON.stringify(input.models),
        tags: JSON.stringify(input.tags),
        updatedAt: now,
      };
      let id: number;
      if (input.id) {
        const current = await em.findOne(KbArticle, { where: { id: input.id } });
        if (!current) throw notFound();
        const res = await em
          .createQueryBuilder()
          .update(KbArticle)
          .set({ ...fields, version: current.version + 1 })
          .where('id = :id AND version = :version', {
            id: input.id,
            version: input.version ?? current.version,
          })
          .execute();
        if (!res.affected) {
          throw new ApiError(
            'CONFLICT',
            'Someone else changed this article first. Reload and try again.',
            {
              key: 'errors.stale',
            },
          );
        }
        id = input.id;
        await em.delete(KbArticleModel, { articleId: id });
      } else {
        const res = await em.insert(KbArticle, {
          ...fields,
          sourceTicketId: input.sourceTicketId ?? null,
          authorId: ctx.session.staffId,
          createdAt: now,
          version: 1,
        });
        id = (res.identifiers[0] as { id: number }).id;
      }
      const keys = [...new Set(input.models.map(modelKey))];
      if (keys.length)
        await em.insert(
          KbArticleModel,
          keys.map((modelNorm) => ({ articleId: id, modelNorm })),
        );
      ctx.audit.entity = 'kb_article';
      ctx.audit.entityId = id;
      return (await articleDtos(em, [id]))[0];
    },
  }),
];
