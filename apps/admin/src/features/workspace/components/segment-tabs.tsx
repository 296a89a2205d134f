import { subject, type AppAbility } from '@cxs/authz';
import type { SegmentDto } from '@cxs/contracts';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface SegmentTabProps {
  segment: SegmentDto;
}

export interface SegmentTab {
  /** URL segment: /segments/:id/<key> */
  key: string;
  /** i18n key of the label. */
  label: string;
  testId: string;
  /** Who sees the tab (cosmetic; the API refuses what the ability forbids). */
  visible: (ability: AppAbility, segment: SegmentDto) => boolean;
  component: LazyExoticComponent<ComponentType<SegmentTabProps>>;
}

const tab = (load: () => Promise<{ default: ComponentType<SegmentTabProps> }>) => lazy(load);

/**
 * The segment page's tabs, in order. The first visible tab is the default.
 * Other features add their tab here (a lazy component taking `{ segment }`):
 * the segment P&L (issue 7) slots in after the card as `{ key: 'pnl', … }`,
 * visible when `ability.can('read', subject('SegmentPnl', { ownerId: segment.ownerId }))`.
 */
export const SEGMENT_TABS: SegmentTab[] = [
  {
    key: 'card',
    label: 'workspace.tabs.card',
    testId: 'tab-card',
    visible: (a) => a.can('read', 'Segment'),
    component: tab(() => import('./card-tab').then((m) => ({ default: m.CardTab }))),
  },
  {
    key: 'pnl',
    label: 'workspace.tabs.pnl',
    testId: 'tab-pnl',
    visible: (a, s) => a.can('read', subject('SegmentPnl', { ownerId: s.ownerId })),
    component: tab(() => import('../../pnl/components/segment-pnl-tab').then((m) => ({ default: m.SegmentPnlTab }))),
  },
  {
    key: 'scenarios',
    label: 'workspace.tabs.scenarios',
    testId: 'tab-scenarios',
    visible: (a) => a.can('read', 'Scenario'),
    component: tab(() => import('./scenarios-tab').then((m) => ({ default: m.ScenariosTab }))),
  },
  {
    key: 'job-map',
    label: 'workspace.tabs.jobMap',
    testId: 'tab-job-map',
    visible: (a) => a.can('read', 'JobMap'),
    component: tab(() => import('./job-map-tab').then((m) => ({ default: m.JobMapTab }))),
  },
  {
    key: 'board',
    label: 'workspace.tabs.board',
    testId: 'tab-board',
    visible: (a) => a.can('read', 'ValueStream'),
    component: tab(() => import('./board-tab').then((m) => ({ default: m.BoardTab }))),
  },
  {
    key: 'members',
    label: 'workspace.tabs.members',
    testId: 'tab-members',
    visible: (a) => a.can('read', 'Customer'),
    component: tab(() => import('./members-tab').then((m) => ({ default: m.MembersTab }))),
  },
  {
    key: 'history',
    label: 'workspace.tabs.history',
    testId: 'tab-history',
    visible: (a) => a.can('read', 'Segment'),
    component: tab(() => import('./history-tab').then((m) => ({ default: m.HistoryTab }))),
  },
];
