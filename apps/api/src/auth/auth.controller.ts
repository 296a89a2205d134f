import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { defineAbilityFor, packAbility, type AppAbility } from '@cxs/authz';
import type { MeResponse } from '@cxs/contracts';
import type { Response } from 'express';
import { AnySignedInUser } from '../authz/authorize.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { toUserDto } from '../modules/users/user.mapper.js';
import { ChangePasswordDto, SignInDto } from './auth.dto.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import { Public } from './public.decorator.js';
import { CurrentAbility, CurrentUser, type AuthedRequest, type RequestUser } from './request-user.js';
import type { UserEntity } from '../modules/users/user.entity.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/sign-in')
  @HttpCode(200)
  async signIn(@Body() dto: SignInDto, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<MeResponse> {
    const { token, expiresAt, user } = await this.auth.signIn(dto.email, dto.password, req.ip ?? 'unknown', req.headers['user-agent']);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      expires: expiresAt,
      path: '/',
    });
    return { user: toUserDto(user), rules: packAbility(defineAbilityFor(user)) };
  }

  @AnySignedInUser()
  @Post('auth/sign-out')
  @HttpCode(204)
  async signOut(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (req.sessionTokenHash) await this.auth.signOut(req.sessionTokenHash);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @AnySignedInUser()
  @Get('me')
  me(@Req() req: AuthedRequest, @CurrentAbility() ability: AppAbility): MeResponse {
    // The session guard already loaded this user's row for this request.
    return { user: toUserDto(req.userEntity as UserEntity), rules: packAbility(ability) };
  }

  @AnySignedInUser()
  @Post('me/password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: RequestUser, @Body() dto: ChangePasswordDto, @Req() req: AuthedRequest): Promise<void> {
    await this.auth.changePassword(user.id, dto.currentPassword, dto.newPassword, req.sessionTokenHash as string);
  }
}
