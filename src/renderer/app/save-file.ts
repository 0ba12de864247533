/** Saving what the back end produced: a download in the browser host; in the desktop program the download goes to the save dialog. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveTextFile(fileName: string, text: string, type: string): void {
  save(new Blob([text], { type }), fileName);
}

export function saveBase64File(fileName: string, base64: string, type: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  save(new Blob([bytes], { type }), fileName);
}
