/**
 * Mesos role names and their hierarchy: 'a/b' is a child of 'a'. The rules follow Mesos'
 * `roles::validate`: no empty components, no '.' or '..', no leading '-', no whitespace or
 * control characters, and '*' only as the whole name (the default, unreserved role).
 */

export const ANY_ROLE = '*';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\s\x00-\x1f\x7f\\]/;

/** Why `role` is not a valid role name, or undefined when it is. */
export function roleProblem(role: string): string | undefined {
  if (role === '') return 'role name must not be empty';
  if (role === ANY_ROLE) return undefined;
  if (FORBIDDEN.test(role)) return `role '${role}' contains whitespace, a backslash or a control character`;
  for (const component of role.split('/')) {
    if (component === '') return `role '${role}' has an empty path component`;
    if (component === '.' || component === '..') return `role '${role}' uses '${component}' as a component`;
    if (component.startsWith('-')) return `role '${role}' has a component starting with '-'`;
    if (component === ANY_ROLE) return `role '${role}' uses '*' as a component`;
  }
  return undefined;
}

/** True when `ancestor` is `role` itself or one of its parents ('a' for 'a/b/c'). */
export function isRoleOrAncestor(ancestor: string, role: string): boolean {
  return role === ancestor || (role.length > ancestor.length && role.startsWith(ancestor) && role[ancestor.length] === '/');
}

/** True when `child` is strictly below `parent` in the hierarchy. */
export function isStrictDescendant(child: string, parent: string): boolean {
  return child !== parent && isRoleOrAncestor(parent, child);
}
