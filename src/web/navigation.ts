import { prefetchRegisterList } from '../modules/register/pages/list-queries.ts';
import { withWords } from './i18n/index.ts';
import { lazyPage, matchesPath, type LazyPage, type Prefetch } from './lazy-page.ts';

/** A page at an address, loaded when first visited. */
type Page = {
  path: string;
  page: LazyPage;
  /**
   * Its first data, asked for as soon as /me says the person may open it, beside its code rather
   * than after it (decision 0029). Imported here, so it is in the start chunk: keep it to query
   * definitions, without components.
   */
  prefetch?: Prefetch;
};

/** One entry of the menu and the page it opens, loaded when first visited. */
export type Destination = Page & {
  /** i18n key of its name in the menu */
  label: string;
  /** shown and reachable only with this permission (Me.permissions) */
  permission?: string;
  /** shown only to CSO users: people who act for an organisation of the register */
  forCsoUsers?: boolean;
  /** more pages under it, most specific first (e.g. '/register/new' before '/register/:id') */
  pages?: Page[];
};

/**
 * The domains, in menu order. Each module adds its entry as it lands, with pages from its own
 * folder (src/modules/<domain>/pages), e.g. `{ path: '/register', label: 'register.nav',
 * page: lazyPage(() => import('../modules/register/pages/register-list.tsx')), pages: [...] }`.
 */
export const modules: Destination[] = [
  { path: '/', label: 'nav.home', page: lazyPage(() => import('./pages/home.tsx')) },
  {
    path: '/register',
    label: 'register.nav',
    permission: 'register:read',
    page: lazyPage(() => import('../modules/register/pages/register-list.tsx')),
    prefetch: prefetchRegisterList,
    pages: [
      {
        path: '/register/new',
        page: lazyPage(() => import('../modules/register/pages/organisation-new.tsx')),
      },
      { path: '/register/renewals', page: lazyPage(() => import('../modules/register/pages/renewals.tsx')) },
      { path: '/register/import', page: lazyPage(() => import('../modules/register/pages/import.tsx')) },
      { path: '/register/reviews', page: lazyPage(() => import('../modules/register/pages/reviews.tsx')) },
      {
        path: '/register/:id/edit',
        page: lazyPage(() => import('../modules/register/pages/organisation-edit.tsx')),
      },
      {
        path: '/register/:id',
        page: lazyPage(() => import('../modules/register/pages/organisation-page.tsx')),
      },
    ],
  },
  {
    path: '/partnerships',
    label: 'partnerships.nav',
    permission: 'partnerships:read',
    page: lazyPage(() =>
      withWords(
        import('../modules/partnerships/pages/words.ts'),
        import('../modules/partnerships/pages/partnership-list.tsx'),
      ),
    ),
    pages: [
      {
        path: '/partnerships/new',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-new.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/board',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-board.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/pool',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-pool.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/committee',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/committee.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/my-decisions',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/my-decisions.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/reviews',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-reviews.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/overdue-actions',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/overdue-actions.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/due-diligence-templates',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/due-diligence-templates.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/:id/edit',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/partnership-edit.tsx'),
          ),
        ),
      },
      {
        path: '/partnerships/:id',
        page: lazyPage(() =>
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
    page: lazyPage(() => import('../modules/register/pages/portal-home.tsx')),
    pages: [
      { path: '/portal/:id/edit', page: lazyPage(() => import('../modules/register/pages/portal-edit.tsx')) },
      {
        path: '/portal/:id/partnerships/:partnershipId',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/portal-partnership.tsx'),
          ),
        ),
      },
      {
        path: '/portal/:id/partnerships',
        page: lazyPage(() =>
          withWords(
            import('../modules/partnerships/pages/words.ts'),
            import('../modules/partnerships/pages/portal-partnerships.tsx'),
          ),
        ),
      },
      {
        path: '/portal/:id/dialogue',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/portal-dialogue.tsx'),
          ),
        ),
      },
      {
        path: '/portal/:id/consultations/:consultationId',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/portal-consultation.tsx'),
          ),
        ),
      },
      {
        path: '/portal/:id',
        page: lazyPage(() => import('../modules/register/pages/portal-organisation.tsx')),
      },
    ],
  },
  {
    path: '/dialogue',
    label: 'dialogue.nav',
    permission: 'dialogue:read',
    page: lazyPage(() =>
      withWords(
        import('../modules/dialogue/pages/words.ts'),
        import('../modules/dialogue/pages/policy-list.tsx'),
      ),
    ),
    pages: [
      {
        path: '/dialogue/policies/new',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/policy-new.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/policies/:id',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/policy-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/meetings',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/meeting-list.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/meetings/new',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/meeting-new.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/meetings/:id',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/meeting-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/calendar',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/calendar.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/consultations',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/consultation-list.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/consultations/:id',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/consultation-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/bodies',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/body-list.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/bodies/new',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/body-new.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/bodies/:id',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/body-page.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/open-door',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/published-contacts.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/announcements',
        page: lazyPage(() =>
          withWords(
            import('../modules/dialogue/pages/words.ts'),
            import('../modules/dialogue/pages/announcements.tsx'),
          ),
        ),
      },
      {
        path: '/dialogue/disclosures',
        page: lazyPage(() =>
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
    page: lazyPage(() => import('./pages/admin-users/index.tsx')),
  },
  {
    path: '/admin/agency',
    label: 'nav.agency',
    permission: 'agency:manage',
    page: lazyPage(() => import('./pages/admin-agency.tsx')),
  },
  {
    path: '/admin/audit',
    label: 'nav.audit',
    permission: 'audit:read',
    page: lazyPage(() => import('./pages/admin-audit/index.tsx')),
  },
  {
    path: '/admin/demonstration-data',
    label: 'nav.demonstration',
    permission: 'demonstration-data:load',
    page: lazyPage(() => import('./pages/admin-demonstration.tsx')),
  },
];

export const profile: Destination = {
  path: '/profile',
  label: 'nav.profile',
  page: lazyPage(() => import('./pages/profile/index.tsx')),
};

/** The signed-in page at an address, in the shell's order (a module's own pages before it). */
export function signedInPageAt(
  path: string,
): { page: LazyPage; prefetch?: Prefetch; permission?: string } | undefined {
  const routes = [...modules, ...administration, profile].flatMap((destination) =>
    [...(destination.pages ?? []), destination].map((route) => ({
      path: route.path,
      page: route.page,
      prefetch: route.prefetch,
      permission: destination.permission,
    })),
  );
  return routes.find((route) => matchesPath(route.path, path));
}
