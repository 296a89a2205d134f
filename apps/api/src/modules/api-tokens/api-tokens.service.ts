import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApiTokenDto, CreatedApiTokenDto } from '@cxs/contracts';
import { DataSource, IsNull } from 'typeorm';
import { notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { CreateApiTokenDto } from './api-token.dto.js';
import { ApiTokenEntity } from './api-token.entity.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function toDto(t: ApiTokenEntity & { creatorName?: string | null }): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: 'import',
    createdAt: t.createdAt.toISOString(),
    createdBy: t.creator?.name ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** Tokens for integrations: created and revoked by an admin, scoped to import, stored as SHA-256 only. */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ApiTokenDto[]> {
    const rows = await this.db.getRepository(ApiTokenEntity).find({ relations: { creator: true }, order: { createdAt: 'DESC' } });
    return rows.map(toDto);
  }

  async create(dto: CreateApiTokenDto, actorId: string): Promise<CreatedApiTokenDto> {
    const secret = `cxs_${randomBytes(24).toString('base64url')}`;
    return this.db.transaction(async (m) => {
      const saved = await m.save(m.create(ApiTokenEntity, { name: dto.name.trim(), tokenHash: sha256(secret), prefix: secret.slice(0, 10), scope: 'import', createdBy: actorId }));
      const row = await m.findOneOrFail(ApiTokenEntity, { where: { id: saved.id }, relations: { creator: true } });
      const token = toDto(row);
      await this.audit.record(m, { actorId, action: 'api_token.create', subjectType: 'ApiToken', subjectId: saved.id, after: token });
      return { token, secret };
    });
  }

  async revoke(id: string, actorId: string): Promise<ApiTokenDto> {
    return this.db.transaction(async (m) => {
      const row = await m.findOne(ApiTokenEntity, { where: { id }, relations: { creator: true }, lock: { mode: 'pessimistic_write', tables: ['api_tokens'] } });
      if (!row) throw notFound('API token');
      const before = toDto(row);
      if (!row.revokedAt) {
        row.revokedAt = new Date();
        await m.save(row);
      }
      const after = toDto(row);
      await this.audit.record(m, { actorId, action: 'api_token.revoke', subjectType: 'ApiToken', subjectId: id, before, after });
      return after;
    });
  }

  /** The live token for a presented secret, or null; notes when it was last used. */
  async resolve(secret: string): Promise<ApiTokenEntity | null> {
    if (!secret.startsWith('cxs_') || secret.length > 100) return null;
    const token = await this.db.getRepository(ApiTokenEntity).findOneBy({ tokenHash: sha256(secret), revokedAt: IsNull() });
    if (!token) return null;
    await this.db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [token.id]);
    return token;
  }
}
