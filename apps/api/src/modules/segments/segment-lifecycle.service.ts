import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { MergeCarried, MergeResult, SegmentProposalDto, SplitResult, SplitRule } from '@cxs/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { refreshRollups } from '../pnl/rollups.js';
import { assertActive, loadSegmentRef, type SegmentRef } from './segment-access.js';
import { MergeSegmentsDto, SplitSegmentDto, type CreateProposalDto, type DecideProposalDto, type ProposalQueryDto } from './segment-lifecycle.dto.js';
import { SegmentsService } from './segments.service.js';

/** Customer columns a split rule may test (fixed list: never interpolated from input). */
const RULE_COLUMNS: Record<SplitRule['field'], string> = {
  industry: 'industry',
  sizeBand: 'size_band',
  businessModel: 'business_model',
  region: 'region',
};

const PROPOSAL_SELECT = `
  SELECT p.id::text AS id, p.segment_id::text AS "segmentId", s.name AS "segmentName", p.kind, p.payload, p.reason, p.status,
         p.proposed_by AS "proposedBy", pu.name AS "proposedByName", du.name AS "decidedByName", p.decided_at AS "decidedAt",
         p.decision_note AS "decisionNote", p.created_at AS "createdAt"
  FROM segment_proposals p JOIN segments s ON s.id = p.segment_id
  LEFT JOIN users pu ON pu.id = p.proposed_by LEFT JOIN users du ON du.id = p.decided_by`;

function toProposal(r: SegmentProposalDto & { decidedAt: Date | string | null; createdAt: Date | string }): SegmentProposalDto {
  return { ...r, decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null, createdAt: new Date(r.createdAt).toISOString() };
}

/**
 * Archive, merge and split — the director's; CX-owners propose.
 *
 * Memberships are effective-dated and exclusive (an exclusion constraint on
 * customer × date range). A merge or split on date D closes every membership
 * that covers D on D − 1 and opens the successor's membership on D, so the
 * ranges touch without overlapping; memberships that ended before D are
 * never touched. D may not be in the past: attribution of transactions that
 * already happened stays with the segments the customers were in.
 */
@Injectable()
export class SegmentLifecycleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly segments: SegmentsService,
  ) {}

  private async effectiveDate(m: EntityManager, date: string | undefined): Promise<string> {
    const [{ today }] = await m.query(`SELECT CURRENT_DATE::text AS today`);
    const d = date ?? today;
    if (d < today) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'DATE_IN_PAST', 'The date cannot be in the past: past memberships never change', [
        { field: 'date', value: d, message: `must be ${today} or later` },
      ]);
    }
    return d;
  }

  private async assertOwnerCandidate(m: EntityManager, ownerId: string | undefined): Promise<void> {
    if (!ownerId) return;
    const [u] = await m.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'cx_owner' AND is_active`, [ownerId]);
    if (!u) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'ownerId must be an active CX-owner', [{ field: 'ownerId', message: 'must be an active user with role cx_owner' }]);
  }

  /**
   * Moves every membership of `fromIds` that covers `date` to a target chosen
   * per customer by `targetSql` (an expression over `c`, the customer row, that
   * yields the target segment id). Memberships that start on or after the date
   * are re-pointed whole (they are not history yet).
   */
  private async moveMemberships(m: EntityManager, fromIds: string[], date: string, targetSql: string, params: unknown[]): Promise<{ closed: number; opened: number }> {
    const base = params.length;
    await m.query(
      `CREATE TEMP TABLE moving ON COMMIT DROP AS
       SELECT sm.id, sm.customer_id, sm.valid_from, sm.valid_to, (${targetSql})::bigint AS target
       FROM segment_memberships sm JOIN customers c ON c.id = sm.customer_id
       WHERE sm.segment_id = ANY($${base + 1}::bigint[]) AND (sm.valid_to IS NULL OR sm.valid_to >= $${base + 2}::date)`,
      [...params, fromIds, date],
    );
    const [{ count: reassigned }] = await m.query(
      `WITH u AS (UPDATE segment_memberships sm SET segment_id = mv.target FROM moving mv WHERE sm.id = mv.id AND mv.valid_from >= $1::date RETURNING 1)
       SELECT COUNT(*)::int AS count FROM u`,
      [date],
    );
    const [{ count: closed }] = await m.query(
      `WITH u AS (UPDATE segment_memberships sm SET valid_to = $1::date - 1 FROM moving mv WHERE sm.id = mv.id AND mv.valid_from < $1::date RETURNING 1)
       SELECT COUNT(*)::int AS count FROM u`,
      [date],
    );
    const [{ count: opened }] = await m.query(
      `WITH i AS (INSERT INTO segment_memberships (segment_id, customer_id, valid_from, valid_to)
                  SELECT target, customer_id, $1::date, valid_to FROM moving WHERE valid_from < $1::date RETURNING 1)
       SELECT COUNT(*)::int AS count FROM i`,
      [date],
    );
    // Memberships changed: the P&L rollups of these customers follow (same transaction).
    const customers: { id: string }[] = await m.query(`SELECT DISTINCT customer_id::text AS id FROM moving`);
    if (customers.length) await refreshRollups(m, { customerIds: customers.map((c) => c.id) });
    await m.query(`DROP TABLE moving`);
    return { closed, opened: opened + reassigned };
  }

  private async archiveAs(m: EntityManager, seg: SegmentRef, column: 'merged_into_id' | null, successorId: string | null): Promise<void> {
    await m.query(
      `UPDATE segments SET status = 'archived', archived_at = now(), updated_at = now()${column ? `, ${column} = $2` : ''} WHERE id = $1`,
      column ? [seg.id, successorId] : [seg.id],
    );
  }

  /** Runs in the caller's transaction when given one (a proposal's approval), else in its own. */
  private inTx<T>(m: EntityManager | undefined, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return m ? fn(m) : this.db.transaction(fn);
  }

  async merge(ability: AppAbility, dto: MergeSegmentsDto, actorId: string, tx?: EntityManager): Promise<MergeResult> {
    const ids = [...new Set(dto.segmentIds)];
    if (ids.length < 2) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Merge needs two different segments', [{ field: 'segmentIds', message: 'two or more different ids' }]);
    return this.inTx(tx, async (m) => {
      // Lock in id order so two concurrent merges cannot deadlock.
      const segs: SegmentRef[] = [];
      for (const id of [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))) segs.push(await loadSegmentRef(m, id, true));
      for (const s of segs) {
        ForbiddenError.from(ability).throwUnlessCan('merge', subject('Segment', { ownerId: s.ownerId }));
        assertActive(s);
      }
      await this.assertOwnerCandidate(m, dto.ownerId);
      const date = await this.effectiveDate(m, dto.date);
      const [created] = await m.query(`INSERT INTO segments (name, owner_id, source) VALUES ($1, $2, 'manual') RETURNING id::text AS id`, [dto.name.trim(), dto.ownerId ?? null]);
      const befores = await Promise.all(segs.map((s) => this.segments.get(s.id, m)));
      const moved = await this.moveMemberships(m, ids, date, `$1::bigint`, [created.id]);
      const carried = await this.carryOver(m, ids, created.id, dto);
      for (const s of segs) await this.archiveAs(m, s, 'merged_into_id', created.id);
      const segment = await this.segments.get(created.id, m);
      for (const [i, s] of segs.entries()) {
        await this.audit.record(m, { actorId, action: 'segment.merge', subjectType: 'Segment', subjectId: s.id, before: befores[i], after: { ...(await this.segments.get(s.id, m)), mergedIntoId: created.id, date } });
      }
      await this.audit.record(m, { actorId, action: 'segment.merge', subjectType: 'Segment', subjectId: created.id, segmentId: created.id, after: { ...segment, mergedFrom: ids, date, ...moved, carried } });
      return { segment, ...moved, carried };
    });
  }

  /**
   * What a director expects of a merge: the merged segment starts with one
   * chosen card and everything the merged segments were working on —
   * scenarios (steps, product attachments with their endorsement), job-map
   * outcomes (with the evidence they rest on) and unfinished initiatives.
   * Copies, not moves: the archived segments keep their own pages as history.
   * Order: the segments in the order given, then each one's own order.
   */
  private async carryOver(m: EntityManager, ids: string[], targetId: string, dto: MergeSegmentsDto): Promise<MergeCarried> {
    const cardFrom = dto.cardFrom === undefined ? ids[0] : dto.cardFrom;
    if (cardFrom !== null && !ids.includes(cardFrom)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `cardFrom ${cardFrom} is not one of the merged segments`, [
        { field: 'cardFrom', value: cardFrom, message: `must be one of ${ids.join(', ')}` },
      ]);
    }
    const carried: MergeCarried = { cardFrom, scenarios: 0, steps: 0, attachments: 0, outcomes: 0, evidence: 0, initiatives: 0 };
    const count = async (sql: string, params: unknown[]): Promise<number> => (await m.query(`WITH x AS (${sql} RETURNING 1) SELECT COUNT(*)::int AS n FROM x`, params))[0].n;
    if (cardFrom !== null) {
      await m.query(
        `UPDATE segments t SET card = s.card, description = s.description, behaviour_factor = s.behaviour_factor, main_job = s.main_job, updated_at = now()
         FROM segments s WHERE t.id = $1 AND s.id = $2`,
        [targetId, cardFrom],
      );
    }
    // New ids are drawn first, so children can be re-pointed from the old ids to the new ones.
    const order = `array_position($1::bigint[], x.segment_id)`;
    if (dto.carryScenarios !== false) {
      await m.query(
        `CREATE TEMP TABLE merge_scenarios ON COMMIT DROP AS
         SELECT x.id AS old_id, nextval(pg_get_serial_sequence('scenarios', 'id')) AS new_id, (ROW_NUMBER() OVER (ORDER BY ${order}, x.position, x.id) - 1)::int AS pos
         FROM scenarios x WHERE x.segment_id = ANY($1::bigint[])`,
        [ids],
      );
      carried.scenarios = await count(
        `INSERT INTO scenarios (id, segment_id, title, description, position) SELECT mp.new_id, $1, x.title, x.description, mp.pos FROM merge_scenarios mp JOIN scenarios x ON x.id = mp.old_id`,
        [targetId],
      );
      await m.query(
        `CREATE TEMP TABLE merge_steps ON COMMIT DROP AS
         SELECT st.id AS old_id, nextval(pg_get_serial_sequence('scenario_steps', 'id')) AS new_id, mp.new_id AS scenario_id
         FROM scenario_steps st JOIN merge_scenarios mp ON mp.old_id = st.scenario_id`,
      );
      carried.steps = await count(`INSERT INTO scenario_steps (id, scenario_id, title, position) SELECT ms.new_id, ms.scenario_id, st.title, st.position FROM merge_steps ms JOIN scenario_steps st ON st.id = ms.old_id`, []);
      carried.attachments = await count(
        `INSERT INTO scenario_attachments (step_id, product_id, note, job_steps, status, review_note, attached_by)
         SELECT ms.new_id, a.product_id, a.note, a.job_steps, a.status, a.review_note, a.attached_by FROM scenario_attachments a JOIN merge_steps ms ON ms.old_id = a.step_id`,
        [],
      );
    }
    if (dto.carryJobMap !== false) {
      await m.query(
        `CREATE TEMP TABLE merge_outcomes ON COMMIT DROP AS
         SELECT x.id AS old_id, nextval(pg_get_serial_sequence('job_outcomes', 'id')) AS new_id,
                (ROW_NUMBER() OVER (PARTITION BY x.step ORDER BY ${order}, x.position, x.id) - 1)::int AS pos
         FROM job_outcomes x WHERE x.segment_id = ANY($1::bigint[])`,
        [ids],
      );
      carried.outcomes = await count(
        `INSERT INTO job_outcomes (id, segment_id, step, direction, metric, object, context, importance, satisfaction, rating_source, evidence_label, position)
         SELECT mo.new_id, $1, o.step, o.direction, o.metric, o.object, o.context, o.importance, o.satisfaction, o.rating_source, o.evidence_label, mo.pos
         FROM merge_outcomes mo JOIN job_outcomes o ON o.id = mo.old_id`,
        [targetId],
      );
      carried.evidence = await count(
        `INSERT INTO outcome_evidence (outcome_id, interview_id, survey_answer_id, importance, satisfaction)
         SELECT mo.new_id, e.interview_id, e.survey_answer_id, e.importance, e.satisfaction FROM outcome_evidence e JOIN merge_outcomes mo ON mo.old_id = e.outcome_id`,
        [],
      );
    }
    if (dto.carryBoard !== false) {
      const scenarios = dto.carryScenarios !== false;
      const outcomes = dto.carryJobMap !== false;
      carried.initiatives = await count(
        `INSERT INTO initiatives (segment_id, title, owner_id, stage, status, cost, expected_effect, scenario_id, outcome_id, product_id, started_on, done_on, position)
         SELECT $2, x.title, x.owner_id, x.stage, x.status, x.cost, x.expected_effect,
                ${scenarios ? '(SELECT new_id FROM merge_scenarios WHERE old_id = x.scenario_id)' : 'NULL'},
                ${outcomes ? '(SELECT new_id FROM merge_outcomes WHERE old_id = x.outcome_id)' : 'NULL'},
                x.product_id, x.started_on, x.done_on, (ROW_NUMBER() OVER (PARTITION BY x.stage ORDER BY ${order}, x.position, x.id) - 1)::int
         FROM initiatives x WHERE x.segment_id = ANY($1::bigint[]) AND x.status <> 'done'`,
        [ids, targetId],
      );
    }
    for (const t of ['merge_scenarios', 'merge_steps', 'merge_outcomes']) await m.query(`DROP TABLE IF EXISTS ${t}`);
    return carried;
  }

  async split(ability: AppAbility, id: string, dto: SplitSegmentDto, actorId: string, tx?: EntityManager): Promise<SplitResult> {
    return this.inTx(tx, async (m) => {
      const seg = await loadSegmentRef(m, id, true);
      ForbiddenError.from(ability).throwUnlessCan('split', subject('Segment', { ownerId: seg.ownerId }));
      assertActive(seg);
      const date = await this.effectiveDate(m, dto.date);
      const before = await this.segments.get(id, m);
      const insert = `INSERT INTO segments (name, description, behaviour_factor, owner_id, source, split_from_id)
                      SELECT $1, description, behaviour_factor, owner_id, 'rule', id FROM segments WHERE id = $2 RETURNING id::text AS id`;
      const [matching] = await m.query(insert, [dto.matchingName.trim(), id]);
      const [rest] = await m.query(insert, [dto.restName.trim(), id]);
      const column = RULE_COLUMNS[dto.rule.field];
      const moved = await this.moveMemberships(m, [id], date, `CASE WHEN c.${column} = ANY($1::text[]) THEN $2::bigint ELSE $3::bigint END`, [dto.rule.values, matching.id, rest.id]);
      await this.archiveAs(m, seg, null, null);
      const segments = [await this.segments.get(matching.id, m), await this.segments.get(rest.id, m)];
      await this.audit.record(m, { actorId, action: 'segment.split', subjectType: 'Segment', subjectId: id, before, after: { ...(await this.segments.get(id, m)), rule: dto.rule, date, into: segments.map((s) => s.id) } });
      for (const s of segments) await this.audit.record(m, { actorId, action: 'segment.split', subjectType: 'Segment', subjectId: s.id, after: { ...s, splitFromId: id, rule: dto.rule, date } });
      return { segments, ...moved };
    });
  }

  // ─── proposals ───

  async listProposals(q: ProposalQueryDto): Promise<SegmentProposalDto[]> {
    const rows = await this.db.query(
      `${PROPOSAL_SELECT} WHERE ($1::text IS NULL OR p.status = $1) AND ($2::bigint IS NULL OR p.segment_id = $2) ORDER BY p.created_at DESC, p.id DESC LIMIT 200`,
      [q.status ?? null, q.segmentId ?? null],
    );
    return rows.map(toProposal);
  }

  private async getProposal(id: string, m: EntityManager): Promise<SegmentProposalDto> {
    const [row] = await m.query(`${PROPOSAL_SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw notFound('Proposal');
    return toProposal(row);
  }

  /** Turns a proposal's payload into the operation's request, validated like the director's own request. */
  private async payloadFor(kind: string, segmentId: string, payload: Record<string, unknown>): Promise<MergeSegmentsDto | SplitSegmentDto | null> {
    if (kind === 'archive') return null;
    const dto =
      kind === 'merge'
        ? plainToInstance(MergeSegmentsDto, { segmentIds: [segmentId, String(payload.otherSegmentId ?? '')], name: payload.name, ownerId: payload.ownerId })
        : plainToInstance(SplitSegmentDto, { rule: payload.rule, matchingName: payload.matchingName, restName: payload.restName });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const details = errors.flatMap((e) => Object.values(e.constraints ?? { [e.property]: `${e.property} is not valid` }).map((message) => ({ field: `payload.${e.property}`, message })));
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', details.map((d) => d.message).join('; '), details);
    }
    return dto;
  }

  /** A CX-owner proposes a change to their own segment; the director decides. */
  async propose(ability: AppAbility, segmentId: string, dto: CreateProposalDto, actorId: string): Promise<SegmentProposalDto> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, segmentId);
      ForbiddenError.from(ability).throwUnlessCan('propose', subject('Segment', { ownerId: seg.ownerId }));
      assertActive(seg);
      const payload = dto.payload ?? {};
      await this.payloadFor(dto.kind, segmentId, payload);
      if (dto.kind === 'merge') await loadSegmentRef(m, String(payload.otherSegmentId));
      const [row] = await m.query(
        `INSERT INTO segment_proposals (segment_id, kind, payload, reason, proposed_by) VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id::text AS id`,
        [segmentId, dto.kind, JSON.stringify(payload), dto.reason, actorId],
      );
      const after = await this.getProposal(row.id, m);
      await this.audit.record(m, { actorId, action: 'segment.propose', subjectType: 'SegmentProposal', subjectId: row.id, segmentId, after });
      return after;
    });
  }

  /** Approving runs the proposed operation with the director's own permission, in the same transaction as the decision. */
  async decide(ability: AppAbility, id: string, dto: DecideProposalDto, actorId: string): Promise<SegmentProposalDto> {
    return this.db.transaction(async (m) => {
      const [locked] = await m.query(`SELECT status FROM segment_proposals WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw notFound('Proposal');
      const proposal = await this.getProposal(id, m);
      if (proposal.status !== 'open') throw new ApiException(HttpStatus.CONFLICT, 'PROPOSAL_DECIDED', `This proposal was already ${proposal.status}`);
      if (dto.approve) {
        const op = await this.payloadFor(proposal.kind, proposal.segmentId, proposal.payload);
        if (proposal.kind === 'archive') await this.segments.archive(ability, proposal.segmentId, actorId, m);
        else if (proposal.kind === 'merge') await this.merge(ability, op as MergeSegmentsDto, actorId, m);
        else await this.split(ability, proposal.segmentId, op as SplitSegmentDto, actorId, m);
      }
      await m.query(`UPDATE segment_proposals SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1`, [
        id,
        dto.approve ? 'approved' : 'rejected',
        actorId,
        dto.note ?? null,
      ]);
      const after = await this.getProposal(id, m);
      await this.audit.record(m, { actorId, action: dto.approve ? 'segment.proposal.approve' : 'segment.proposal.reject', subjectType: 'SegmentProposal', subjectId: id, segmentId: proposal.segmentId, before: proposal, after });
      return after;
    });
  }
}
