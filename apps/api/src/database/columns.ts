import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions } from 'typeorm';

/** Money is numeric(14,2): exact to the cent, returned by pg as a string. */
export const MoneyColumn = (opts: Omit<ColumnOptions, 'type'> = {}) =>
  Column({ type: 'numeric', precision: 14, scale: 2, ...opts });

export const CreatedAt = () => CreateDateColumn({ type: 'timestamptz', default: () => 'now()' });
export const UpdatedAt = () => UpdateDateColumn({ type: 'timestamptz', default: () => 'now()' });
