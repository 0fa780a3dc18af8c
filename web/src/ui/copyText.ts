/** Copies text, falling back to a hidden textarea where the Clipboard API is missing (plain http, older browsers). */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const scratch = document.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.style.position = 'fixed';
  scratch.style.opacity = '0';
  document.body.appendChild(scratch);
  scratch.select();
  try {
    if (!document.execCommand('copy')) throw new Error('Your browser would not copy. Select the text and copy it by hand.');
  } finally {
    scratch.remove();
  }
}

/** A mailto: link with a subject and body, the address kept readable. */
export function mailtoLink(email: string, subject: string, body: string): string {
  const to = encodeURIComponent(email).replace(/%40/g, '@');
  const query = [subject.trim() ? `subject=${encodeURIComponent(subject.trim())}` : '', `body=${encodeURIComponent(body)}`].filter(Boolean).join('&');
  return `mailto:${to}?${query}`;
}
