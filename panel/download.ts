/**
 * Saves text as a download: a Blob behind <a download>. The panel lives in a cross-origin frame
 * inside DevTools, where the save-file picker is not offered (platform facts §6).
 */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  downloadParts(fileName, mimeType, [text]);
}

/**
 * The same for a file in parts: the Blob takes them as they are, no one string of the whole file.
 * Parts of bytes (the exports' UTF-8) are only copied; strings the Blob has to encode first.
 */
export function downloadParts(fileName: string, mimeType: string, parts: BlobPart[]): void {
  const url = URL.createObjectURL(new Blob(parts, { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; the URL only needs to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
