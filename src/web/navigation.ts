import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { withWords } from './i18n/index.ts';

/** One entry of the menu and the page it opens, loaded when first visited. */
export type Destination = {
  path: string;
  /** i18n key of its name in the menu */
  label: string;
  /** shown and reachable only with this permission (Me.permissions) */
  permission?: string;
  /** shown only to CSO users: people who act for an organisation of the register */
  forCsoUsers?: boolean;
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
    permission: 'register:read',
    page: lazy(() => import('../modules/register/pages/register-list.tsx')),
    pages: [
      { path: '/register/new', page: lazy(() => import('../modules/register/pages/organisation-new.tsx')) },
      { path: '/register/renewals', page: lazy(() => import('../modules/register/pages/renewals.tsx')) },
      { path: '/register/import', page: lazy(() => import('../modules/register/pages/import.tsx')) },
      { path: '/register/reviews', page: lazy(() => import('../modules/register/pages/reviews.tsx')) },
      {
        path: '/register/:id/edit',
        page: lazy(() => import('../modules/register/pages/organisation-edit.tsx')),
      },
      { path: '/register/:id', page: lazy(() => import('../modules/register/pages/organisation-page.tsx')) },
    ],
  },
  {
    path: '/partnerships',
    label: 'partnerships.nav',
    permission: 'partnerships:read',
    page: lazy(() =>
      withWords(
        import('../modules/partnerships/pages/words.ts'),
        import('../modules/partnerships/pages/partnership-list.tsx'),
      ),
    ),
    pages: [
      {
        path: '/partnerships/new',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-new.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/board',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-board.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/pool',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-pool.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/committee',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/committee.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/my-decisions',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/my-decisions.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/reviews',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-reviews.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/overdue-actions',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/overdue-actions.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/due-diligence-templates',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/due-diligence-templates.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/:id/edit',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-edit.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/:id',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-page.tsx'),
          ),
        ),
      },
    ],
  },
  {
    path: '/portal',
    label: 'portal.nav',
    forCsoUsers: true,
    page: lazy(() => import('../modules/register/pages/portal-home.tsx')),
    pages: [
      { path: '/portal/:id/edit', page: lazy(() => import('../modules/register/pages/portal-edit.tsx')) },
      {
        path: '/portal/:id/partnerships/:partnershipId',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/portal-partnership.tsx'),
          ),
        ),
      },
      {
        path: '/portal/:id/partnerships',
        page: lazy(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/portal-partnerships.tsx'),
          ),
        ),
      },
      {
        path: '/portal/:id/dialogue',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/portal-dialogue.tsx'),
          ),
        ),
      },
      {
        path: '/portal/:id/consultations/:consultationId',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/portal-consultation.tsx'),
          ),
        ),
      },
      { path: '/portal/:id', page: lazy(() => import('../modules/register/pages/portal-organisation.tsx')) },
    ],
  },
  {
    path: '/dialogue',
    label: 'dialogue.nav',
    permission: 'dialogue:read',
    page: lazy(() =>
      withWords(
        import('../modules/dialogue/pages/words.ts'),
        import('../modules/dialogue/pages/policy-list.tsx'),
      ),
    ),
    pages: [
      {
        path: '/dialogue/policies/new',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/policy-new.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/policies/:id',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/policy-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/meetings',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/meeting-list.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/meetings/new',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/meeting-new.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/meetings/:id',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/meeting-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/calendar',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/calendar.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/consultations',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/consultation-list.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/consultations/:id',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/consultation-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/bodies',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/body-list.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/bodies/new',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/body-new.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/bodies/:id',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/body-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/open-door',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/published-contacts.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/announcements',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/announcements.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/disclosures',
        page: lazy(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/disclosures.tsx'),
          ),
        ),
      },
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
