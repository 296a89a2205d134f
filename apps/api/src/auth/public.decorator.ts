import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cxs:isPublic';
/** The route needs no session (sign-in, health, OpenAPI docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
