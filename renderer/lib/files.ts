/** Files in and out of the browser: a Blob download link, and reading a chosen or dropped file as text. */

export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // the download has started reading the blob by now; free it a little later
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The first .json file of a drop, or null. */
export function jsonFileOf(list: FileList | null | undefined): File | null {
  if (!list) return null;
  for (const f of Array.from(list)) if (f.name.toLowerCase().endsWith('.json') || f.type === 'application/json') return f;
  return null;
}

export function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}
