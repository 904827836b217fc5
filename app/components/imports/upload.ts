/** POSTs a form with XMLHttpRequest so the upload's progress can be shown (fetch cannot report it). */
export function uploadWithProgress(
  url: string,
  body: FormData,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => resolve({ status: xhr.status, json: xhr.response ?? { error: xhr.statusText } });
    xhr.onerror = () => reject(new Error("network error"));
    xhr.send(body);
  });
}

export { modelFromFileName } from "~/domain/import/file-names";
