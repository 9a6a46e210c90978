import { bigintNumber } from '../bigint-number';
import {
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';

/** A known fault and its fix. List fields (steps, models, tags) are JSON arrays of strings. */
@Index('kb_article_updated', ['updatedAt'])
@Entity('kb_article')
export class KbArticle {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) symptoms: string;
  @Column({ type: 'text' }) cause: string;
  @Column({ type: 'text' }) steps: string;
  @Column({ type: 'text' }) models: string;
  @Column({ type: 'text' }) tags: string;
  @ForeignKey('Ticket')
  @Column({ type: 'integer', name: 'source_ticket_id', nullable: true })
  sourceTicketId: number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'author_id' }) authorId: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
}

@Index('kb_article_model_article', ['articleId'])
@Entity('kb_article_model')
export class KbArticleModel {
  @ForeignKey('KbArticle')
  @PrimaryColumn({ type: 'integer', name: 'article_id' })
  articleId: number;
  @PrimaryColumn({ type: 'varchar', name: 'model_norm', length: 200 }) modelNorm: string;
}
