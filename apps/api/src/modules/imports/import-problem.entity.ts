import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ImportEntity } from './import.entity.js';

/** One thing wrong with a file: where (row, column), what (value) and why. Row 1 is the header line. */
@Entity('import_problems')
@Check('ck_import_problems_severity', `"severity" IN ('error','warning')`)
@Index('ix_import_problems_import_row', ['importId', 'rowNumber'])
export class ImportProblemEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_import_problems' })
  id: string;

  @Column({ type: 'bigint' })
  importId: string;

  @ManyToOne(() => ImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_import_problems_import' })
  import?: ImportEntity;

  @Column({ type: 'integer' })
  rowNumber: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  columnName: string | null;

  /** The offending value, shortened for very long fields. */
  @Column({ type: 'text', nullable: true })
  value: string | null;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 8, default: 'error' })
  severity: string;
}
