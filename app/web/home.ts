import type { Role } from '../../db/schema';

/** Where each role lands after logging in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'trainer':
      return '/trainer';
    case 'author':
      return '/author';
    case 'admin':
      return '/admin';
    default:
      return '/courses';
  }
}
