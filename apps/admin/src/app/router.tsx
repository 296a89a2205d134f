import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/pages/sign-in.page';
import { CustomersPage } from '../features/customers/pages/customers.page';
import { MyProductsPage } from '../features/products/pages/my-products.page';
import { MySegmentsPage } from '../features/segments/pages/my-segments.page';
import { UsersPage } from '../features/users/pages/users.page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './not-found.page';
import { HomeRedirect, RouteGuard } from './route-guard';
import { SessionGate } from './session-gate';

// Pages with charts pull in ECharts; load them on demand so sign-in stays light.
const PortfolioPage = lazy(() => import('../features/segments/pages/portfolio.page').then((m) => ({ default: m.PortfolioPage })));
const SegmentPage = lazy(() => import('../features/segments/pages/segment.page').then((m) => ({ default: m.SegmentPage })));
const CustomerPage = lazy(() => import('../features/customers/pages/customer.page').then((m) => ({ default: m.CustomerPage })));
const ImportWizardPage = lazy(() => import('../features/imports/pages/import-wizard.page').then((m) => ({ default: m.ImportWizardPage })));
const ModelsPage = lazy(() => import('../features/segmentation/pages/models.page').then((m) => ({ default: m.ModelsPage })));
const ModelEditorPage = lazy(() => import('../features/segmentation/pages/model-editor.page').then((m) => ({ default: m.ModelEditorPage })));
const RunsPage = lazy(() => import('../features/segmentation/pages/runs.page').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('../features/segmentation/pages/run.page').then((m) => ({ default: m.RunPage })));
const ComparePage = lazy(() => import('../features/segmentation/pages/compare.page').then((m) => ({ default: m.ComparePage })));
const PromotionsPage = lazy(() => import('../features/segmentation/pages/promotions.page').then((m) => ({ default: m.PromotionsPage })));
const ApiTokensPage = lazy(() => import('../features/api-tokens/pages/api-tokens.page').then((m) => ({ default: m.ApiTokensPage })));
const SettingsPage = lazy(() => import('../features/settings/pages/settings.page').then((m) => ({ default: m.SettingsPage })));
const DataOverviewPage = lazy(() => import('../features/data/pages/data-overview.page').then((m) => ({ default: m.DataOverviewPage })));

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <SessionGate />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'portfolio', element: <RouteGuard nav="portfolio"><PortfolioPage /></RouteGuard> },
          { path: 'my-segments', element: <RouteGuard nav="mySegments"><MySegmentsPage /></RouteGuard> },
          { path: 'my-products', element: <RouteGuard nav="myProducts"><MyProductsPage /></RouteGuard> },
          { path: 'data', element: <RouteGuard nav="data"><DataOverviewPage /></RouteGuard> },
          { path: 'data/import', element: <RouteGuard nav="data"><ImportWizardPage /></RouteGuard> },
          { path: 'data/imports/:id', element: <RouteGuard nav="data"><ImportWizardPage /></RouteGuard> },
          { path: 'models', element: <RouteGuard nav="models"><ModelsPage /></RouteGuard> },
          { path: 'models/:id', element: <RouteGuard nav="models"><ModelEditorPage /></RouteGuard> },
          { path: 'runs', element: <RouteGuard nav="runs"><RunsPage /></RouteGuard> },
          { path: 'runs/compare', element: <RouteGuard nav="runs"><ComparePage /></RouteGuard> },
          { path: 'runs/:id', element: <RunPage /> },
          { path: 'promotions', element: <RouteGuard nav="promotions"><PromotionsPage /></RouteGuard> },
          { path: 'users', element: <RouteGuard nav="users"><UsersPage /></RouteGuard> },
          { path: 'settings', element: <RouteGuard nav="settings"><SettingsPage /></RouteGuard> },
          { path: 'customers', element: <RouteGuard nav="customers"><CustomersPage /></RouteGuard> },
          { path: 'customers/:id', element: <RouteGuard nav="customers"><CustomerPage /></RouteGuard> },
          { path: 'segments/:id/:tab?', element: <SegmentPage /> },
          { path: 'api-tokens', element: <RouteGuard nav="apiTokens"><ApiTokensPage /></RouteGuard> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
