/** Every built page is valid HTML (html-validate, recommended rules; exceptions justified below). */
import { describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { builtPages } from './pages';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Shiki colours code at build time with inline styles (light colour + --shiki-dark variable).
    'no-inline-style': 'off',
    // Astro emits <!DOCTYPE html>; the rule only wants lowercase.
    'doctype-style': 'off',
    // Astro's attribute quoting and void-element style are its own; validity is what we check.
    'void-style': 'off',
    'attribute-boolean-style': 'off',
    // Astro inlines small module scripts; they are ours and covered by the JS budget.
    'no-implicit-close': 'off',
    // Sätteri/Astro place newlines between elements (e.g. "\n" in <pre>); formatting, not validity.
    'no-trailing-whitespace': 'off',
    // The heading link is text-less by design: its name is its aria-label ("Link to this section: …").
    'text-content': 'off',
  },
});

describe('valid HTML', () => {
  for (const page of builtPages()) {
    it(`${page.url} is valid`, async () => {
      // Astro puts one <style> for <astro-island> in the body before the first island; it is
      // Astro's, not ours, and harmless, but HTML only permits <style> in <head>.
      const html = page.html.replace('<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>', '');
      const report = await validator.validateString(html, page.file);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message} [${m.selector ?? ''}]`),
      );
      expect(messages).toEqual([]);
    });
  }
});
