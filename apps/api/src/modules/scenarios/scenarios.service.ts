import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { AttachmentDto, ProductUsageDto, ScenarioDto, ScenarioStepDto } from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { applyOrder, assertActive, assertCanChangeUnder, loadSegmentRef, type SegmentRef } from '../segments/segment-access.js';
import type { AttachProductDto, CreateScenarioDto, ReviewAttachmentDto, StepDto, UpdateScenarioDto } from './scenario.dto.js';

const ATTACHMENT_SELECT = `
  SELECT a.id::text AS id, a.step_id::text AS "stepId", a.product_id::text AS "productId", p.name AS "productName", p.tier AS "productTier",
         p.owner_id AS "productOwnerId", u.name AS "productOwnerName", a.note, a.job_steps AS "jobSteps", a.status, a.review_note AS "reviewNote", a.created_at AS "createdAt"
  FROM scenario_attachments a JOIN products p ON p.id = a.product_id LEFT JOIN users u ON u.id = p.owner_id`;

const USAGE_SELECT = `
  SELECT a.id::text AS "attachmentId", a.product_id::text AS "productId", p.name AS "productName", sg.id::text AS "segmentId", sg.name AS "segmentName",
         s.id::text AS "scenarioId", s.title AS "scenarioTitle", st.id::text AS "stepId", st.title AS "stepTitle", a.note, a.status
  FROM scenario_attachments a JOIN products p ON p.id = a.product_id JOIN scenario_steps st ON st.id = a.step_id
  JOIN scenarios s ON s.id = st.scenario_id JOIN segments sg ON sg.id = s.segment_id`;

const toAttachment = (r: AttachmentDto & { createdAt: Date | string }): AttachmentDto => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

/** Scenarios with ordered steps, and the products attached to the steps (the segment's bundle). */
@Injectable()
export class ScenariosService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Three queries whatever the size: scenarios, steps, attachments; assembled by id. */
  async list(segmentId: string, m: EntityManager = this.db.manager): Promise<ScenarioDto[]> {
    await loadSegmentRef(m, segmentId);
    const scenarios: Omit<ScenarioDto, 'steps'>[] = await m.query(
      `SELECT id::text AS id, segment_id::text AS "segmentId", title, description, position FROM scenarios WHERE segment_id = $1 ORDER BY position, id`,
      [segmentId],
    );
    const steps: (Omit<ScenarioStepDto, 'attachments'> & { scenarioId: string })[] = await m.query(
      `SELECT st.id::text AS id, st.scenario_id::text AS "scenarioId", st.title, st.position
       FROM scenario_steps st JOIN scenarios s ON s.id = st.scenario_id WHERE s.segment_id = $1 ORDER BY st.position, st.id`,
      [segmentId],
    );
    const attachments: AttachmentDto[] = (
      await m.query(
        `${ATTACHMENT_SELECT} JOIN scenario_steps st ON st.id = a.step_id JOIN scenarios s ON s.id = st.scenario_id WHERE s.segment_id = $1 ORDER BY p.tier, p.name`,
        [segmentId],
      )
    ).map(toAttachment);
    const byStep = new Map<string, AttachmentDto[]>();
    for (const a of attachments) byStep.set(a.stepId, [...(byStep.get(a.stepId) ?? []), a]);
    const byScenario = new Map<string, ScenarioStepDto[]>();
    for (const { scenarioId, ...st } of steps) byScenario.set(scenarioId, [...(byScenario.get(scenarioId) ?? []), { ...st, attachments: byStep.get(st.id) ?? [] }]);
    return scenarios.map((s) => ({ ...s, steps: byScenario.get(s.id) ?? [] }));
  }

  private async getScenario(m: EntityManager, id: string): Promise<ScenarioDto> {
    const [row] = await m.query(`SELECT segment_id::text AS "segmentId" FROM scenarios WHERE id = $1`, [id]);
    if (!row) throw notFound('Scenario');
    const found = (await this.list(row.segmentId, m)).find((s) => s.id === id);
    if (!found) throw notFound('Scenario');
    return found;
  }

  /** The scenario's segment, loaded (and locked) for a change. */
  private async segmentOfScenario(m: EntityManager, scenarioId: string): Promise<SegmentRef> {
    const [row] = await m.query(`SELECT segment_id::text AS id FROM scenarios WHERE id = $1`, [scenarioId]);
    if (!row) throw notFound('Scenario');
    return loadSegmentRef(m, row.id, true);
  }

  private async stepContext(m: EntityManager, stepId: string): Promise<{ scenarioId: string; seg: SegmentRef }> {
    const [row] = await m.query(`SELECT st.scenario_id::text AS "scenarioId", s.segment_id::text AS "segmentId" FROM scenario_steps st JOIN scenarios s ON s.id = st.scenario_id WHERE st.id = $1`, [stepId]);
    if (!row) throw notFound('Step');
    return { scenarioId: row.scenarioId, seg: await loadSegmentRef(m, row.segmentId, true) };
  }

  async create(ability: AppAbility, segmentId: string, dto: CreateScenarioDto, actorId: string): Promise<ScenarioDto> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, segmentId, true);
      assertCanChangeUnder(ability, 'create', 'Scenario', seg);
      const [row] = await m.query(
        `INSERT INTO scenarios (segment_id, title, description, position)
         VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position) + 1, 0) FROM scenarios WHERE segment_id = $1)) RETURNING id::text AS id`,
        [segmentId, dto.title.trim(), dto.description ?? null],
      );
      if (dto.steps?.length) {
        await m.query(`INSERT INTO scenario_steps (scenario_id, title, position) SELECT $1, t, o - 1 FROM unnest($2::text[]) WITH ORDINALITY AS x(t, o)`, [
          row.id,
          dto.steps.map((s) => s.trim()),
        ]);
      }
      const after = await this.getScenario(m, row.id);
      await this.audit.record(m, { actorId, action: 'scenario.create', subjectType: 'Scenario', subjectId: row.id, segmentId, after });
      return after;
    });
  }

  async update(ability: AppAbility, id: string, dto: UpdateScenarioDto, actorId: string): Promise<ScenarioDto> {
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOfScenario(m, id);
      assertCanChangeUnder(ability, 'update', 'Scenario', seg);
      const before = await this.getScenario(m, id);
      await m.query(
        `UPDATE scenarios SET title = COALESCE($2, title), description = CASE WHEN $3::boolean THEN $4 ELSE description END, updated_at = now() WHERE id = $1`,
        [id, dto.title?.trim() ?? null, dto.description !== undefined, dto.description ?? null],
      );
      const after = await this.getScenario(m, id);
      await this.audit.record(m, { actorId, action: 'scenario.update', subjectType: 'Scenario', subjectId: id, segmentId: seg.id, before, after });
      return after;
    });
  }

  async remove(ability: AppAbility, id: string, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const seg = await this.segmentOfScenario(m, id);
      assertCanChangeUnder(ability, 'delete', 'Scenario', seg);
      const before = await this.getScenario(m, id);
      await m.query(`DELETE FROM scenarios WHERE id = $1`, [id]);
      await this.audit.record(m, { actorId, action: 'scenario.delete', subjectType: 'Scenario', subjectId: id, segmentId: seg.id, before });
    });
  }

  async reorder(ability: AppAbility, segmentId: string, ids: string[], actorId: string): Promise<ScenarioDto[]> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, segmentId, true);
      assertCanChangeUnder(ability, 'update', 'Scenario', seg);
      const before = (await this.list(segmentId, m)).map((s) => s.id);
      await applyOrder(m, 'scenarios', 'segment_id', segmentId, ids);
      await this.audit.record(m, { actorId, action: 'scenario.reorder', subjectType: 'Segment', subjectId: segmentId, before: { order: before }, after: { order: ids } });
      return this.list(segmentId, m);
    });
  }

  async addStep(ability: AppAbility, scenarioId: string, dto: StepDto, actorId: string): Promise<ScenarioDto> {
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOfScenario(m, scenarioId);
      assertCanChangeUnder(ability, 'update', 'Scenario', seg);
      const [row] = await m.query(
        `INSERT INTO scenario_steps (scenario_id, title, position) VALUES ($1, $2, (SELECT COALESCE(MAX(position) + 1, 0) FROM scenario_steps WHERE scenario_id = $1)) RETURNING id::text AS id`,
        [scenarioId, dto.title.trim()],
      );
      const after = await this.getScenario(m, scenarioId);
      await this.audit.record(m, { actorId, action: 'scenario.step.create', subjectType: 'ScenarioStep', subjectId: row.id, segmentId: seg.id, after: { scenarioId, title: dto.title.trim() } });
      return after;
    });
  }

  async updateStep(ability: AppAbility, stepId: string, dto: StepDto, actorId: string): Promise<ScenarioDto> {
    return this.db.transaction(async (m) => {
      const { scenarioId, seg } = await this.stepContext(m, stepId);
      assertCanChangeUnder(ability, 'update', 'Scenario', seg);
      const [before] = await m.query(`SELECT title FROM scenario_steps WHERE id = $1`, [stepId]);
      await m.query(`UPDATE scenario_steps SET title = $2 WHERE id = $1`, [stepId, dto.title.trim()]);
      await this.audit.record(m, { actorId, action: 'scenario.step.update', subjectType: 'ScenarioStep', subjectId: stepId, segmentId: seg.id, before, after: { title: dto.title.trim() } });
      return this.getScenario(m, scenarioId);
    });
  }

  async removeStep(ability: AppAbility, stepId: string, actorId: string): Promise<ScenarioDto> {
    return this.db.transaction(async (m) => {
      const { scenarioId, seg } = await this.stepContext(m, stepId);
      assertCanChangeUnder(ability, 'update', 'Scenario', seg);
      const [before] = await m.query(`SELECT title, position FROM scenario_steps WHERE id = $1`, [stepId]);
      await m.query(`DELETE FROM scenario_steps WHERE id = $1`, [stepId]);
      await this.audit.record(m, { actorId, action: 'scenario.step.delete', subjectType: 'ScenarioStep', subjectId: stepId, segmentId: seg.id, before });
      return this.getScenario(m, scenarioId);
    });
  }

  async reorderSteps(ability: AppAbility, scenarioId: string, ids: string[], actorId: string): Promise<ScenarioDto> {
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOfScenario(m, scenarioId);
      assertCanChangeUnder(ability, 'update', 'Scenario', seg);
      const before = (await this.getScenario(m, scenarioId)).steps.map((s) => s.id);
      await applyOrder(m, 'scenario_steps', 'scenario_id', scenarioId, ids);
      await this.audit.record(m, { actorId, action: 'scenario.step.reorder', subjectType: 'Scenario', subjectId: scenarioId, segmentId: seg.id, before: { order: before }, after: { order: ids } });
      return this.getScenario(m, scenarioId);
    });
  }

  // ─── attachments ───

  private async getAttachment(m: EntityManager, id: string): Promise<AttachmentDto> {
    const [row] = await m.query(`${ATTACHMENT_SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw notFound('Attachment');
    return toAttachment(row);
  }

  /** A product owner attaches their own product to a step of any segment's scenario. */
  async attach(ability: AppAbility, stepId: string, dto: AttachProductDto, actorId: string): Promise<AttachmentDto> {
    return this.db.transaction(async (m) => {
      const { seg } = await this.stepContext(m, stepId);
      const [product] = await m.query(`SELECT owner_id AS "ownerId" FROM products WHERE id = $1`, [dto.productId]);
      if (!product) throw notFound('Product');
      ForbiddenError.from(ability).throwUnlessCan('create', subject('Attachment', { productOwnerId: product.ownerId }));
      assertActive(seg);
      const [row] = await m.query(
        `INSERT INTO scenario_attachments (step_id, product_id, note, job_steps, attached_by) VALUES ($1, $2, $3, $4::varchar[], $5)
         ON CONFLICT ON CONSTRAINT uq_scenario_attachments_step_product DO NOTHING RETURNING id::text AS id`,
        [stepId, dto.productId, dto.note ?? null, dto.jobSteps ?? [], actorId],
      );
      if (!row) throw new ApiException(HttpStatus.CONFLICT, 'ALREADY_ATTACHED', 'This product is already attached to this step');
      const after = await this.getAttachment(m, row.id);
      await this.audit.record(m, { actorId, action: 'attachment.create', subjectType: 'Attachment', subjectId: row.id, segmentId: seg.id, after });
      return after;
    });
  }

  private async attachmentContext(m: EntityManager, id: string): Promise<{ attachment: AttachmentDto; seg: SegmentRef }> {
    const attachment = await this.getAttachment(m, id);
    const { seg } = await this.stepContext(m, attachment.stepId);
    return { attachment, seg };
  }

  /** The segment's CX-owner (or the director) endorses or rejects what hangs on their scenarios. */
  async review(ability: AppAbility, id: string, dto: ReviewAttachmentDto, actorId: string): Promise<AttachmentDto> {
    return this.db.transaction(async (m) => {
      const { attachment: before, seg } = await this.attachmentContext(m, id);
      assertCanChangeUnder(ability, 'update', 'Attachment', seg);
      await m.query(`UPDATE scenario_attachments SET status = $2, review_note = $3 WHERE id = $1`, [id, dto.status, dto.reviewNote ?? null]);
      const after = await this.getAttachment(m, id);
      await this.audit.record(m, { actorId, action: `attachment.${dto.status === 'proposed' ? 'reopen' : dto.status === 'endorsed' ? 'endorse' : 'reject'}`, subjectType: 'Attachment', subjectId: id, segmentId: seg.id, before, after });
      return after;
    });
  }

  /** The product owner detaches their own product. */
  async detach(ability: AppAbility, id: string, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const { attachment: before, seg } = await this.attachmentContext(m, id);
      ForbiddenError.from(ability).throwUnlessCan('delete', subject('Attachment', { productOwnerId: before.productOwnerId }));
      await m.query(`DELETE FROM scenario_attachments WHERE id = $1`, [id]);
      await this.audit.record(m, { actorId, action: 'attachment.delete', subjectType: 'Attachment', subjectId: id, segmentId: seg.id, before });
    });
  }

  /** Which segments, scenarios and steps use a product. */
  async productUsage(productId: string): Promise<ProductUsageDto[]> {
    const [p] = await this.db.query(`SELECT 1 FROM products WHERE id = $1`, [productId]);
    if (!p) throw notFound('Product');
    return this.db.query(`${USAGE_SELECT} WHERE a.product_id = $1 ORDER BY sg.name, s.position, st.position`, [productId]);
  }

  /** The same for every product a product owner owns (their "where are my products used" view). */
  async usageOfOwner(ownerId: string): Promise<ProductUsageDto[]> {
    return this.db.query(`${USAGE_SELECT} WHERE p.owner_id = $1 ORDER BY p.name, sg.name, s.position, st.position`, [ownerId]);
  }
}
