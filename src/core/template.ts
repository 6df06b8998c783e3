import Mustache from 'mustache';

/**
 * Renders a file template (nginx, Dockerfile) with mustache, without HTML escaping: every value is validated or
 * produced by paas before it gets here, and none may carry user-supplied free text.
 */
export function renderTemplate(template: string, view: object): string {
  return Mustache.render(template, view, undefined, { escape: (value: unknown) => String(value) });
}
