/**
 * Copy a schedule or a link, and say what happened in words the page shows: "Link copied: …", or,
 * where the clipboard is refused (no permission, an insecure frame), "Copy this link: …" with the
 * text itself, so the reader can still select it. Used by the runner, the step view and challenges.
 */
export async function copyText(text: string, what: string): Promise<{ ok: boolean; message: string }> {
  try {
    await navigator.clipboard.writeText(text);
    return { ok: true, message: `${what} copied: ${text}` };
  } catch {
    return { ok: false, message: `Copy this ${what.toLowerCase()}: ${text}` };
  }
}
