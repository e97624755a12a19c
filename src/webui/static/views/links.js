import { h } from '../dom.js';

const enc = encodeURIComponent;
export const taskHref = (t) => `#/tasks/${enc(t.framework_id)}/${enc(t.id)}`;
export const sandboxHref = (t) => `#/tasks/${enc(t.framework_id)}/${enc(t.id)}/sandbox`;
export const agentHref = (id) => `#/agents/${enc(id)}`;
export const frameworkHref = (id) => `#/frameworks/${enc(id)}`;

export const taskLink = (t) => h('a', { href: taskHref(t) }, t.name || t.id);
