import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TemporaryPasswordResponse, UserDto } from '@cxs/contracts';
import { DataSource } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { generateTemporaryPassword, hashPassword } from '../../auth/password.js';
import { AuthService } from '../../auth/auth.service.js';
import { SessionEntity } from '../../auth/session.entity.js';
import { AuditService } from '../audit/audit.service.js';
import type { CreateUserDto, UpdateUserDto } from './user.dto.js';
import { UserEntity } from './user.entity.js';
import { toUserDto } from './user.mapper.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async list(): Promise<UserDto[]> {
    const users = await this.db.getRepository(UserEntity).find({ order: { role: 'ASC', email: 'ASC' } });
    return users.map(toUserDto);
  }

  /** Invites a user: a one-time password is returned once, to be passed on; they must change it. */
  async create(dto: CreateUserDto, actorId: string): Promise<TemporaryPasswordResponse> {
    const temporaryPassword = generateTemporaryPassword();
    const email = dto.email.trim().toLowerCase();
    return this.db.transaction(async (m) => {
      if (await m.existsBy(UserEntity, { email })) {
        throw new ApiException(HttpStatus.CONFLICT, 'EMAIL_TAKEN', `A user with email ${email} already exists`, [
          { field: 'email', message: 'already in use' },
        ]);
      }
      const user = await m.save(
        m.create(UserEntity, { email, name: dto.name.trim(), role: dto.role, passwordHash: await hashPassword(temporaryPassword), mustChangePassword: true }),
      );
      await this.audit.record(m, { actorId, action: 'user.create', subjectType: 'User', subjectId: user.id, after: toUserDto(user) });
      return { user: toUserDto(user), temporaryPassword };
    });
  }

  async update(id: string, dto: UpdateUserDto, actorId: string): Promise<UserDto> {
    // Committed first, then the cached sessions of this user are dropped: the next request sees the new role at once.
    const result = await this.db.transaction(async (m) => {
      const user = await m.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      if (id === actorId && (dto.isActive === false || (dto.role && dto.role !== user.role))) {
        throw new ApiException(HttpStatus.BAD_REQUEST, 'SELF_LOCKOUT', 'You cannot deactivate yourself or change your own role');
      }
      const before = toUserDto(user);
      Object.assign(user, dto.name !== undefined ? { name: dto.name.trim() } : {}, dto.role ? { role: dto.role } : {}, dto.isActive !== undefined ? { isActive: dto.isActive } : {});
      const saved = await m.save(user);
      if (dto.isActive === false || dto.role) await m.delete(SessionEntity, { userId: id });
      await this.audit.record(m, { actorId, action: 'user.update', subjectType: 'User', subjectId: id, before, after: toUserDto(saved) });
      return toUserDto(saved);
    });
    this.auth.userChanged(id);
    return result;
  }

  async resetPassword(id: string, actorId: string): Promise<TemporaryPasswordResponse> {
    const temporaryPassword = generateTemporaryPassword();
    const result = await this.db.transaction(async (m) => {
      const user = await m.findOneBy(UserEntity, { id });
      if (!user) throw notFound('User');
      user.passwordHash = await hashPassword(temporaryPassword);
      user.mustChangePassword = true;
      const saved = await m.save(user);
      await m.delete(SessionEntity, { userId: id });
      await this.audit.record(m, { actorId, action: 'user.reset_password', subjectType: 'User', subjectId: id });
      return { user: toUserDto(saved), temporaryPassword };
    });
    this.auth.userChanged(id);
    return result;
  }
}
