import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ImportEntity } from './import.entity.js';

/**
 * The row as it was before an import updated it, so the import can be undone.
 * Inserted rows need no entry: they carry import_id in their own table.
 */
@Entity('import_changes')
@Index('ix_import_changes_import', ['importId'])
@Index('ix_import_changes_row', ['tableName', 'rowId'])
export class ImportChangeEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_import_changes' })
  id: string;

  @Column({ type: 'bigint' })
  importId: string;

  @ManyToOne(() => ImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_import_changes_import' })
  import?: ImportEntity;

  @Column({ type: 'varchar', length: 32 })
  tableName: string;

  @Column({ type: 'bigint' })
  rowId: string;

  @Column({ type: 'jsonb' })
  before: object;
}
