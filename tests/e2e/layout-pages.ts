// The pages the layout walks visit (tests/e2e/layout.spec.ts and spanish-layout.spec.ts), by the
// demo account that sees them. The trainer's walk adds the Demo cohort's page once it knows its id.
export const LAYOUT_PAGES: Record<string, readonly string[]> = {
  'trainee@example.org': [
    '/courses',
    '/courses/peer-support-core',
    '/account',
    '/notifications',
    '/courses/peer-support-core/practice',
    '/courses/peer-support-core/transcript',
  ],
  'trainer@example.org': ['/trainer', '/trainer/analysis', '/trainer/grading', '/trainer/announcements', '/trainer/practice'],
  'admin@example.org': ['/admin', '/admin/audit'],
  'author@example.org': ['/author'],
};

export const SIGNED_OUT_PAGES: readonly string[] = ['/', '/login', '/signup', '/forgot-password', '/about', '/verify'];
