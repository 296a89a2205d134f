import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { ProductDto } from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { CreateProductDto, UpdateProductDto } from './product.dto.js';
import { ProductEntity } from './product.entity.js';

const SELECT = `
  SELECT p.id::text AS id, p.external_id AS "externalId", p.name, p.description, p.tier, p.price::text AS price,
         p.unit_cost::text AS "unitCost", p.cost_share::text AS "costShare", p.modules, p.owner_id AS "ownerId", u.name AS "ownerName"
  FROM products p LEFT JOIN users u ON u.id = p.owner_id`;

function checkCosts(unitCost: string | null | undefined, costShare: string | null | undefined): void {
  if (costShare != null && (Number(costShare) < 0 || Number(costShare) > 1)) {
    throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'costShare must be between 0 and 1', [{ field: 'costShare', message: 'must be between 0 and 1' }]);
  }
  if (unitCost != null && Number(unitCost) < 0) {
    throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'unitCost must not be negative', [{ field: 'unitCost', message: 'must not be negative' }]);
  }
}

@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(ownerId?: string): Promise<ProductDto[]> {
    return ownerId
      ? this.db.query(`${SELECT} WHERE p.owner_id = $1 ORDER BY p.tier, p.name`, [ownerId])
      : this.db.query(`${SELECT} ORDER BY p.tier, p.name`);
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<ProductDto> {
    const [row] = await m.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw notFound('Product');
    return row;
  }

  /** A product owner creates products they own; nobody can create a product for someone else. */
  async create(ability: AppAbility, dto: CreateProductDto, actorId: string): Promise<ProductDto> {
    ForbiddenError.from(ability).throwUnlessCan('create', subject('Product', { ownerId: actorId }));
    checkCosts(dto.unitCost, dto.costShare);
    return this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(ProductEntity, {
          externalId: dto.externalId.trim(),
          name: dto.name.trim(),
          description: dto.description ?? null,
          tier: dto.tier,
          price: dto.price,
          unitCost: dto.unitCost ?? null,
          costShare: dto.costShare ?? null,
          modules: dto.modules ?? [],
          ownerId: actorId,
        }),
      );
      const after = await this.get(saved.id, m);
      await this.audit.record(m, { actorId, action: 'product.create', subjectType: 'Product', subjectId: saved.id, after });
      return after;
    });
  }

  async update(ability: AppAbility, id: string, dto: UpdateProductDto, actorId: string): Promise<ProductDto> {
    checkCosts(dto.unitCost, dto.costShare);
    return this.db.transaction(async (m) => {
      const product = await m.findOne(ProductEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!product) throw notFound('Product');
      ForbiddenError.from(ability).throwUnlessCan('update', subject('Product', { ownerId: product.ownerId }));
      const before = await this.get(id, m);
      const patch: Partial<ProductEntity> = {};
      for (const key of ['name', 'description', 'tier', 'price', 'unitCost', 'costShare', 'modules'] as const) {
        if (dto[key] !== undefined) (patch as Record<string, unknown>)[key] = dto[key];
      }
      await m.update(ProductEntity, { id }, patch);
      const after = await this.get(id, m);
      await this.audit.record(m, { actorId, action: 'product.update', subjectType: 'Product', subjectId: id, before, after });
      return after;
    });
  }
}
