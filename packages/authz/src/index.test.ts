import { describe, expect, it } from 'vitest';
import { abilityFromPacked, defineAbilityFor, packAbility, subject } from './index.js';

const owner1 = { id: 'u-owner1', role: 'cx_owner' };
const product1 = { id: 'u-product1', role: 'product_owner' };

describe('authz rules', () => {
  it('rejects an unknown role instead of granting anything', () => {
    expect(() => defineAbilityFor({ id: 'x', role: 'superuser' })).toThrow(/Unknown role/);
  });

  it('lets a CX-owner update only their own segment', () => {
    const a = defineAbilityFor(owner1);
    expect(a.can('update', subject('Segment', { ownerId: 'u-owner1' }))).toBe(true);
    expect(a.can('update', subject('Segment', { ownerId: 'u-owner2' }))).toBe(false);
    expect(a.can('assignOwner', subject('Segment', { ownerId: 'u-owner1' }))).toBe(false);
    expect(a.can('create', 'Segment')).toBe(false);
  });

  it('lets a CX-owner read P&L only of own segments', () => {
    const a = defineAbilityFor(owner1);
    expect(a.can('read', subject('SegmentPnl', { ownerId: 'u-owner1' }))).toBe(true);
    expect(a.can('read', subject('SegmentPnl', { ownerId: 'u-owner2' }))).toBe(false);
  });

  it('scopes customers by membership history and product purchases (array conditions)', () => {
    const o = defineAbilityFor(owner1);
    expect(o.can('read', subject('Customer', { segmentOwnerIds: ['u-owner2', 'u-owner1'], productOwnerIds: [] }))).toBe(true);
    expect(o.can('read', subject('Customer', { segmentOwnerIds: ['u-owner2'], productOwnerIds: ['u-owner1'] }))).toBe(false);
    const p = defineAbilityFor(product1);
    expect(p.can('read', subject('Customer', { segmentOwnerIds: [], productOwnerIds: ['u-product1'] }))).toBe(true);
    expect(p.can('read', subject('Customer', { segmentOwnerIds: ['u-product1'], productOwnerIds: ['u-product2'] }))).toBe(false);
  });

  it('lets a product owner attach only their own product, never edit a segment', () => {
    const a = defineAbilityFor(product1);
    expect(a.can('create', subject('Attachment', { productOwnerId: 'u-product1', segmentOwnerId: 'u-owner2' }))).toBe(true);
    expect(a.can('create', subject('Attachment', { productOwnerId: 'u-product2', segmentOwnerId: 'u-owner2' }))).toBe(false);
    expect(a.can('update', subject('Product', { ownerId: 'u-product2' }))).toBe(false);
    expect(a.can('update', subject('Segment', { ownerId: 'u-product1' }))).toBe(false);
  });

  it('gives the director the portfolio but not user administration', () => {
    const a = defineAbilityFor({ id: 'd', role: 'cx_director' });
    expect(a.can('read', subject('SegmentPnl', { ownerId: 'anyone' }))).toBe(true);
    expect(a.can('assignOwner', 'Segment')).toBe(true);
    expect(a.can('create', 'User')).toBe(false);
    expect(a.can('create', 'Import')).toBe(false);
  });

  it('lets only the admin manage users and only the analyst import', () => {
    expect(defineAbilityFor({ id: 'a', role: 'admin' }).can('create', 'User')).toBe(true);
    expect(defineAbilityFor({ id: 'a', role: 'admin' }).can('create', 'Import')).toBe(false);
    expect(defineAbilityFor({ id: 'n', role: 'analyst' }).can('create', 'Import')).toBe(true);
    expect(defineAbilityFor({ id: 'n', role: 'analyst' }).can('read', 'User')).toBe(false);
  });

  it('workspace: owners edit what hangs under their own segments; only the director decides proposals', () => {
    const owner = defineAbilityFor({ id: 'o1', role: 'cx_owner' });
    expect(owner.can('update', subject('JobMap', { segmentOwnerId: 'o1' }))).toBe(true);
    expect(owner.can('update', subject('JobMap', { segmentOwnerId: 'o2' }))).toBe(false);
    expect(owner.can('create', subject('ValueStream', { segmentOwnerId: 'o2' }))).toBe(false);
    expect(owner.can('propose', subject('Segment', { ownerId: 'o1' }))).toBe(true);
    expect(owner.can('approve', 'Segment')).toBe(false);
    expect(owner.can('merge', 'Segment')).toBe(false);
    const director = defineAbilityFor({ id: 'd', role: 'cx_director' });
    expect(director.can('approve', 'Segment')).toBe(true);
    expect(director.can('create', subject('Attachment', { productOwnerId: 'p1' }))).toBe(false);
    const analyst = defineAbilityFor({ id: 'a', role: 'analyst' });
    expect(analyst.can('read', 'ValueStream')).toBe(true);
    expect(analyst.can('update', 'JobMap')).toBe(false);
  });

  it('round-trips packed rules to an identical ability (what the admin rebuilds)', () => {
    const a = defineAbilityFor(owner1);
    const b = abilityFromPacked(JSON.parse(JSON.stringify(packAbility(a))));
    for (const ownerId of ['u-owner1', 'u-owner2']) {
      expect(b.can('update', subject('Segment', { ownerId }))).toBe(a.can('update', subject('Segment', { ownerId })));
    }
    expect(packAbility(b)).toEqual(packAbility(a));
  });
});
