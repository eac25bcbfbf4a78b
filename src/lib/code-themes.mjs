// @ts-check
/**
 * Shiki themes for every code block on the site (Markdown fences, examples, snippets), chosen
 * for contrast: axe-core checks every token against WCAG AA in both themes. The plain
 * github-light/github-dark themes fail it (grey comments).
 */
export const codeThemes = /** @type {const} */ ({ light: 'github-light-default', dark: 'github-dark-default' });
