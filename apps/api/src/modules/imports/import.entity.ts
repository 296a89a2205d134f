import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns.js';
import { ApiTokenEntity } from '../api-tokens/api-token.entity.js';
import { UserEntity } from '../users/user.entity.js';

/**
 * One file brought in for one source. Lifecycle:
 * draft → (queued → running → merging → validated, for a dry run) → queued → running → merging →
 * succeeded | failed | cancelled; succeeded → undone.
 */
@Entity('imports')
@Check('ck_imports_source', `"source" IN ('customers','deals','transactions','usage','surveys','interviews','products')`)
@Check('ck_imports_status', `"status" IN ('draft','queued','running','merging','validated','succeeded','failed','cancelled','undone')`)
@Check('ck_imports_mode', `"mode" IN ('reject_file','quarantine')`)
@Index('ix_imports_created_at', ['createdAt'])
export class ImportEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_imports' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: string;

  @Column({ type: 'varchar', length: 16, default: 'quarantine' })
  mode: string;

  /** The current run only checks: everything is rolled back at the end. */
  @Column({ type: 'boolean', default: false })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 300 })
  fileName: string;

  /** Where the uploaded bytes wait for the job (deleted once the import is final). */
  @Column({ type: 'text', nullable: true })
  filePath: string | null;

  @Column({ type: 'bigint', default: 0 })
  fileSize: string;

  /** Detected format and the user's overrides: delimiter, encoding, decimal, thousands, dateFormat. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  format: object;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detected: object;

  /** target field → file header */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  mapping: object;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  headers: object;

  /** First rows of the file, for the wizard's preview. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  preview: object;

  @Column({ type: 'bigint', default: 0 })
  bytesRead: string;

  @Column({ type: 'integer', default: 0 })
  rowsIn: number;

  @Column({ type: 'integer', default: 0 })
  rowsImported: number;

  @Column({ type: 'integer', default: 0 })
  rowsQuarantined: number;

  @Column({ type: 'integer', default: 0 })
  rowsRejected: number;

  @Column({ type: 'integer', default: 0 })
  rowsInserted: number;

  @Column({ type: 'integer', default: 0 })
  rowsUpdated: number;

  @Column({ type: 'integer', default: 0 })
  rowsUnchanged: number;

  @Column({ type: 'integer', default: 0 })
  placeholdersCreated: number;

  @Column({ type: 'integer', default: 0 })
  errorCount: number;

  @Column({ type: 'integer', default: 0 })
  warningCount: number;

  @Column({ type: 'boolean', default: false })
  cancelRequested: boolean;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_imports_created_by' })
  creator?: UserEntity | null;

  @Column({ type: 'uuid', nullable: true })
  apiTokenId: string | null;

  @ManyToOne(() => ApiTokenEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'api_token_id', foreignKeyConstraintName: 'fk_imports_api_token' })
  apiToken?: ApiTokenEntity | null;

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  undoneAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  undoneBy: string | null;
}
