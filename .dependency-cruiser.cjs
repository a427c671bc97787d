// The layout rules of ARCHITECTURE.md, checked in npm test:
// a module reaches another only through its index.ts; the platform never reaches into modules;
// the web app never imports server code (only pages and contracts of modules).
module.exports = {
  forbidden: [
    {
      name: 'modules-only-through-index',
      severity: 'error',
      comment: "A module uses another module only through that module's index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'platform-does-not-know-modules',
      severity: 'error',
      comment: 'Platform code is shared by every module and depends on none of them.',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'web-never-imports-server-code',
      severity: 'error',
      comment: 'The browser bundle must not pull in server code.',
      from: { path: '^src/(web/|modules/[^/]+/pages/)' },
      to: {
        path: '^src/(platform|modules|main\\.ts|modules\\.ts)',
        pathNot: [
          '^src/modules/[^/]+/pages/',
          '^src/modules/[^/]+/contracts\\.ts$',
          // contracts a module keeps beside them (agreement-contracts.ts, ...)
          '^src/modules/[^/]+/[a-z]+-contracts\\.ts$',
          '^src/web/',
        ],
      },
    },
    {
      name: 'server-never-imports-pages',
      severity: 'error',
      from: { path: '^src/(platform|main\\.ts|modules/[^/]+/(?!pages/))' },
      to: { path: '^src/(web/|modules/[^/]+/pages/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$|/testing/' },
  },
};
