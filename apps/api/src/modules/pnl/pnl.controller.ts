import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res, HttpStatus, type PipeTransform, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '@cxs/authz';
import type { Response } from 'express';
import { AnySignedInUser, Authorize } from '../../authz/authorize.decorator.js';
import { CurrentAbility, CurrentUser, type RequestUser } from '../../auth/request-user.js';
import { ApiException } from '../../common/api-exception.js';
import { ParseIdPipe } from '../../common/id.pipe.js';
import { toCsv, toXlsx, type ExportTable } from './export.js';
import { ApprovePlanDto, CreatePlanDto, TopCustomersQueryDto, DrillQueryDto, ExportQueryDto, MigrationQueryDto, PeriodQueryDto, PlanQueryDto, UpdatePlanDto, UpdateSettingsDto, UpdateSupportCostsDto } from './pnl.dto.js';
import { PnlService } from './pnl.service.js';
import { PlansService } from './plans.service.js';
import { SettingsService } from './settings.service.js';

/** A segment id, or 0 / "unsegmented" for customers in no segment on the date. */
@Injectable()
export class ParseSegmentIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (value === 'unsegmented' || value === '0') return '0';
    return new ParseIdPipe().transform(value);
  }
}

const EXPORT_TABLES = ['portfolio', 'segment-pnl', 'segment-customers', 'segment-transactions', 'migration', 'plans'] as const;

@ApiTags('pnl')
@Controller('pnl')
export class PnlController {
  constructor(
    private readonly pnl: PnlService,
    private readonly plans: PlansService,
  ) {}

  @Get('portfolio')
  @Authorize('read', 'SegmentPnl')
  portfolio(@Query() q: PeriodQueryDto, @CurrentAbility() ability: AppAbility) {
    return this.pnl.portfolio(ability, q);
  }

  @Get('migration')
  @Authorize('read', 'SegmentPnl')
  async migration(@Query() q: MigrationQueryDto, @CurrentAbility() ability: AppAbility) {
    return { items: await this.pnl.migration(ability, q.since) };
  }

  @Get('abcdx')
  @Authorize('read', 'SegmentPnl')
  abcdx() {
    return this.pnl.abcdx();
  }

  @Get('segments/:id')
  @Authorize('read', 'SegmentPnl')
  segment(@Param('id', ParseSegmentIdPipe) id: string, @Query() q: PeriodQueryDto, @CurrentAbility() ability: AppAbility) {
    return this.pnl.segmentPnl(ability, id, q);
  }

  @Get('segments/:id/customers')
  @Authorize('read', 'SegmentPnl')
  async customers(@Param('id', ParseSegmentIdPipe) id: string, @Query() q: DrillQueryDto, @CurrentAbility() ability: AppAbility) {
    await this.pnl.segmentFor(ability, id);
    const p = await this.pnl.period(q);
    return { period: { from: p.from, to: p.to, months: p.months }, ...(await this.pnl.drillCustomers(id, p, q.sort, q.limit)) };
  }

  @Get('segments/:id/transactions')
  @Authorize('read', 'SegmentPnl')
  async transactions(@Param('id', ParseSegmentIdPipe) id: string, @Query() q: DrillQueryDto, @CurrentAbility() ability: AppAbility) {
    await this.pnl.segmentFor(ability, id);
    const p = await this.pnl.period(q);
    return { period: { from: p.from, to: p.to, months: p.months }, ...(await this.pnl.drillTransactions(id, p, q.customerId, q.limit)) };
  }

  /** Current members whose recency, usage or NPS worsened (the rule: docs/churn-risk.md). */
  @Get('segments/:id/churn-risks')
  @Authorize('read', 'SegmentPnl')
  async churnRisks(@Param('id', ParseIdPipe) id: string, @CurrentAbility() ability: AppAbility) {
    await this.pnl.segmentFor(ability, id);
    return this.pnl.churnRisks(id);
  }

  /** The segment's customers with the most net revenue in the period, with their monthly trend in the segment. */
  @Get('segments/:id/top-customers')
  @Authorize('read', 'SegmentPnl')
  async topCustomers(@Param('id', ParseSegmentIdPipe) id: string, @Query() q: TopCustomersQueryDto, @CurrentAbility() ability: AppAbility) {
    await this.pnl.segmentFor(ability, id);
    return this.pnl.topCustomers(id, q, q.limit ?? 10);
  }

  @Get('products')
  @Authorize('read', 'ProductRevenue')
  products(@Query() q: PeriodQueryDto, @CurrentAbility() ability: AppAbility) {
    return this.pnl.productRevenue(ability, q);
  }

  @Get('products/export')
  @Authorize('export', 'ProductRevenue')
  async exportProducts(@Query() q: ExportQueryDto, @CurrentAbility() ability: AppAbility, @Res() res: Response) {
    const data = await this.pnl.productRevenue(ability, q, 'export');
    await send(res, q.format ?? 'csv', {
      name: 'product-revenue',
      rows: data.rows,
      columns: [
        { header: 'Product', kind: 'text', value: (r) => r.productName },
        { header: 'Segment', kind: 'text', value: (r) => r.segmentName },
        { header: 'Net revenue', kind: 'money', value: (r) => r.netRevenue },
        { header: 'Gross margin', kind: 'money', value: (r) => r.grossMargin },
        { header: 'Customers (peak month)', kind: 'int', value: (r) => r.customers },
      ],
    });
  }

  /** Any P&L table as CSV or XLSX, with exactly the scope of the page it comes from. */
  @Get('export/:table')
  @Authorize('export', 'SegmentPnl')
  async export(@Param('table') table: string, @Query() q: ExportQueryDto, @CurrentAbility() ability: AppAbility, @Res() res: Response) {
    if (!(EXPORT_TABLES as readonly string[]).includes(table)) {
      throw new ApiException(HttpStatus.NOT_FOUND, 'NOT_FOUND', `No exportable table "${table.slice(0, 40)}"`);
    }
    const format = q.format ?? 'csv';
    const segmentId = async () => {
      if (q.segmentId === undefined) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'segmentId is required', [{ field: 'segmentId', message: 'required' }]);
      const id = new ParseSegmentIdPipe().transform(q.segmentId);
      await this.pnl.segmentFor(ability, id, 'export');
      return id;
    };
    if (table === 'portfolio') {
      const d = await this.pnl.portfolio(ability, q);
      return send(res, format, {
        name: `portfolio ${d.period.from}..${d.period.to}`,
        rows: [...d.rows, d.total],
        columns: [
          { header: 'Segment', kind: 'text', value: (r) => r.segmentName },
          { header: 'CX-owner', kind: 'text', value: (r) => r.ownerName },
          { header: 'Net revenue', kind: 'money', value: (r) => r.netRevenue },
          { header: 'Gross margin', kind: 'money', value: (r) => r.grossMargin },
          { header: 'Contribution margin', kind: 'money', value: (r) => r.contributionMargin },
          { header: 'Growth', kind: 'ratio', value: (r) => r.growth },
          { header: 'NRR', kind: 'ratio', value: (r) => r.nrr },
          { header: 'Customers', kind: 'int', value: (r) => r.customers },
        ],
      });
    }
    if (table === 'segment-pnl') {
      const d = await this.pnl.segmentPnl(ability, await segmentId(), q);
      const l = d.lines;
      const rows: [string, string | number | null, 'money' | 'int' | 'ratio'][] = [
        ['Net revenue', l.netRevenue, 'money'],
        ['  New', l.newRevenue, 'money'],
        ['  Recurring', l.recurringRevenue, 'money'],
        ['  Expansion', l.expansionRevenue, 'money'],
        ['Discounts granted', l.discounts, 'money'],
        ['Refunds', l.refunds, 'money'],
        ['Cost of goods', l.costOfGoods, 'money'],
        ['Gross margin', l.grossMargin, 'money'],
        ['Acquisition cost', l.acquisitionCost, 'money'],
        ['Cost to serve', l.costToServe, 'money'],
        ['Contribution margin', l.contributionMargin, 'money'],
        ['Customers at start', d.counts.atStart, 'int'],
        ['Customers at end', d.counts.atEnd, 'int'],
        ['New customers', d.counts.new, 'int'],
        ['Moved in', d.counts.movedIn, 'int'],
        ['Moved out', d.counts.movedOut, 'int'],
        ['Churned', d.counts.churned, 'int'],
        ['NRR', d.retention.nrr, 'ratio'],
        ['GRR', d.retention.grr, 'ratio'],
      ];
      return send(res, format, {
        name: `${d.segmentName} ${d.period.from}..${d.period.to}`,
        rows,
        columns: [
          { header: 'Line', kind: 'text', value: (r) => r[0] },
          { header: 'Value', kind: 'ratio', value: (r) => r[1] },
        ],
      });
    }
    if (table === 'segment-customers') {
      const id = await segmentId();
      const p = await this.pnl.period(q);
      const d = await this.pnl.drillCustomers(id, p, q.sort, 100_000);
      return send(res, format, {
        name: 'customers',
        rows: d.items,
        columns: [
          { header: 'External id', kind: 'text', value: (r) => r.externalId },
          { header: 'Customer', kind: 'text', value: (r) => r.name },
          { header: 'Net revenue', kind: 'money', value: (r) => r.netRevenue },
          { header: 'Cost of goods', kind: 'money', value: (r) => r.costOfGoods },
          { header: 'Gross margin', kind: 'money', value: (r) => r.grossMargin },
          { header: 'Transactions', kind: 'int', value: (r) => r.transactions },
        ],
      });
    }
    if (table === 'segment-transactions') {
      const id = await segmentId();
      const p = await this.pnl.period(q);
      const d = await this.pnl.drillTransactions(id, p, q.customerId, 100_000);
      return send(res, format, {
        name: 'transactions',
        rows: d.items,
        columns: [
          { header: 'Date', kind: 'text', value: (r) => r.occurredOn },
          { header: 'External id', kind: 'text', value: (r) => r.externalId },
          { header: 'Customer', kind: 'text', value: (r) => r.customerName },
          { header: 'Type', kind: 'text', value: (r) => r.type },
          { header: 'Product', kind: 'text', value: (r) => r.productName },
          { header: 'Amount', kind: 'money', value: (r) => r.amount },
          { header: 'Discount', kind: 'money', value: (r) => r.discount },
          { header: 'Cost of goods', kind: 'money', value: (r) => r.costOfGoods },
        ],
      });
    }
    if (table === 'migration') {
      const items = await this.pnl.migration(ability, q.since ?? '1900-01-01', 'export');
      return send(res, format, {
        name: 'migration',
        rows: items,
        columns: [
          { header: 'From segment', kind: 'text', value: (r) => r.fromSegmentName },
          { header: 'To segment', kind: 'text', value: (r) => r.toSegmentName },
          { header: 'Customers', kind: 'int', value: (r) => r.customers },
          { header: 'Revenue moved (12 months before)', kind: 'money', value: (r) => r.revenue },
        ],
      });
    }
    const plans = await this.plans.list(ability, q.segmentId && q.segmentId !== '0' ? q.segmentId : undefined);
    return send(res, format, {
      name: 'plans',
      rows: plans,
      columns: [
        { header: 'Segment', kind: 'text', value: (r) => r.segmentName },
        { header: 'Period', kind: 'text', value: (r) => `${r.periodKind} ${r.periodStart}` },
        { header: 'Revenue target', kind: 'money', value: (r) => r.revenueTarget },
        { header: 'Margin target', kind: 'money', value: (r) => r.marginTarget },
        { header: 'Customers target', kind: 'int', value: (r) => r.customersTarget },
        { header: 'Revenue actual', kind: 'money', value: (r) => r.actual.revenueActual },
        { header: 'Revenue variance', kind: 'money', value: (r) => r.actual.revenueVariance },
        { header: 'Margin actual', kind: 'money', value: (r) => r.actual.marginActual },
        { header: 'Margin variance', kind: 'money', value: (r) => r.actual.marginVariance },
        { header: 'Customers actual', kind: 'int', value: (r) => r.actual.customersActual },
        { header: 'Months with data', kind: 'int', value: (r) => r.actual.monthsWithData },
        { header: 'Status', kind: 'text', value: (r) => r.status },
        { header: 'Note', kind: 'text', value: (r) => r.note },
        { header: 'Director comment', kind: 'text', value: (r) => r.decisionComment },
      ],
    });
  }
}

async function send<T>(res: Response, format: 'csv' | 'xlsx', table: ExportTable<T>): Promise<void> {
  const base = table.name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'export';
  if (format === 'xlsx') {
    const buf = await toXlsx(table);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${base}.xlsx"`);
    res.status(200).send(buf);
    return;
  }
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${base}.csv"`);
  res.status(200).send(toCsv(table));
}

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @Authorize('read', 'Plan')
  async list(@Query() q: PlanQueryDto, @CurrentAbility() ability: AppAbility) {
    return { items: await this.plans.list(ability, q.segmentId, q.status) };
  }

  @Post()
  @Authorize('create', 'Plan')
  create(@Body() dto: CreatePlanDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.plans.create(ability, dto, me.id);
  }

  @Patch(':id')
  @Authorize('update', 'Plan')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdatePlanDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.plans.update(ability, id, dto, me.id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authorize('approve', 'Plan')
  approve(@Param('id', ParseIdPipe) id: string, @Body() dto: ApprovePlanDto, @CurrentAbility() ability: AppAbility, @CurrentUser() me: RequestUser) {
    return this.plans.approve(ability, id, dto, me.id);
  }
}

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  /** Currency, time zone and fiscal-year start: every page formats money with them. */
  @Get()
  @AnySignedInUser()
  get() {
    return this.settings.get();
  }

  @Put()
  @Authorize('update', 'Settings')
  update(@Body() dto: UpdateSettingsDto, @CurrentUser() me: RequestUser) {
    return this.settings.update(dto, me.id);
  }

  @Get('support-costs')
  @Authorize('read', 'Settings')
  async supportCosts() {
    return { items: await this.settings.supportCosts() };
  }

  @Put('support-costs')
  @Authorize('update', 'Settings')
  async updateSupportCosts(@Body() dto: UpdateSupportCostsDto, @CurrentUser() me: RequestUser) {
    return { items: await this.settings.updateSupportCosts(dto, me.id) };
  }
}
