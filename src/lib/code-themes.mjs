// @ts-check
/**
 * Shiki themes for every code block on the site (Markdown fences, examples, snippets), chosen
 * for contrast: axe-core checks every token against WCAG AA in both themes. The plain
 * github-light/github-dark themes fail it (grey comments).
 */
export const codeThemes = /** @type {const} */ ({ light: 'github-light-default', dark: 'github-dark-default' });

/**
 * Wraps a highlighted `<pre>` in `<div class="code-block">` at build time, the box the copy button
 * sits in. Doing it in the page instead (PageEnhancements once moved every `<pre>` into a new div
 * on load) made Chromium style and lay out every token of every block a second time: the longest
 * task on a long article. Used by Markdown fences and the `<Code>` of snippets and twins; an
 * example's source is one copy unit of several blocks and has its own box.
 * @type {import('shiki').ShikiTransformer}
 */
export const codeBlockBox = {
  name: 'interleave:code-block-box',
  root(root) {
    // Shiki's root holds just the <pre> element, so its children are element content.
    const children = /** @type {import('hast').ElementContent[]} */ (root.children);
    root.children = [{ type: 'element', tagName: 'div', properties: { class: 'code-block' }, children }];
  },
};
