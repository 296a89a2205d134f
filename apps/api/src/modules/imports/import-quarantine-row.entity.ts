import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ImportEntity } from './import.entity.js';

/** A row that failed validation, kept (field → value as in the file) so it can be fixed and imported again. */
@Entity('import_quarantine')
@Index('ix_import_quarantine_import_row', ['importId', 'rowNumber'])
export class ImportQuarantineRowEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_import_quarantine' })
  id: string;

  @Column({ type: 'bigint' })
  importId: string;

  @ManyToOne(() => ImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_import_quarantine_import' })
  import?: ImportEntity;

  @Column({ type: 'integer' })
  rowNumber: number;

  @Column({ type: 'jsonb' })
  data: object;
}
