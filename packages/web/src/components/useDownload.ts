import { useMutation } from '@tanstack/react-query';
import { useReportError } from './useReportError.ts';

interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

/** Hands a fetched file to the browser as a download (object URL → a clicked link). */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Let the browser start reading the blob before it goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A download that can fail visibly: `mutate()` fetches the file, saves it, and shows the
 * server's error as a message; `isPending` drives the button's loading state.
 */
export function useDownload<I>(load: (input: I) => Promise<DownloadedFile>, fallbackName: string) {
  const reportError = useReportError();
  return useMutation({
    mutationFn: load,
    onSuccess: (file) => saveFile(file, fallbackName),
    onError: (error) => reportError(error),
  });
}
