// The import direction of the house (ADR 020), checked by `npm run lint`:
//   routes -> guards -> (models, content, web) -> infra -> db
// with domain/ pure (any layer may use it; it imports nothing of ours but types) and jobs/ an
// entry point beside routes. A module may import any layer below its own, never one above.
// Tests beside a module are not checked: a test may reach wherever it needs to.

const not = (...folders) => `^app/(${folders.join('|')})/`;
const from = (folder) => ({ path: `^app/${folder}/`, pathNot: '\\.test\\.tsx?$' });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'nothing-imports-routes',
      comment: 'Route modules are leaves: shared code lives in guards, models, domain, content or web.',
      severity: 'error',
      from: { path: '^(app|db)/', pathNot: ['^app/routes/', '\\.test\\.tsx?$'] },
      to: { path: '^app/routes/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'app/domain imports nothing of ours but types (ADR 020), and no I/O.',
      severity: 'error',
      from: from('domain'),
      to: { path: ['^app/(?!domain/)', '^db/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-no-io',
      comment: 'app/domain does no I/O: no file system, network, database or process modules.',
      severity: 'error',
      from: from('domain'),
      to: { path: '^(node:)?(fs|path|net|http|https|child_process|worker_threads)$|^(kysely|better-sqlite3|pg)$' },
    },
    {
      name: 'guards-below-routes',
      severity: 'error',
      from: from('guards'),
      to: { path: not('routes', 'jobs', 'components') },
    },
    {
      name: 'models-below-guards-and-web',
      comment: 'Models take a db and plain values: no request helpers, guards, routes or UI.',
      severity: 'error',
      from: from('models'),
      to: { path: not('routes', 'guards', 'web', 'jobs', 'components') },
    },
    {
      name: 'content-below-guards-and-web',
      severity: 'error',
      from: from('content'),
      to: { path: not('routes', 'guards', 'web', 'jobs') },
    },
    {
      name: 'views-name-model-shapes-only',
      comment:
        'app/views turn what a model returned into what a page shows: they may name model types, never call models, guards or infra.',
      severity: 'error',
      from: from('views'),
      to: { path: not('routes', 'guards', 'jobs', 'infra', 'content', 'components') },
    },
    {
      name: 'views-no-model-code',
      severity: 'error',
      from: from('views'),
      to: { path: '^app/models/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-below-guards',
      comment: 'app/web: form, date and redirect helpers; they know nothing of models or guards.',
      severity: 'error',
      from: from('web'),
      to: { path: not('routes', 'guards', 'models', 'content', 'jobs', 'components') },
    },
    {
      name: 'infra-below-models',
      comment: 'app/infra: db handle, env, sessions, hashing, mail transport. Only db/ and domain below it.',
      severity: 'error',
      from: from('infra'),
      to: { path: not('routes', 'guards', 'web', 'models', 'content', 'jobs', 'components') },
    },
    {
      name: 'jobs-are-entry-points',
      severity: 'error',
      from: from('jobs'),
      to: { path: not('routes', 'guards', 'web', 'components') },
    },
    {
      name: 'components-stay-in-the-browser',
      comment: 'Components are sent to the browser: no server modules, and no layer that holds them.',
      severity: 'error',
      from: from('components'),
      to: { path: ['\\.server\\.tsx?$', not('routes', 'guards', 'models', 'infra', 'jobs')] },
    },
    {
      name: 'db-does-not-import-app',
      comment: 'db/ (schema, migrations frozen in time, connection) stands alone.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^app/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(app|db)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|public/build|node_modules|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
