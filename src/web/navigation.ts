import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** One entry of the menu and the page it opens, loaded when first visited. */
export type Destination = {
  path: string;
  /** i18n key of its name in the menu */
  label: string;
  /** shown and reachable only with this permission (Me.permissions) */
  permission?: string;
  page: LazyExoticComponent<ComponentType>;
  /** more pages under it, most specific first (e.g. '/register/new' before '/register/:id') */
  pages?: { path: string; page: LazyExoticComponent<ComponentType> }[];
};

/**
 * The domains, in menu order. Each module adds its entry as it lands, with pages from its own
 * folder (src/modules/<domain>/pages), e.g. `{ path: '/register', label: 'register.nav',
 * page: lazy(() => import('../modules/register/pages/register-list.tsx')), pages: [...] }`.
 */
export const modules: Destination[] = [
  { path: '/', label: 'nav.home', page: lazy(() => import('./pages/home.tsx')) },
  {
    path: '/register',
    label: 'register.nav',
    page: lazy(() => import('../modules/register/pages/register-list.tsx')),
    pages: [
      { path: '/register/new', page: lazy(() => import('../modules/register/pages/organisation-new.tsx')) },
      { path: '/register/renewals', page: lazy(() => import('../modules/register/pages/renewals.tsx')) },
      { path: '/register/import', page: lazy(() => import('../modules/register/pages/import.tsx')) },
      {
        path: '/register/:id/edit',
        page: lazy(() => import('../modules/register/pages/organisation-edit.tsx')),
      },
      { path: '/register/:id', page: lazy(() => import('../modules/register/pages/organisation-page.tsx')) },
    ],
  },
  {
    path: '/dialogue',
    label: 'dialogue.nav',
    permission: 'dialogue:read',
    page: lazy(() => import('../modules/dialogue/pages/policy-list.tsx')),
    pages: [
      {
        path: '/dialogue/policies/new',
        page: lazy(() => import('../modules/dialogue/pages/policy-new.tsx')),
      },
      {
        path: '/dialogue/policies/:id',
        page: lazy(() => import('../modules/dialogue/pages/policy-page.tsx')),
      },
      { path: '/dialogue/meetings', page: lazy(() => import('../modules/dialogue/pages/meeting-list.tsx')) },
      {
        path: '/dialogue/meetings/new',
        page: lazy(() => import('../modules/dialogue/pages/meeting-new.tsx')),
      },
      {
        path: '/dialogue/meetings/:id',
        page: lazy(() => import('../modules/dialogue/pages/meeting-page.tsx')),
      },
      { path: '/dialogue/calendar', page: lazy(() => import('../modules/dialogue/pages/calendar.tsx')) },
      {
        path: '/dialogue/consultations',
        page: lazy(() => import('../modules/dialogue/pages/consultation-list.tsx')),
      },
      {
        path: '/dialogue/consultations/:id',
        page: lazy(() => import('../modules/dialogue/pages/consultation-page.tsx')),
      },
      { path: '/dialogue/bodies', page: lazy(() => import('../modules/dialogue/pages/body-list.tsx')) },
      { path: '/dialogue/bodies/new', page: lazy(() => import('../modules/dialogue/pages/body-new.tsx')) },
      { path: '/dialogue/bodies/:id', page: lazy(() => import('../modules/dialogue/pages/body-page.tsx')) },
    ],
  },
];

export const administration: Destination[] = [
  {
    path: '/admin/users',
    label: 'nav.users',
    permission: 'users:manage',
    page: lazy(() => import('./pages/admin-users/index.tsx')),
  },
  {
    path: '/admin/agency',
    label: 'nav.agency',
    permission: 'agency:manage',
    page: lazy(() => import('./pages/admin-agency.tsx')),
  },
  {
    path: '/admin/audit',
    label: 'nav.audit',
    permission: 'audit:read',
    page: lazy(() => import('./pages/admin-audit/index.tsx')),
  },
  {
    path: '/admin/demonstration-data',
    label: 'nav.demonstration',
    permission: 'demonstration-data:load',
    page: lazy(() => import('./pages/admin-demonstration.tsx')),
  },
];

export const profile: Destination = {
  path: '/profile',
  label: 'nav.profile',
  page: lazy(() => import('./pages/profile/index.tsx')),
};
