// A PUT of a file with upload progress. fetch() cannot report how much of a request body has
// been sent, XMLHttpRequest can (upload.onprogress), so the upload form uses it.

export interface PutResult {
  // 0 when the request never got an answer (network error, aborted).
  status: number;
  body: unknown;
}

export function putWithProgress(
  url: string,
  file: Blob,
  headers: Record<string, string>,
  onProgress: (sent: number, total: number) => void,
): Promise<PutResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.upload.onload = () => onProgress(file.size, file.size);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: the status alone tells the story.
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    xhr.onabort = () => resolve({ status: 0, body: null });
    xhr.send(file);
  });
}
