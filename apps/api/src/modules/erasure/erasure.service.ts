import { rm } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { ErasureResultDto } from '@cxs/contracts';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { fileContains, needleBytes } from './file-scrub.js';

/**
 * Erases a customer's personal data on request: name, contacts and free text
 * (survey reasons, interview notes, contexts and triggers, quarantined rows
 * and problem values that quote them). Amounts, dates, products and
 * memberships stay, so revenue, aggregates and the P&L do not change.
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async erase(ability: AppAbility, customerId: string, actorId: string): Promise<ErasureResultDto> {
    return this.db.transaction(async (m) => {
      const [c] = await m.query(`SELECT id::text AS id, external_id, name, email, phone, erased_at FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
      if (!c) throw notFound('Customer');
      ForbiddenError.from(ability).throwUnlessCan('erase', subject('Customer', { id: c.id }));
      // The personal values as they are now, to find their copies outside the domain tables.
      const free: { v: string }[] = await m.query(
        `SELECT reason AS v FROM survey_answers WHERE customer_id = $1 AND reason IS NOT NULL
         UNION SELECT notes FROM interviews WHERE customer_id = $1 AND notes IS NOT NULL
         UNION SELECT triggers FROM interviews WHERE customer_id = $1 AND triggers IS NOT NULL`,
        [customerId],
      );
      const personal = [c.name, c.email, c.phone, ...free.map((r) => r.v)].filter((v): v is string => !!v && v.trim().length >= 3);
      // A value quotes them when it contains one (a cell "name, branch" is still the name).
      const quotes = (expr: string) => `EXISTS (SELECT 1 FROM unnest($PERSONAL::text[]) n WHERE strpos(${expr}, btrim(n)) > 0)`;
      await m.query(
        `UPDATE customers SET name = 'Erased customer ' || external_id, email = NULL, phone = NULL, erased_at = COALESCE(erased_at, now()), updated_at = now() WHERE id = $1`,
        [customerId],
      );
      const surveys = await m.query(`UPDATE survey_answers SET reason = NULL WHERE customer_id = $1 AND reason IS NOT NULL`, [customerId]);
      const interviews = await m.query(
        `UPDATE interviews SET notes = NULL, triggers = NULL, business_context = '{}', people_context = '{}' WHERE customer_id = $1`,
        [customerId],
      );
      // Copies held by the import machinery: report values of this customer's quarantined rows and any
      // report value equal to one of their personal values (dry runs keep no quarantine), preview cells,
      // then the quarantined rows themselves.
      const problems = await m.query(
        `UPDATE import_problems p SET value = NULL
         WHERE p.value IS NOT NULL AND (${quotes('p.value').replace('$PERSONAL', '$2')} OR EXISTS (
           SELECT 1 FROM import_quarantine q WHERE q.import_id = p.import_id AND q.row_number = p.row_number
             AND (q.data ->> 'external_id' = $1 OR q.data ->> 'customer_external_id' = $1)))`,
        [c.external_id, personal],
      );
      await m.query(
        `UPDATE imports i SET preview = (
           SELECT COALESCE(jsonb_agg((
             SELECT COALESCE(jsonb_agg(CASE WHEN ${quotes("(cell #>> '{}')").replace('$PERSONAL', '$1')} THEN to_jsonb(NULL::text) ELSE cell END ORDER BY o), '[]'::jsonb)
             FROM jsonb_array_elements(r) WITH ORDINALITY x(cell, o)) ORDER BY ro), '[]'::jsonb)
           FROM jsonb_array_elements(i.preview) WITH ORDINALITY y(r, ro))
         WHERE jsonb_typeof(i.preview) = 'array' AND EXISTS (
           SELECT 1 FROM jsonb_array_elements(i.preview) r, jsonb_array_elements(r) cell WHERE jsonb_typeof(r) = 'array' AND ${quotes("(cell #>> '{}')").replace('$PERSONAL', '$1')})`,
        [personal],
      );
      const quarantine = await m.query(`DELETE FROM import_quarantine WHERE data ->> 'external_id' = $1 OR data ->> 'customer_external_id' = $1`, [c.external_id]);
      // Previous audit entries may quote the customer: keep the entries, drop their row images.
      await m.query(`UPDATE audit_log SET before = NULL, after = NULL WHERE subject_type = 'Customer' AND subject_id = $1`, [customerId]);
      // Uploaded files still waiting on disk (not being read right now) that contain a personal value:
      // deleted; their imports ask for a new upload. Deleted before commit, so a failure never leaves a copy.
      const waiting: { id: string; file_path: string }[] = await m.query(
        `SELECT id::text, file_path FROM imports WHERE file_path IS NOT NULL AND status NOT IN ('running', 'merging') FOR UPDATE`,
      );
      const needles = needleBytes(personal);
      const files: string[] = [];
      for (const w of waiting) {
        if (!(await fileContains(w.file_path, needles))) continue;
        await m.query(
          `UPDATE imports SET file_path = NULL, error = 'The uploaded file was deleted by a personal-data erasure request; upload it again.' WHERE id = $1`,
          [w.id],
        );
        files.push(w.file_path);
      }
      for (const f of files) await rm(f, { force: true });
      const [after] = await m.query(`SELECT erased_at FROM customers WHERE id = $1`, [customerId]);
      // The audit entry names what was erased, never the erased values.
      await this.audit.record(m, {
        actorId,
        action: 'customer.erase',
        subjectType: 'Customer',
        subjectId: customerId,
        after: { fields: ['name', 'email', 'phone', 'survey reasons', 'interview notes/contexts/triggers'], surveys: surveys[1], interviews: interviews[1], quarantinedRows: quarantine[1], problemValues: problems[1], uploadedFiles: files.length },
      });
      return { customerId, erasedAt: new Date(after.erased_at).toISOString() };
    });
  }
}
